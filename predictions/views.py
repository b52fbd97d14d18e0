"""The public site's pages: home, leaderboards, people, outlets, articles, predictions, claims,
events, search and the editors' queue of what is due.

Each view reads through a selector or a named queryset and renders one template.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.models import Article, Outlet, Person
from archive.threads import thread_order
from predictions.models import Claim, Event, LeaderboardEntry, Prediction, Tag
from predictions.selectors.claims import claims_for_event, events_for_claim
from predictions.selectors.due import predictions_due, predictions_due_soon
from predictions.selectors.leaderboards import leaderboard as board_rows
from predictions.selectors.leaderboards import person_calibration, person_score_history
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
            "resolved": list(
                Prediction.objects.accepted()
                .judged()
                .with_relations()
                .order_by("-judged_at", "-id")[:8]
            ),
            "articles": list(
                Article.objects.select_related("outlet").order_by("-published_at", "-id")[:6]
            ),
        },
    )


def leaderboard(request: HttpRequest) -> HttpResponse:
    scope = "outlet" if request.GET.get("by") == "outlet" else "person"
    periods = sorted(
        set(LeaderboardEntry.objects.filter(scope=scope).values_list("period", flat=True))
        - {"all"},
        reverse=True,
    )
    tags = list(
        Tag.objects.filter(pk__in=LeaderboardEntry.objects.filter(scope=scope).values("tag"))
    )
    chosen, errors = leaderboard_filters(request, periods=periods, tags=tags)
    period, tag = chosen["period"], chosen["tag"]
    minimum = settings.ARCHIVE_MIN_RESOLVED
    entries = (
        []
        if errors
        else list(board_rows(scope=scope, period=period, tag=tag, min_resolved=minimum))
    )
    below = (
        LeaderboardEntry.objects.board(scope=scope, period=period, tag=tag)
        .filter(resolved__lt=minimum)
        .count()
    )
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
    subject = get_object_or_404(Person.objects.select_related("outlet"), slug=slug)
    forecasts = Prediction.objects.accepted().for_person(subject).with_relations()
    page = Paginator(forecasts.order_by("-made_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "site/person.html",
        {
            "person": subject,
            "record": person_record(person=subject),
            "entry": LeaderboardEntry.objects.board(scope="person").filter(person=subject).first(),
            "calibration": person_calibration(person=subject),
            "history": [
                (point["date"], point["brier"]) for point in person_score_history(person=subject)
            ],
            "page": page,
            "minimum": settings.ARCHIVE_MIN_RESOLVED,
        },
    )


def prediction(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(
        Prediction.objects.with_relations().select_related("condition_claim", "comment__author"),
        pk=pk,
    )
    if subject.status != Prediction.Status.ACCEPTED and not request.user.is_staff:
        raise Http404("No accepted prediction here.")
    others = []
    if subject.claim_id:
        others = list(
            subject.claim.predictions.accepted()
            .exclude(pk=subject.pk)
            .with_relations()
            .order_by("-probability", "made_at")
        )
    return render(
        request,
        "site/prediction.html",
        {
            "prediction": subject,
            "judgements": list(
                subject.judgements.select_related("event").order_by("-judged_at", "-id")
            ),
            "for_": [p for p in others if p.probability > 0.5],
            "against": [p for p in others if p.probability < 0.5],
            "even": [p for p in others if p.probability == 0.5],
        },
    )


def claim(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(
        Claim.objects.select_related("resolution_event").prefetch_related("tags"), pk=pk
    )
    forecasts = list(
        subject.predictions.accepted().with_relations().order_by("-probability", "made_at")
    )
    return render(
        request,
        "site/claim.html",
        {
            "claim": subject,
            "for_": [p for p in forecasts if p.probability > 0.5],
            "against": [p for p in forecasts if p.probability < 0.5],
            "even": [p for p in forecasts if p.probability == 0.5],
            "count": len(forecasts),
            # Editors resolving an open claim want the events that may settle it.
            "suggested_events": (
                events_for_claim(claim=subject, limit=5)
                if request.user.is_staff and subject.state == Claim.State.OPEN
                else []
            ),
        },
    )


def events(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        Event.objects.prefetch_related("tags").order_by("-occurred_on", "-id"), 50
    ).get_page(request.GET.get("page"))
    return render(request, "site/events.html", {"page": page})


def event(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(Event.objects.prefetch_related("tags"), pk=pk)
    judged = (
        Prediction.objects.accepted()
        .filter(judgements__event=subject)
        .with_relations()
        .distinct()
        .order_by("-made_at")
    )
    return render(
        request,
        "site/event.html",
        {
            "event": subject,
            "claims": list(subject.resolved_claims.order_by("text")),
            "judged": list(judged[:100]),
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
    subject = get_object_or_404(Article.objects.with_relations(), pk=pk)
    # Editors also see what the extractor proposed and nobody has reviewed yet.
    forecasts = article_predictions_shown(article=subject, editor=request.user.is_staff)
    by_comment: dict[int | None, list[Prediction]] = {}
    for forecast in forecasts:
        by_comment.setdefault(forecast.comment_id, []).append(forecast)
    comments = list(subject.comments.select_related("author").order_by("position"))
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
    subject = get_object_or_404(Outlet, slug=slug)
    forecasts = Prediction.objects.accepted().for_outlet(subject).with_relations()
    page = Paginator(forecasts.order_by("-made_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "site/outlet.html",
        {
            "outlet": subject,
            "record": outlet_record(outlet=subject),
            "entry": LeaderboardEntry.objects.board(scope="outlet").filter(outlet=subject).first(),
            "people": outlet_people(outlet=subject),
            "articles": list(subject.articles.order_by("-published_at", "-id")[:10]),
            "page": page,
        },
    )
