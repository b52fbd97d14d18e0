"""Decide whether a sentence states a forecast, and where the forecasting words are.

A forecast needs a future cue: a future auxiliary ("will", "won't", "'ll", "is going to",
"is set to", "is about to"), a progressive future ("is not coming back"), an expectation or
prediction verb ("expect", "predict", "I'm predicting", "anticipate", "bet"), an estimative
frame tied to the future ("likely to", "unlikely before the end of the year"), an explicit
chance ("an 87 percent chance"), or "would" in reported speech ("said it would pass").

What looks like a forecast but is not one is refused here: questions, "will" the noun,
"Will" the name, a speaker's own scheduled plans ("I will sign", "we will hold a press
conference"), scheduled events ("the debate will be held on Sunday"), and "would" in a bare
hypothetical. All patterns are linear (no nested quantifiers), so long input cannot make
them backtrack.
"""

import re
from dataclasses import dataclass

from predictions.extraction.odds import find_odds


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # "future", "expect", "estimative", "odds", "reported_would", "progressive"
    start: int
    end: int
    text: str
    negated: bool


def normalise(sentence: str) -> str:
    """Map typographic apostrophes and quotes to ASCII, one character for one."""
    return sentence.translate(_TYPOGRAPHIC)


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})

_NOT = r"(?:not\s+|n't\s+|never\s+|no\s+longer\s+)"
_ADVERBS = (
    r"(?:(?:also|still|really|just|now|probably|likely|almost\s+certainly|certainly|definitely|"
    r"surely|soon|then|eventually|ultimately|finally|simply|actually|quickly|only|easily|"
    r"undoubtedly|inevitably|clearly|indeed|very\s+likely|most\s+likely|once\s+again|again|"
    r"never|not|n't)\s+)"
)

# "will"/"shall"/"'ll"/"won't" as auxiliaries; "Will" capitalised is a name or a question.
_FUTURE = re.compile(
    r"(?P<aux>\b(?:will|shall)\b(?!\s+(?:of|and|to|power|is|was)\b)|'ll\b|\bwon't\b|\bwo\s+n't\b|"
    r"\bshan't\b)"
    r"(?P<tail>\s+" + _ADVERBS + r"{0,3})"
)
_BE = r"(?:am|is|are|be|'s|'re|'m|isn't|aren't|ain't|seems?|appears?|looks?)"
_GOING = re.compile(
    r"\b" + _BE + r"\s+" + _ADVERBS + r"{0,3}(?P<frame>going\s+to|gonna|set\s+to|about\s+to|"
    r"poised\s+to|on\s+track\s+to|on\s+course\s+to)\s+(?P<verb>[a-z]+)",
    re.IGNORECASE,
)
_LIKELY_TO = re.compile(
    r"\b(?P<frame>(?:(?:highly|very|most|more|less|quite|fairly|increasingly|widely|generally|"
    r"not|un)\s*)?(?:likely|expected|certain|sure|bound|destined|projected|forecast|predicted)"
    r"\s+to)\s+(?P<verb>[a-z]+)",
    re.IGNORECASE,
)
_EXPECT = re.compile(
    r"\b(?P<verb>expects?|expecting|predicts?|predicting|predicted|forecasts?|forecasting|"
    r"anticipates?|anticipating|projecting|bet|bets|betting|wager|foresees?|foresee)\b"
    r"(?!\s+(?:of|for|on)\b)",
    re.IGNORECASE,
)
_PROGRESSIVE = re.compile(
    r"\b" + _BE + r"\s+" + _ADVERBS + r"{0,2}(?:coming\s+back|going\s+away|going\s+anywhere|"
    r"returning|heading\s+(?:for|toward|towards))\b",
    re.IGNORECASE,
)
_ESTIMATIVE = re.compile(
    r"\b(?:likely|unlikely|probable|improbable|possibility|chances?|odds|certain|"
    r"almost\s+certainly|probably)\b",
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
# "would" reports a forecast only after a verb of forecasting; after "said" it is as often a
# past habit, a hypothetical or a reported plan.
_REPORTED_WOULD = re.compile(
    r"\b(?:predicted|predicts|predicting|forecast|forecasts|projected|projects|estimated|"
    r"estimates|warned|warns|expects?|expected\s+that|bet|betting)\b"
    r"(?P<gap>[^.;:?!]{0,90}?)(?P<aux>\bwould\b)(?!\s+(?:have|'ve)\b)",
    re.IGNORECASE,
)

# "the will of the people", "free will", "his will": the noun.
_NOUN_BEFORE_WILL = frozenset(
    [
        "the",
        "a",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "free",
        "political",
        "good",
        "ill",
        "own",
        "popular",
        "whose",
        "people's",
        "public's",
        "voters'",
        "last",
    ]
)
# Verbs a speaker does by choice: "I will sign", "we will hold" are plans, not forecasts.
_VOLITIONAL = frozenset(
    [
        "sign",
        "hold",
        "announce",
        "continue",
        "fight",
        "make",
        "do",
        "build",
        "bring",
        "work",
        "keep",
        "give",
        "take",
        "send",
        "put",
        "release",
        "veto",
        "appeal",
        "ask",
        "call",
        "introduce",
        "propose",
        "push",
        "stand",
        "support",
        "vote",
        "serve",
        "meet",
        "visit",
        "travel",
        "speak",
        "talk",
        "address",
        "attend",
        "host",
        "lead",
        "try",
        "offer",
        "provide",
        "protect",
        "defend",
        "repeal",
        "replace",
        "cut",
        "raise",
        "create",
        "invest",
        "pay",
        "hire",
        "start",
        "launch",
        "open",
        "close",
        "end",
        "stop",
        "tell",
        "explain",
        "answer",
        "respond",
        "review",
        "consider",
        "look",
        "discuss",
        "report",
        "write",
        "post",
        "share",
        "publish",
        "return",
        "go",
        "come",
        "stay",
        "run",
        "nominate",
        "appoint",
        "pursue",
        "seek",
        "order",
        "use",
        "spend",
        "hold",
        "not",
        "never",
        "get",
        "campaign",
        "file",
        "sue",
        "act",
        "move",
        "let",
        "help",
        "follow",
        "present",
        "unveil",
        "outline",
        "discuss",
        "change",
        "issue",
        "hear",
        "face",
    ]
)
# After the auxiliary: the event is on the calendar, its happening is not in doubt.
_SCHEDULED = re.compile(
    r"^(?:be\s+(?:held|hosted|moderated|broadcast|televised|streamed|aired|released|published|"
    r"unveiled|sworn\s+in|announced|available|on\s+hand|in\s+attendance|joined|open|closed)|"
    r"take\s+place|air|premiere|debut|headline|testify|perform|tour|host|attend|appear|speak|"
    r"deliver|address|visit|travel|meet|campaign|participate|kick\s+off)\b",
    re.IGNORECASE,
)
_NOT_CHOSEN = frozenset(
    [
        "see",
        "be",
        "have",
        "need",
        "find",
        "get",
        "face",
        "lose",
        "win",
        "witness",
        "suffer",
        "regret",
        "know",
        "learn",
        "miss",
        "fail",
        "end",
        "hear",
        "experience",
        "pay",
    ]
)
_SECOND_PERSON = re.compile(r"(?:^|[\s\"(])you\s*$", re.IGNORECASE)
# A day of this week or tonight: the plan is on a calendar.
_SCHEDULE_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tonight|tomorrow|"
    r"later\s+today|this\s+(?:morning|afternoon|evening|weekend))\b"
)
_FIRST_PERSON = re.compile(r"(?:^|[\s\"(])(?:i|we)\s*$", re.IGNORECASE)
_SELF_REPORT = re.compile(
    r"\b(?:said|says|vowed|vows|promised|promises|pledged|pledges|announced|announces|"
    r"insisted|insists|claimed|claims|told\s+\w+)\s+(?:that\s+)?(?:he|she|they|it)\s*$",
    re.IGNORECASE,
)
_NON_VERB_AFTER_TO = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "my",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "him",
        "them",
        "me",
        "us",
        "it",
        "some",
        "any",
        "every",
        "each",
        "all",
        "no",
    ]
)


# Most sentences hold none of these words: plain substring tests rule them out before the
# detailed patterns run (much faster than one large case-insensitive pattern).
_ANY_CUE = (
    "will", "'ll", "won't", "shall", "shan't", "going", "gonna", "set to", "about to", "poised",
    "on track", "on course", "likely", "expect", "certain", "sure", "bound", "destined",
    "project", "forecast", "predict", "anticipat", "bet", "wager", "foresee", "coming",
    "returning", "heading", "would", "chance", "odds", "probab", "possib", "fifty", "50",
    "risk", "shot",
)  # fmt: skip
# Explicit chances need a chance word ("87 percent chance", "3-1 odds", "50-50").
_ODDS_HINT = (
    "chance", "odds", "probab", "likelihood", "likely", "risk", "shot", "50-50", "50/50",
    "50 50", "fifty",
)  # fmt: skip


def _has(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


def find_cues(sentence: str) -> list[Cue]:
    """Return the future cues of one sentence that survive the exclusions, in order."""
    text = normalise(sentence)
    lower = text.lower()
    if not _has(lower, _ANY_CUE):
        return []
    cues: list[Cue] = []
    # Each detailed pattern runs only when its own words occur (plain substring tests).
    future = _has(lower, ("will", "'ll", "won't", "shall", "shan't", "wo n't"))
    for match in _FUTURE.finditer(text) if future else ():
        aux = match.group("aux")
        if aux.startswith("W") or aux.startswith("S"):
            continue
        before = text[: match.start()].rstrip()
        previous = before.rsplit(None, 1)[-1].lower().strip("\"'(") if before else ""
        if aux.lower() in ("will", "shall") and previous in _NOUN_BEFORE_WILL:
            continue
        tail = match.group("tail")
        negated = (
            aux.lower() in ("won't", "shan't")
            or "n't" in aux
            or bool(re.search(r"\b(?:not|never|no\s+longer)\b|n't", tail))
        )
        following = text[match.end() :].lstrip()
        if _SCHEDULED.match(following):
            continue
        subject = text[: match.start()] if aux != "'ll" else text[: match.start()]
        if _is_own_plan(subject, following):
            continue
        cues.append(
            Cue(
                "future",
                match.start(),
                match.end(),
                text[match.start() : match.end()].strip(),
                negated,
            )
        )
    going = _has(lower, ("going", "gonna", "set to", "about to", "poised", "on track", "on course"))
    for match in _GOING.finditer(text) if going else ():
        verb = match.group("verb").lower()
        if verb in _NON_VERB_AFTER_TO:
            continue
        head = text[match.start() : match.start("frame")]
        negated = bool(re.search(r"\b(?:not|never)\b|n't", head))
        if _SCHEDULED.match(text[match.start("verb") :]):
            continue
        if _is_own_plan(text[: match.start()] + " ", text[match.start("verb") :], be=True):
            continue
        cues.append(
            Cue("future", match.start("frame"), match.end("frame"), match.group("frame"), negated)
        )
    likely = " to " in lower and _has(
        lower,
        ("likely", "expected", "certain", "sure", "bound", "destined", "projected", "forecast",
         "predicted"),
    )  # fmt: skip
    for match in _LIKELY_TO.finditer(text) if likely else ():
        if match.group("verb").lower() in _NON_VERB_AFTER_TO:
            continue
        frame = match.group("frame").lower()
        before = text[max(0, match.start() - 14) : match.start()].lower()
        if re.search(r"\b(?:was|were|had\s+been|wasn't|weren't)\s+(?:\w+\s+)?$", before):
            continue  # "it was destined to fail": a past expectation
        if re.search(r"(?:expected|projected|forecast|predicted)\s+to$", frame) and not re.search(
            r"\b(?:is|are|be|been|'s|'re|widely|generally|also|now|still|not|seems?|appears?)\s+$",
            before,
        ):
            continue  # "he expected to sell": past; "is (widely) expected to" is kept
        if frame.startswith(("sure to", "certain to")) and not re.search(
            r"\b(?:is|are|be|'s|'re|seems?|appears?|looks?)\s+$", text[: match.start()]
        ):
            continue
        if _SCHEDULED.match(text[match.start("verb") :]):
            continue
        negated = frame.startswith("not")
        cues.append(
            Cue("estimative", match.start(), match.end("frame"), match.group("frame"), negated)
        )
    expect = _has(
        lower,
        ("expect", "predict", "forecast", "anticipat", "projecting", "bet", "wager", "foresee"),
    )
    for match in _EXPECT.finditer(text) if expect else ():
        verb = match.group("verb")
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if re.search(r"\b(?:as|than|been|be|had|to|what|did|didn't|did\s+not|never)\s+$", before):
            continue  # "as expected", "what to expect", "I didn't expect": not a forecast now
        if verb.lower() in ("bet", "bets", "wager") and not re.search(
            r"(?:\bi|\bwe|'d|\bwould)\s+$|\b(?:safe|good|best|sure)\s+$", before
        ):
            continue
        negated = bool(re.search(r"(?:\bnot|n't|\bno one|\bnobody)\s+$", before))
        cues.append(Cue("expect", match.start(), match.end(), verb, negated))
    progressive = _has(lower, ("coming", "going", "returning", "heading"))
    for match in _PROGRESSIVE.finditer(text) if progressive else ():
        negated = bool(re.search(r"\bnot\b|n't", match.group(0)))
        cues.append(Cue("progressive", match.start(), match.end(), match.group(0), negated))
    for match in _REPORTED_WOULD.finditer(text) if "would" in lower else ():
        if re.search(r"\b(?:if|unless|whether)\b", match.group("gap"), re.IGNORECASE):
            continue
        following = text[match.end() :].lstrip()
        if _SCHEDULED.match(following):
            continue
        negated = bool(re.match(r"(?:not|never|n't)\b", following)) or text[
            match.start("aux") : match.end("aux") + 3
        ].lower().startswith("wouldn't")
        cues.append(
            Cue("reported_would", match.start("aux"), match.end("aux"), match.group("aux"), negated)
        )
    odds = find_odds(text) if _has(lower, _ODDS_HINT) else None
    if odds is not None:
        cues.append(Cue("odds", odds.start, odds.end, odds.text, False))
    if not cues:
        estimate = _ESTIMATIVE.search(text)
        if estimate and _FUTURE_TIME.search(text):
            cues.append(
                Cue("estimative", estimate.start(), estimate.end(), estimate.group(0), False)
            )
    if _HYPOTHETICAL_START.match(text):
        return []
    cues = [
        cue
        for cue in cues
        if not _in_question(text, cue.start)
        and not _HABITUAL.search(text, max(0, cue.start - 14), min(len(text), cue.end + 14))
        and not _DESIRE.search(text[max(0, cue.start - 120) : cue.start])
    ]
    return sorted(cues, key=lambda cue: cue.start)


# "usually will", "will sometimes": a habit, not a one-off outcome.
_HABITUAL = re.compile(
    r"\b(?:usually|typically|often|sometimes|periodically|always|normally|routinely|"
    r"frequently|occasionally|inevitably\s+will)\b",
    re.IGNORECASE,
)
# "hopes that X will": a wish, not a forecast (the clause before the cue, up to a comma).
_DESIRE = re.compile(
    r"\b(?:hopes?|hoping|hoped|wish|wishes|wants?|wanted|pray|prays|praying)\b(?:\s+that)?"
    r"(?:(?!\bbut\b)[^;.])*$",
    re.IGNORECASE,
)
_HYPOTHETICAL_START = re.compile(
    r"^\W*(?:let's\s+say|say|suppose|imagine|picture)\b", re.IGNORECASE
)


def _is_own_plan(before: str, following: str, be: bool = False) -> bool:
    """A plan, not a forecast: "I will sign", "we're going to hold", "she said she will run".

    A first-person subject makes any verb a plan except those nobody chooses ("we will see",
    "I will lose"); a second-person subject is advice or a generic case ("you'll need");
    otherwise a verb of choice is a plan when reported from its doer ("said he will sign") or
    put on a calendar ("will announce plans Friday").
    """
    subject = before.rstrip()
    if be:
        subject = re.sub(r"\s*(?:'m|'re|am|are)\s*$", "", subject, flags=re.IGNORECASE)
    verb_match = re.match(
        r"(?:(?:also|still|then|now|just|never|not|n't|soon|probably|likely)\s+)*([a-z']+)",
        following,
        re.IGNORECASE,
    )
    verb = verb_match.group(1).lower() if verb_match else ""
    if _FIRST_PERSON.search(subject):
        return verb not in _NOT_CHOSEN
    if _SECOND_PERSON.search(subject):
        return True
    if verb not in _VOLITIONAL:
        return False
    clause = re.split(r"[,;:\"”]", following[:80], maxsplit=1)[0]
    return bool(_SELF_REPORT.search(subject) or _SCHEDULE_WORDS.search(clause))


def _in_question(text: str, position: int) -> bool:
    """True when a question mark follows the cue in its sentence: a question, not a claim."""
    return "?" in text[position:]
