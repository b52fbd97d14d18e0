"""The public pages' reads: one named read for each thing a page shows.

The views parse the request, call these and render; a page's queries are all here, each with
the ``select_related``/``prefetch_related`` its template needs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from archive.models import Article, Comment, Outlet, Person
from predictions.models import Claim, Event, Judgement, LeaderboardEntry, Prediction, Tag
from predictions.scoring import EVEN
from predictions.selectors.leaderboards import leaderboard_place


class Sides(TypedDict):
    for_: list[Prediction]
    against: list[Prediction]
    even: list[Prediction]


def sides(predictions: Iterable[Prediction]) -> Sides:
    """Predictions that the claim comes true (p > 0.5), that it does not, and 50-50 ones."""
    split: Sides = {"for_": [], "against": [], "even": []}
    for prediction in predictions:
        if prediction.probability > EVEN:
            split["for_"].append(prediction)
        elif prediction.probability < EVEN:
            split["against"].append(prediction)
        else:
            split["even"].append(prediction)
    return split


def predictions_recently_judged(*, limit: int = 8) -> list[Prediction]:
    return list(
        Prediction.objects.accepted()
        .judged()
        .with_relations()
        .order_by("-judged_at", "-id")[:limit]
    )


def articles_latest(*, limit: int = 6) -> list[Article]:
    return list(Article.objects.select_related("outlet").order_by("-published_at", "-id")[:limit])


def leaderboard_periods(*, scope: str) -> list[str]:
    """The years with a stored board, newest first ("all" is always there)."""
    periods = LeaderboardEntry.objects.shown().filter(scope=scope).values_list("period", flat=True)
    return sorted(set(periods) - {"all"}, reverse=True)


def leaderboard_tags(*, scope: str) -> list[Tag]:
    return list(
        Tag.objects.filter(
            pk__in=LeaderboardEntry.objects.shown().filter(scope=scope).values("tag")
        )
    )


def leaderboard_unranked_count(*, scope: str, period: str, tag: Tag | None, minimum: int) -> int:
    """How many rows of the board have fewer than ``minimum`` resolved predictions."""
    board = LeaderboardEntry.objects.board(scope=scope, period=period, tag=tag)
    return board.filter(resolved__lt=minimum).count()


def leaderboard_entry(*, person: Person | None = None, outlet: Outlet | None = None):
    """The person's (or outlet's) row of the overall board, if it has one, with its ``rank``."""
    if person is not None:
        entry = LeaderboardEntry.objects.board(scope="person").filter(person=person).first()
    else:
        entry = LeaderboardEntry.objects.board(scope="outlet").filter(outlet=outlet).first()
    if entry is not None:
        entry.rank = leaderboard_place(entry)
    return entry


def person_get(*, slug: str) -> Person:
    return get_object_or_404(Person.objects.select_related("outlet"), slug=slug)


def outlet_get(*, slug: str) -> Outlet:
    return get_object_or_404(Outlet, slug=slug)


def predictions_of_person(*, person: Person) -> QuerySet[Prediction]:
    """The person's accepted predictions, newest first."""
    return (
        Prediction.objects.accepted()
        .for_person(person)
        .with_relations()
        .order_by("-made_at", "-id")
    )


def predictions_of_outlet(*, outlet: Outlet) -> QuerySet[Prediction]:
    """The accepted predictions in the outlet's articles, newest first."""
    return (
        Prediction.objects.accepted()
        .for_outlet(outlet)
        .with_relations()
        .order_by("-made_at", "-id")
    )


def outlet_articles_latest(*, outlet: Outlet, limit: int = 10) -> list[Article]:
    return list(outlet.articles.order_by("-published_at", "-id")[:limit])


def prediction_get(*, pk: int) -> Prediction:
    return get_object_or_404(
        Prediction.objects.with_relations().select_related("condition_claim", "comment__author"),
        pk=pk,
    )


def prediction_judgements(*, prediction: Prediction) -> list[Judgement]:
    """Every verdict on the prediction, the latest (the one that counts) first."""
    return list(prediction.judgements.select_related("event").order_by("-judged_at", "-id"))


def claim_predictions(*, claim: Claim, exclude: Prediction | None = None) -> list[Prediction]:
    """The claim's accepted predictions, surest first (``exclude`` left out)."""
    predictions = Prediction.objects.filter(claim=claim).accepted()
    if exclude is not None:
        predictions = predictions.exclude(pk=exclude.pk)
    return list(predictions.with_relations().order_by("-probability", "made_at"))


def claim_get(*, pk: int) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related("resolution_event").prefetch_related("tags"), pk=pk
    )


def events_latest() -> QuerySet[Event]:
    return Event.objects.prefetch_related("tags").order_by("-occurred_on", "-id")


def event_get(*, pk: int) -> Event:
    return get_object_or_404(Event.objects.prefetch_related("tags"), pk=pk)


def event_judged_predictions(*, event: Event, limit: int = 100) -> list[Prediction]:
    """Accepted predictions judged with ``event`` as evidence, newest first."""
    judged = (
        Prediction.objects.accepted()
        .filter(judgements__event=event)
        .with_relations()
        .distinct()
        .order_by("-made_at")
    )
    return list(judged[:limit])


def event_resolved_claims(*, event: Event) -> list[Claim]:
    return list(event.resolved_claims.order_by("text"))


def article_get(*, pk: int) -> Article:
    return get_object_or_404(Article.objects.with_relations(), pk=pk)


def article_comments(*, article: Article) -> list[Comment]:
    return list(article.comments.select_related("author").order_by("position"))


def predictions_due_between(
    *, start: datetime.date, end: datetime.date, limit: int = 1000
) -> list[Prediction]:
    """Open predictions falling due from ``start`` to ``end``, soonest first."""
    due = Prediction.objects.due_between(start, end).with_relations()
    return list(due.by_effective_deadline()[:limit])
