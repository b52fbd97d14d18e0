"""Reads for the site's index pages: every article, person, outlet and claim, with their counts.

Each list is a queryset the page paginates, annotated with what its rows show, so one page of
any size costs a fixed number of queries. A person's standing (rank, adjusted score, resolved
count) is read from the stored all-time board, never computed on a page view.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from archive.models import Article, Outlet, Person
from predictions.models import Claim, LeaderboardEntry, Prediction
from predictions.selectors.leaderboards import board_places
from predictions.selectors.sources import accepted_count

ACCEPTED = Prediction.Status.ACCEPTED


class Standing:
    """The ``standing`` filter of the people index."""

    RANKED = "ranked"
    UNRANKED = "unranked"
    CHOICES = ("", RANKED, UNRANKED)


class ClaimState:
    """The ``state`` filter of the claims index: open claims, or every settled one."""

    OPEN = "open"
    RESOLVED = "resolved"
    CHOICES = ("", OPEN, RESOLVED)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def article_index_list(
    *,
    outlet: Outlet | None = None,
    published_from: datetime.date | None = None,
    published_to: datetime.date | None = None,
) -> QuerySet[Article]:
    """Articles, newest first, each with ``prediction_count`` (accepted) and ``comment_count``.

    ``published_from`` and ``published_to`` are days, both included, in the archive's time zone.
    """
    articles = Article.objects.select_related("outlet").prefetch_related("authors")
    if outlet is not None:
        articles = articles.filter(outlet=outlet)
    if published_from is not None:
        articles = articles.filter(published_at__gte=_day_start(published_from))
    if published_to is not None:
        articles = articles.filter(
            published_at__lt=_day_start(published_to + datetime.timedelta(days=1))
        )
    return (
        articles.annotate(
            prediction_count=accepted_count(),
            comment_count=Count("comments", distinct=True),
        )
        .defer("body", "metadata")
        .order_by("-published_at", "-id")
    )


def _board_value(column: str, *, output_field=None) -> Subquery:
    rows = (
        LeaderboardEntry.objects.board(scope=LeaderboardEntry.Scope.PERSON)
        .select_related(None)
        .filter(person=OuterRef("pk"))
        .values(column)[:1]
    )
    return Subquery(rows, output_field=output_field) if output_field else Subquery(rows)


def person_index_list(*, standing: str = "") -> QuerySet[Person]:
    """People with at least one accepted forecast: the ranked ones in board order, then the rest.

    Each row has ``prediction_count``, ``resolved`` (0 when none is) and ``adjusted_brier``
    (None when nothing is resolved); ``person_index_ranks`` sets ``board_rank`` on a page of
    them (None when unranked). ``standing`` narrows the list to the ranked or the unranked.
    """
    minimum = settings.ARCHIVE_MIN_RESOLVED
    people = (
        Person.objects.filter(
            Q(predictions__status=ACCEPTED),
        )
        .annotate(
            prediction_count=accepted_count(),
            adjusted_brier=_board_value("adjusted_brier"),
            brier=_board_value("brier"),
            board_name=_board_value("name"),
            resolved=Coalesce(
                _board_value("resolved", output_field=IntegerField()),
                Value(0),
                output_field=IntegerField(),
            ),
        )
        .annotate(
            unranked=Case(When(resolved__gte=minimum, then=Value(0)), default=Value(1)),
        )
        .select_related("outlet")
    )
    if standing == Standing.RANKED:
        people = people.filter(resolved__gte=minimum)
    elif standing == Standing.UNRANKED:
        people = people.filter(resolved__lt=minimum)
    # The ranked ones exactly in the board's order (predictions.selectors.leaderboards).
    name = Collate(F("board_name"), "C") if connection.vendor == "postgresql" else F("board_name")
    return people.order_by(
        "unranked",
        F("adjusted_brier").asc(nulls_last=True),
        F("resolved").desc(),
        name.asc(nulls_last=True),
        "-prediction_count",
        "name",
        "pk",
    )


def person_index_ranks(people: Sequence[Person]) -> None:
    """Set ``board_rank`` on a page of ``person_index_list``: the ranked ones come first and in
    board order, so the first one's rank is counted and the rest follow."""
    minimum = settings.ARCHIVE_MIN_RESOLVED
    rank: int | None = None
    for person in people:
        if getattr(person, "resolved", 0) < minimum:
            person.board_rank = None  # type: ignore[attr-defined]
            continue
        if rank is None:
            rank = board_places(scope=LeaderboardEntry.Scope.PERSON, subjects=[person.pk]).get(
                person.pk
            )
        else:
            rank += 1
        person.board_rank = rank  # type: ignore[attr-defined]


def person_index_counts() -> dict[str, int]:
    """How many people have accepted forecasts, and how many of them are ranked."""
    with_forecasts = Person.objects.filter(predictions__status=ACCEPTED).distinct().count()
    ranked = (
        LeaderboardEntry.objects.board(scope=LeaderboardEntry.Scope.PERSON)
        .filter(resolved__gte=settings.ARCHIVE_MIN_RESOLVED)
        .count()
    )
    return {"all": with_forecasts, "ranked": ranked, "unranked": max(with_forecasts - ranked, 0)}


def outlet_index_list() -> QuerySet[Outlet]:
    """Outlets by name, with ``article_count`` and ``prediction_count`` (accepted);
    ``outlet_index_ranks`` sets ``board_rank`` on a page of them."""
    predictions = (
        Prediction.objects.filter(article__outlet=OuterRef("pk"), status=ACCEPTED)
        .order_by()
        .values("article__outlet")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Outlet.objects.annotate(
        article_count=Count("articles", distinct=True),
        prediction_count=Coalesce(
            Subquery(predictions, output_field=IntegerField()),
            Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("name", "pk")


def outlet_index_ranks(outlets: Sequence[Outlet]) -> None:
    """Set ``board_rank`` (None when unranked) on a page of outlets, in one query."""
    places = board_places(scope=LeaderboardEntry.Scope.OUTLET, subjects=[o.pk for o in outlets])
    for outlet in outlets:
        outlet.board_rank = places.get(outlet.pk)  # type: ignore[attr-defined]


def claim_index_list(*, state: str = "") -> QuerySet[Claim]:
    """Claims with accepted forecasts, each with ``prediction_count``.

    Open claims come soonest-created first; resolved ones by the day they were settled, latest
    first. ``state`` is "open", "resolved" or "" for both.
    """
    claims = (
        Claim.objects.filter(predictions__status=ACCEPTED)
        .annotate(prediction_count=accepted_count())
        .select_related("resolution_event")
        .prefetch_related("tags")
    )
    if state == ClaimState.OPEN:
        return claims.filter(state=Claim.State.OPEN).order_by("-created_at", "-id")
    if state == ClaimState.RESOLVED:
        claims = claims.exclude(state=Claim.State.OPEN)
    return claims.order_by(F("resolved_on").desc(nulls_first=True), "-created_at", "-id")


def claim_index_counts() -> dict[str, int]:
    forecast = Claim.objects.filter(predictions__status=ACCEPTED).distinct()
    open_count = forecast.filter(state=Claim.State.OPEN).count()
    total = forecast.count()
    return {"all": total, "open": open_count, "resolved": total - open_count}


def outlet_get_by_slug(*, slug: str) -> Outlet | None:
    return Outlet.objects.filter(slug=slug).first()


def outlet_choice_list() -> list[Outlet]:
    """Outlets with at least one article, for the articles index's filter."""
    return list(Outlet.objects.filter(articles__isnull=False).distinct().order_by("name"))
