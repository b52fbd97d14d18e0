"""The editors' admin for claims, predictions, events, judgements and leaderboard rows.

Every save goes through a service: reviewing a prediction (accept, reject, correct), recording an
event, resolving a claim. Judgements and leaderboard rows are read-only here.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive.admin import ServiceSaveMixin
from archive.errors import ArchiveError
from predictions import (
    admin_review,
    admin_sources,  # noqa: F401 - the article and person pages, extended
    admin_views,
)
from predictions.admin_forms import PredictionChangeForm
from predictions.forms import EventForm
from predictions.highlighting import Mark, render
from predictions.models import (
    Claim,
    ClaimResolution,
    Event,
    Judgement,
    LeaderboardEntry,
    Prediction,
    Tag,
)
from predictions.services.claims import (
    claim_create,
    claim_merge,
    claim_update,
)
from predictions.services.events import PERMISSION as EVENT_PERMISSION
from predictions.services.events import event_record, event_update
from predictions.services.review import PERMISSION as REVIEW_PERMISSION
from predictions.services.review import prediction_accept, prediction_reject
from predictions.services.tags import tag_create, tag_update


@admin.register(Tag)
class TagAdmin(ServiceSaveMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    service_fields = frozenset({"name", "slug"})

    def create(self, request, data):
        return tag_create(by=request.user, **data)

    def update(self, request, obj, changes):
        tag_update(tag=obj, by=request.user, **changes)


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0
    fields = ["judged_at", "outcome", "event", "note", "judged_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Prediction)
class PredictionAdmin(admin.ModelAdmin):
    list_display = [
        "short_quote",
        "speaker_name",
        "speaker_role",
        "probability_percent",
        "deadline",
        "status",
        "outcome",
        "made_at",
    ]
    list_filter = [
        admin_review.ReviewFilter,
        "outcome",
        "speaker_role",
        "deadline_kind",
        "source",
        "edited",
    ]
    list_select_related = ["speaker", "article", "claim"]
    search_fields = ["quote", "claim_text", "speaker_name", "speaker__name", "article__title"]
    date_hierarchy = "made_at"
    ordering = admin_review.queue_order()
    autocomplete_fields = ["speaker", "claim", "condition_claim", "article"]
    form = PredictionChangeForm
    actions = ["accept", "reject"]
    inlines = [JudgementInline]
    readonly_fields = [
        "context",
        "article",
        "comment",
        "source_url",
        "start",
        "end",
        "status",
        "source",
        "edited",
        "reviewed_by",
        "reviewed_at",
        "extractor_version",
        "outcome",
        "brier",
        "log_score",
        "made_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["context", "article", "comment", "source_url", "quote", "start", "end"]},
        ),
        ("Who", {"fields": ["speaker", "speaker_name", "speaker_role"]}),
        (
            "What",
            {
                "fields": [
                    "claim",
                    "claim_text",
                    "polarity",
                    "probability",
                    "hedge",
                    "condition_text",
                    "condition_claim",
                ]
            },
        ),
        ("When", {"fields": ["made_at", "deadline", "deadline_text", "deadline_kind"]}),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "review_note",
                    "source",
                    "edited",
                    "reviewed_by",
                    "reviewed_at",
                    "extractor_version",
                ]
            },
        ),
        ("Outcome", {"fields": ["outcome", "brier", "log_score"]}),
    ]

    def has_add_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION)

    def add_view(self, request, form_url="", extra_context=None):
        return admin_views.record_view(self, request)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {**admin_review.queue_context(request), **(extra_context or {})}
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = admin_review.change_context(object_id)
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editor = request.user  # a class made for this request: the corrections' reviewer
        return form

    @admin.display(description="Quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 110 else obj.quote[:107] + "…"

    @admin.display(description="P", ordering="probability")
    def probability_percent(self, obj):
        return f"{obj.probability:.0%}"

    @admin.display(description="In context")
    def context(self, obj):
        return render(obj.body, [Mark(obj.start, obj.end)], around=(obj.start, obj.end))

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("article", "comment", "speaker", "claim")
        )

    def save_model(self, request, obj, form, change):
        """Nothing to save: the form's validation applied the corrections through the service."""

    def response_change(self, request, obj):
        return admin_review.review_response(self, request, obj) or super().response_change(
            request, obj
        )

    @admin.action(description="Accept the selected predictions", permissions=["change"])
    def accept(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda p: prediction_accept(prediction=p, by=request.user),
            Prediction.Status.ACCEPTED.label.lower(),
        )

    @admin.action(description="Reject the selected predictions", permissions=["change"])
    def reject(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda p: prediction_reject(prediction=p, by=request.user),
            Prediction.Status.REJECTED.label.lower(),
        )

    def _each(self, request, queryset, action, verb):
        done = 0
        for prediction in queryset:
            try:
                action(prediction)
                done += 1
            except ArchiveError as exc:
                self.message_user(request, f"Prediction {prediction.pk}: {exc}", messages.ERROR)
        if done:
            self.message_user(
                request, f"{done} prediction{'s' if done != 1 else ''} {verb}.", messages.SUCCESS
            )


class PredictionOfClaimInline(admin.TabularInline):
    model = Prediction
    fk_name = "claim"
    extra = 0
    fields = ["speaker_name", "polarity", "probability", "deadline", "status", "outcome", "link"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="")
    def link(self, obj):
        return format_html(
            '<a href="{}">Open</a>', reverse("admin:predictions_prediction_change", args=[obj.pk])
        )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["text", "state", "resolved_on", "prediction_count", "created_at"]
    list_filter = ["state", "tags"]
    search_fields = ["text", "description"]
    date_hierarchy = "created_at"
    filter_horizontal = ["tags"]
    readonly_fields = [
        "state",
        "resolved_on",
        "resolution_event",
        "resolved_at",
        "resolved_by",
        "resolution_note",
        "resolution_history",
    ]
    inlines = [PredictionOfClaimInline]
    actions = ["resolve", "unresolve", "merge"]

    def get_queryset(self, request):
        # A GROUP BY drops the model's ordering; the pickers page through this queryset.
        queryset = super().get_queryset(request).annotate(prediction_count=Count("predictions"))
        return queryset.order_by(*Claim._meta.ordering)

    @admin.display(description="Predictions", ordering="prediction_count")
    def prediction_count(self, obj):
        return obj.prediction_count

    @admin.display(description="Resolution history")
    def resolution_history(self, obj):
        if obj.pk is None:
            return "–"
        rows = list(
            ClaimResolution.objects.filter(claim=obj)
            .select_related("event", "changed_by")
            .order_by("changed_at", "id")
        )
        if not rows:
            return "–"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{}: {}{} by {}{}</li>",
                (
                    (
                        f"{r.changed_at:%Y-%m-%d %H:%M}",
                        "opened again" if r.state == Claim.State.OPEN else r.get_state_display(),
                        f" ({r.resolved_on:%Y-%m-%d})" if r.resolved_on else "",
                        r.changed_by or "the system",
                        f" — {r.note}" if r.note else "",
                    )
                    for r in rows
                ),
            ),
        )

    def has_resolve_permission(self, request):
        return request.user.has_perm("predictions.resolve_claim")

    # Claims are written by claim_create and claim_update, which take the reviewers' permission.
    def has_add_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changed = {f: data[f] for f in form.changed_data if f in ("text", "description")}
            claim_update(claim=obj, by=request.user, **changed)
        else:
            created = claim_create(
                text=data["text"], description=data["description"], by=request.user
            )
            obj.pk, obj.created_at = created.pk, created.created_at

    def get_urls(self):
        return [
            path(
                "<path:object_id>/resolve/",
                self.admin_site.admin_view(
                    lambda r, object_id: admin_views.resolve_view(self, r, object_id)
                ),
                name="predictions_claim_resolve",
            ),
            path(
                "<path:object_id>/unresolve/",
                self.admin_site.admin_view(
                    lambda r, object_id: admin_views.unresolve_view(self, r, object_id)
                ),
                name="predictions_claim_unresolve",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"can_resolve": self.has_resolve_permission(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    @admin.action(description="Resolve the selected claim…", permissions=["resolve"])
    def resolve(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Resolve one claim at a time.", messages.WARNING)
            return None
        return redirect("admin:predictions_claim_resolve", queryset.get().pk)

    @admin.action(description="Un-resolve the selected claims", permissions=["resolve"])
    def unresolve(self, request, queryset):
        resolved = list(queryset.exclude(state=Claim.State.OPEN))
        if len(resolved) == 1:
            return redirect("admin:predictions_claim_unresolve", resolved[0].pk)
        if not resolved:
            self.message_user(
                request, "None of the selected claims is resolved: nothing changed.", messages.INFO
            )
            return None
        self.message_user(
            request,
            "Un-resolve one claim at a time, so that each keeps its own reason.",
            messages.WARNING,
        )
        return None

    @admin.action(description="Merge the selected claims into the oldest", permissions=["change"])
    def merge(self, request, queryset):
        claims = list(queryset.order_by("created_at", "pk"))
        if len(claims) < 2:
            self.message_user(request, "Select at least two claims to merge.", messages.WARNING)
            return
        target = claims[0]
        for source in claims[1:]:
            try:
                target = claim_merge(source=source, target=target, by=request.user)
            except ArchiveError as exc:
                self.message_user(request, f"{source}: {exc}", messages.ERROR)
        self.message_user(request, f"Merged into “{target}”.", messages.SUCCESS)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ["title", "occurred_on", "source_count"]
    search_fields = ["title", "description"]
    date_hierarchy = "occurred_on"
    list_filter = ["tags"]
    filter_horizontal = ["tags"]
    readonly_fields = ["external_id", "created_at", "created_by"]

    # event_record and event_update take the permission to add events.
    def has_add_permission(self, request):
        return request.user.has_perm(EVENT_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(EVENT_PERMISSION)

    @admin.display(description="Sources")
    def source_count(self, obj):
        return len(obj.sources or [])

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = ("title", "occurred_on", "description", "sources")
        if change:
            changed = {f: data[f] for f in form.changed_data if f in fields}
            event_update(event=obj, by=request.user, **changed)
        else:
            values = {f: data[f] for f in fields}
            values["sources"] = tuple(values["sources"] or ())
            obj.pk = event_record(by=request.user, **values).pk


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    list_display = ["prediction", "outcome", "event", "judged_by", "judged_at"]
    list_filter = ["outcome"]
    list_select_related = ["prediction", "event", "judged_by"]
    search_fields = ["prediction__quote", "note"]
    date_hierarchy = "judged_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LeaderboardEntry)
class LeaderboardEntryAdmin(admin.ModelAdmin):
    # Ranks are a row's place in its board, not a column: the site and the API show them.
    list_display = [
        "name",
        "scope",
        "period",
        "tag",
        "resolved",
        "pending",
        "brier",
        "adjusted_brier",
        "computed_at",
    ]
    list_filter = ["scope", "period"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The judgement log and the claims' resolution history name the editors who wrote them and are
# never deleted, so an editor who judged cannot be deleted either (``on_delete=PROTECT``).
_HISTORY = {Judgement._meta.verbose_name, ClaimResolution._meta.verbose_name}


class UserAdmin(auth_admin.UserAdmin):
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Nobody may delete history: say it is protected, not that a permission is missing.
            perms_needed = {name for name in perms_needed if name not in _HISTORY}
            self.message_user(
                request,
                "This account judged forecasts or resolved claims, and the archive keeps that"
                " history; deactivate the account (untick “Active”) instead of deleting it.",
                messages.WARNING,
            )
        return deleted, counts, perms_needed, protected


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdmin)
