"""django-filter FilterSets for outlets, people, articles and comments."""

from __future__ import annotations

import datetime

import django_filters as filters
from django import forms
from django_filters.fields import IsoDateTimeField

from archive.api.search import text_search
from archive.models import Article, Comment, Outlet, Person

# The largest id a 64-bit primary key can hold: anything beyond is a 400, not a database error.
MAX_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A whole-number id (a bounded integer, so no database ever sees an overflowing value)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, moved to UTC: databases refuse exotic offsets ("-17:23")."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("Date-time out of range.", code="invalid") from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class SearchFilterSet(filters.FilterSet):
    """A FilterSet with a full-text ``q`` over ``search_fields``."""

    search_fields: tuple[str, ...] = ()

    q = filters.CharFilter(method="filter_q", label="Full-text search.")

    def filter_q(self, queryset, name, value):
        return text_search(queryset, fields=self.search_fields, query=value)


class OutletFilter(SearchFilterSet):
    search_fields = ("name",)

    kind = filters.ChoiceFilter(choices=Outlet.Kind.choices)

    class Meta:
        model = Outlet
        fields = ["kind"]


class PersonFilter(SearchFilterSet):
    search_fields = ("name", "description")

    kind = filters.ChoiceFilter(choices=Person.Kind.choices)
    outlet = filters.CharFilter(
        field_name="outlet__slug", label="Outlet (slug) a commenter is scoped to."
    )

    class Meta:
        model = Person
        fields = ["kind", "outlet"]


class ArticleFilter(SearchFilterSet):
    search_fields = ("title", "body")

    outlet = filters.CharFilter(field_name="outlet__slug", label="Outlet (slug).")
    author = filters.CharFilter(field_name="authors__slug", label="Author (slug).")
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    language = filters.CharFilter()

    class Meta:
        model = Article
        fields = ["outlet", "author", "language"]


class CommentFilter(SearchFilterSet):
    search_fields = ("body",)

    article = IdFilter(field_name="article_id")
    author = filters.CharFilter(field_name="author__slug", label="Author (slug).")

    class Meta:
        model = Comment
        fields = ["article", "author"]
