"""The editors' admin for outlets, people, articles and comments.

Articles come in through the import service, never through a bare model form: "Add article"
opens the import page, which accepts document files or a pasted document.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from archive.errors import ArchiveError
from archive.importers.documents import Defaults, parse_datetime
from archive.models import Article, Comment, Outlet, Person, PersonAlias
from archive.services.documents import (
    FileImportReport,
    article_update,
    comment_update,
    document_file_import,
)
from archive.services.people import (
    OUTLET_FIELDS,
    PERSON_FIELDS,
    outlet_create,
    outlet_update,
    person_aliases_set,
    person_create,
    person_update,
)


class ServiceSaveMixin:
    """Admin saves through the archive's services: the form validates, a service writes.

    ``save_model`` hands the changed fields to ``update`` (or all of them to ``create``);
    related objects are written by ``save_related`` the same way, never by the form itself.
    """

    service_fields: frozenset[str] = frozenset()

    def create(self, request, data: dict):
        raise NotImplementedError

    def update(self, request, obj, changes: dict) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in self.service_fields}
        try:
            if change:
                self.update(request, obj, {k: data[k] for k in form.changed_data if k in data})
            else:
                created = self.create(request, data)
                obj.pk = created.pk
                for name in ("slug", "created_at"):
                    if hasattr(created, name):
                        setattr(obj, name, getattr(created, name))
        except ArchiveError as error:
            self.message_user(request, str(error), messages.ERROR)


@admin.register(Outlet)
class OutletAdmin(ServiceSaveMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "homepage", "article_count", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "homepage"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]

    service_fields = OUTLET_FIELDS | {"name"}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    def create(self, request, data):
        return outlet_create(by=request.user, **data)

    def update(self, request, obj, changes):
        outlet_update(outlet=obj, by=request.user, **changes)

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(ServiceSaveMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "outlet", "created_at"]
    list_filter = ["kind", ("outlet", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases__name", "slug"]
    autocomplete_fields = ["outlet"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [PersonAliasInline]

    service_fields = PERSON_FIELDS | {"name"}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet")

    def create(self, request, data):
        return person_create(by=request.user, **data)

    def update(self, request, obj, changes):
        person_update(person=obj, by=request.user, **changes)

    def save_formset(self, request, form, formset, change):
        # The aliases inline: the names left after the edit become the person's aliases.
        formset.save(commit=False)  # only works out what changed (for the history message)
        names = [
            f.cleaned_data["name"]
            for f in formset.forms
            if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
        ]
        person_aliases_set(person=form.instance, names=names, by=request.user)


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    fields = ["position", "author", "parent", "posted_at", "body"]
    readonly_fields = ["position", "author", "parent", "posted_at", "body"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ImportForm(forms.Form):
    files = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"allow_multiple_selected": True}),
        help_text="JSON, JSONL, plain-text page dumps, HTML pages or RSS/Atom feeds.",
    )
    document = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Or paste one document in the format shown below.",
    )
    published = forms.DateField(
        required=False, label="Default date", help_text="For documents that lack a date."
    )
    outlet = forms.CharField(
        required=False, label="Default outlet", help_text="For documents that lack an outlet."
    )
    author = forms.CharField(
        required=False, label="Default author", help_text="For documents that lack an author."
    )

    def clean(self):
        data = super().clean()
        if not self.files.getlist("files") and not (data.get("document") or "").strip():
            raise forms.ValidationError("Choose a file to import, or paste a document.")
        return data


PASTED = "pasted.json"

# Shown on the import page: one document in the format of CONTRACT §1, in our own words.
IMPORT_EXAMPLE = """{
  "title": "Harbour board meets on the ferry",
  "url": "https://news.example.org/2026/03/harbour-board",
  "outlet": "The Example Courier",
  "authors": ["Ines Row"],
  "published": "2026-03-01",
  "language": "en",
  "body": "The ferry will probably stop running by June 2027, the harbour master said.",
  "comments": [
    {"author": "pierwatcher", "posted": null, "body": "It will never close.", "parent": null}
  ]
}"""


@admin.register(Article)
class ArticleAdmin(ServiceSaveMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "published_at",
        "comment_count",
        "extracted_at",
    ]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "source_format", "language"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "body", "authors__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["outlet", "authors"]
    readonly_fields = [
        "content_hash",
        "source_format",
        "imported_at",
        "imported_by",
        "extracted_at",
        "body",
        "url",
    ]
    fields = [
        "title",
        "outlet",
        "authors",
        "url",
        "published_at",
        "language",
        "body",
        "metadata",
        "content_hash",
        "source_format",
        "imported_at",
        "imported_by",
        "extracted_at",
    ]
    inlines = [CommentInline]
    import_form = ImportForm
    service_fields = frozenset({"title", "outlet", "published_at", "language", "metadata"})

    def update(self, request, obj, changes):
        article_update(article=obj, by=request.user, **changes)

    def save_related(self, request, form, formsets, change):
        # Comments are shown, not edited; the authors go through the service with the rest.
        for formset in formsets:
            formset.save(commit=False)  # read-only: only works out that nothing changed
        if "authors" in form.changed_data:
            article_update(
                article=form.instance, by=request.user, authors=form.cleaned_data["authors"]
            )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(comment_count=Count("comments", distinct=True))
        )

    @admin.display(description="Comments", ordering="comment_count")
    def comment_count(self, obj):
        return obj.comment_count

    # Articles are added through the import page, which uses the import service.
    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="archive_article_import",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:archive_article_import")

    def import_view(self, request):
        if not request.user.has_perm("archive.import_document"):
            raise PermissionDenied
        form = self.import_form(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid() and self._import(request, form):
            return redirect("admin:archive_article_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import documents",
            "example": IMPORT_EXAMPLE,
        }
        return TemplateResponse(request, "admin/archive/article/import.html", context)

    def file_import(
        self, request, form: forms.Form, *, path: Path, defaults: Defaults
    ) -> Iterator[FileImportReport]:
        """Import the documents of one uploaded file (a subclass may do more per document)."""
        return document_file_import(path=path, defaults=defaults, by=request.user)

    def imported_links(self, article: Article) -> SafeString:
        """Links shown for a newly imported article (a subclass may add its own)."""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:archive_article_change", args=[article.pk]),
            article.title,
        )

    def _import(self, request, form) -> bool:
        """Import the files and the pasted document; true unless a document failed."""
        published = form.cleaned_data["published"]
        defaults = Defaults(
            published=parse_datetime(published, "published") if published else None,
            outlet=form.cleaned_data["outlet"] or None,
            author=form.cleaned_data["author"] or None,
        )
        imported = duplicates = failed = 0
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for upload in request.FILES.getlist("files"):
                target = Path(tmp) / "files" / Path(upload.name).name
                target.parent.mkdir(exist_ok=True)
                with target.open("wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                paths.append(target)
            if form.cleaned_data["document"].strip():
                target = Path(tmp) / PASTED
                target.write_text(form.cleaned_data["document"], encoding="utf-8")
                paths.append(target)
            for file_path in paths:
                pasted = file_path.parent == Path(tmp) and file_path.name == PASTED
                for report in self.file_import(request, form, path=file_path, defaults=defaults):
                    if report.failed and pasted:
                        failed += 1
                        form.add_error("document", f"Not imported: {report.read.error}")
                        continue
                    if report.failed:
                        failed += 1
                        self.message_user(
                            request,
                            ", ".join(filter(None, [file_path.name, report.read.position]))
                            + f": {report.read.error}",
                            messages.ERROR,
                        )
                        continue
                    created = report.outcome.created
                    imported, duplicates = imported + created, duplicates + (not created)
                    if created:
                        self.message_user(
                            request,
                            format_html("Imported {}", self.imported_links(report.outcome.article)),
                            messages.SUCCESS,
                        )
        if duplicates:
            self.message_user(
                request,
                f"{duplicates} document{'s were' if duplicates != 1 else ' was'} already in the"
                " archive (same URL or text): nothing changed.",
                messages.INFO,
            )
        if failed:
            self.message_user(
                request,
                f"{failed} document{'s' if failed != 1 else ''} could not be imported; the others"
                " were kept. Correct it and import again.",
                messages.WARNING,
            )
        return not failed


@admin.register(Comment)
class CommentAdmin(ServiceSaveMixin, admin.ModelAdmin):
    list_display = ["__str__", "author", "posted_at", "position"]
    list_select_related = ["author", "article"]
    list_filter = [("article__outlet", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["body", "author__name", "article__title"]
    autocomplete_fields = ["author", "article"]
    readonly_fields = ["article", "position", "parent", "body", "posted_at"]
    service_fields = frozenset({"author"})

    def has_add_permission(self, request):
        return False

    def update(self, request, obj, changes):
        if "author" in changes:
            comment_update(comment=obj, by=request.user, author=changes["author"])
