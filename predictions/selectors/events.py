"""Reads over the event log: search by words.

PostgreSQL searches the English full-text index on title and description (migration 0004) and
ranks by relevance; SQLite, for a first run, finds events whose title or description contains
every word and lists the newest first.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from predictions.models import Event


def _postgres_vector():
    # Must stay the expression the GIN index of migration 0004 was built on.
    return SearchVector("title", "description", config="english")


def events_search(*, q: str, any_word: bool = False) -> QuerySet[Event]:
    """Events matching the words of ``q`` (all of them, or with ``any_word`` any), best first."""
    words = q.split()
    if not words:
        return Event.objects.none()
    if connection.vendor == "postgresql":
        text = " or ".join(words) if any_word else " ".join(words)
        query = SearchQuery(text, config="english", search_type="websearch")
        vector = _postgres_vector()
        return (
            Event.objects.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-occurred_on", "-id")
        )
    condition = Q()
    for word in words:
        term = Q(title__icontains=word) | Q(description__icontains=word)
        condition = (condition | term) if any_word else (condition & term)
    return Event.objects.filter(condition).order_by("-occurred_on", "-id")


def event_list() -> QuerySet[Event]:
    return Event.objects.prefetch_related("tags")
