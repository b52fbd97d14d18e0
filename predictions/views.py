"""The public site's pages: home, leaderboards, people, outlets, articles, predictions, claims,
events, search and the editors' queue of what is due.

Each view reads through a selector or a named queryset and renders one template.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from archive.threads import thread_order
from predictions.models import Claim, Prediction
from predictions.selectors.claims import claims_for_event, events_for_claim
from predictions.selectors.due import predictions_due, predictions_due_soon
from predictions.selectors.leaderboards import leaderboard as board_rows
from predictions.selectors.leaderboards import person_calibration, person_score_history
from predictions.selectors.pages import (
    article_comments,
    article_get,
    articles_latest,
    claim_get,
    claim_predictions,
    event_get,
    event_judged_predictions,
    event_resolved_claims,
    events_latest,
    leaderboard_entry,
    leaderboard_periods,
    leaderboard_tags,
    leaderboard_unranked_count,
    outlet_articles_latest,
    outlet_get,
    person_get,
    prediction_get,
    prediction_judgements,
    predictions_of_outlet,
    predictions_of_person,
    predictions_recently_judged,
    sides,
)
from predictions.selectors.records import outlet_record, person_record
from predictions.selectors.search import site_search
from predictions.selectors.sources import article_predictions_shown, outlet_people
from predictions.views_index import leaderboard_filters

PAGE_SIZE = 25


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/home.html",
        {
            "board": list(board_rows(scope="person")[:8]),
            "due_soon": list(
                predictions_due_soon(days=60).order_by("effective_on", "claim_id", "id")[:40]
            ),
            "resolved": predictions_recently_judged(limit=8),
            "articles": articles_latest(limit=6),
        },
    )


def leaderboard(request: HttpRequest) -> HttpResponse:
    scope = "outlet" if request.GET.get("by") == "outlet" else "person"
    periods = leaderboard_periods(scope=scope)
    tags = leaderboard_tags(scope=scope)
    chosen, errors = leaderboard_filters(request, periods=periods, tags=tags)
    period, tag = chosen["period"], chosen["tag"]
    minimum = settings.ARCHIVE_MIN_RESOLVED
    entries = (
        []
        if errors
        else list(board_rows(scope=scope, period=period, tag=tag, min_resolved=minimum))
    )
    below = leaderboard_unranked_count(scope=scope, period=period, tag=tag, minimum=minimum)
    return render(
        request,
        "site/leaderboard.html",
        {
            "scope": scope,
            "entries": entries,
            "periods": periods,
            "period": period,
            "tags": tags,
            "tag": tag,
            "minimum": minimum,
            "below": below,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def person(request: HttpRequest, slug: str) -> HttpResponse:
    subject = person_get(slug=slug)
    page = Paginator(predictions_of_person(person=subject), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "site/person.html",
        {
            "person": subject,
            "record": person_record(person=subject),
            "entry": leaderboard_entry(person=subject),
            "calibration": person_calibration(person=subject),
            "history": [
                (point["date"], point["brier"]) for point in person_score_history(person=subject)
            ],
            "page": page,
            "minimum": settings.ARCHIVE_MIN_RESOLVED,
        },
    )


def prediction(request: HttpRequest, pk: int) -> HttpResponse:
    subject = prediction_get(pk=pk)
    if subject.status != Prediction.Status.ACCEPTED and not request.user.is_staff:
        raise Http404("No accepted prediction here.")
    others = (
        [] if subject.claim is None else claim_predictions(claim=subject.claim, exclude=subject)
    )
    return render(
        request,
        "site/prediction.html",
        {
            "prediction": subject,
            "judgements": prediction_judgements(prediction=subject),
            **sides(others),
        },
    )


def claim(request: HttpRequest, pk: int) -> HttpResponse:
    subject = claim_get(pk=pk)
    forecasts = claim_predictions(claim=subject)
    return render(
        request,
        "site/claim.html",
        {
            "claim": subject,
            **sides(forecasts),
            "count": len(forecasts),
            "history": list(
                subject.resolutions.select_related("event").order_by("changed_at", "id")
            ),
            # Editors resolving an open claim want the events that may settle it.
            "suggested_events": (
                events_for_claim(claim=subject, limit=5)
                if request.user.is_staff and subject.state == Claim.State.OPEN
                else []
            ),
        },
    )


def events(request: HttpRequest) -> HttpResponse:
    page = Paginator(events_latest(), 50).get_page(request.GET.get("page"))
    return render(request, "site/events.html", {"page": page})


def event(request: HttpRequest, pk: int) -> HttpResponse:
    subject = event_get(pk=pk)
    return render(
        request,
        "site/event.html",
        {
            "event": subject,
            "claims": event_resolved_claims(event=subject),
            "judged": event_judged_predictions(event=subject, limit=100),
            "suggested_claims": claims_for_event(event=subject, limit=8)
            if request.user.is_staff
            else [],
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    return render(request, "site/search.html", {"results": site_search(query=query), "q": query})


@staff_member_required
def due(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/due.html",
        {
            "overdue": list(predictions_due()[:200]),
            "soon": list(predictions_due_soon(days=30)[:200]),
        },
    )


def article(request: HttpRequest, pk: int) -> HttpResponse:
    subject = article_get(pk=pk)
    # Editors also see what the extractor proposed and nobody has reviewed yet.
    forecasts = article_predictions_shown(article=subject, editor=request.user.is_staff)
    by_comment: dict[int | None, list[Prediction]] = {}
    for forecast in forecasts:
        by_comment.setdefault(forecast.comment_id, []).append(forecast)
    comments = article_comments(article=subject)
    replied_to = {comment.parent_id for comment in comments}
    for comment in comments:
        comment.forecasts = by_comment.get(comment.pk, [])
        # An empty comment is noise, unless others replied to it.
        comment.shown = bool(comment.body.strip()) or comment.pk in replied_to
    return render(
        request,
        "site/article.html",
        {
            "article": subject,
            "forecasts": forecasts,
            "article_forecasts": by_comment.get(None, []),
            "thread": thread_order(comments),
            "comment_count": sum(comment.shown for comment in comments),
        },
    )


def outlet(request: HttpRequest, slug: str) -> HttpResponse:
    subject = outlet_get(slug=slug)
    page = Paginator(predictions_of_outlet(outlet=subject), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "site/outlet.html",
        {
            "outlet": subject,
            "record": outlet_record(outlet=subject),
            "entry": leaderboard_entry(outlet=subject),
            "people": outlet_people(outlet=subject),
            "articles": outlet_articles_latest(outlet=subject, limit=10),
            "page": page,
        },
    )
