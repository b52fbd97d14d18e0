"""``POST /api/predictions/``: record a forecast by hand (CONTRACT §4), through ``prediction_record``.

The serializer only parses; finding the quote, the speaker, the claim and the deadline are the
service's, so the API refuses and accepts exactly what the admin's "Add prediction" form does.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status

from archive.models import Article, Comment
from predictions.api.permissions import CanReviewPredictions
from predictions.api.serializers import PredictionSerializer
from predictions.models import Prediction
from predictions.services.recording import prediction_record


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string", "maxLength": 1000}],
        "description": "The id of an existing claim, or the text of a new one.",
    }
)
class ClaimReferenceField(serializers.Field):
    """A claim's id (a number) or the text of a claim (a string)."""

    default_error_messages = {"invalid": "Give a claim's id or the text of a claim."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            return data
        if isinstance(data, str):
            text = data.strip()
            return int(text) if text.isdigit() else text
        self.fail("invalid")
        return None  # unreachable: fail raises

    def to_representation(self, value):
        return value


class PredictionRecordSerializer(serializers.Serializer):
    """A forecast found by hand: where it was said, its words, and what it says."""

    article = serializers.PrimaryKeyRelatedField(
        queryset=Article.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The article that has the quote (or give source_url and made_at instead).",
    )
    comment = serializers.PrimaryKeyRelatedField(
        queryset=Comment.objects.select_related("article"),
        required=False,
        allow_null=True,
        default=None,
        help_text="The comment of the article that has the quote, if not the article itself.",
    )
    source_url = serializers.URLField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text="Where a statement with no article was made (a broadcast, a speech, a post).",
    )
    made_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When a statement with no article was made (an article's date otherwise).",
    )
    quote = serializers.CharField(
        max_length=5000,
        help_text="The forecast's words as the text has them; the archive finds its offsets.",
    )
    occurrence = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=100_000,
        help_text="Which occurrence of the quote is meant (from 1), when it occurs more than once.",
    )
    speaker = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=220,
        help_text="A person's slug, or the name of a new person (a reader of the outlet for a"
        " commenter). Left out: the comment's author, or the article's one author.",
    )
    speaker_role = serializers.ChoiceField(
        choices=Prediction.Role.choices, required=False, default=Prediction.Role.AUTHOR
    )
    claim = ClaimReferenceField(help_text="The id of an existing claim, or the text of a new one.")
    polarity = serializers.ChoiceField(
        choices=Prediction.Polarity.choices, required=False, default=Prediction.Polarity.POSITIVE
    )
    probability = serializers.FloatField(
        help_text="The probability that the claim comes true, strictly between 0 and 1."
    )
    hedge = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    condition = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    deadline_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="The deadline in words; without a deadline date it is read against made_at.",
    )


class PredictionRecordMixin:
    """The create action of the predictions resource."""

    @extend_schema(
        summary="Record a prediction by hand",
        request=PredictionRecordSerializer,
        responses={201: OpenApiResponse(PredictionSerializer, description="Recorded, accepted.")},
        filters=False,
    )
    def create(self, request, *args, **kwargs):
        """Record a forecast an editor found; it is accepted at once, with them as reviewer."""
        serializer = PredictionRecordSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        values["speaker"] = values["speaker"] or None
        prediction = prediction_record(by=request.user, **values)
        response = self._answer(prediction)
        response.status_code = status.HTTP_201_CREATED
        return response

    def get_permissions(self):
        if self.action == "create":
            return [CanReviewPredictions()]
        return super().get_permissions()
