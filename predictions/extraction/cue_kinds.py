"""One finder per kind of future cue, each registered with the words it needs to see.

A finder reads one normalised sentence (and its lower-case copy) and yields the cues of its
kind; ``find_cues`` runs only the finders whose hint words occur in the sentence (plain
substring tests are much cheaper than the patterns), then applies the exclusions every kind
shares. All patterns are linear (no nested quantifiers), so long input cannot make them
backtrack.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from predictions.extraction.odds import find_odds
from predictions.extraction.plans import SCHEDULED, is_own_plan
from predictions.extraction.wordlists import words

CueKind = Literal[
    "future", "expect", "estimative", "odds", "reported_would", "progressive", "frame", "outlook"
]


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    start: int
    end: int
    text: str
    negated: bool


# Called positionally as (sentence, its lower-case copy); a finder that does not need the copy
# names it with a leading underscore.
Finder = Callable[[str, str], Iterator[Cue]]
FINDERS: list[tuple[tuple[str, ...], Finder]] = []


def finder(*hints: str) -> Callable[[Finder], Finder]:
    """Register a cue finder, run on a sentence only when one of ``hints`` occurs in it."""

    def register(function: Finder) -> Finder:
        FINDERS.append((hints, function))
        return function

    return register


_ADVERBS = (
    r"(?:(?:also|still|really|just|now|probably|likely|almost\s+certainly|certainly|definitely|"
    r"surely|soon|then|eventually|ultimately|finally|simply|actually|quickly|only|easily|"
    r"undoubtedly|inevitably|clearly|indeed|very\s+likely|most\s+likely|once\s+again|again|"
    r"no\s+longer|never|not|n't)\s+)"
)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\b|n't")
# "nothing much will happen", "no one is going to", "nor will they": the subject negates.
_NEGATIVE_SUBJECT = re.compile(
    r"(?:\b(?:nothing|nobody|no\s+one|none|neither)\b(?:\s+[\w']+){0,3}|\bnor)\s*$",
    re.IGNORECASE,
)
_BE = r"(?:am|is|are|be|'s|'re|'m|isn't|aren't|ain't|seems?|seemed|appears?|appeared|looks?|looked)"
# "the will of the people", "free will", "his will": the noun.
_NOUN_BEFORE_WILL = words(
    """
    the a his her their its our my your free political good ill own popular whose
    people's public's voters' last said
    """
)
# Words that cannot follow the "to" of "going to": "going to the store".
_NON_VERB_AFTER_TO = words(
    """
    the a an his her their its my our your this that these those him them me us it some
    any every each all no
    """
)

_FUTURE = re.compile(
    r"(?P<aux>\b(?:will|shall)\b(?!\s+(?:of|and|to|power|is|was)\b)|'ll\b|\bwon't\b|\bwo\s+n't\b|"
    r"\bshan't\b)"
    r"(?P<tail>\s+" + _ADVERBS + r"{0,3})"
)


@finder("will", "'ll", "won't", "shall", "shan't", "wo n't")
def future_auxiliary(text: str, _lower: str) -> Iterator[Cue]:
    """ "will"/"shall"/"'ll"/"won't"; "Will" capitalised is a name or a question."""
    for match in _FUTURE.finditer(text):
        aux = match.group("aux")
        if aux[0] in "WS":
            continue
        before = text[: match.start()].rstrip()
        previous = before.rsplit(None, 1)[-1].lower().strip("\"'(") if before else ""
        if aux.lower() in ("will", "shall") and previous in _NOUN_BEFORE_WILL:
            continue
        following = text[match.end() :].lstrip()
        if SCHEDULED.match(following) or is_own_plan(text[: match.start()], following):
            continue
        negated = aux.lower() in ("won't", "shan't") or "n't" in aux
        negated = negated or bool(_NEGATION.search(match.group("tail")))
        negated = negated != bool(_NEGATIVE_SUBJECT.search(before[-40:]))
        cue_text = text[match.start() : match.end()].strip()
        yield Cue("future", match.start(), match.end(), cue_text, negated)


_GOING = re.compile(
    r"\b" + _BE + r"\s+" + _ADVERBS + r"{0,3}(?P<frame>going\s+to|gonna|set\s+to|about\s+to|"
    r"poised\s+to|on\s+track\s+to|on\s+course\s+to)\s+(?P<verb>[a-z]+)",
    re.IGNORECASE,
)


@finder("going", "gonna", "set to", "about to", "poised", "on track", "on course")
def going_to(text: str, _lower: str) -> Iterator[Cue]:
    """ "is going to", "is set to", "is poised to", "is on track to"."""
    for match in _GOING.finditer(text):
        if match.group("verb").lower() in _NON_VERB_AFTER_TO:
            continue
        following = text[match.start("verb") :]
        if SCHEDULED.match(following):
            continue
        if is_own_plan(text[: match.start()] + " ", following, be=True):
            continue
        negated = bool(_NEGATION.search(text[match.start() : match.start("frame")]))
        negated = negated != bool(
            _NEGATIVE_SUBJECT.search(text[max(0, match.start() - 40) : match.start()])
        )
        start, end = match.start("frame"), match.end("frame")
        yield Cue("future", start, end, match.group("frame"), negated)


_LIKELY_TO = re.compile(
    r"\b(?P<frame>(?:(?:highly|very|most|more|less|quite|fairly|increasingly|widely|generally|"
    r"almost|all\s+but|not|un)\s*)?(?:likely|expected|certain|sure|bound|destined|projected|"
    r"forecast|predicted)(?:\s+than\s+not)?\s+to)\s+(?P<verb>[a-z]+)",
    re.IGNORECASE,
)
_PAST_BEFORE = re.compile(r"\b(?:was|were|had\s+been|wasn't|weren't)\s+(?:\w+\s+)?$")
_PRESENT_BEFORE = re.compile(
    r"\b(?:is|are|be|been|'s|'re|widely|generally|also|now|still|not|seems?|appears?)\s+$"
)
_BE_BEFORE = re.compile(r"\b(?:is|are|be|'s|'re|seems?|appears?|looks?)\s+(?:almost\s+)?$")


@finder("likely", "expected", "certain", "sure to", "bound", "destined", "projected", "forecast")
def likely_to(text: str, lower: str) -> Iterator[Cue]:
    """ "is likely to", "is expected to", "is bound to", "is almost certain to"."""
    if " to " not in lower:
        return
    for match in _LIKELY_TO.finditer(text):
        if match.group("verb").lower() in _NON_VERB_AFTER_TO:
            continue
        frame = match.group("frame").lower()
        before = text[max(0, match.start() - 14) : match.start()].lower()
        if _PAST_BEFORE.search(before):
            continue  # "it was destined to fail": a past expectation
        reported = re.search(r"(?:expected|projected|forecast|predicted)\s+to$", frame)
        if reported and not _PRESENT_BEFORE.search(before):
            continue  # "he expected to sell": past; "is (widely) expected to" is kept
        if frame.startswith(("sure to", "certain to")) and not _BE_BEFORE.search(
            text[max(0, match.start() - 20) : match.start()]
        ):
            continue
        if not reported and SCHEDULED.match(text[match.start("verb") :]):
            continue
        yield Cue("estimative", match.start(), match.end("frame"), match.group("frame"),
                  frame.startswith("not"))  # fmt: skip


_EXPECT = re.compile(
    r"\b(?P<verb>expects?|expecting|predicts?|predicting|predicted|forecasts?|forecasting|"
    r"anticipates?|anticipating|projecting|bet|bets|betting|wager|foresees?|foresee)\b"
    r"(?!\s+(?:of|for|on)\b)",
    re.IGNORECASE,
)
_NOT_NOW_BEFORE = re.compile(r"\b(?:as|than|been|be|had|to|what|did|didn't|did\s+not|never)\s+$")
_GENERIC_WOULD_EXPECT = re.compile(
    r"\b(?:only|anyone|anybody|no\s+one|nobody|one|you)\b[^,.;]{0,30}\bwould\s+$", re.IGNORECASE
)
_BET_BEFORE = re.compile(r"(?:'d|\bwould)\s+$|\b(?:safe|good|best|sure)\s+$")
# "she expects me to": a demand on the one spoken to, not a forecast.
_DEMAND_AFTER = re.compile(r"^\s+(?:me|us|you)\s+to\b", re.IGNORECASE)


# "bet" only as a word of its own: "better" and "between" hold it too.
@finder("expect", "predict", "forecast", "anticipat", "projecting", "bet ", "bet,", "bet.", "bets",
        "betting", "wager", "foresee")  # fmt: skip
def expectation_verb(text: str, _lower: str) -> Iterator[Cue]:
    """ "analysts expect", "I'm predicting", "I'd bet"."""
    for match in _EXPECT.finditer(text):
        verb = match.group("verb")
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if _NOT_NOW_BEFORE.search(before):
            continue  # "as expected", "what to expect", "I didn't expect": not a forecast now
        if _GENERIC_WOULD_EXPECT.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # "only the naive would expect": what anyone would, not a forecast
        if verb.lower() in ("bet", "bets", "wager") and not _BET_BEFORE.search(before):
            continue
        if _DEMAND_AFTER.match(text[match.end() :]):
            continue
        negated = bool(re.search(r"(?:\bnot|n't|\bno one|\bnobody)\s+$", before))
        if negated and verb.lower().startswith(("predict", "forecast")):
            continue  # "he's not predicting she'll win": no forecast is made
        yield Cue("expect", match.start(), match.end(), verb, negated)


_PROGRESSIVE = re.compile(
    r"\b" + _BE + r"\s+" + _ADVERBS + r"{0,2}(?:coming\s+back|going\s+away|going\s+anywhere|"
    r"returning|heading\s+(?:for|toward|towards)|headed\s+(?:for|toward|towards))\b",
    re.IGNORECASE,
)


@finder("coming", "going", "returning", "heading", "headed")
def progressive_future(text: str, _lower: str) -> Iterator[Cue]:
    """ "is not coming back", "is heading for a defeat"."""
    for match in _PROGRESSIVE.finditer(text):
        negated = bool(re.search(r"\bnot\b|n't", match.group(0)))
        yield Cue("progressive", match.start(), match.end(), match.group(0), negated)


# Forecasts with no future auxiliary: the positions and courses that outcomes are read from.
_FRAME = re.compile(
    r"\b(?:" + _BE + r"|remains?|was|were)\s+" + _ADVERBS + r"{0,2}(?P<frame>on\s+the\s+verge\s+of|"
    r"in\s+(?:a\s+|the\s+)?(?:strong|good|great|prime|commanding)\s+position\s+to|"
    r"(?:well|best|better)\s+positioned\b|on\s+(?:his|her|its|their|the)\s+way\s+to|"
    r"poised\s+for|bracing\s+for|in\s+line\s+for|a\s+lock\s+to|the\s+favou?rite\s+to|"
    r"favou?red\s+to|(?:only\s+)?a\s+(?:matter|question)\s+of\s+time|destined\s+for|"
    r"on\s+(?:pace|track|course)\s+(?:to|for))"
    r"|\b(?P<figures>figures?|stands?)\s+to\s+(?!the\b|a\b|reason\b)(?=[a-z]+)"
    r"|(?P<lose>(?:'s|\bhers|\bhis|\btheirs|\bours|\byours)\s+to\s+lose)\b",
    re.IGNORECASE,
)


@finder("verge", "position", "way to", "poised for", "bracing", "in line for", "a lock",
        "favo", "matter of time", "question of time", "destined for", "on pace", "on track",
        "on course", "figures to", "stands to", "stand to", "to lose")  # fmt: skip
def course_frame(text: str, _lower: str) -> Iterator[Cue]:
    """ "is on the verge of", "is well positioned to", "figures to", "the race is hers to lose"."""
    for match in _FRAME.finditer(text):
        start = match.start("frame") if match.group("frame") else match.start()
        negated = bool(_NEGATION.search(text[match.start() : start]))
        yield Cue("frame", start, match.end(), text[start : match.end()].strip(), negated)


_OPINION_VERB = re.compile(r"(?:agree|say|think|argue|suggest|guess|admit|concede|prefer)\b")
_WOULD_SURELY = re.compile(
    r"\b(?P<aux>would)\s+(?P<adverb>almost\s+certainly|certainly|surely|very\s+likely|most\s+"
    r"likely|likely|probably|undoubtedly|inevitably|definitely)\s+(?!have\b)",
    re.IGNORECASE,
)
# A "would" is a reported future when someone is said to have said or thought it.
_SAID = re.compile(
    r"\b(?:said|says|told|tells|wrote|writes|argued|argues|thought|thinks|believed|believes|"
    r"added|insisted|insists|noted|suggested|suggests|predicted|expected|warned|claimed|"
    r"concluded|according\s+to|felt|feels|was\s+sure|were\s+sure|reckoned|say|think|believe)\b",
    re.IGNORECASE,
)
# "… Ms. Rivera would almost certainly win": a named subject's outcome, not a kind of thing.
_NAME_BEFORE = re.compile(
    r"\b(?!(?:It|This|That|These|Those|Such|There|Which|What|Who|Anyone|Nobody|Everyone|One)\b)"
    r"[A-Z][a-z]+\s*$"
)
_FORECAST_ATTRIBUTION_AFTER = re.compile(
    r"[,\"]\s*\"?\s*[^,\"]{1,60}?\s+(?:predicted|predicts|forecast|forecasts|projected|projects|"
    r"estimated|estimates|expects|expected|warned|warns)\s*[.!]?\s*\"?$"
)
# "would" reports a forecast only after a verb of forecasting; after "said" it is as often a
# past habit, a hypothetical or a reported plan.
_REPORTED_WOULD = re.compile(
    r"\b(?:predicted|predicts|predicting|forecast|forecasts|projected|projects|estimated|"
    r"estimates|warned|warns|expects?|expected\s+that|bet|betting|believed|believes|doubted|"
    r"doubts|(?:was|were|is|are|remains?|remained)\s+(?:confident|convinced|optimistic|"
    r"pessimistic|certain|sure))\b"
    r"(?P<gap>[^.;:?!]{0,90}?)(?P<aux>\bwould\b)(?!\s+(?:have|'ve)\b)",
    re.IGNORECASE,
)


@finder("would")
def reported_would(text: str, _lower: str) -> Iterator[Cue]:
    """ "predicted the race would tighten"; "would almost certainly win"."""
    for match in _REPORTED_WOULD.finditer(text):
        if re.search(r"\b(?:if|unless|whether)\b", match.group("gap"), re.IGNORECASE):
            continue
        following = text[match.end() :].lstrip()
        if SCHEDULED.match(following):
            continue
        negated = bool(re.match(r"(?:not|never|n't)\b", following)) or text[
            match.start("aux") : match.end("aux") + 3
        ].lower().startswith("wouldn't")
        yield Cue("reported_would", match.start("aux"), match.end("aux"), "would", negated)
    closing = _FORECAST_ATTRIBUTION_AFTER.search(text)
    if closing is not None:
        # "…would yield victories for Sanders, Devine predicted."
        for match in re.finditer(r"\bwould\b(?!\s+(?:have|'ve)\b)", text[: closing.start()]):
            following = text[match.end() :].lstrip()
            negated = bool(re.match(r"(?:not|never|n't)\b", following))
            yield Cue("reported_would", match.start(), match.end(), "would", negated)
    for match in _WOULD_SURELY.finditer(text):
        if re.search(r"\b(?:I|we|us|you)\s*$", text[: match.start()], re.IGNORECASE):
            continue  # "I would certainly agree", "most of us would probably say": an opinion
        if _OPINION_VERB.match(text, match.end()):
            continue
        if is_own_plan(text[: match.start()], text[match.end() :]):
            continue  # "voters said they would definitely vote for her": their own plan
        if not (
            _SAID.search(text)
            or _FUTURE_TIME.search(text)
            or _NAME_BEFORE.search(text, 0, match.start())
        ):
            continue  # "such judges would certainly command respect": a bare hypothetical
        yield Cue("reported_would", match.start("aux"), match.end("adverb"),
                  match.group(0).strip(), False)  # fmt: skip


@finder("chance", "odds", "probab", "likelihood", "likely", "risk", "shot", "50-50", "50/50",
        "50 50", "fifty")  # fmt: skip
def explicit_odds(text: str, _lower: str) -> Iterator[Cue]:
    """ "an 87 percent chance", "3-1 odds", "50-50"."""
    odds = find_odds(text)
    if odds is not None:
        yield Cue("odds", odds.start, odds.end, odds.text, False)


_ESTIMATIVE = re.compile(
    r"\b(?:likely(?!\s+(?:[\w-]+\s+){0,2}(?:voters|caucus-?goers|electorate)\b)|unlikely|probable|improbable|possibility|chances?|odds|certain|"
    r"almost\s+certainly|probably|inevitable)\b",
    re.IGNORECASE,
)
_ESTIMATIVE_THAT = re.compile(
    r"\b(?:(?:highly|very|most|more|quite|fairly|increasingly|all\s+but)\s+)?(?:un)?likely\s+"
    r"that\b|\b(?:almost\s+)?(?:certain|inevitable)\s+that\b",
    re.IGNORECASE,
)
_FUTURE_TIME = re.compile(
    r"\b(?:next\s+(?:week|month|year|spring|summer|fall|autumn|winter|session|term|time)|"
    r"before\s+(?:the\s+)?(?:end|election|vote|deadline|recess)|by\s+the\s+end|"
    r"in\s+the\s+coming|anytime\s+soon|any\s+time\s+soon|soon|tomorrow|later\s+this|"
    r"this\s+(?:fall|autumn|winter|spring|summer)|within\s+(?:the\s+next|a|weeks|months|days)|"
    r"until\s+after)\b",
    re.IGNORECASE,
)
# "the likely nominee", "the seemingly inevitable winner": a forecast in a noun phrase.
_LIKELY_ROLE = re.compile(
    r"\b(?:likely|inevitable|probable)\s+(?:\w+\s+)?(?:nominee|winner|successor|victor)\b"
    # "the vote is a likely flashpoint", "considered a deal likely"
    r"|\b(?:is|are|'s|'re|remains?|looks?\s+like)\s+(?:a|an|the)\s+(?:likely|probable)\s+[a-z]+"
    r"|\b(?:consider\w*|deem\w*|judg\w*|thinks?|thought|see|sees|saw)\s+(?:[\w-]+\s+){1,4}?"
    r"(?:un)?likely\b(?!\s+(?:to|that)\b)",
    re.IGNORECASE,
)


def estimative_without_auxiliary(text: str) -> Cue | None:
    """A chance word with no other cue: "unlikely that any could pass", "unlikely before May".

    Run only when no finder found a cue, so an estimative word beside a "will" is read as that
    cue's hedge instead.
    """
    for pattern in (_ESTIMATIVE_THAT, _LIKELY_ROLE):
        match = pattern.search(text)
        if match and not _PAST_BEFORE.search(text[max(0, match.start() - 14) : match.start()]):
            return Cue("estimative", match.start(), match.end(), match.group(0), False)
    estimate = _ESTIMATIVE.search(text)
    if estimate and _FUTURE_TIME.search(text):
        return Cue("estimative", estimate.start(), estimate.end(), estimate.group(0), False)
    return None
