"""The editors' admin pages beyond Django's own: record a forecast, resolve and un-resolve a
claim (the review queue is ``admin_review``).

Each page parses a form, calls one service and reports the result in words; a service's refusal
is shown on the field it names, never beside a success message for the same save.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from archive.errors import ArchiveError
from archive.models import Article, Comment
from predictions.admin_forms import RECORD_FIELDS, PredictionRecordForm, ResolveForm, UnresolveForm
from predictions.models import Claim, Prediction
from predictions.selectors.claims import claim_suggestions, events_for_claim
from predictions.services.recording import SpanTakenError, prediction_record, quote_spans
from predictions.services.resolution import PERMISSION as RESOLVE_PERMISSION
from predictions.services.resolution import claim_resolve, claim_unresolve
from predictions.services.review import PERMISSION as REVIEW_PERMISSION

CONTEXT_CHARS = 60


# Recording a forecast by hand.


def _contexts(body: str, quote: str) -> list[str]:
    contexts = []
    for span in quote_spans(body, quote):
        before = body[max(0, span.start - CONTEXT_CHARS) : span.start]
        after = body[span.end : span.end + CONTEXT_CHARS]
        contexts.append(f"{before}[{body[span.start : span.end]}]{after}")
    return contexts


def _initial(request: HttpRequest) -> tuple[dict, Article | None]:
    initial: dict = {}
    article = None
    comment_id = request.GET.get("comment", "")
    if comment_id.isdigit():
        comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
        if comment is not None:
            article = comment.article
            initial.update(comment=comment.pk, speaker_role=Prediction.Role.COMMENTER)
            if comment.author_id:
                initial["speaker"] = comment.author_id
    article_id = request.GET.get("article", "")
    if article is None and article_id.isdigit():
        article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        initial["article"] = article.pk
    return initial, article


def _posted_article(request: HttpRequest) -> Article | None:
    article_id = request.POST.get("article", "")
    return Article.objects.filter(pk=article_id).first() if article_id.isdigit() else None


def record_view(model_admin, request: HttpRequest) -> HttpResponse:
    """The "Add prediction" page: find the quote, then record it through ``prediction_record``."""
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        article = _posted_article(request)
        form = PredictionRecordForm(request.POST, article=article)
        if form.is_valid() and _offer_claims(form) and (prediction := _record(request, form)):
            return _recorded(model_admin, request, prediction)
    else:
        initial, article = _initial(request)
        form = PredictionRecordForm(initial=initial, article=article)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Prediction._meta,
        "form": form,
        "media": model_admin.media + form.media,
        "article": article,
        "title": "Add prediction",
    }
    return TemplateResponse(request, "admin/predictions/prediction/record.html", context)


def _offer_claims(form: PredictionRecordForm) -> bool:
    """False (the form shown again) the first time a typed claim resembles existing ones."""
    data = form.cleaned_data
    text = data.get("new_claim", "")
    choice = form.data.get("claim_choice", "")
    if not text:
        return True
    if choice.isdigit():
        claim = Claim.objects.filter(pk=choice).first()
        if claim is None:
            form.add_error("claim_choice", "that claim no longer exists")
            return False
        data["claim"], data["new_claim"] = claim, ""
        return True
    if choice == "new":
        return True
    similar = [claim for claim, _score in claim_suggestions(text=text, limit=5)]
    if not similar:
        return True
    form.offer_claims(text, similar)
    form.add_error(
        "claim_choice", "similar claims exist: choose one, or keep the new claim, and save again"
    )
    return False


def _record(request: HttpRequest, form: PredictionRecordForm) -> Prediction | None:
    data = form.cleaned_data
    try:
        return prediction_record(
            by=request.user,
            article=data["article"],
            comment=data["comment"],
            source_url=data["source_url"],
            made_at=data["made_at"],
            quote=data["quote"],
            occurrence=data["occurrence"],
            speaker=data["speaker"] or data["new_speaker"] or None,
            speaker_role=data["speaker_role"],
            claim=data["claim"] or data["new_claim"],
            polarity=data["polarity"],
            probability=data["probability"],
            hedge=data["hedge"],
            condition=data["condition"],
            deadline=data["deadline"],
            deadline_text=data["deadline_text"],
        )
    except SpanTakenError as exc:
        url = reverse("admin:predictions_prediction_change", args=[exc.prediction.pk])
        form.add_error("quote", format_html('{} (<a href="{}">open it</a>)', exc.message, url))
    except ArchiveError as exc:
        field = RECORD_FIELDS.get(exc.field or "", exc.field)
        if exc.field == "occurrence":
            comment, article = data["comment"], data["article"]
            body = comment.body if comment is not None else article.body
            form.offer_occurrences(_contexts(body, data["quote"]))
        form.add_error(field if field in form.fields else None, exc.message)
    return None


def _recorded(model_admin, request: HttpRequest, prediction: Prediction) -> HttpResponse:
    model_admin.log_addition(request, prediction, [{"added": {}}])
    url = reverse("admin:predictions_prediction_change", args=[prediction.pk])
    deadline = ""
    if prediction.deadline_text and prediction.deadline:
        deadline = format_html(
            " “{}” was read as {} ({}): correct the deadline below if that is wrong.",
            prediction.deadline_text,
            prediction.deadline.strftime("%-d %B %Y"),
            prediction.get_deadline_kind_display().lower(),
        )
    model_admin.message_user(
        request,
        format_html(
            'Recorded and accepted: <a href="{}">{}</a>.{}', url, prediction.claim_text, deadline
        ),
        messages.SUCCESS,
    )
    return redirect(url)


# Resolving a claim.


def resolve_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    if not request.user.has_perm(RESOLVE_PERMISSION):
        raise PermissionDenied
    claim = get_object_or_404(Claim, pk=object_id)
    change_url = reverse("admin:predictions_claim_change", args=[claim.pk])
    if claim.state != Claim.State.OPEN:
        model_admin.message_user(
            request,
            f"This claim is already resolved ({claim.get_state_display().lower()}): nothing"
            " changed. Un-resolve it first to resolve it differently.",
            messages.WARNING,
        )
        return redirect(change_url)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and data.get("pick_event"):
        data["event"], data["on"] = data["pick_event"], ""  # the event's own day
    form = ResolveForm(data)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            judgements = claim_resolve(
                claim=claim,
                state=values["state"],
                on=values["on"],
                event=values["event"],
                note=values["note"],
                by=request.user,
            )
        except ArchiveError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.message.split(": ", 1)[-1] if field else exc.message)
        else:
            claim.refresh_from_db()
            day = f" on {claim.resolved_on:%-d %B %Y}" if claim.resolved_on else ""
            model_admin.message_user(
                request,
                f"Resolved as {claim.get_state_display().lower()}{day}:"
                f" {len(judgements)} prediction{'s' if len(judgements) != 1 else ''} judged.",
                messages.SUCCESS,
            )
            return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Claim._meta,
        "original": claim,
        "form": form,
        "media": model_admin.media + form.media,
        "title": f"Resolve: {claim.text}",
        "suggested_events": [event for event, _score in events_for_claim(claim=claim, limit=8)],
    }
    return TemplateResponse(request, "admin/predictions/claim/resolve.html", context)


def unresolve_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    if not request.user.has_perm(RESOLVE_PERMISSION):
        raise PermissionDenied
    claim = get_object_or_404(Claim, pk=object_id)
    change_url = reverse("admin:predictions_claim_change", args=[claim.pk])
    if claim.state == Claim.State.OPEN:
        model_admin.message_user(
            request, "This claim is open: there is nothing to un-resolve.", messages.WARNING
        )
        return redirect(change_url)
    form = UnresolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            judgements = claim_unresolve(
                claim=claim, note=form.cleaned_data["reason"], by=request.user
            )
        except ArchiveError as exc:
            form.add_error(None, exc.message)
        else:
            model_admin.message_user(
                request,
                f"Opened again: {len(judgements)} verdict{'s' if len(judgements) != 1 else ''}"
                " withdrawn, with your reason kept in the history.",
                messages.SUCCESS,
            )
            return redirect(change_url)
    judged = claim.predictions.filter(~Q(outcome=None)).count()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Claim._meta,
        "original": claim,
        "form": form,
        "judged": judged,
        "title": f"Un-resolve: {claim.text}",
    }
    return TemplateResponse(request, "admin/predictions/claim/unresolve.html", context)
