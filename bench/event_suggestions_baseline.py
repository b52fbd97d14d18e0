"""The event suggestions as they were before headings, forecasts and deadlines counted (frozen).

A copy of ``predictions.matching`` and ``events_for_claim`` as of 2026-12-01, kept so that
``bench/event_suggestions.py`` can measure today's matcher beside it in the same run. Nothing
in the project imports this.
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


# The selector, as ``predictions.selectors.claims.events_for_claim`` was (Django imported late so
# that the pure part above stays importable on its own).
MATCH_MINIMUM = 0.15
CANDIDATES = 1000


def _containing_any(fields, terms):
    from django.db.models import Q

    condition = Q()
    for term in terms:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
    return condition


def _terms_matched(fields, terms):
    from django.db.models import Case, Value, When

    return sum(
        (Case(When(_containing_any(fields, [term]), then=1), default=0) for term in terms),
        start=Value(0),
    )


def _events_search_any(q: str):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from predictions.models import Event

    words = q.split()
    if not words:
        return Event.objects.none()
    query = SearchQuery(" or ".join(words), config="english", search_type="websearch")
    vector = SearchVector("title", "description", config="english")
    return (
        Event.objects.alias(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-occurred_on", "-id")
    )


def events_for_claim(*, claim, limit: int = 10):
    from django.db import connection
    from django.db.models import Min
    from django.utils import timezone

    from predictions.models import Event, Prediction

    first = claim.predictions.exclude(status=Prediction.Status.REJECTED).aggregate(
        first=Min("made_at")
    )["first"]
    text = f"{claim.text} {claim.description}"
    terms = search_terms(text, count=8)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        candidates = _events_search_any(" ".join(content_words(text)))
    else:
        candidates = (
            Event.objects.filter(_containing_any(("title", "description"), terms))
            .annotate(matched=_terms_matched(("title", "description"), terms))
            .order_by("-matched", "occurred_on")
        )
    if first is not None:
        candidates = candidates.filter(occurred_on__gte=timezone.localdate(first))
    rows = candidates.values_list("pk", "title", "description")[:CANDIDATES]
    ranked = rank(
        text,
        [(pk, f"{title} {description}") for pk, title, description in rows],
        limit=limit,
        minimum=MATCH_MINIMUM,
    )
    events = Event.objects.in_bulk([pk for pk, _ in ranked])
    return [(events[pk], score) for pk, score in ranked if pk in events]
