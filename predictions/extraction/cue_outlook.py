"""Forecasts stated as an outlook, with no future auxiliary: chances, prospects, bets, favourites.

"her chances of winning are slim", "prospects for a deal are dim", "the bill is a long shot",
"they are heavily favoured to keep the seat", "I wouldn't bet on a deal", "you can bet on a
fight". Each finder is registered with ``cue_kinds.finder`` and runs only when its hint words
occur; its cue is the outlook phrase, whose wording ``hedges`` reads through the lexicon's
aliases ("are slim" as "little chance").
"""

import re
from collections.abc import Iterator

from predictions.extraction.cue_kinds import Cue, finder
from predictions.extraction.wordlists import words

# What an outlook noun can be said to be.
_OUTLOOK_ADJECTIVES = words(
    """
    slim slimmer slight remote dim dimmer bleak poor low lower long longer good better
    bright brighter strong stronger high higher excellent decent fair
    """
)
_INTENSIFIERS = (
    r"(?:(?:very|quite|pretty|rather|fairly|even|increasingly|extremely|so|now|still)\s+)"
)
# "his chances (of winning) are (very) slim", "prospects for reform look dim".
_CHANCES_ARE = re.compile(
    r"\b(?P<noun>chances|prospects|odds)\b(?P<of>\s+(?:of|for|in|at)\s+[^,;.:!?]{1,60}?)?\s+"
    r"(?P<verb>are|look|seem|remain|appear|'re)\s+" + _INTENSIFIERS + r"{0,2}"
    r"(?P<adjective>[a-z]+)\b",
    re.IGNORECASE,
)
# "the bill is a long shot", "such moves are long shots".
_LONG_SHOT = re.compile(
    r"\b(?:is|are|'s|'re|remains?|looks?|seems?)\s+(?:still\s+|now\s+)?(?:a\s+|an?\s+even\s+)?"
    r"(?:longer\s+|long\s+)(?:shots?)\b",
    re.IGNORECASE,
)
# "are strongly favoured to keep the House", "is the heavy favourite to win".
_FAVOURED = re.compile(
    r"\b(?:is|are|'s|'re|remains?|looks?|seems?)\s+(?:still\s+|now\s+|not\s+)?"
    r"(?P<frame>(?:(?:strongly|heavily|widely|narrowly|slightly|clearly)\s+favou?red|"
    r"(?:(?:widely|strongly|heavily|hotly)\s+)?tipped)\s+to|"
    r"the\s+(?:(?:heavy|clear|strong|overwhelming|early|runaway)\s+)?(?:favou?rite|front-?runner)"
    r"\s+(?:to|for))\s+[a-z]+",
    re.IGNORECASE,
)
# "I'm not betting on a deal", "you can bet on a tougher line", "I wouldn't bet against him".
_BET_ON = re.compile(
    r"\b(?P<subject>I|I'm|I\s+am|we|we're|you|one)\s+(?P<modal>(?:can|could|would|'d|wouldn't|"
    r"won't|am|'m|are|'re)\s+)?(?P<neg>not\s+|n't\s+|never\s+)?(?:safely\s+)?(?:bet|betting)\s+"
    r"(?P<side>on|against)\b",
    re.IGNORECASE,
)


@finder("chances", "prospects", "odds")
def chances_are(text: str, _lower: str) -> Iterator[Cue]:
    """ "her chances of winning are slim", "prospects for a deal look dim"."""
    for match in _CHANCES_ARE.finditer(text):
        if match.group("adjective").lower() not in _OUTLOOK_ADJECTIVES:
            continue
        start = match.start("verb")
        yield Cue("outlook", start, match.end(), text[start : match.end()], False)


@finder("long shot", "longer shot")
def long_shot(text: str, _lower: str) -> Iterator[Cue]:
    """ "the bill is a long shot"."""
    for match in _LONG_SHOT.finditer(text):
        yield Cue("outlook", match.start(), match.end(), match.group(0), False)


@finder("favo", "tipped", "front-runner", "frontrunner")
def favoured_to(text: str, _lower: str) -> Iterator[Cue]:
    """ "are strongly favoured to keep the seat"."""
    for match in _FAVOURED.finditer(text):
        negated = bool(re.search(r"\bnot\b", text[match.start() : match.start("frame")]))
        frame = match.group("frame")
        yield Cue("frame", match.start("frame"), match.end("frame"), frame, negated)


@finder("bet on", "betting on", "bet against", "betting against")
def bet_on(text: str, _lower: str) -> Iterator[Cue]:
    """ "I'm not betting on a deal", "you can bet on a fight"."""
    for match in _BET_ON.finditer(text):
        negated = bool(match.group("neg")) or "n't" in (match.group("modal") or "").lower()
        start = match.start("modal") if match.group("modal") else match.start("neg")
        if start < 0:
            start = match.end("subject") + 1
        yield Cue("outlook", start, match.end(), text[start : match.end()].strip(), negated)


# "I'd be surprised if the deal held", "he wouldn't be surprised to see a recount".
_SURPRISED = re.compile(
    r"\b(?P<modal>would|'d|wouldn't|would\s+not|will|won't|will\s+not)\s+(?:(?:really|very|"
    r"quite|not|n't|hardly)\s+)?(?:at\s+all\s+)?be\s+(?:(?:very|really|quite|a\s+little|a\s+bit|"
    r"genuinely|not|at\s+all)\s+)*(?:surprised|shocked|astonished|amazed(?=\s+if))"
    r"(?=\s+(?:if|to\s+see|when))",
    re.IGNORECASE,
)
# "Opinion polls see the challenger winning", "analysts see rates rising".
_FORECASTERS_SEE = re.compile(
    r"\b(?:polls?|surveys?|analysts?|forecasters?|economists?|pollsters?|experts?|markets?|"
    r"traders?|investors?|observers?|strategists?|bookmakers?|models?)\s+(?:now\s+|still\s+|also\s+|"
    r"widely\s+)?(?P<verb>see|sees)\b(?!\s+(?:it|this|that|him|her|them)\s+as\b)",
    re.IGNORECASE,
)


_FORECASTER_HINTS = tuple(
    f"{noun}{ending}"
    for noun in words(
        "poll survey analyst forecaster economist pollster expert market trader investor "
        "observer strategist bookmaker model"
    )
    for ending in ("s see", " sees")
) + ("now see", "still see", "also see", "widely see")


@finder("surprised if", "surprised to see", "surprised when", "shocked if", "shocked to see",
        "astonished if", "amazed if")  # fmt: skip
def surprised_if(text: str, _lower: str) -> Iterator[Cue]:
    """ "I'd be surprised if it passed" (unlikely); "I wouldn't be surprised if it passed"."""
    for match in _SURPRISED.finditer(text):
        negated = bool(re.search(r"\bnot\b|n't|\bhardly\b", match.group(0), re.IGNORECASE))
        yield Cue("outlook", match.start(), match.end(), match.group(0), negated)


@finder(*_FORECASTER_HINTS)
def forecasters_see(text: str, _lower: str) -> Iterator[Cue]:
    """ "polls see her winning the runoff"."""
    for match in _FORECASTERS_SEE.finditer(text):
        verb = match.group("verb")
        # An expectation verb: its subject, the forecasters, is who makes the forecast.
        yield Cue("expect", match.start("verb"), match.end("verb"), verb, False)


# "stands a good chance of winning", "there's a real chance the deal collapses", "has little
# chance of making the playoffs", "has a real shot at the title".
_HAS_A_CHANCE = re.compile(
    r"\b(?:stands?|has|have|'ve|is|'s|are|'re|there\s+is|there's|there\s+are|remains?|gives?|given)\s+"
    r"(?:still\s+|now\s+|also\s+)?(?P<adjective>(?:a|an)\s+(?:very\s+|pretty\s+|fairly\s+)?"
    r"(?:good|real|decent|fair|strong|excellent|better|outside|slim|small|slight|remote)|little|"
    r"no|every|some)\s+(?:chance|chances|shot|hope)\b"
    r"(?=\s+(?:of|at|that|the|a|an|he|she|it|they|we|this|these|those|[A-Z]))",  # "no chance to": a chance as an opportunity
)
# "the incumbent faces almost certain defeat".
_FACES_CERTAIN = re.compile(
    r"\bfac(?:es|e|ing)\s+(?:an?\s+)?(?:almost\s+|near[\s-]|all\s+but\s+|virtually\s+)?"
    r"(?:certain|likely|probable|inevitable|sure)\s+(?:defeat|loss|collapse|failure|victory|"
    r"rejection|bankruptcy|closure|extinction|elimination|relegation|impeachment)\b",
    re.IGNORECASE,
)
# "his days are numbered", "the smart money is on a cut", "the odds favour the incumbent",
# "markets are pricing in a cut".
_IDIOM = re.compile(
    r"\bdays\s+(?:are|seem|look|appear)\s+(?:now\s+)?numbered\b|"
    r"\bsmart\s+money\s+is\s+(?:now\s+)?on\b|"
    r"\bodds\s+(?:now\s+|still\s+)?(?:favou?r|are\s+against|are\s+in\s+favou?r\s+of)\b|"
    r"\b(?:markets?|investors?|traders?)\s+(?:are\s+|have\s+)?(?:now\s+|already\s+|fully\s+)?"
    r"pric(?:ing|ed)\s+in\b",
    re.IGNORECASE,
)


@finder("chance", "shot", "no hope", "little hope", "real hope", "some hope", "every hope")
def has_a_chance(text: str, _lower: str) -> Iterator[Cue]:
    """ "stands a good chance of winning", "there's little chance the deal holds"."""
    for match in _HAS_A_CHANCE.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        negated = bool(re.search(r"(?:\bnot|n't)\s*$", before))
        yield Cue("outlook", match.start(), match.end(), match.group(0), negated)


@finder("certain", "likely", "probab", "inevitab")
def faces_certain(text: str, lower: str) -> Iterator[Cue]:
    """ "faces almost certain defeat"."""
    if "fac" not in lower:
        return
    for match in _FACES_CERTAIN.finditer(text):
        yield Cue("outlook", match.start(), match.end(), match.group(0), False)


@finder("numbered", "smart money", "odds", "pricing in", "priced in")
def outlook_idiom(text: str, _lower: str) -> Iterator[Cue]:
    """ "his days are numbered", "the smart money is on a cut", "markets are pricing in"."""
    for match in _IDIOM.finditer(text):
        yield Cue("outlook", match.start(), match.end(), match.group(0), False)


# "the merger is all but assured", "she is a shoo-in for re-election", "a cut is a near-certainty",
# "his fate is sealed", "the writing is on the wall".
_CERTAINTY = re.compile(
    r"\b(?:is|are|'s|'re|looks?|seems?|remains?)\s+(?:now\s+|still\s+|already\s+)?"
    r"(?P<phrase>(?:a|an)\s+(?:virtual\s+|near\s+|almost\s+)?(?:shoo-?in|lock)\s+(?:for|to)|"
    r"(?:a|an)\s+(?:near[\s-]|virtual\s+)certainty|(?:a|an)\s+foregone\s+conclusion|"
    r"(?:all\s+but|virtually|almost|practically|nearly)\s+(?:assured|guaranteed|certain|inevitable)|"
    r"sealed|on\s+the\s+wall)",
    re.IGNORECASE,
)
_SEALED_SUBJECT = re.compile(r"\b(?:fate|future|doom|defeat|victory|outcome)\s*$", re.IGNORECASE)
_WALL_SUBJECT = re.compile(r"\bwriting\s*$", re.IGNORECASE)
# "A ruling is expected by June", "a decision is widely expected next week".
_EXPECTED_WHEN = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|widely\s+|also\s+|still\s+|not\s+)?(?P<word>expected)\s+"
    r"(?=(?:by|next|this|later|in|within|soon|shortly|on|before|early|around|any\s+day)\b)",
    re.IGNORECASE,
)
# "Look for prices to climb", "count on a long fight": a forecast in the imperative.
_LOOK_FOR = re.compile(
    r"^\W*(?:look\s+for|count\s+on|watch\s+for|bank\s+on)\s+(?=\S)", re.IGNORECASE
)


@finder("shoo-in", "shooin", "shoo in", "a lock", "certainty", "foregone", "assured", "guaranteed", "s sealed",
        "on the wall")  # fmt: skip
def certainty(text: str, _lower: str) -> Iterator[Cue]:
    """ "all but assured", "a shoo-in for re-election", "his fate is sealed"."""
    for match in _CERTAINTY.finditer(text):
        phrase = match.group("phrase").lower()
        before = text[: match.start()]
        if phrase == "sealed" and not _SEALED_SUBJECT.search(before):
            continue
        if phrase == "on the wall" and not _WALL_SUBJECT.search(before):
            continue
        start = match.start("phrase")
        yield Cue("outlook", start, match.end(), text[start : match.end()], False)


@finder("expected")
def expected_when(text: str, _lower: str) -> Iterator[Cue]:
    """ "A ruling is expected by June"."""
    for match in _EXPECTED_WHEN.finditer(text):
        negated = bool(re.search(r"\bnot\b", match.group(0), re.IGNORECASE))
        yield Cue("outlook", match.start("word"), match.end("word"), "expected", negated)


@finder("look for", "count on", "watch for", "bank on")
def look_for(text: str, _lower: str) -> Iterator[Cue]:
    """ "Look for prices to climb in the spring"."""
    match = _LOOK_FOR.match(text)
    if match is not None:
        yield Cue("outlook", match.start(), match.end(), "look for", False)
