"""The public site's pages about sources: an article with its comments, and an outlet."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.models import Article, Outlet, Person
from archive.threads import thread_order
from predictions.models import LeaderboardEntry, Prediction
from predictions.selectors.records import outlet_record

PAGE_SIZE = 25


def article(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(Article.objects.with_relations(), pk=pk)
    # Editors also see what the extractor proposed and nobody has reviewed yet.
    shown = Q(status=Prediction.Status.ACCEPTED)
    if request.user.is_staff:
        shown |= Q(status=Prediction.Status.CANDIDATE)
    forecasts = list(
        subject.predictions.filter(shown).select_related("speaker", "claim").order_by("start", "id")
    )
    by_comment: dict[int | None, list[Prediction]] = {}
    for forecast in forecasts:
        by_comment.setdefault(forecast.comment_id, []).append(forecast)
    comments = list(subject.comments.select_related("author").order_by("position"))
    for comment in comments:
        comment.forecasts = by_comment.get(comment.pk, [])
    return render(
        request,
        "site/article.html",
        {
            "article": subject,
            "forecasts": forecasts,
            "article_forecasts": by_comment.get(None, []),
            "thread": thread_order(comments),
            "comment_count": len(comments),
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
            "people": list(
                Person.objects.filter(
                    predictions__article__outlet=subject, predictions__status="accepted"
                )
                .with_prediction_counts()
                .order_by("-prediction_count", "name")[:30]
            ),
            "articles": list(subject.articles.order_by("-published_at", "-id")[:10]),
            "page": page,
        },
    )
