"""Reads that pair text with claims: suggestions for a new prediction, and claims ↔ events.

The database narrows the candidates (trigram or full-text indexes on PostgreSQL, word
containment on SQLite), and the pure ranking in ``predictions.matching`` (or rapidfuzz for
suggestions on SQLite) orders them, so a first run on SQLite gives sensible, if slower, answers.
"""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Case, Exists, Min, OuterRef, Q, Value, When
from django.utils import timezone
from rapidfuzz import fuzz

from predictions import matching
from predictions.models import Claim, Event, Prediction
from predictions.selectors.events import events_search

# pg_trgm's default threshold (0.3) misses paraphrases of one outcome; lower it for suggestions.
TRIGRAM_THRESHOLD = 0.2
# Below these scores a suggestion is noise.
SUGGESTION_MINIMUM = 0.45
MATCH_MINIMUM = 0.15
CANDIDATES = 1000


def _containing_any(fields: tuple[str, ...], terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
    return condition


def _terms_matched(fields: tuple[str, ...], terms: list[str]):
    """How many of ``terms`` the row contains: the candidates sharing most words come first."""
    return sum(
        (Case(When(_containing_any(fields, [term]), then=1), default=0) for term in terms),
        start=Value(0),
    )


def _fuzzy(a: str, b: str) -> float:
    """Word-set similarity, with word order breaking ties so that an exact match ranks first."""
    a, b = a.casefold(), b.casefold()
    return (3 * fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 400


def claim_suggestions(*, text: str, limit: int = 5) -> list[tuple[Claim, float]]:
    """Existing claims that may state the same outcome as ``text``, best first, with 0-1 scores."""
    text = " ".join(text.split())
    if not text:
        return []
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # Scoped to this transaction; the % operator then uses the GIN trigram index.
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
            found = list(
                Claim.objects.filter(text__trigram_similar=text)
                .annotate(similarity=TrigramSimilarity("text", text))
                .order_by("-similarity", "-id")[:limit]
            )
        return [(claim, float(claim.similarity)) for claim in found]

    terms = matching.search_terms(text)
    if not terms:
        return []
    candidates = Claim.objects.filter(_containing_any(("text",), terms)).order_by("-id")
    scored = [(claim, _fuzzy(text, claim.text)) for claim in candidates[:CANDIDATES]]
    scored = [(claim, score) for claim, score in scored if score >= SUGGESTION_MINIMUM]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].pk))
    return scored[:limit]


def _day_after(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def claims_for_event(*, event: Event, limit: int = 10) -> list[tuple[Claim, float]]:
    """Open claims ``event`` may settle: similar text, and forecast on or before its day."""
    text = f"{event.title} {event.description}"
    terms = matching.search_terms(text, count=8)
    if not terms:
        return []
    forecast_before = Prediction.objects.filter(
        claim=OuterRef("pk"), made_at__lt=_day_after(event.occurred_on)
    ).exclude(status=Prediction.Status.REJECTED)
    candidates = (
        Claim.objects.open()
        .filter(Exists(forecast_before))
        .filter(_containing_any(("text", "description"), terms))
        .annotate(matched=_terms_matched(("text", "description"), terms))
        .order_by("-matched", "-id")
        .values_list("pk", "text", "description")[:CANDIDATES]
    )
    ranked = matching.rank(
        text,
        [(pk, f"{claim_text} {description}") for pk, claim_text, description in candidates],
        limit=limit,
        minimum=MATCH_MINIMUM,
    )
    claims = Claim.objects.in_bulk([pk for pk, _ in ranked])
    return [(claims[pk], score) for pk, score in ranked if pk in claims]


def events_for_claim(*, claim: Claim, limit: int = 10) -> list[tuple[Event, float]]:
    """Events that may settle ``claim``: similar text, on or after its earliest forecast."""
    first = claim.predictions.exclude(status=Prediction.Status.REJECTED).aggregate(
        first=Min("made_at")
    )["first"]
    text = f"{claim.text} {claim.description}"
    terms = matching.search_terms(text, count=8)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        # The full-text index finds events sharing any of the words, most relevant first.
        candidates = events_search(q=" ".join(matching.content_words(text)), any_word=True)
    else:
        candidates = (
            Event.objects.filter(_containing_any(("title", "description"), terms))
            .annotate(matched=_terms_matched(("title", "description"), terms))
            .order_by("-matched", "occurred_on")
        )
    if first is not None:
        candidates = candidates.filter(occurred_on__gte=timezone.localdate(first))
    rows = candidates.values_list("pk", "title", "description")[:CANDIDATES]
    ranked = matching.rank(
        text,
        [(pk, f"{title} {description}") for pk, title, description in rows],
        limit=limit,
        minimum=MATCH_MINIMUM,
    )
    events = Event.objects.in_bulk([pk for pk, _ in ranked])
    return [(events[pk], score) for pk, score in ranked if pk in events]
