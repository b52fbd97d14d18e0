"""Serializers for claims, predictions, events, judgements, leaderboards and the write actions."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.api.fields import PageUrlField, SlugReferenceField
from archive.api.references import (
    ArticleRefSerializer,
    OutletRefSerializer,
    PersonRefSerializer,
)
from archive.api.representation import ReadModelSerializer
from archive.api.serializers import ArticleSerializer, CommentSerializer
from archive.models import Person
from predictions.models import Claim, Event, Judgement, LeaderboardEntry, Prediction, Tag


@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/CalibrationBin"}, "readOnly": True}
)
class CalibrationField(serializers.JSONField):
    """Stored calibration bins, passed through as stored (the shape of ``CalibrationBin``)."""


@extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True})
class SourcesField(serializers.JSONField):
    """An event's sources as stored: links, or the names of the outlets that reported it."""


class TagSerializer(ReadModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name"]


class ClaimRefSerializer(ReadModelSerializer):
    url = PageUrlField("site:claim")

    class Meta:
        model = Claim
        fields = ["id", "text", "state", "url"]


class ClaimSerializer(ReadModelSerializer):
    url = PageUrlField("site:claim")
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    prediction_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "text",
            "description",
            "tags",
            "state",
            "resolved_on",
            "resolution_event",
            "resolution_note",
            "resolved_at",
            "prediction_count",
            "created_at",
        ]
        read_only_fields = fields


class PredictionSerializer(ReadModelSerializer):
    url = PageUrlField("site:prediction")
    speaker = PersonRefSerializer(read_only=True, allow_null=True)
    outlet = OutletRefSerializer(source="article.outlet", read_only=True, allow_null=True)
    article = ArticleRefSerializer(read_only=True, allow_null=True)
    comment = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The comment that says it, if not the article."
    )
    source_url = serializers.CharField(
        read_only=True,
        help_text="Where a statement with no article was made; empty for one from an article.",
    )
    claim = ClaimRefSerializer(read_only=True, allow_null=True)
    tags = serializers.SerializerMethodField()
    effective_deadline = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The day it is judged by: its deadline or, with none stated, the archive's"
        " horizon (ARCHIVE_OPEN_HORIZON_DAYS) counted from made_at.",
    )

    class Meta:
        model = Prediction
        fields = [
            "id",
            "url",
            "status",
            "source",
            "speaker",
            "speaker_name",
            "speaker_role",
            "outlet",
            "article",
            "comment",
            "source_url",
            "quote",
            "start",
            "end",
            "claim",
            "claim_text",
            "tags",
            "polarity",
            "probability",
            "hedge",
            "condition_text",
            "made_at",
            "deadline",
            "deadline_text",
            "deadline_kind",
            "effective_deadline",
            "outcome",
            "judged_at",
            "brier",
            "log_score",
            "edited",
            "reviewed_at",
            "extractor_version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_tags(self, prediction: Prediction) -> list[str]:
        claim = prediction.claim
        return [] if claim is None else [tag.slug for tag in claim.tags.all()]


class EventSerializer(ReadModelSerializer):
    url = PageUrlField("site:event")
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sources = SourcesField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "title",
            "description",
            "occurred_on",
            "sources",
            "tags",
            "created_at",
        ]
        read_only_fields = fields


class JudgementSerializer(ReadModelSerializer):
    class Meta:
        model = Judgement
        fields = ["id", "prediction", "outcome", "event", "note", "judged_at"]
        read_only_fields = fields


class _LeaderboardEntrySerializer(ReadModelSerializer):
    rank = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        min_value=1,
        help_text="Place on the board; null below the minimum of resolved predictions.",
    )
    tag = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    calibration = CalibrationField(read_only=True)

    class Meta:
        model = LeaderboardEntry
        fields = [
            "rank",
            "name",
            "resolved",
            "correct",
            "pending",
            "brier",
            "log_score",
            "brier_low",
            "brier_high",
            "adjusted_brier",
            "calibration",
            "period",
            "tag",
            "computed_at",
        ]
        read_only_fields = fields


class PersonLeaderboardEntrySerializer(_LeaderboardEntrySerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta(_LeaderboardEntrySerializer.Meta):
        fields = ["person", *_LeaderboardEntrySerializer.Meta.fields]
        read_only_fields = fields


class OutletLeaderboardEntrySerializer(_LeaderboardEntrySerializer):
    outlet = OutletRefSerializer(read_only=True)

    class Meta(_LeaderboardEntrySerializer.Meta):
        fields = ["outlet", *_LeaderboardEntrySerializer.Meta.fields]
        read_only_fields = fields


class LeaderboardQuerySerializer(serializers.Serializer):
    """The leaderboard's query parameters (the same filters as the public page)."""

    tag = serializers.CharField(
        required=False, max_length=120, help_text="Only claims with this tag (slug)."
    )
    period = serializers.RegexField(
        r"^(all|\d{4})$",
        required=False,
        default="all",
        help_text='"all", or the year the statements were made in ("2014").',
    )
    min_resolved = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text="Only rows with at least this many resolved predictions (default: the archive's minimum).",
    )

    def validate_tag(self, value: str) -> str:
        if not Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).exists():
            raise serializers.ValidationError(f"No tag “{value}” in the archive.")
        return value


# Write actions: inputs and results.


class PredictionAcceptSerializer(serializers.Serializer):
    claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        required=False,
        allow_null=True,
        help_text="The claim to attach the prediction to; by default its own or a new one of its text.",
    )


class PredictionRejectSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class PredictionCorrectSerializer(serializers.Serializer):
    """The fields an editor may correct; give only those that change."""

    quote = serializers.CharField(required=False, trim_whitespace=False)
    start = serializers.IntegerField(required=False, min_value=0, max_value=10_000_000)
    end = serializers.IntegerField(required=False, min_value=0, max_value=10_000_000)
    speaker = SlugReferenceField(queryset=Person.objects.all(), required=False, allow_null=True)
    speaker_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    speaker_role = serializers.ChoiceField(choices=Prediction.Role.choices, required=False)
    claim_text = serializers.CharField(required=False, max_length=1000)
    polarity = serializers.ChoiceField(choices=Prediction.Polarity.choices, required=False)
    probability = serializers.FloatField(required=False, min_value=0.0, max_value=1.0)
    hedge = serializers.CharField(required=False, allow_blank=True, max_length=200)
    condition_text = serializers.CharField(required=False, allow_blank=True)
    condition_claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), required=False, allow_null=True
    )
    deadline = serializers.DateField(required=False, allow_null=True)
    deadline_text = serializers.CharField(required=False, allow_blank=True, max_length=300)
    deadline_kind = serializers.ChoiceField(choices=Prediction.DeadlineKind.choices, required=False)
    made_at = serializers.DateTimeField(required=False)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Give at least one field to correct.")
        return attrs


# The states a claim can be resolved to (every state but open).
RESOLVED_STATE_CHOICES = [(value, label) for value, label in Claim.State.choices if value != "open"]


class ClaimResolveSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=RESOLVED_STATE_CHOICES)
    on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The day it occurred, or the day as of which it had not.",
    )
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.all(), required=False, allow_null=True, default=None
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ClaimUnresolveSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ClaimResolutionSerializer(serializers.Serializer):
    """A claim after (un-)resolution, with the judgements that made."""

    claim = ClaimSerializer()
    judgements = JudgementSerializer(many=True)


class CalibrationBinSerializer(serializers.Serializer):
    """One calibration bin: the forecasts whose probability fell in [low, high)."""

    low = serializers.FloatField()
    high = serializers.FloatField()
    count = serializers.IntegerField()
    mean_probability = serializers.FloatField(allow_null=True)
    observed_frequency = serializers.FloatField(allow_null=True)
    observed_low = serializers.FloatField(
        allow_null=True, required=False, help_text="Lower end of the observed frequency's interval."
    )
    observed_high = serializers.FloatField(allow_null=True, required=False)


class ScoreHistoryPointSerializer(serializers.Serializer):
    """The person's running mean scores after each resolved prediction."""

    date = serializers.DateField()
    resolved = serializers.IntegerField()
    brier = serializers.FloatField()
    log_score = serializers.FloatField()


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its text, its comments and every prediction found in it."""

    comments = CommentSerializer(many=True, read_only=True)
    predictions = PredictionSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "metadata", "comments", "predictions"]
        read_only_fields = fields
