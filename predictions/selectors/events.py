"""Reads over the event log: search by words.

PostgreSQL searches the English full-text index on title and description (migration 0004) and
ranks by relevance; SQLite, for a first run, finds events whose title or description contains
every word and lists the newest first.
"""

from __future__ import annotations

import itertools
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from predictions.models import Event

# Letters and digits only, and at least two of them: what a raw tsquery may hold.
_LEXEME = re.compile(r"[^\W_]{2,}")


def _postgres_vector():
    # Must stay the expression the GIN index of migration 0004 was built on.
    return SearchVector("title", "description", config="english")


def _ranked_by(query: SearchQuery) -> QuerySet[Event]:
    """PostgreSQL: the events ``query`` matches through the full-text index, best first."""
    vector = _postgres_vector()
    return (
        Event.objects.alias(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-occurred_on", "-id")
    )


def events_search(*, q: str, any_word: bool = False) -> QuerySet[Event]:
    """Events matching the words of ``q`` (all of them, or with ``any_word`` any), best first."""
    words = q.split()
    if not words:
        return Event.objects.none()
    if connection.vendor == "postgresql":
        text = " or ".join(words) if any_word else " ".join(words)
        return _ranked_by(SearchQuery(text, config="english", search_type="websearch"))
    condition = Q()
    for word in words:
        term = Q(title__icontains=word) | Q(description__icontains=word)
        condition = (condition | term) if any_word else (condition & term)
    return Event.objects.filter(condition).order_by("-occurred_on", "-id")


def _alternatives(groups: list[list[str]]) -> list[str]:
    """Each group as a raw tsquery alternative of its words (a phrase as a phrase)."""
    alternatives = []
    for group in groups:
        forms = [" <-> ".join(_LEXEME.findall(form)) for form in group]
        forms = [form for form in forms if form]
        if forms:
            alternatives.append("(" + " | ".join(forms) + ")")
    return alternatives


def events_search_any_two(*, groups: list[list[str]]) -> QuerySet[Event]:
    """PostgreSQL only: events matching words of at least two of ``groups`` (any one word of
    a group; a single group alone), best first.

    Ranking reads each matching event's text, so leaving out events that share a single word
    ("United States") keeps the search quick on a log of years.
    """
    alternatives = _alternatives(groups)
    if not alternatives:
        return Event.objects.none()
    if len(alternatives) == 1:
        text = alternatives[0]
    else:
        text = " | ".join(f"({a} & {b})" for a, b in itertools.combinations(alternatives, 2))
    return _ranked_by(SearchQuery(text, config="english", search_type="raw"))


def events_search_any_one(*, groups: list[list[str]]) -> QuerySet[Event]:
    """PostgreSQL only: events matching any word of ``groups``, unranked, earliest first."""
    alternatives = _alternatives(groups)
    if not alternatives:
        return Event.objects.none()
    query = SearchQuery(" | ".join(alternatives), config="english", search_type="raw")
    return (
        Event.objects.alias(document=_postgres_vector())
        .filter(document=query)
        .order_by("occurred_on", "id")
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.prefetch_related("tags")
