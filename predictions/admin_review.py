"""The review queue: the prediction list opens on the candidates waiting, newest article first,
and an editor steps through them with "Accept and next" and "Reject and next".
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from archive.errors import ArchiveError
from archive.models import Article
from predictions.models import Claim, Prediction
from predictions.selectors.claims import claim_suggestions
from predictions.services.review import prediction_accept, prediction_reject


def queue_order() -> list:
    """Candidates of the newest article first, then in the order they appear in it."""
    return [
        F("article__published_at").desc(nulls_last=True),
        "article_id",
        F("comment__position").asc(nulls_first=True),
        "start",
        "pk",
    ]


def waiting_candidates() -> QuerySet[Prediction]:
    return Prediction.objects.filter(status=Prediction.Status.CANDIDATE)


def next_candidate(after: Prediction) -> Prediction | None:
    """The candidate to review after ``after``: the next in its article, else the next article's."""
    return (
        waiting_candidates()
        .exclude(pk=after.pk)
        .select_related("article")
        .order_by(*queue_order())
        .first()
    )


def queue_url(*, article: Article | None = None) -> str:
    url = reverse("admin:predictions_prediction_changelist") + "?review=waiting"
    return f"{url}&article__id__exact={article.pk}" if article is not None else url


class ReviewFilter(admin.SimpleListFilter):
    """The list opens on the candidates waiting; "all" shows every prediction."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting for review"),
            (Prediction.Status.ACCEPTED, "Accepted"),
            (Prediction.Status.REJECTED, "Rejected"),
            ("all", "All"),
        ]

    def choices(self, changelist):
        # No "All" of Django's own: leaving the parameter out means "waiting".
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or "waiting") == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or "waiting"
        if value == "waiting":
            return queryset.filter(status=Prediction.Status.CANDIDATE)
        if value in (Prediction.Status.ACCEPTED, Prediction.Status.REJECTED):
            return queryset.filter(status=value)
        return queryset


def claim_offers(prediction: Prediction) -> list[Claim]:
    """Existing claims a candidate may join instead of a new claim of its own text."""
    if prediction.status != Prediction.Status.CANDIDATE or prediction.claim_id:
        return []
    return [claim for claim, _score in claim_suggestions(text=prediction.claim_text, limit=3)]


def queue_context(request: HttpRequest) -> dict:
    """The list's title: the queue and how many candidates wait in it."""
    if request.GET.get(ReviewFilter.parameter_name, "waiting") != "waiting":
        return {}
    waiting = waiting_candidates().count()
    return {"title": f"Review queue: {waiting} candidate{'s' if waiting != 1 else ''} waiting"}


def change_context(object_id: str) -> dict:
    prediction = Prediction.objects.filter(pk=object_id).first() if object_id.isdigit() else None
    if prediction is None:
        return {}
    return {
        "claim_offers": claim_offers(prediction),
        "waiting_count": waiting_candidates().count(),
        "queue_url": queue_url(),
    }


def review_response(model_admin, request: HttpRequest, obj: Prediction) -> HttpResponse | None:
    """Accept or reject from the change page (then go to the next candidate, if asked)."""
    post = request.POST
    # A claim offered below the form, else the one picked in the form (else its own or a new one).
    into = post.get("_accept_into", "") or post.get("claim", "")
    accept = "_accept" in post or "_accept_next" in post or "_accept_into" in post
    reject = "_reject" in post or "_reject_next" in post
    if not (accept or reject):
        return None
    change_url = reverse("admin:predictions_prediction_change", args=[obj.pk])
    try:
        if accept:
            claim = Claim.objects.filter(pk=into).first() if into.isdigit() else None
            obj = prediction_accept(prediction=obj, by=request.user, claim=claim)
            done = format_html("Accepted into the claim “{}”.", obj.claim.text)
        else:
            obj = prediction_reject(
                prediction=obj, by=request.user, note=post.get("review_note", "")
            )
            done = "Rejected."
    except ArchiveError as exc:
        model_admin.message_user(request, exc.message, messages.ERROR)
        return redirect(change_url)
    if "_accept_next" not in post and "_reject_next" not in post:
        model_admin.message_user(request, done, messages.SUCCESS)
        return redirect(change_url)
    following = next_candidate(obj)
    if following is None:
        model_admin.message_user(
            request, format_html("{} No candidates are left to review.", done), messages.SUCCESS
        )
        return redirect(queue_url())
    model_admin.message_user(request, format_html("{} Next candidate:", done), messages.SUCCESS)
    return redirect("admin:predictions_prediction_change", following.pk)
