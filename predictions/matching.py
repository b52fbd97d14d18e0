"""Text similarity between claims and events: which event may settle which claim.

Pure: strings in, scores out, no ORM (the selectors in ``predictions.selectors.claims`` choose
the candidates from the database and rank them here). A claim ("Ukraine will hold a
presidential election") and the event that settles it ("Voters in Ukraine go to the polls in
the presidential election") share few words, and the shared ones that matter are rare, so
words are reduced to rough stems, stop words are dropped, and each shared stem counts by its
rarity among the texts being compared (an idf weight): "Ukraine" outweighs "new".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either every
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just least less let many may me might more most much must my
    myself neither never no nor not now of off on once one only or other ought our ours
    ourselves out over own per same shall she should since so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves
    said says say year years day days week weeks month months time next last new first second
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
# Longest first: the first suffix that leaves a stem of three letters or more is removed.
_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ian", "ia", "es", "ed", "s"
)  # fmt: skip
_VOWEL_SION = re.compile(r"(?<=[aeiou])sion$")


def stem(word: str) -> str:
    """A rough stem, enough to meet "elections"/"election", "invades"/"invasion", "Russia"/"Russian"."""
    word = word.casefold().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 6 and _VOWEL_SION.search(word):  # invasion → invad(e), decision → decid(e)
        return word[:-4] + "d"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not stop words, unstemmed and unrepeated (for search)."""
    words = (w for w in _WORD.findall(text) if len(w) > 1 and w.casefold() not in STOP_WORDS)
    return list(dict.fromkeys(words))


def tokens(text: str) -> list[str]:
    """Content-word stems of ``text``, in order, stop words and one-letter words dropped."""
    out = []
    for word in _WORD.findall(text):
        lowered = word.casefold()
        if lowered in STOP_WORDS or len(lowered) < 2:
            continue
        out.append(stem(lowered))
    return out


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies over a set of texts; unseen stems weigh the most."""

    documents: int
    frequencies: dict[str, int]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Weights:
        frequencies: Counter[str] = Counter()
        count = 0
        for text in texts:
            frequencies.update(set(tokens(text)))
            count += 1
        return cls(count, dict(frequencies))

    def of(self, token: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequencies.get(token, 0))) + 1.0


def similarity(a: str, b: str, weights: Weights | None = None) -> float:
    """Weighted overlap of the content stems of ``a`` and ``b``, from 0 (none) to 1 (same)."""
    weights = weights or Weights(0, {})
    left, right = set(tokens(a)), set(tokens(b))
    if not left or not right:
        return 0.0
    shared = sum(weights.of(t) for t in left & right)
    norm = math.sqrt(sum(weights.of(t) for t in left) * sum(weights.of(t) for t in right))
    return shared / norm


def rank(
    query: str,
    candidates: Sequence[tuple[Hashable, str]],
    *,
    limit: int = 10,
    minimum: float = 0.1,
) -> list[tuple[Hashable, float]]:
    """The keys of the ``candidates`` most similar to ``query``, best first, with scores.

    Rarity is measured over the candidates and the query together, so a word every candidate
    shares (they were found by it) counts for less than one only the best ones share.
    """
    weights = Weights.from_texts([query, *(text for _, text in candidates)])
    scored = [(key, similarity(query, text, weights)) for key, text in candidates]
    scored = [(key, score) for key, score in scored if score >= minimum]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def search_terms(text: str, *, count: int = 6) -> list[str]:
    """The ``count`` most telling stems of ``text`` (longest first), to find candidates with."""
    unique = dict.fromkeys(t for t in tokens(text) if len(t) >= 3)
    return sorted(unique, key=len, reverse=True)[:count]
