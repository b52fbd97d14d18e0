"""The claim: the predicted outcome stated positively, without hedge or attribution.

"It is most unlikely the strike will be settled before May" → "the strike will be settled
before May"; "The mill won't close, Smith said" → "The mill will close" (polarity negative);
"Analysts expect rates to rise" → "rates will rise". The rewriting is deliberately shallow:
it removes the words that carry the speaker, the hedge and the negation, and leaves the
rest as written, so the quote and the claim can be compared by eye.
"""

import re

from predictions.extraction.cues import normalise

_MAX_CLAIM = 300

_LEAD = re.compile(
    r"^(?:(?:and|but|so|yet|still|however|now|well|also|indeed|of\s+course|in\s+fact|whereas|while|"
    r"look|instead|meanwhile|ultimately|then|mark\s+my\s+words|believe\s+me|trust\s+me|"
    r"take\s+it\s+from\s+me|make\s+no\s+mistake|(?:I'm|I\s+am)\s+telling\s+you|"
    r"(?:here's\s+)?my\s+prediction)\b[,:]?\s*)+",
    re.IGNORECASE,
)
_FRAMES = [
    # "It is most unlikely (that)", "it seems highly possible that", "it's likely"
    r"^(?:it|this|that|there)\s+(?:is|'s|seems|seemed|appears|looks|remains|was)\s+"
    r"(?:(?:now|very|highly|most|more|quite|increasingly|entirely|all\s+but|almost|just|not|"
    r"still|also)\s+)*[a-z\- ]{0,30}?(?:likely\s+than\s+not|likely|unlikely|possible|probable|improbable|certain|"
    r"clear|doubtful|inevitable|plausible|conceivable|sure|a\s+safe\s+bet|"
    r"a\s+good\s+bet|no\s+doubt|a\s+(?:real|serious|strong|distinct)\s+possibility)\s+(?:that\s+)?",
    # "I (don't) think (that)", "we expect", "I'm predicting", "Smith believes that"
    r"^(?:[A-Z][\w.\-']*\s+){0,3}?(?:i|we|he|she|they|many|most|some|analysts|experts|"
    r"[A-Z][\w.\-']*)\s+(?:(?:also|still|really|just|firmly|now|do|does|did|don't|doesn't|"
    r"didn't|do\s+not|does\s+not|'m|am|are|is|'re|fully|certainly)\s+)*"
    r"(?:think|thinks|believe|believes|expect|expects|predict|predicts|predicting|suspect|"
    r"suspects|bet|doubt|doubts|fear|fears|feel|guess|reckon|am\s+confident|'m\s+confident|"
    r"confident|sure)\s+(?:that\s+)?",
    r"^(?:i|we)\s+(?:just\s+)?know\s+(?:that\s+)?",
    r"^(?:there\s+is|there's)\s+no\s+doubt\s+(?:that\s+)?",
    # "there is an 80 percent chance (that)", "the odds are", "chances are": the hedge, not the
    # outcome ("a 30 percent chance of a strike" names the outcome and stays)
    r"^(?:there\s+is|there's|there\s+are)\s+(?:a|an)\s+(?:[\w%.-]+\s+){0,4}?(?:chance|probability|"
    r"likelihood|risk|possibility)\s+(?!of\b)(?:that\s+)?",
    r"^(?:the\s+)?(?:odds|chances)\s+are\s+(?:(?:good|high|that)\s+)*",
]
_FRAME_RES = [re.compile(f, re.IGNORECASE) for f in _FRAMES]
# The same frames found anywhere before the cue, after a clause break.
_FRAME_SEARCH = [
    re.compile(r"(?:^|(?<=[,;:\s]))" + f.removeprefix("^"), re.IGNORECASE) for f in _FRAMES[:1]
] + [
    re.compile(
        r"(?:^|(?<=[,;:]\s)|(?<=\s))(?:i|we)\s+(?:(?:also|still|really|just|firmly|now|do|don't|"
        r"do\s+not|'m|am|are|'re|fully|certainly)\s+)*(?:think|believe|expect|predict|"
        r"suspect|bet|doubt|fear|feel|guess|reckon|am\s+confident|'m\s+confident|know)\s+(?:that\s+)?",
        re.IGNORECASE,
    )
]
_HEDGE_ADVERBS = re.compile(
    r"\s+(?:almost\s+certainly|most\s+likely|very\s+likely|quite\s+likely|likely|probably|"
    r"certainly|definitely|surely|undoubtedly|almost\s+surely|in\s+all\s+likelihood|"
    r"perhaps|possibly|presumably|inevitably)\b(?=\s)",
    re.IGNORECASE,
)
_NEGATIONS = [
    (re.compile(r"\bwon't\b", re.IGNORECASE), "will"),
    (re.compile(r"\bwo\s+n't\b", re.IGNORECASE), "will"),
    (re.compile(r"\bshan't\b", re.IGNORECASE), "shall"),
    (re.compile(r"\b(will|shall|'ll)\s+(?:not|never|no\s+longer)\b", re.IGNORECASE), r"\1"),
    (
        re.compile(
            r"\b(is|are|am|'s|'re|'m)\s+not\s+(going\s+to|coming|set\s+to|about\s+to)\b",
            re.IGNORECASE,
        ),
        r"\1 \2",
    ),
    (
        re.compile(
            r"\b(is|are|was|were)n't\s+(going\s+to|coming|set\s+to|about\s+to)\b", re.IGNORECASE
        ),
        r"\1 \2",
    ),
    (re.compile(r"\bwouldn't\b", re.IGNORECASE), "would"),
    (re.compile(r"\bwould\s+not\b", re.IGNORECASE), "would"),
]
_TO_WILL = re.compile(
    r"\b(?:is|are|am|'s|'re|'m|seems|seem|appears|appear|looks|look)\s+(?:not\s+)?"
    r"(?:(?:highly|very|most|more|quite|fairly|increasingly|widely|generally|also|still|now|"
    r"all\s+but|almost|nearly|virtually)\s+)*"
    r"(?:un)?(?:likely|expected|set|poised|going|bound|certain|sure|about|projected|"
    r"predicted|forecast|destined)\s+to\s+",
    re.IGNORECASE,
)
# "…, the union said", "…, according to the minister": who said it, at the end.
_TRAILING_SAYING = re.compile(
    r",\s*(?:according\s+to\s+[^,;]{1,60}|(?:[^,;\s]+\s+){0,5}?(?:said|says|told\s+\w+|added|"
    r"predicted|predicts|warned|argued|wrote|claimed|insisted|believes|thinks|expects))\s*$",
    re.IGNORECASE,
)
_EXPECT_OBJ = re.compile(
    r"^(?:.*?\b)?(?:expects?|expected|predicts?|predicted|anticipates?|forecasts?)\s+"
    r"(?P<subj>[^,;]{1,80}?)\s+to\s+(?P<rest>(?!the\b|a\b)[a-z].*)$",
    re.IGNORECASE,
)


def state_claim(sentence: str, cue_start: int, cut: list[tuple[int, int]]) -> str:
    """Return the claim of ``sentence`` whose cue starts at ``cue_start``.

    The spans in ``cut`` (attribution, condition) are left out, and so is everything before a
    hedge or belief frame that governs the cue ("Given all this, it is likely that …").
    """
    text = normalise(sentence)
    begin = 0
    for frame in _FRAME_SEARCH:
        for match in frame.finditer(text, 0, cue_start):
            if match.end() <= cue_start:
                begin = max(begin, match.end())
    for _start, end in cut:
        if end <= cue_start:
            begin = max(begin, end)
    for start, end in sorted(cut, reverse=True):
        if start >= begin:
            text = text[:start] + " " + text[end:]
    text = text[begin:]
    text = re.sub(r"\s+", " ", text).strip(" ,;:—-\"'()").lstrip(".…")
    text = text.rstrip(".!?\"' ,;:")
    text = _TRAILING_SAYING.sub("", text).rstrip(" ,")
    text = _LEAD.sub("", text)
    expect = _EXPECT_OBJ.match(text)
    if expect:
        # "Analysts expect rates to rise" → "rates will rise"
        text = f"{expect.group('subj')} will {expect.group('rest')}"
    else:
        for frame in _FRAME_RES:
            text = frame.sub("", text, count=1)
        text = _LEAD.sub("", text)
    text = _TO_WILL.sub(" will ", text)
    text = _HEDGE_ADVERBS.sub("", text)
    for pattern, replacement in _NEGATIONS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:—-\"'")
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return text[:_MAX_CLAIM]
