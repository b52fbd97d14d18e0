"""django-filter FilterSets for outlets, people, articles and comments."""

from __future__ import annotations

import django_filters as filters

from archive.api.search import text_search
from archive.models import Article, Comment, Outlet, Person


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
    published_after = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    language = filters.CharFilter()

    class Meta:
        model = Article
        fields = ["outlet", "author", "language"]


class CommentFilter(SearchFilterSet):
    search_fields = ("body",)

    article = filters.NumberFilter(field_name="article_id")
    author = filters.CharFilter(field_name="author__slug", label="Author (slug).")

    class Meta:
        model = Comment
        fields = ["article", "author"]
