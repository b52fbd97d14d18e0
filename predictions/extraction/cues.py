"""Decide whether a sentence states a forecast, and where the forecasting words are.

A forecast needs a future cue: a future auxiliary ("will", "won't", "'ll", "is going to",
"is set to", "is about to"), a progressive future ("is not coming back"), an expectation or
prediction verb ("expect", "predict", "I'm predicting", "anticipate", "bet"), an estimative
frame tied to the future ("likely to", "unlikely before the end of the year"), a course or
position ("on the verge of", "well positioned to", "figures to"), an explicit chance ("an 87
percent chance"), or "would" in reported speech ("said it would pass"). The finders, one per
kind, are in ``cue_kinds``.

What looks like a forecast but is not one is refused here or by the finders: questions,
"will" the noun, "Will" the name, a speaker's own plans ("I will sign"), scheduled events
("the debate will be held on Sunday"), obligations ("she will have to"), indirect questions
("the vote will show whether"), refusals to forecast ("he's not predicting"), wishes, habits,
generic statements ("the best job anyone will ever have") and bare hypotheticals.
"""

import re

from predictions.extraction import cue_outlook  # noqa: F401  (registers the outlook finders)
from predictions.extraction.cue_kinds import FINDERS, Cue, estimative_without_auxiliary

__all__ = ["Cue", "find_cues", "normalise"]


def normalise(sentence: str) -> str:
    """Map typographic apostrophes and quotes to ASCII, one character for one."""
    return sentence.translate(_TYPOGRAPHIC)


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})

# Most sentences hold none of these words: plain substring tests rule them out before the
# detailed patterns run (much faster than one large case-insensitive pattern).
_HINTS = tuple(dict.fromkeys(hint for hints, _ in FINDERS for hint in hints)) + (
    "possib", "inevitab", "certain", "positioned",
)  # fmt: skip
# A hint that contains another ("chances", "chance") adds nothing to the first test: drop it.
_ANY_CUE = tuple(
    hint for hint in _HINTS if not any(other != hint and other in hint for other in _HINTS)
)


# The first test reads the sentence before its quotes are normalised: typographic spellings too.
_FIRST_TEST = _ANY_CUE + tuple(
    hint.replace("'", "’") for hint in _ANY_CUE if "'" in hint
)  # fmt: skip


# Every word the estimative patterns can start from ("likely", "chances", "inevitable" …).
_ESTIMATIVE_HINTS = ("likel", "probab", "possib", "chance", "odds", "certain", "inevitab")


def hint_pattern(hints: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of ``hints`` as a plain substring, shaped as a trie.

    ``pattern.search(text)`` answers whether a hint occurs: each position of the text tries
    only the branch its character opens, which is faster than a substring test per hint.
    A hint that another hint begins with adds nothing and is left out.
    """
    trie: dict = {}
    for hint in sorted(set(hints)):
        node = trie
        for char in hint:
            if node.get("") is True:
                break  # a shorter hint already matches here
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = True

    def branch(node: dict) -> str:
        if node.get("") is True:
            return ""
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return re.compile(branch(trie))


_FIRST_TEST_PATTERN = hint_pattern(_FIRST_TEST)
_ESTIMATIVE_PATTERN = hint_pattern(_ESTIMATIVE_HINTS)
_FINDER_PATTERNS = tuple((hint_pattern(hints), finder) for hints, finder in FINDERS)


def find_cues(sentence: str) -> list[Cue]:
    """Return the future cues of one sentence that survive the exclusions, in order."""
    if not _FIRST_TEST_PATTERN.search(sentence.lower()):
        return []
    text = normalise(sentence)
    lower = text.lower()
    cues: dict[int, Cue] = {}
    for hints, finder in _FINDER_PATTERNS:
        if hints.search(lower):
            for cue in finder(text, lower):
                cues.setdefault(cue.start, cue)
    if not cues and _ESTIMATIVE_PATTERN.search(lower):
        estimate = estimative_without_auxiliary(text)
        if estimate is not None:
            cues[estimate.start] = estimate
    if not cues or _HYPOTHETICAL_START.match(text):
        return []
    kept = [cue for cue in cues.values() if not _excluded(text, cue)]
    return sorted(kept, key=lambda cue: cue.start)


def _excluded(text: str, cue: Cue) -> bool:
    before = text[max(0, cue.start - 120) : cue.start]
    after = text[cue.end : cue.end + 40]
    return bool(
        "?" in _TAG_QUESTION.sub("", text[cue.start :])
        or _HABITUAL.search(text, max(0, cue.start - 14), min(len(text), cue.end + 14))
        or _DESIRE.search(before)
        or _REFUSAL.search(before)
        or (cue.kind in ("future", "reported_would") and _OBLIGATION.match(after))
        or _INDIRECT_QUESTION.match(after)
        or _GENERIC_EVER.search(text[max(0, cue.start - 80) : cue.end + 8])
        or _WANTED_ONE.search(before)
        or (_EMBEDDED_QUESTION.search(before[-60:]) and not _DOUBT.search(before[-60:]))
        or (cue.kind == "reported_would" and _COUNTERFACTUAL.search(text[: cue.start]))
        or _CORRELATIVE.search(text)
        or _EVERY_SO_OFTEN.match(text, cue.end)
        or (cue.kind == "future" and _WAIT_AND_SEE.match(after))
        or _NO_IMPLICATION.search(before[-60:])
        or _HOPEFULLY.search(text, max(0, cue.start - 30), min(len(text), cue.end + 24))
        or (cue.kind == "future" and _GENERIC_SAYER.search(before[-40:]) and _SAYING.match(after))
        or (cue.kind == "future" and _GENERIC_WHO.search(before[-90:]))
        or (cue.kind == "future" and _ANYTHING.match(after))
        or (cue.kind == "future" and _TAUTOLOGY.search(text))
        or (
            cue.kind in ("outlook", "estimative", "frame")
            and _GENERIC_SUBJECT.match(text, 0, cue.start)
        )
        or (cue.kind == "estimative" and _COMPARATIVE_LIKELY.match(text, cue.start))
    )


# "I'm going to have the delegates, OK?": a tag asks for assent, the statement stands.
_TAG_QUESTION = re.compile(
    r",\s*(?:OK|okay|right|no|eh|yes|huh|you\s+know|isn't\s+it|won't\s+it|wouldn't\s+it|"
    r"don't\s+you\s+think)\s*\?",
    re.IGNORECASE,
)
# "usually will", "will sometimes": a habit, not a one-off outcome.
_HABITUAL = re.compile(
    r"\b(?:usually|typically|often|sometimes|periodically|always|normally|routinely|"
    r"frequently|occasionally|inevitably\s+will)\b",
    re.IGNORECASE,
)
# "It will double every 35 years": a rate, not an outcome.
_EVERY_SO_OFTEN = re.compile(
    r"[^.;,]{0,40}?\bevery\s+(?:~?\d+|few|other|single|couple\s+of)?\s*"
    r"(?:years?|months?|weeks?|days?|decades?|time)\b",
    re.IGNORECASE,
)
# "hopes that X will": a wish, not a forecast (the clause before the cue, up to a comma).
_DESIRE = re.compile(
    r"\b(?:hopes?|hoping|hoped|wish|wishes|wants?|wanted|pray|prays|praying)\b(?:\s+that)?"
    r"(?:(?!\bbut\b)(?:[^;.]|\.(?=\S|\s+[\dA-Z])))*$",  # "Nov. 8", "Mr. Smith" stay inside
    re.IGNORECASE,
)
# "he's not predicting she'll win", "declined to forecast whether": no forecast is made.
_REFUSAL = re.compile(
    r"(?:\bnot|n't|\bdeclined\s+to|\brefused\s+to|\bwouldn't|\bwon't)\s+(?:\w+\s+)?"
    r"(?:predict|predicting|forecast|forecasting|speculate|speculating|guess|say|assume|"
    r"assuming|presume)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# "she will have to", "we're going to need to": what must happen, not what will.
_OBLIGATION = re.compile(
    r"\s*(?:\w+\s+)?(?:have|need)\s+to\b|\s*be\s+(?:up\s+)?to\s+[a-z]+\b", re.IGNORECASE
)
# "the vote will show whether …": an outcome not yet stated.
_INDIRECT_QUESTION = re.compile(
    r"\s*(?:\w+\s+)?(?:show|determine|decide|tell|reveal|test|say|gauge)\s+(?:\w+\s+)?"
    r"(?:if|whether|who|what|how|when)\b",
    re.IGNORECASE,
)
# "the most important job anyone will ever have": a generic statement.
_GENERIC_EVER = re.compile(
    r"\b(?:most|best|worst|greatest|only|biggest|anyone|anybody|any\s+of\s+us|everyone|"
    r"nobody|no\s+one)\b[^.;]{0,60}(?:will|'ll|going\s+to)\s+ever\b",
    re.IGNORECASE,
)
# "we need someone who is going to", "a politician who will say whatever": a wanted kind.
_WANTED_ONE = re.compile(
    r"\b(?:someone|somebody|anyone|anybody|a\s+\w+|an\s+\w+|people|leaders|justices)\s+"
    r"(?:who|that)\s*(?:'s|is|are|'re)?\s*$",
    re.IGNORECASE,
)
# "it's all about who is going to win", "clear who the candidates will be": a question.
_EMBEDDED_QUESTION = re.compile(
    r"(?:\b(?:not|nobody|no\s+one)|n't)\s+(?:\w+\s+)?(?:knows?|sure|see|say|tell)\s+(?:who|what|whether|"
    r"which|how|when)\b[^,.;]{0,40}$|"
    r"\b(?:about|clear|ask|asked|asks|wonder\w*|decid\w*|determin\w*|"
    r"matter\w*|unclear|unknown|uncertain|detail\w*|answer\s+(?:for|to|on|about)|"
    r"(?:disagree\w*|debat\w*|split|divided)\s+(?:on|about|over)|discuss\w*)\s+"
    r"(?:exactly\s+)?(?:who|what|whether|which|how|when)\b[^,.;]{0,40}$",
    re.IGNORECASE,
)
# "serious doubts about whether Congress will act": a low-probability forecast, not a question.
_DOUBT = re.compile(
    r"\b(?:doubts?|doubtful|skeptic\w*|sceptic\w*|confident|optimistic|pessimistic)\s+"
    r"(?:about\s+|that\s+|as\s+to\s+)?(?:whether|if)\b",
    re.IGNORECASE,
)
# "In any other year they would …": what would have been, not what will be.
_COUNTERFACTUAL = re.compile(
    r"\b(?:in\s+any\s+other|in\s+a\s+different|otherwise|in\s+another\s+world)\b",
    re.IGNORECASE,
)
# "The more people you have, the better your numbers are going to be": a rule, not an outcome.
_CORRELATIVE = re.compile(
    r"^\W*the\s+(?:more|less|fewer|better|worse|sooner|longer|bigger|higher|lower)\b[^,]{0,80},"
    r"\s*the\s+(?:more|less|fewer|better|worse|sooner|longer|bigger|higher|lower)\b",
    re.IGNORECASE,
)
# "we'll see how it works", "time will tell", "it will be interesting to see": no outcome named.
_WAIT_AND_SEE = re.compile(
    r"\s*(?:just\s+)?(?:see|tell)\s*(?:$|[,.;:!\"'()—–-]|(?:how|what|whether|if|who|which|when)\b|"
    r"about\s+that\b)|\s*be\s+(?:very\s+|most\s+|really\s+)?(?:interesting|fascinating|"
    r"instructive|curious|worth\s+watching)\s+to\s+(?:see|watch|learn|find\s+out)\b",
    re.IGNORECASE,
)
# "that does not mean she will not win": an inference denied, no outcome forecast.
_NO_IMPLICATION = re.compile(
    r"(?:\bdoes\s+not|\bdoesn't|\bdo\s+not|\bdon't|\bdid\s+not|\bdidn't|\bnot|\bnever)\s+"
    r"(?:necessarily\s+|automatically\s+)?(?:mean|means|imply|implies|guarantee)\s+(?:that\s+)?"
    r"[^,.;]{0,40}$",
    re.IGNORECASE,
)
# "who will soon, hopefully, leave": a wish.
_HOPEFULLY = re.compile(r"\bhopefully\b", re.IGNORECASE)
# "Some will argue that …", "critics will say": what a kind of people say, a generic statement.
_GENERIC_SAYER = re.compile(
    r"(?:^|[\s\"(])(?:some|many|others|most|people|critics|skeptics|sceptics|cynics|purists|"
    r"those|anyone|anybody|everyone|everybody|somebody|someone|readers|viewers|listeners|"
    r"shoppers|visitors|travell?ers|fans|users|customers|observers|historians)(?:\s+(?:people|"
    r"of\s+us|of\s+you|observers|readers|voters|commentators))?\s*$",
    re.IGNORECASE,
)
_SAYING = re.compile(
    r"\s*(?:(?:surely|probably|no\s+doubt|undoubtedly|even|also|then|always)\s+)?(?:say|argue|point|"
    r"claim|insist|tell|object|complain|note|wonder|ask|suggest|counter|respond|reply|protest|"
    r"go\s+so\s+far|remember|recall|notice|appreciate|recogni[sz]e|reali[sz]e|understand|know|"
    r"find|agree)\b",
    re.IGNORECASE,
)
# "Anyone who has studied the budget will appreciate …": what holds for a kind of person
# ("anyone who thinks she will lose is dreaming" is a forecast, negated, and stays).
_GENERIC_WHO = re.compile(
    r"(?:^|[\s\"(])(?:anyone|anybody|everyone|everybody|whoever|someone|somebody|those|one)\s+"
    r"(?:who|that|whom)\b(?!\s+(?:still\s+|really\s+|seriously\s+)?(?:thinks?|believes?|expects?|"
    r"imagines?|says?|predicts?|claims?)\b)[^,;:]{0,70}$|"
    r"(?:^|[\s\"(])whoever\b[^,;:]{0,70}$",
    re.IGNORECASE,
)
# "Someone living there is almost assured to …": a chance for anyone, not an outcome.
_GENERIC_SUBJECT = re.compile(
    r"\W*(?:someone|somebody|anyone|anybody|everyone|everybody|a\s+person|people\s+who)\b"
    r"[^,;:]*$",  # the subject of the cue itself: "Whoever wins, X is likely to" stays
    re.IGNORECASE,
)
# "They will say anything to get elected": a habit of character, not an outcome.
_ANYTHING = re.compile(
    r"\s*(?:(?:just|simply)\s+)?(?:say|do|promise|tell\s+you|try)\s+(?:anything|whatever)\b",
    re.IGNORECASE,
)
# "Boys will be boys": a saying.
_TAUTOLOGY = re.compile(r"\b(\w+)\s+will\s+be\s+\1\b", re.IGNORECASE)
# "are far more likely to vote than": a comparison of groups, not an outcome (kept: "more
# likely than not").
_COMPARATIVE_LIKELY = re.compile(
    r"(?:(?:much|far|less|more|significantly|twice\s+as|three\s+times\s+as)\s+)*(?:more|less)\s+"
    r"likely\s+to\b",
    re.IGNORECASE,
)
_HYPOTHETICAL_START = re.compile(
    r"^\W*(?:let's\s+say|say|suppose|imagine|picture)\b", re.IGNORECASE
)
