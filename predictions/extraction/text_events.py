"""Scheduled events a text dates itself: "the Dakota caucuses on Feb. 1", "Tuesday's primary".

A forecast often names an event without its date ("before the Iowa contest", "by the next
election") while the same article dates it elsewhere. Those dated mentions become known events
for the part, beside the ones the archive has recorded, so the deadline reader can resolve the
undated mention the same way.
"""

import datetime
import re

from predictions.extraction.deadlines import EVENT_NOUNS
from predictions.extraction.events import KnownEvent
from predictions.extraction.timex import Period, find_timexes, resolve

# "the Dakota caucuses on Feb. 1", "the election, set for May 25", "the convention in Cleveland
# on July 18": an event phrase, then its day.
_EVENT_THEN_DAY = re.compile(
    r"(?P<phrase>(?:[A-Z][\w.'’-]*\s+|[a-z]+\s+){0,3}?" + EVENT_NOUNS + r")"
    r"(?:\s+(?:in|at)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|are|will\s+be)\s+)?(?:(?:scheduled|set|slated|due|held)"
    r"\s+)?(?:for|on)\s+$"
)
# "the Feb. 1 caucuses", "Tuesday's primary": the day, then the event.
_DAY_THEN_EVENT = re.compile(
    r"^(?:['’]s)?\s+(?P<phrase>(?:[A-Z][\w.'’-]*\s+|[a-z]+\s+){0,2}?" + EVENT_NOUNS + r")\b"
)
_LEADING_SMALL_WORDS = re.compile(r"^(?:(?:for|at|in|on|of|to|by|before|after|the|a|an)\s+)+")
_MAX_EVENTS = 40


def dated_events(text: str, made_on: datetime.date) -> tuple[KnownEvent, ...]:
    """The events ``text`` gives a single day for, each with the words that name it."""
    events: dict[str, KnownEvent] = {}
    # Only the stretches around an event noun can date an event: read their time expressions.
    for start, end in _windows(text):
        window = text[start:end]
        for timex in find_timexes(window):
            value = resolve(timex, made_on, "future")
            if not isinstance(value, Period) or value.grain != "day":
                continue
            before = window[max(0, timex.start - 80) : timex.start]
            after = window[timex.end : timex.end + 60]
            match = _EVENT_THEN_DAY.search(before) or _DAY_THEN_EVENT.match(after)
            if match is None:
                continue
            title = _LEADING_SMALL_WORDS.sub("", " ".join(match.group("phrase").split()))
            events.setdefault(title.lower(), KnownEvent(title, value.start))
            if len(events) >= _MAX_EVENTS:
                return tuple(events.values())
    return tuple(events.values())


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in _EVENT_NOUN.finditer(text):
        start, end = max(0, match.start() - _REACH), min(len(text), match.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


_EVENT_NOUN = re.compile(EVENT_NOUNS)
# How far from its event noun a day may stand: "the convention in Cleveland on July 18".
_REACH = 90
