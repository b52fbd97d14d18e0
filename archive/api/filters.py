"""django-filter FilterSets for outlets, people, articles and comments."""

from __future__ import annotations

import datetime

import django_filters as filters
from django import forms
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

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


class NamingField(forms.CharField):
    """A slug (or id) that must name a row: one naming nothing is a 400 that says so.

    An empty list would read as "none of those", when the caller most likely mistyped a name.
    """

    def __init__(self, *, model, to_field: str = "slug", noun: str = "", **kwargs) -> None:
        self.model, self.to_field = model, to_field
        self.noun = noun or model._meta.verbose_name
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        if not self.model._default_manager.filter(**{self.to_field: value}).exists():
            # The value goes in as a parameter: django-filter %-formats every message.
            raise forms.ValidationError(
                "No %(noun)s “%(value)s” in the archive.",
                code="does_not_exist",
                params={"noun": self.noun, "value": value},
            )
        return value


class NamingIdField(forms.IntegerField):
    """An id that must name a row (see ``NamingField``)."""

    def __init__(self, *, model, noun: str = "", **kwargs) -> None:
        self.model = model
        self.noun = noun or model._meta.verbose_name
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return value
        if not self.model._default_manager.filter(pk=value).exists():
            raise forms.ValidationError(
                "No %(noun)s with id %(value)s in the archive.",
                code="does_not_exist",
                params={"noun": self.noun, "value": value},
            )
        return value


class SlugFilter(filters.CharFilter):
    """Rows related to the one ``model`` row with this slug; a slug naming none is a 400."""

    field_class = NamingField

    def __init__(self, *args, model, noun: str = "", **kwargs) -> None:
        kwargs.update(model=model, noun=noun)
        super().__init__(*args, **kwargs)


class ReferenceFilter(IdFilter):
    """Rows related to the ``model`` row with this id; an id naming none is a 400."""

    field_class = NamingIdField

    def __init__(self, *args, model, noun: str = "", **kwargs) -> None:
        kwargs.update(model=model, noun=noun)
        super().__init__(*args, **kwargs)


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=``, where a field the list cannot be ordered by is a 400 naming the choices."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        wanted = [term for term in fields if term]
        unknown = [term for term in wanted if term.lstrip("-") not in valid]
        if unknown:
            choices = ", ".join(sorted(valid))
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by “{unknown[0]}”: choose from {choices}"
                        " (with a leading - for descending)."
                    ]
                }
            )
        return wanted

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if isinstance(fields, list | tuple):
            for parameter in parameters:
                parameter["description"] = (
                    f"Order by {', '.join(fields)} (comma-separated; a leading - for"
                    " descending). Any other field is a 400."
                )
        return parameters


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
    outlet = SlugFilter(
        field_name="outlet__slug", model=Outlet, label="Outlet (slug) a commenter is scoped to."
    )

    class Meta:
        model = Person
        fields = ["kind", "outlet"]


class ArticleFilter(SearchFilterSet):
    search_fields = ("title", "body")

    outlet = SlugFilter(field_name="outlet__slug", model=Outlet, label="Outlet (slug).")
    author = SlugFilter(
        field_name="authors__slug", model=Person, noun="person", label="Author (slug)."
    )
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    language = filters.CharFilter()

    class Meta:
        model = Article
        fields = ["outlet", "author", "language"]


class CommentFilter(SearchFilterSet):
    search_fields = ("body",)

    article = ReferenceFilter(field_name="article_id", model=Article)
    author = SlugFilter(
        field_name="author__slug", model=Person, noun="person", label="Author (slug)."
    )

    class Meta:
        model = Comment
        fields = ["article", "author"]
