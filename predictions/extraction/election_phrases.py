"""US general elections named without a date: "in the presidential election", "the coming election".

The date is the archive's own rule (``holidays.us_election_day``): the first general election
on or after the statement, in a year divisible by four for a presidential one and in any even
year otherwise. "The next election" is left alone: without a country it may be anyone's.
"""

import datetime
import re

from predictions.extraction.holidays import us_election_day

_ELECTION_PHRASE = re.compile(
    r"(?i:\b(?P<lead>in|at|by|before|until|during|ahead\s+of|for)\s+(?:the|this|next)\s+"
    r"(?P<kind>presidential|general|coming|upcoming|november|fall|autumn|midterm)\s+"
    r"(?:general\s+)?elections?\b)(?!\s+(?:in|of)\s+[A-Z])"
)
_EVERY = {"presidential": 4}


def us_general_election(
    sentence: str, made_on: datetime.date
) -> tuple[datetime.date, str, str] | None:
    """The election day a phrase of ``sentence`` names, its words and its lead preposition."""
    match = _ELECTION_PHRASE.search(sentence)
    if match is None:
        return None
    every = _EVERY.get(match.group("kind").lower(), 2)
    for year in range(made_on.year, made_on.year + every + 1):
        day = us_election_day(year)
        if day is not None and year % every == 0 and day >= made_on:
            lead = " ".join(match.group("lead").lower().split())
            return day, match.group(0), lead
    return None


# "before the end of his presidency", "by the time the president leaves office", "before the
# end of the president's term": the next US inauguration day ends it.
_PRESIDENCY_END = re.compile(
    r"(?i:\b(?P<lead>before|by|until|till|in)\s+(?:the\s+)?(?:end|close|remainder|rest)\s+of\s+"
    r"(?:(?:his|her|the|this|their)\s+)?(?:(?:current|second|first|final|remaining)\s+)?"
    r"(?P<what>presidency|administration|term|tenure)\b"
    r"|\b(?P<lead2>before|by\s+the\s+time|until)\s+(?:he|she|the\s+president)\s+leaves\s+office\b)"
)
_PRESIDENTIAL = re.compile(r"(?i:\bpresiden\w*|\bWhite\s+House\b|\bOval\s+Office\b)")


def us_presidency_end(
    sentence: str, made_on: datetime.date
) -> tuple[datetime.date, str, str] | None:
    """The inauguration day that ends a US presidential term the sentence names, if any.

    "Term" and "tenure" count only in a sentence about the presidency; "presidency" and
    "administration" speak for themselves.
    """
    match = _PRESIDENCY_END.search(sentence)
    if match is None:
        return None
    what = (match.group("what") or "").lower()
    if what in ("term", "tenure", "") and not _PRESIDENTIAL.search(sentence):
        return None
    year = made_on.year + 1
    while year % 4 != 1:
        year += 1
    day = datetime.date(year, 1, 20)
    if day <= made_on:
        day = datetime.date(year + 4, 1, 20)
    lead = " ".join((match.group("lead") or match.group("lead2") or "by").lower().split())
    if lead.startswith("by"):
        lead = "by"
    return day, match.group(0), lead
