"""Search across claims, predictions, people and articles for the site's search page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from archive.models import Article, Person
from predictions.models import Claim, Prediction

MIN_QUERY_LENGTH = 2


@dataclass
class SearchResults:
    query: str
    searched: bool = False
    claims: list = field(default_factory=list)
    predictions: list = field(default_factory=list)
    people: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.claims) + len(self.predictions) + len(self.people) + len(self.articles)


def site_search(*, query: str, limit: int = 20) -> SearchResults:
    """Case-insensitive substring search; every word of the query must match somewhere."""
    query = " ".join(query.split())[:200]
    results = SearchResults(query=query)
    words = query.split()[:8]
    if len(query) < MIN_QUERY_LENGTH:
        return results
    results.searched = True

    def every(*fields: str) -> Q:
        q = Q()
        for word in words:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": word})
            q &= any_field
        return q

    results.claims = list(
        Claim.objects.filter(every("text", "description")).order_by("-created_at")[:limit]
    )
    results.predictions = list(
        Prediction.objects.accepted()
        .filter(every("quote", "claim_text", "speaker_name"))
        .with_relations()
        .order_by("-made_at")[:limit]
    )
    results.people = list(
        Person.objects.filter(every("name", "aliases__name"))
        .select_related("outlet")
        .distinct()
        .order_by("name")[:limit]
    )
    results.articles = list(
        Article.objects.filter(every("title", "body"))
        .select_related("outlet")
        .order_by("-published_at")[:limit]
    )
    return results
