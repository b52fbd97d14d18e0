"""Full-text search for API filters: PostgreSQL's text search where available, else ``icontains``.

SQLite is only for a first run, so there a plain substring match over the same fields is enough.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet


def text_search(queryset: QuerySet, *, fields: tuple[str, ...], query: str) -> QuerySet:
    """Rows of ``queryset`` whose ``fields`` match ``query`` (web-search syntax on PostgreSQL)."""
    query = query.strip()
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(_search=SearchVector(*fields)).filter(
            _search=SearchQuery(query, search_type="websearch")
        )
    return queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": query}) for field in fields)))
