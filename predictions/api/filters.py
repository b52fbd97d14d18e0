"""django-filter FilterSets for claims, predictions, events and judgements."""

from __future__ import annotations

import datetime

import django_filters as filters

from archive.api.filters import (
    DateTimeFilter,
    ReferenceFilter,
    SearchFilterSet,
    SlugFilter,
)
from archive.models import Article, Outlet, Person
from predictions.deadlines import due_before_q
from predictions.models import Claim, Event, Judgement, Prediction, Tag


class PredictionFilter(SearchFilterSet):
    search_fields = ("quote", "claim_text", "speaker_name")

    speaker = SlugFilter(
        field_name="speaker__slug", model=Person, noun="person", label="Speaker (person slug)."
    )
    outlet = SlugFilter(field_name="article__outlet__slug", model=Outlet, label="Outlet (slug).")
    status = filters.ChoiceFilter(choices=Prediction.Status.choices, label="Review status.")
    outcome = filters.ChoiceFilter(
        choices=[*Prediction.Outcome.choices, ("none", "Not judged yet")],
        method="filter_outcome",
        label='Outcome of the latest judgement, or "none" for unjudged predictions.',
    )
    tag = SlugFilter(
        field_name="claim__tags__slug", model=Tag, noun="tag", label="Tag (slug) of the claim."
    )
    claim = ReferenceFilter(field_name="claim_id", model=Claim, label="Claim id.")
    article = ReferenceFilter(field_name="article_id", model=Article, label="Article id.")
    made_after = DateTimeFilter(field_name="made_at", lookup_expr="gte")
    made_before = DateTimeFilter(field_name="made_at", lookup_expr="lt")
    due_after = filters.DateFilter(
        method="filter_due_after",
        label="Effective deadline (the stated one, else the archive's horizon) on or after.",
    )
    due_before = filters.DateFilter(
        method="filter_due_before",
        label="Effective deadline (the stated one, else the archive's horizon) on or before.",
    )

    class Meta:
        model = Prediction
        fields = ["speaker", "outlet", "status", "tag", "claim", "article"]

    def filter_due_after(self, queryset, name, value):
        return queryset.exclude(due_before_q(value))

    def filter_due_before(self, queryset, name, value):
        if value >= datetime.date.max:
            return queryset
        return queryset.filter(due_before_q(value + datetime.timedelta(days=1)))

    def filter_outcome(self, queryset, name, value):
        if value == "none":
            return queryset.filter(outcome__isnull=True)
        return queryset.filter(outcome=value)


class ClaimFilter(SearchFilterSet):
    search_fields = ("text", "description")

    state = filters.ChoiceFilter(choices=Claim.State.choices)
    tag = SlugFilter(field_name="tags__slug", model=Tag, noun="tag", label="Tag (slug).")
    resolved_after = filters.DateFilter(field_name="resolved_on", lookup_expr="gte")
    resolved_before = filters.DateFilter(field_name="resolved_on", lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["state", "tag"]


class EventFilter(SearchFilterSet):
    search_fields = ("title", "description")

    tag = SlugFilter(field_name="tags__slug", model=Tag, noun="tag", label="Tag (slug).")
    occurred_after = filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["tag"]


class JudgementFilter(filters.FilterSet):
    prediction = ReferenceFilter(field_name="prediction_id", model=Prediction)
    event = ReferenceFilter(field_name="event_id", model=Event)
    current = filters.BooleanFilter(
        method="filter_current",
        label="true: only each prediction's latest judgement, the one that counts (a reopened"
        " prediction's is `withdrawn`); false: only the superseded ones.",
    )
    outcome = filters.ChoiceFilter(choices=Judgement.Outcome.choices)
    judged_after = DateTimeFilter(field_name="judged_at", lookup_expr="gte")
    judged_before = DateTimeFilter(field_name="judged_at", lookup_expr="lt")

    class Meta:
        model = Judgement
        fields = ["prediction", "event", "outcome", "current"]

    def filter_current(self, queryset, name, value):
        return queryset.current() if value else queryset.superseded()
