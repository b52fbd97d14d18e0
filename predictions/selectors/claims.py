"""Reads that pair text with claims: suggestions for a new prediction, and claims ↔ events.

The database narrows the candidates (trigram or full-text indexes on PostgreSQL, word
containment on SQLite), and the pure ranking in ``predictions.matching`` (or rapidfuzz for
suggestions on SQLite) orders them, so a first run on SQLite gives sensible, if slower, answers.
"""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, Max, Min, OuterRef, Q, Value, When
from django.utils import timezone
from rapidfuzz import fuzz

from predictions import matching
from predictions.models import Claim, Event, Prediction, Tag
from predictions.selectors.events import events_search_any_one, events_search_any_two

# pg_trgm's default threshold (0.3) misses paraphrases of one outcome; lower it for suggestions.
TRIGRAM_THRESHOLD = 0.2
# Below these scores a suggestion is noise.
SUGGESTION_MINIMUM = 0.45
MATCH_MINIMUM = 0.15
CANDIDATES = 1000
# How many events each of the two searches (sentences, headings) hands to the ranking of
# events_for_claim: enough for the settling event, few enough for the page to stay quick.
EVENT_CANDIDATES = 600
# How many story headings (tags) sharing the claim's words lead to their events.
STORIES = 20
# Events this many days past a claim's deadline are not offered (their weight is small).
AFTER_DEADLINE_DAYS = 365


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


def _claim_period(claim: Claim) -> tuple[datetime.date | None, datetime.date | None]:
    """The day its first forecast was made, and its latest deadline (None if any is open)."""
    found = claim.predictions.exclude(status=Prediction.Status.REJECTED).aggregate(
        first=Min("made_at"),
        last=Max("deadline"),
        open=Count("pk", filter=Q(deadline__isnull=True)),
    )
    made_on = timezone.localdate(found["first"]) if found["first"] else None
    deadline = None if found["open"] else found["last"]
    if deadline is not None and made_on is not None and deadline < made_on:
        # A deadline before the forecast is a slip in the record, not a reason to offer nothing.
        deadline = None
    return made_on, deadline


def _event_candidates(groups: list[list[str]], period: Q) -> list[int]:
    """Ids of events in ``period`` whose text or story headings share the most of the words
    of ``groups`` (a claim's words, each with its other names)."""
    words = [word for group in groups for word in group]
    terms = _substring_terms(words)
    if connection.vendor == "postgresql":
        # The full-text index finds the events sharing two of the claim's words and ranks
        # them; when they are few, the earliest sharing one word make up the number.
        by_text = list(
            events_search_any_two(groups=groups)
            .filter(period)
            .values_list("pk", flat=True)[:EVENT_CANDIDATES]
        )
        if len(by_text) < EVENT_CANDIDATES:
            by_text += (
                events_search_any_one(groups=groups)
                .filter(period)
                .exclude(pk__in=by_text)
                .values_list("pk", flat=True)[: EVENT_CANDIDATES - len(by_text)]
            )
    else:
        found = (
            Event.objects.filter(period)
            .annotate(matched=_terms_matched(("title", "description"), terms))
            .filter(matched__gt=0)
            .order_by("-matched", "occurred_on", "id")
        )
        by_text = list(found.values_list("pk", flat=True)[:EVENT_CANDIDATES])
    # The stories whose headings name most of the words, and the events under them: the
    # settling event's sentence often leaves to its heading what the story is.
    names = Tag.objects.filter(_containing_any(("name",), terms)).values_list("pk", "name")
    shared = {pk: sum(term in name.casefold() for term in terms) for pk, name in names}
    stories = sorted(shared, key=lambda pk: (-shared[pk], pk))[:STORIES]
    tagged = Event.tags.through.objects.filter(event_id=OuterRef("pk"), tag__in=stories)
    by_heading = (
        Event.objects.filter(period)
        .filter(Exists(tagged))
        .order_by("occurred_on", "id")
        .values_list("pk", flat=True)[:EVENT_CANDIDATES]
    )
    return list(dict.fromkeys(by_text + list(by_heading)))


def _substring_terms(words: list[str]) -> list[str]:
    """Rough stems of ``words``, none containing another, so containment finds every form."""
    stems = sorted({matching.stem(w) for w in words if len(w) >= 3}, key=len)
    kept: list[str] = []
    for term in stems:
        if len(term) >= 3 and not any(shorter in term for shorter in kept):
            kept.append(term)
    return kept


def events_for_claim(*, claim: Claim, limit: int = 10) -> list[tuple[Event, float]]:
    """Events that may settle ``claim``, best first, with 0-1 scores.

    Only events on or after its first forecast, and within a year of its deadline when every
    forecast has one; ranked by ``predictions.matching.rank_events`` on their sentences and
    story headings (tags), forecasts left out.
    """
    text = f"{claim.text} {claim.description}"
    groups = matching.event_search_groups(text)
    if not groups:
        return []
    made_on, deadline = _claim_period(claim)
    period = Q()
    if made_on is not None:
        period &= Q(occurred_on__gte=made_on)
    if deadline is not None:
        period &= Q(occurred_on__lte=deadline + datetime.timedelta(days=AFTER_DEADLINE_DAYS))
    ids = _event_candidates(groups, period)
    rows = Event.objects.filter(pk__in=ids).values_list("pk", "title", "description", "occurred_on")
    headings: dict[int, list[str]] = {}
    for event_id, name in Event.tags.through.objects.filter(event_id__in=ids).values_list(
        "event_id", "tag__name"
    ):
        headings.setdefault(event_id, []).append(name)
    ranked = matching.rank_events(
        text,
        [
            matching.EventText(pk, description or title, occurred_on, tuple(headings.get(pk, ())))
            for pk, title, description, occurred_on in rows
        ],
        made_on=made_on,
        deadline=deadline,
        limit=limit,
        minimum=MATCH_MINIMUM,
    )
    events = Event.objects.in_bulk([pk for pk, _ in ranked])
    return [(events[pk], score) for pk, score in ranked if pk in events]
