"""The archive's article and person admin pages, with what the predictions app adds to them.

The archive's admin knows nothing of predictions; here the article page gains its predictions,
the "extract" action, extraction on import and links to record and review its forecasts;
a comment's page links to recording a forecast from it; both pages count the predictions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from archive import admin as archive_admin
from archive.importers.documents import Defaults
from archive.models import Article, Comment, Person
from archive.services.documents import FileImportReport
from predictions.admin_review import queue_url, waiting_candidates
from predictions.models import Prediction
from predictions.services.extraction import (
    EXTRACT_PERMISSION,
    article_extract,
    document_file_import_extract,
)


class PredictionInline(admin.TabularInline):
    model = Prediction
    fk_name = "article"
    extra = 0
    fields = ["status", "part", "speaker_name", "claim_text", "probability", "deadline", "link"]
    readonly_fields = fields
    can_delete = False
    ordering = ["comment__position", "start"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Where")
    def part(self, obj):
        return f"comment {obj.comment.position + 1}" if obj.comment_id else "article"

    @admin.display(description="")
    def link(self, obj):
        url = reverse("admin:predictions_prediction_change", args=[obj.pk])
        return format_html('<a href="{}">Review</a>', url)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("comment")


class ImportForm(archive_admin.ImportForm):
    extract = forms.BooleanField(required=False, initial=True, label="Extract predictions")


class ArticleAdmin(archive_admin.ArticleAdmin):
    list_display = [
        "title",
        "outlet",
        "published_at",
        "comment_count",
        "prediction_count",
        "extracted_at",
    ]
    inlines = [archive_admin.CommentInline, PredictionInline]
    actions = ["extract_predictions"]
    import_form = ImportForm

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(prediction_count=Count("predictions", distinct=True))
            # A GROUP BY drops the model's ordering; the pickers page through this queryset.
            .order_by(*Article._meta.ordering)
        )

    @admin.display(description="Predictions", ordering="prediction_count")
    def prediction_count(self, obj):
        return obj.prediction_count

    change_form_template = "admin/predictions/article_change_form.html"

    def has_extract_permission(self, request):
        return request.user.has_perm(EXTRACT_PERMISSION)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        waiting = (
            waiting_candidates().filter(article_id=object_id).count()
            if str(object_id).isdigit()
            else 0
        )
        context = {"candidates_waiting": waiting, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def imported_links(self, article):
        waiting = waiting_candidates().filter(article=article).count()
        return format_html(
            '{} · <a href="{}">{} candidate{} to review</a>'
            ' · <a href="{}?article={}">add a prediction by hand</a>',
            super().imported_links(article),
            queue_url(article=article),
            waiting,
            "" if waiting == 1 else "s",
            reverse("admin:predictions_prediction_add"),
            article.pk,
        )

    @admin.action(
        description="Extract predictions from the selected articles", permissions=["extract"]
    )
    def extract_predictions(self, request, queryset):
        created = replaced = kept = 0
        for article in queryset.select_related("outlet").prefetch_related("authors"):
            result = article_extract(article=article, by=request.user)
            created, replaced, kept = (
                created + result.created,
                replaced + result.replaced,
                kept + result.kept,
            )
        self.message_user(
            request,
            f"{created} candidates created, {replaced} unreviewed replaced, {kept} reviewed kept.",
            messages.SUCCESS,
        )

    def file_import(
        self, request, form: forms.Form, *, path: Path, defaults: Defaults
    ) -> Iterator[FileImportReport]:
        return document_file_import_extract(
            path=path, defaults=defaults, by=request.user, extract=form.cleaned_data["extract"]
        )


class CommentAdmin(archive_admin.CommentAdmin):
    change_form_template = "admin/predictions/comment_change_form.html"


class PersonAdmin(archive_admin.PersonAdmin):
    list_display = ["name", "kind", "outlet", "prediction_count", "created_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(prediction_count=Count("predictions"))
            .order_by(*Person._meta.ordering, "pk")
        )

    @admin.display(description="Predictions", ordering="prediction_count")
    def prediction_count(self, obj):
        return obj.prediction_count


for model, model_admin in ((Article, ArticleAdmin), (Comment, CommentAdmin), (Person, PersonAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
