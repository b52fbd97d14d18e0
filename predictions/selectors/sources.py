"""Reads of the archive's sources (people, outlets, articles) together with their predictions."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from archive.models import Article, Comment, Outlet, Person
from archive.selectors import article_list
from predictions.models import Prediction


def accepted_count() -> Count:
    """A row's accepted predictions, for a person, an article or a claim (of those the query's
    filters on them leave)."""
    return Count(
        "predictions", filter=Q(predictions__status=Prediction.Status.ACCEPTED), distinct=True
    )


def person_list() -> QuerySet[Person]:
    """People as the API lists them: ``prediction_count``, their outlet and aliases."""
    return (
        Person.objects.annotate(prediction_count=accepted_count())
        .select_related("outlet")
        .prefetch_related("aliases")
    )


def outlet_people(*, outlet: Outlet, limit: int = 30) -> list[Person]:
    """The people with accepted predictions in ``outlet``'s articles, most prolific first."""
    people = Person.objects.filter(
        predictions__article__outlet=outlet, predictions__status=Prediction.Status.ACCEPTED
    ).annotate(prediction_count=accepted_count())
    return list(people.order_by("-prediction_count", "name")[:limit])


def article_detailed_list(queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Articles with everything the detail view shows, in a fixed number of queries."""
    articles = article_list() if queryset is None else queryset
    return articles.prefetch_related(
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
        Prefetch(
            "predictions",
            queryset=Prediction.objects.with_relations()
            .prefetch_related("claim__tags")
            .order_by("comment__position", "start", "id"),
        ),
    )


def article_get_detailed(*, pk: int) -> Article:
    return article_detailed_list().get(pk=pk)


def article_predictions_shown(*, article: Article, editor: bool) -> list[Prediction]:
    """The article's accepted predictions, in text order; editors also see unreviewed ones."""
    shown = Q(status=Prediction.Status.ACCEPTED)
    if editor:
        shown |= Q(status=Prediction.Status.CANDIDATE)
    return list(
        article.predictions.filter(shown).select_related("speaker", "claim").order_by("start", "id")
    )
