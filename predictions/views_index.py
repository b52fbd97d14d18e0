"""The site's index pages: every article, person, outlet and claim.

A filter the page cannot honour (an outlet that does not exist, a date that is not one) is
named on the page, which answers 400, rather than silently showing everything.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from archive.models import Outlet
from predictions.selectors.indexes import (
    ClaimState,
    Standing,
    article_index_list,
    claim_index_counts,
    claim_index_list,
    outlet_choice_list,
    outlet_get_by_slug,
    outlet_index_list,
    outlet_index_ranks,
    person_index_counts,
    person_index_list,
    person_index_ranks,
)

PAGE_SIZE = 50


class ArticleIndexForm(forms.Form):
    outlet = forms.SlugField(required=False)
    published_from = forms.DateField(required=False, label="Published from")
    published_to = forms.DateField(required=False, label="Published to")

    def clean_outlet(self) -> Outlet | None:
        slug = self.cleaned_data["outlet"]
        if not slug:
            return None
        found = outlet_get_by_slug(slug=slug)
        if found is None:
            raise forms.ValidationError(f"No outlet “{slug}” in the archive.")
        return found

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            raise forms.ValidationError("The first day comes after the last.")
        return data


def _page(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _errors(form: forms.Form) -> list[str]:
    return [
        f"{form.fields[name].label or name.capitalize()}: {message}"
        if name != "__all__"
        else message
        for name, messages in form.errors.items()
        for message in messages
    ]


def articles(request: HttpRequest) -> HttpResponse:
    form = ArticleIndexForm(request.GET)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    page = _page(
        request,
        article_index_list(
            outlet=filters.get("outlet"),
            published_from=filters.get("published_from"),
            published_to=filters.get("published_to"),
        ),
    )
    return render(
        request,
        "site/articles.html",
        {
            "page": page if valid else None,
            "form": form,
            "errors": _errors(form),
            "outlets": outlet_choice_list(),
            "outlet": filters.get("outlet"),
        },
        status=200 if valid else 400,
    )


def _choice(request: HttpRequest, name: str, choices: tuple[str, ...]) -> tuple[str, str | None]:
    value = request.GET.get(name, "")
    if value in choices:
        return value, None
    allowed = ", ".join(f"“{c}”" for c in choices if c)
    return "", f"There is no {name} “{value}”: choose {allowed}, or leave it out."


def people(request: HttpRequest) -> HttpResponse:
    standing, error = _choice(request, "standing", Standing.CHOICES)
    page = None
    if not error:
        page = _page(request, person_index_list(standing=standing))
        page.object_list = list(page.object_list)
        person_index_ranks(page.object_list)
    return render(
        request,
        "site/people.html",
        {
            "page": page,
            "standing": standing,
            "counts": person_index_counts(),
            "minimum": settings.ARCHIVE_MIN_RESOLVED,
            "errors": [error] if error else [],
        },
        status=400 if error else 200,
    )


def outlets(request: HttpRequest) -> HttpResponse:
    page = _page(request, outlet_index_list())
    page.object_list = list(page.object_list)
    outlet_index_ranks(page.object_list)
    return render(request, "site/outlets.html", {"page": page})


def claims(request: HttpRequest) -> HttpResponse:
    state, error = _choice(request, "state", ClaimState.CHOICES)
    return render(
        request,
        "site/claims.html",
        {
            "page": None if error else _page(request, claim_index_list(state=state)),
            "state": state,
            "counts": claim_index_counts(),
            "errors": [error] if error else [],
        },
        status=400 if error else 200,
    )


def leaderboard_filters(
    request: HttpRequest, *, periods: list[str], tags: list
) -> tuple[dict, list[str]]:
    """The leaderboard's ``by``, ``period`` and ``tag``, and what is wrong with each one given.

    An unknown value is reported rather than ignored: a reader who asked for a topic should not
    be shown the whole board as if it were that topic's.
    """
    errors = []
    by = request.GET.get("by", "") or "person"
    if by not in ("person", "outlet"):
        errors.append(f"There is no board by “{by}”: rank by “person” or “outlet”.")
        by = "person"
    period = request.GET.get("period", "") or "all"
    if period != "all" and period not in periods:
        if period.isdigit():
            errors.append(f"No forecasts made in {period} have been resolved yet.")
        else:
            errors.append(f"“{period}” is not a period: give a year, or “all”.")
        period = "all"
    slug = request.GET.get("tag", "")
    tag = next((t for t in tags if t.slug == slug), None)
    if slug and tag is None:
        errors.append(f"There is no topic “{slug}” with resolved forecasts.")
    return {"scope": by, "period": period, "tag": tag}, errors
