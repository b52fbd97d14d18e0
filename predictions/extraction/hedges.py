"""Read how sure a forecast sounds: the hedge words and the probability they imply.

The probability is always that of the claim stated positively. Three things combine:
the hedge (from ``lexicon.HEDGES``, or an explicit number from ``odds``), a negated frame
around it ("I don't think … will", "no one expects"), and a negated verb ("will not",
"won't"). Each negation mirrors the probability (p → 1 - p) and flips the polarity; two
cancel. Estimative words that already lean low ("unlikely", "doubt") lower the probability
without making the claim negative: "X is unlikely" is a low-probability forecast of X.
"""

import re
from dataclasses import dataclass

from predictions.extraction.cues import Cue, normalise
from predictions.extraction.lexicon import HEDGES, OUTLOOK
from predictions.extraction.odds import find_odds
from predictions.extraction.wordlists import words

BARE_FUTURE = "will"

# Wordings read as hedges in running text. Frequency words ("always", "often") and the
# weak modals ("may", "could") are left out: they describe habits or bare possibility, and
# "may" is also a month.
_HEDGE_WORDINGS = sorted(
    (
        w
        for w in HEDGES
        if w
        not in {
            "always", "almost always", "never", "often", "frequently", "usually", "rarely",
            "not often", "more often than not", "may", "could", "might", "maybe", "will",
            "certain", "possible", "with high probability", "with low probability",
            "with moderate probability", "think", "thinks", "believe", "believes", "expect",
            "expects", "expecting", "anticipate", "anticipates",
            "doubt", "doubts", "impossible", "confident", "guaranteed", "uncertain",
            "not certain",
        }
    ),
    key=len,
    reverse=True,
)  # fmt: skip
_HEDGE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _HEDGE_WORDINGS) + r")\b",
    re.IGNORECASE,
)
# Belief and expectation verbs govern the clause after them, at any distance.
_FRAME_RE = re.compile(
    r"(?P<neg>\b(?:do|does|did)\s*(?:not|n't)\s+|\bnot\s+|\bno\s+one\s+|\bnobody\s+|\bnever\s+|"
    r"\b(?:very\s+)?few\s+(?:[a-z]+\s+)?)?"
    r"\b(?P<verb>think|thinks|believe|believes|expect|expects|expecting|expected|anticipate|anticipates|"
    r"doubt|doubts|doubted|am\s+confident|'m\s+confident|is\s+confident|are\s+confident|'re\s+confident|"
    r"confident|skeptical|sceptical|predict|predicts|predicting|predicted|bet|assume|assumption|"
    r"suspect|suspects|projecting|forecast|forecasts|fear|fears|feel)\b",
    re.IGNORECASE,
)
_FRAME_WORDING = {
    "think": "think", "thinks": "think", "believe": "believe", "believes": "believe",
    "expect": "expect", "expects": "expect", "expecting": "expect", "expected": "expect", "anticipate": "anticipate",
    "anticipates": "anticipate", "doubt": "doubt", "doubts": "doubt", "doubted": "doubt", "confident": "confident",
    "skeptical": "skeptical", "sceptical": "skeptical", "assume": "think", "assumption": "think",
    "suspect": "think", "suspects": "think", "fear": "expect", "fears": "expect",
    "feel": "think",
}  # fmt: skip
# Intensifiers that make a belief firmer ("I just know", "I'm sure").
_NEGATED_HEDGE = re.compile(
    r"\b(?:not|n't|hardly|scarcely)\s+(?:very\s+|that\s+|so\s+)?$", re.IGNORECASE
)


_SURPRISE = words("surprised shocked astonished amazed")
# "polls see her winning": an expectation cue whose chance is the outlook's.
_SEEING = words("see sees")


@dataclass(frozen=True, slots=True)
class Reading:
    probability: float
    hedge: str | None
    polarity: str  # "positive" or "negative"


_NEGATION_WORD = re.compile(r"\b(?:not|never)\b|n't")
# A hedge ending this close before its cue ("probably not going to") is the cue's own.
_ADJACENT = 12


def _clamp(p: float) -> float:
    return round(min(0.99, max(0.01, p)), 3)


def _outlook_reading(cue: Cue, negations: int) -> Reading | None:
    """ "chances are slim", "not betting on": the outlook's own adjective carries the chance."""
    wording = cue.text.lower().split()
    key = next((word for word in reversed(wording) if word in OUTLOOK), wording[-1])
    if key in _SURPRISE:
        # A surprise says the outcome is unlikely; "wouldn't be surprised", that it may well be.
        return Reading(_clamp(OUTLOOK["not surprised" if cue.negated else "surprised"][0]),
                       cue.text, "positive")  # fmt: skip
    if key not in OUTLOOK:
        return None
    p = OUTLOOK[key][0]
    if negations:
        return Reading(_clamp(1 - p), cue.text, "negative")
    return Reading(_clamp(p), cue.text, "positive")


def read_hedge(sentence: str, cue: Cue, window: tuple[int, int] | None = None) -> Reading:
    """Return the probability of the positive claim behind ``cue`` in ``sentence``.

    ``window`` limits the search to the forecast's own clause (start, end offsets), so a
    hedge in a neighbouring clause does not leak in.
    """
    text = normalise(sentence)
    lo, hi = window or (0, len(text))
    # Estimative and expectation cues carry their negation in the hedge or frame read below.
    negations = (
        1
        if cue.negated
        and cue.kind in ("future", "progressive", "reported_would", "frame", "outlook")
        else 0
    )
    if cue.kind == "outlook" or (cue.kind == "expect" and cue.text.lower() in _SEEING):
        outlook = _outlook_reading(cue, negations)
        if outlook is not None:
            return outlook

    odds = find_odds(text[lo:hi])
    if odds is not None:
        hedge = odds.text
        if negations:
            return Reading(_clamp(1 - odds.probability), hedge, "negative")
        return Reading(odds.probability, hedge, "positive")

    hedge_text: str | None = None
    p: float | None = None
    negative_hedge = False
    # A hedge next to the cue, or an estimative frame ("it is most unlikely that ...").
    best = None
    for match in _HEDGE_RE.finditer(text, lo, hi):
        if match.start() > cue.end + 60 and match.start() > cue.start + 80:
            break
        distance = 0 if match.start() <= cue.start else match.start() - cue.end
        if best is None or distance <= best[0]:
            best = (distance, match)
    if best is not None:
        match = best[1]
        wording = re.sub(r"\s+", " ", match.group(0).lower())
        if wording in HEDGES:
            hedge_text = sentence[match.start() : match.end()]
            p = HEDGES[wording][0]

            before_start = max(lo, match.start() - 20)
            negation = _NEGATED_HEDGE.search(text[before_start : match.start()])
            if negation is not None:
                negated_wording = f"not {wording}"
                p = HEDGES[negated_wording][0] if negated_wording in HEDGES else 1 - p
                hedge_text = sentence[before_start + negation.start() : match.end()]
                hedge_start = before_start + negation.start()
            else:
                hedge_start = match.start()
            # "will probably not", "is probably not going to", "will not likely": the cue's
            # "not" is the hedge's, counted once, and already in the hedge's probability.
            touching = hedge_start < cue.end and match.end() > cue.start - _ADJACENT
            if negations and touching and _NEGATION_WORD.search(text[hedge_start : match.end()]):
                negations = 0
                negative_hedge = True

    frame = None
    for match in _FRAME_RE.finditer(text, lo, cue.end if cue.kind != "expect" else cue.end):
        frame = match
    frame_negated = False
    if frame is not None and (p is None or cue.kind == "expect"):
        verb = re.sub(r"^(?:am|'m|is|are|'re)\s+", "", frame.group("verb").lower())
        frame_wording = _FRAME_WORDING.get(verb)
        if frame_wording is not None and frame_wording in HEDGES and p is None:
            p = HEDGES[frame_wording][0]
            hedge_text = sentence[frame.start("verb") : frame.end("verb")]
        elif frame_wording is None and p is None:
            hedge_text = sentence[frame.start("verb") : frame.end("verb")]
        if frame.group("neg"):
            frame_negated = True
            hedge_text = sentence[frame.start() : frame.end()]

    if p is None:
        p = HEDGES[BARE_FUTURE][0]
    if frame_negated:
        negations += 1
    if negations % 2:
        return Reading(_clamp(1 - p), hedge_text, "positive" if negative_hedge else "negative")
    return Reading(_clamp(p), hedge_text, "negative" if negative_hedge else "positive")
