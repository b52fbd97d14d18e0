"""The deadline a forecast sentence sets: the last day by which its outcome must come true.

The time expressions come from `timex.py`; this module decides which of them governs the predicted
outcome and what day it means as a deadline. "by", "before", "within", "until" and "no later than"
govern more strongly than a bare "in" or "on", which govern more than an expression with no
preposition; an expression in a past-tense clause ("the talks ended on Sunday", "he said on
Tuesday") or after "since"/"after" is a reference, never a deadline. Periods end on their last day
("in May" is 31 May, "next year" 31 December); "before" ends the day before ("before Christmas" is
24 December); spans count from the statement's date ("within six months"). A scheduled event the
sentence names ("before the presidential election in May", "at Tuesday's vote") is looked up in the
archive's known events; when none matches, the period the sentence names for it is used.
"""

import bisect
import contextlib
import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from predictions.extraction.election_phrases import us_general_election, us_presidency_end
from predictions.extraction.events import KnownEvent
from predictions.extraction.holidays import us_election_day
from predictions.extraction.timex import Period, Ref, Span, Timex, find_timexes, resolve
from predictions.extraction.timex_values import SEASON_BOUNDS
from predictions.extraction.wordlists import words

KINDS = ("date", "period_end", "relative", "event", "vague", "none")

# Longer sentences are not sentences; looking further only costs time.
MAX_SENTENCE = 5000
MAX_EXPRESSIONS = 40
_CLAUSE_REACH = 240


@dataclass(frozen=True, slots=True)
class Deadline:
    date: datetime.date | None
    text: str | None
    kind: str


NO_DEADLINE = Deadline(None, None, "none")

# How strongly a preposition ties an expression to the outcome; None: the expression is no deadline.
# A limit ("by", "before", "within") outweighs a time in which ("in", "on"), which outweighs a
# loose one ("for", "around"); an expression with no preposition sits between the last two.
LIMIT = 3.0
TIME_IN = 2.0
LOOSE = 1.0
_NO_PREPOSITION = 1.5
# A vague time ("soon") and an open one ("at some point") lose to any stated time.
_VAGUE = 0.5
_OPEN = 0.2
# A past period named outright and looked ahead to ("predicted in 2008 that by 2010 …").
_NAMED_PAST = 0.4
# An event the archive knows beats the period the sentence gives for it, which beats a bare
# time; a known event named word for word with no preposition is a weak choice.
_KNOWN_EVENT_BONUS = 1.0
_EVENT_PERIOD_BONUS = 0.5
_NAMED_EVENT_ALONE = 1.2
# A US general election named without its date ("in the coming election") loses to a time the
# sentence states, by this much.
_UNDATED_ELECTION_PENALTY = 0.1
_PREPOSITIONS = {
    "by": LIMIT,
    "before": LIMIT,
    "until": LIMIT,
    "till": LIMIT,
    "til": LIMIT,
    "until after": LIMIT,
    "up to": LIMIT,
    "up until": LIMIT,
    "no later than": LIMIT,
    "not later than": LIMIT,
    "between now and": LIMIT,
    "within": LIMIT,
    "inside": LIMIT,
    "inside of": LIMIT,
    "ahead of": LIMIT,
    "prior to": LIMIT,
    "in time for": LIMIT,
    "by the time of": LIMIT,
    "in": TIME_IN,
    "during": TIME_IN,
    "over": TIME_IN,
    "on": TIME_IN,
    "at": TIME_IN,
    "through": TIME_IN,
    "throughout": TIME_IN,
    "come": TIME_IN,
    "sometime in": TIME_IN,
    "some time in": TIME_IN,
    "sometime before": LIMIT,
    "sometime by": LIMIT,
    "into": TIME_IN,
    "beginning in": TIME_IN,
    "starting in": TIME_IN,
    "for": LOOSE,
    "of": LOOSE,
    "around": LOOSE,
    "about": LOOSE,
    "as early as": LOOSE,
    "as soon as": LOOSE,
    "after": None,
    "since": None,
    "from": None,
    "starting": None,
    "beginning": None,
    "as of": None,
    "no sooner than": None,
    "not before": None,
    "not until": None,
    "ago": None,
}
_BEFORE = frozenset({"before", "ahead of", "prior to", "in time for", "sometime before"})
_PREPOSITION_TAIL = re.compile(
    r"(?i:\b(?P<prep>"
    + "|".join(
        re.escape(word).replace(r"\ ", r"\s+")
        for word in sorted(_PREPOSITIONS, key=len, reverse=True)
    )
    + r"))\s+$"
)

_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|won['’]?t|shall|would|going\s+to|gonna|expect\w*|predict\w*|forecast\w*|likely"
    r"|unlikely|could|may|might|must|should|can|plan(?:s|ned|ning)?\s+to|intend\w*|set\s+to"
    r"|due(?!\s+to\s+(?:the|a|an|his|her|its|their|this|that)\b)|scheduled|slated|poised|about\s+to"
    r"|aim(?:s|ed|ing)?\s+(?:to|for)|hop(?:e|es|ing)\b|to\s+be|upcoming|vow\w*|promis\w*|pledg\w*"
    r"|is\s+to|are\s+to|need\s+to|has\s+to|have\s+to|want\w*|fear\w*|warn\w*|project\w*|anticipat\w*"
    r"|bet|chance|odds|probab\w*|possib\w*|doubt\w*)\b|['’]ll\b)"
)
# "agreed to put together a plan by March": a past decision whose deadline lies ahead.
_INTENT_CUE = re.compile(
    r"(?i:\b(?:agree|decide|vote|move|seek|sought|choose|chose|try|tried|attempt|commit|prepar|ready|order"
    r"|promis|pledg|vow)\w*\s+to\s)"
)
_DEADLINE_WORDS = re.compile(
    r"(?i:(?:by|before|until|till|within|no\s+later\s+than|not\s+later\s+than|ahead\s+of)\s)"
)
_DEADLINE_BEFORE = re.compile(
    r"(?i:\b(?:by|before|until|till|within|no\s+later\s+than|not\s+later\s+than|ahead\s+of)\s+$)"
)
_PAST_CUE = re.compile(
    r"(?i:\b(?:was|were|had|did|didn['’]?t|began|took|came|went|met|held|won|lost|fell|rose|left|ago"
    r"|said|told|wrote|forecast"
    r"|yesterday|already|previously|has\s+been|have\s+been|since|last)\b|\b[a-z]{3,}ed\b)"
)
# Reporting verbs tell when something was said, not when it happens: past when the time is theirs
# ("said on Tuesday", "On Wednesday the minister said"), neutral for the time of what they report.
_REPORTING_VERBS = words(
    """
    said told announced reported added noted wrote stated explained argued claimed
    insisted warned predicted forecast estimated suggested indicated signalled signaled
    concluded admitted confirmed revealed wrote
    """
)
# Participles of plans and expectations: what they govern still lies ahead.
_FORWARD_PARTICIPLES = words(
    """
    expected scheduled planned slated needed required supposed intended designed aimed
    proposed believed hoped feared agreed decided vowed promised pledged asked urged
    projected anticipated predicted forecasted
    """
)
_REPORTING_WORD = re.compile(
    r"(?i:\b(?:" + "|".join(sorted(_REPORTING_VERBS)) + r"|says|tells|announces|reports|writes)\b)"
)
_REPORTED_TIME = re.compile(
    r"(?i:(?:\b(?:said|says|told|tells|announced|reported|added|wrote|stated|testified|tweeted|posted"
    r"|warned|predicted|forecast|estimated|argued|insisted|claimed|revealed|confirmed|disclosed|noted"
    r"|explained|suggested|admitted|denied)\b(?:\s+[\w.'’-]+){0,3}?"
    r"|\b(?:speech|statement|interview|remarks|briefing|conference|letter|memo|tweet|address|testimony"
    r"|appearance|comments?|report|column|op-ed|editorial|broadcast|podcast))\s*$)"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\"“”—–]|[.!?](?=\s)|\s-\s|(?i:\b(?:and|but|while|whereas|although|though|because|when|which|who|after"
    r"|since|that|so|if|unless)\b)"
)

EVENT_NOUNS = (
    r"(?:[Ee]lections?|[Vv]ote|[Vv]oting|[Rr]eferendum|[Pp]lebiscite|[Pp]olls?|[Bb]allot|[Pp]rimary|[Pp]rimaries"
    r"|[Cc]aucus(?:es)?|[Cc]ontests?|[Rr]un-?off|[Dd]ebates?|[Ss]ummit|[Mm]eeting|[Tt]alks|[Cc]onference|[Cc]onvention"
    r"|[Ii]nauguration|[Dd]eadline|[Hh]earing|[Tt]rial|[Vv]erdict|[Rr]uling|[Ff]inals?|Olympics|World\s+Cup"
    r"|Games|[Cc]eremony|[Bb]udget|[Mm]idterms|[Ss]ession|[Ll]aunch|[Hh]andover|[Tt]ournament"
    r"|[Cc]hampionship|[Cc]oronation|[Ww]edding|[Ee]lection[\s-](?:[Dd]ay|[Nn]ight)|[Pp]olling\s+[Dd]ay)"
)
_EVENT_RE = re.compile(
    r"(?i:\b(?P<lead>by\s+the\s+time\s+of|at\s+the\s+time\s+of|in\s+time\s+for|until\s+after|ahead\s+of"
    r"|prior\s+to|no\s+later\s+than|leading\s+up\s+to|before|by|until|till|at|on|in|during|after|for|through"
    r"|up\s+to|around|come)\s+)"
    r"(?P<phrase>(?:[\w.'’-]+\s+){0,5}?"
    + EVENT_NOUNS
    + r"(?:\s+(?:[Ff]inals?|[Vv]ote|[Dd]ebates?|[Ee]lections?"
    r"|[Gg]ames?|[Mm]atch|[Cc]eremony|[Dd]ay|[Nn]ight|[Rr]esults?))?)(?!\w)"
)
# Words that end a noun phrase or start a new one: "On Wednesday the minister said the vote" names
# no event. Determiners may only open the phrase; verbs and conjunctions may not appear at all.
_NOT_IN_EVENT_PHRASE = words(
    """
    and or but will would is are was were be been being has have had do does did can could may might
    should must said says say told tells that which who whom whose before after by until to than if
    when while as with of from into about over
    """
)
_DETERMINERS = words("the a an this that these those next last its their his her our my your")
_EVENT_PARTICIPLES = words(
    "scheduled planned expected delayed postponed rescheduled proposed promised long-awaited"
)
_EVENT_TO_TIMEX = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|are|was|were)\s+)?(?:(?:scheduled|set|planned|slated|due|expected"
    r"|held)\s+)?(?:for|in|on|of|at|this|next)?\s*$",
    re.IGNORECASE,
)
_STOPWORDS = words(
    "the a an of in on at for to by before after this next last its "
    "their his her our upcoming coming scheduled planned day s"
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Choice:
    weight: float
    position: int
    deadline: Deadline


def find_deadline(
    sentence: str, made_on: datetime.date, known_events: Sequence[KnownEvent] = ()
) -> Deadline:
    """The deadline `sentence`, said on `made_on`, sets for its predicted outcome."""
    if isinstance(made_on, datetime.datetime):
        made_on = made_on.date()
    sentence = sentence[:MAX_SENTENCE]
    timexes = find_timexes(sentence)[:MAX_EXPRESSIONS]
    breaks = clause_breaks(sentence)
    choices: list[_Choice] = []
    for timex in timexes:
        try:
            choice = _timex_choice(sentence, timex, made_on, breaks)
        except (ValueError, OverflowError):  # a period or span beyond the calendar's years 1-9999
            continue
        if choice is not None:
            choices.append(choice)
    with contextlib.suppress(ValueError, OverflowError):
        choices.extend(_event_choices(sentence, timexes, made_on, known_events, breaks))
    for election in (us_general_election(sentence, made_on), us_presidency_end(sentence, made_on)):
        if election is None:
            continue
        day, text, lead = election
        # Below a stated time in the same sentence ("the presidential election in May").
        weight = (_PREPOSITIONS.get(lead) or TIME_IN) - _UNDATED_ELECTION_PENALTY
        choices.append(_Choice(weight, sentence.find(text), Deadline(day, text, "event")))
    if not choices:
        return NO_DEADLINE
    best = max(choices, key=lambda choice: (choice.weight, -choice.position))
    return _election_day(best.deadline, sentence)


_ELECTORAL = re.compile(
    r"(?i:\b(?:elect\w*|vot(?:e|es|ed|ers?|ing)|ballots?|polls?|turnout|nominee|candidates?|campaign\w*"
    r"|win|wins|lose|loses|defeat|race|White\s+House|presiden\w*|Senate|House|Congress|flip\w*"
    r"|support|seats?|majority|electoral|swing|ticket"
    r"|Republicans?|Democrat\w*|GOP|swing\s+states?|attack\s+ads?)\b)"
)


# The ends of the periods that hold a US general election: November, the fall.
_HOLDS_ELECTION_DAY = frozenset({(11, 30), SEASON_BOUNDS["FA"][1]})


def _election_day(deadline: Deadline, sentence: str) -> Deadline:
    """ "Win in November", "attack ads this fall": in an election year, the vote is the deadline.

    A month or season that holds the US general election, named in a sentence about winning,
    voting or campaigning, means Election Day, as the guide's labels read it.
    """
    if deadline.kind != "period_end" or deadline.date is None:
        return deadline
    election = us_election_day(deadline.date.year)
    if election is None or (deadline.date.month, deadline.date.day) not in _HOLDS_ELECTION_DAY:
        return deadline
    if not _ELECTORAL.search(sentence):
        return deadline
    return Deadline(election, deadline.text, "event")


def _preposition(sentence: str, start: int) -> tuple[str | None, int]:
    """The preposition right before `start` (normalised) and where it begins."""
    match = _PREPOSITION_TAIL.search(sentence, max(0, start - 24), start)
    if match is None:
        return None, start
    return " ".join(match.group("prep").lower().split()), match.start("prep")


def clause_breaks(text: str) -> list[int]:
    """Where clauses may begin or end in `text` (punctuation, conjunctions), for `clause_tense`."""
    return [match.start() for match in _CLAUSE_BREAK.finditer(text)]


def clause_tense(
    sentence: str, start: int, end: int, breaks: list[int] | None = None
) -> str | None:
    """Say "future" or "past" as the clause around sentence[start:end] reads, or None if neither."""
    if breaks is None:
        breaks = clause_breaks(sentence)
    left = bisect.bisect_right(breaks, start - 1)
    right = bisect.bisect_left(breaks, end)
    # A clause longer than a few lines is a list or a run-on; its near part says enough.
    clause_start = max(breaks[left - 1] if left else 0, start - _CLAUSE_REACH)
    clause_end = min(breaks[right] if right < len(breaks) else len(sentence), end + _CLAUSE_REACH)
    if _REPORTED_TIME.search(sentence, max(clause_start, start - 60), start):
        return "past"
    deadline_words = _DEADLINE_WORDS.match(sentence, start) or _DEADLINE_BEFORE.search(
        sentence, max(0, start - 20), start
    )
    if deadline_words and _INTENT_CUE.search(sentence, clause_start, start):
        return "future"
    before, after = sentence[clause_start:start], sentence[end:clause_end]
    # Nothing but the break itself before the expression: it leads its clause.
    leading = len(_WORD.findall(before)) <= (1 if before[:1].isalpha() and clause_start else 0)
    if leading and _reported_first(after):
        # "On Wednesday the minister said the vote will be close": the time is the saying's.
        return "past"
    tense = _clause_tense(before + " " + after, reporting_is_past=leading)
    if tense is None and leading and not after.strip() and sentence.startswith(",", clause_end):
        # A fronted phrase ("On Sunday, the talks ended") takes the tense of the clause it introduces.
        following_end = breaks[right + 1] if right + 1 < len(breaks) else len(sentence)
        following = sentence[clause_end + 1 : following_end]
        if _reported_first(following):
            return "past"
        tense = _clause_tense(following, reporting_is_past=True)
    return tense


def _reported_first(clause: str) -> bool:
    """Whether a reporting verb ("said") comes before any future cue in `clause`."""
    reporting = _REPORTING_WORD.search(clause)
    if reporting is None:
        return False
    future = _FUTURE_CUE.search(clause)
    return future is None or reporting.start() < future.start()


def _clause_tense(clause: str, *, reporting_is_past: bool) -> str | None:
    if _FUTURE_CUE.search(clause):
        return "future"
    for match in _PAST_CUE.finditer(clause):
        word = match.group().lower()
        if word in _FORWARD_PARTICIPLES or (word in _REPORTING_VERBS and not reporting_is_past):
            continue
        return "past"
    return None


def _timex_choice(
    sentence: str, timex: Timex, made_on: datetime.date, breaks: list[int]
) -> _Choice | None:
    prep, prep_start = _preposition(sentence, timex.start)
    if prep is None and timex.field("cs_u4"):
        prep = "within"  # "within weeks": the preposition is part of the expression
    weight = _NO_PREPOSITION if prep is None else _PREPOSITIONS[prep]
    if weight is None:
        return None
    tense = clause_tense(sentence, prep_start, timex.end, breaks)
    if tense == "past":
        return None
    value = resolve(timex, made_on, "future")
    if value is None:
        return None
    text = sentence[prep_start : timex.end]
    if isinstance(value, Ref):
        if value.kind == "vague":
            return _Choice(_VAGUE, timex.start, Deadline(None, timex.text, "vague"))
        if timex.form == "open":  # "at some point", "in the future"; not the noun "the future"
            return _Choice(_OPEN, timex.start, Deadline(None, timex.text, "none"))
        return None
    if isinstance(value, Span):
        return _span_choice(timex, value, prep, weight, text, made_on)
    day = _period_deadline(value, prep)
    if day < made_on:
        # A past period is a deadline only when the text names it outright and looks ahead to it
        # ("predicted in 2008 that by 2010 it would"), and even then the weakest choice.
        if (
            timex.form not in ("year", "iso", "month_year")
            or (0 if prep is None else _PREPOSITIONS.get(prep) or 0) < LIMIT
        ):
            return None
        if tense != "future":
            return None
        weight = _NAMED_PAST
    kind = "date" if value.grain == "day" else "period_end"
    return _Choice(weight, timex.start, Deadline(day, text, kind))


def _period_deadline(period: Period, prep: str | None) -> datetime.date:
    if prep == "into":
        return period.first  # "the fight will last into the spring": reaching it is enough
    if prep in _BEFORE:
        return period.last if period.mod else period.first - datetime.timedelta(days=1)
    return period.last


def _span_choice(
    timex: Timex, span: Span, prep: str | None, weight: float, text: str, made_on: datetime.date
) -> _Choice | None:
    if span.direction < 0:
        return None
    counted_from_now = timex.field("sp_suf") is not None or timex.form == "half_span"
    looking_ahead = timex.field("sp_dir") is not None or timex.form in ("coming", "relative")
    if prep is None and not (counted_from_now or looking_ahead):
        return None  # "six months of talks"
    if prep in ("for", "of", "around", "about", "at", "on") and not looking_ahead:
        return None  # a duration ("for six months"), not a time limit
    day = span.from_anchor(made_on)
    if prep == "over" and span.unit in ("year", "decade"):
        # "Over the next decade" counts whole years, as budget windows do.
        day = datetime.date(day.year, 12, 31)
    if prep is None:
        weight = TIME_IN if counted_from_now else _NO_PREPOSITION
    return _Choice(weight, timex.start, Deadline(day, text, "relative"))


# --- Events ---------------------------------------------------------------------------------------


def _event_choices(
    sentence: str,
    timexes: list[Timex],
    made_on: datetime.date,
    known_events: Sequence[KnownEvent],
    breaks: list[int],
) -> list[_Choice]:
    choices = []
    position = 0
    while True:
        match = _EVENT_RE.search(sentence, position)
        if match is None:
            break
        words = match.group("phrase").lower().split()
        if not _event_phrase(words):
            position = match.start("phrase")  # a later lead inside this phrase may do better
            continue
        position = match.end()
        choice = _event_choice(sentence, match, timexes, made_on, known_events, breaks)
        if choice is not None:
            choices.append(choice)
    choices.extend(_named_event_choices(sentence, made_on, known_events, breaks))
    return choices


def _event_phrase(words: list[str]) -> bool:
    for index, word in enumerate(words[:-1]):
        if word in _NOT_IN_EVENT_PHRASE or (index and word in _DETERMINERS):
            return False
        if word.endswith("ed") and word not in _EVENT_PARTICIPLES:
            return False
    return True


def _event_choice(sentence, match, timexes, made_on, known_events, breaks) -> _Choice | None:
    lead = " ".join(match.group("lead").lower().split())
    weight = LIMIT if lead == "leading up to" else _PREPOSITIONS.get(lead, TIME_IN)
    if weight is None:
        return None
    start, end = match.start("lead"), match.end("phrase")
    # The period the sentence gives for the event: inside the phrase ("Tuesday's vote") or right after.
    period_timex = None
    for timex in timexes:
        if match.start("phrase") <= timex.start and timex.end <= end:
            period_timex = timex
        elif timex.start >= end and _EVENT_TO_TIMEX.match(sentence[end : timex.start]):
            period_timex = timex
            end = timex.end
            break
        elif timex.start > end:
            break
    if clause_tense(sentence, start, end, breaks) == "past":
        return None
    period = resolve(period_timex, made_on, "future") if period_timex else None
    if not isinstance(period, Period):
        period = None
    text = sentence[start:end]
    event = _matching_event(match.group("phrase"), period, made_on, known_events)
    if event is not None:
        return _Choice(weight + _KNOWN_EVENT_BONUS, start, Deadline(event.on, text, "event"))
    if period is None or period.last < made_on:
        return None
    kind = "date" if period.grain == "day" else "period_end"
    return _Choice(weight + _EVENT_PERIOD_BONUS, start, Deadline(period.last, text, kind))


@functools.lru_cache(maxsize=8192)  # event titles recur in every sentence of every article
def _tokens(text: str) -> frozenset[str]:
    words = (word.lower() for word in _WORD.findall(text))
    singular = (word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words)
    return frozenset(singular) - _STOPWORDS


def _matching_event(
    phrase: str, period: Period | None, made_on: datetime.date, known_events: Sequence[KnownEvent]
) -> KnownEvent | None:
    """The known event the phrase names best: most shared words, then in the period, then soonest."""
    wanted = _tokens(phrase)
    if not wanted or not known_events:
        return None
    best, best_key = None, None
    for event in known_events:
        names = (event.title, *event.aliases)
        shared = max(len(wanted & _tokens(name)) for name in names)
        if not shared:
            continue
        if period is not None and not period.start <= event.on <= period.end:
            continue
        if period is None and event.on < made_on:
            continue
        key = (shared / len(wanted), -abs((event.on - made_on).days))
        if best_key is None or key > best_key:
            best, best_key = event, key
    return best


def _named_event_choices(sentence, made_on, known_events, breaks) -> list[_Choice]:
    """Known events named word for word ("before the Brexit vote"), whatever their noun."""
    choices = []
    lowered = sentence.lower()
    for event in known_events:
        if event.on < made_on:
            continue
        for name in (event.title, *event.aliases):
            name = name.strip().lower()
            if len(name) < 3:
                continue
            at = lowered.find(name)
            if at < 0 or not _wholewords(lowered, at, at + len(name)):
                continue
            prep, prep_start = _preposition(sentence, at)
            strength = None if prep is None else _PREPOSITIONS[prep]
            if prep is not None and strength is None:
                continue
            if clause_tense(sentence, prep_start, at + len(name), breaks) == "past":
                continue
            weight = _NAMED_EVENT_ALONE if strength is None else strength + _KNOWN_EVENT_BONUS
            text = sentence[prep_start : at + len(name)]
            choices.append(_Choice(weight, prep_start, Deadline(event.on, text, "event")))
            break
    return choices


def _wholewords(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )
