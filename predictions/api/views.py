"""API views for claims, predictions, events, judgements and leaderboards, with the review and
resolution actions.

Each action parses its input with a serializer, calls one service, and answers with the
resource as it now stands; the rules (and the permission checks that back ours) are the
services'.
"""

from __future__ import annotations

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.decorators import action
from rest_framework.response import Response

from archive.api.fields import page_origin
from archive.api.schema import ArchiveAutoSchema
from archive.api.views import ArchiveViewSet
from config.pagination import CursorPagination
from predictions.api.filters import ClaimFilter, EventFilter, JudgementFilter, PredictionFilter
from predictions.api.permissions import CanResolveClaims, CanReviewPredictions
from predictions.api.recording import PredictionRecordMixin
from predictions.api.rows import COLUMNS, prediction_rows_represent, tag_slugs
from predictions.api.serializers import (
    ClaimResolutionSerializer,
    ClaimResolveSerializer,
    ClaimSerializer,
    ClaimUnresolveSerializer,
    EventSerializer,
    JudgementSerializer,
    LeaderboardQuerySerializer,
    OutletLeaderboardEntrySerializer,
    PersonLeaderboardEntrySerializer,
    PredictionAcceptSerializer,
    PredictionCorrectSerializer,
    PredictionRejectSerializer,
    PredictionSerializer,
)
from predictions.models import Claim, Event, Judgement, Prediction
from predictions.selectors.leaderboards import leaderboard
from predictions.services.resolution import claim_resolve, claim_unresolve
from predictions.services.review import prediction_accept, prediction_correct, prediction_reject


def prediction_queryset():
    """Predictions with everything the API shows, in a fixed number of queries.

    Only the columns the representation reads are fetched: the embedded speaker, outlet,
    article and claim are references, and their long texts would be read for nothing. Claim
    tags come from ``attach_tag_slugs`` (cheaper than a prefetch). The list reads
    ``predictions.api.rows.COLUMNS`` of it instead of instances.
    """
    return Prediction.objects.select_related("speaker", "article__outlet", "claim").only(
        *(field.attname for field in Prediction._meta.concrete_fields),
        "speaker__slug",
        "speaker__name",
        "speaker__kind",
        "article__title",
        "article__published_at",
        "article__outlet__slug",
        "article__outlet__name",
        "claim__text",
        "claim__state",
    )


def attach_tag_slugs(predictions: list[Prediction]) -> list[Prediction]:
    """Give each prediction ``tag_slugs``, its claim's tags, read in one query for the page."""
    slugs = tag_slugs({p.claim_id for p in predictions if p.claim_id})
    for prediction in predictions:
        prediction.tag_slugs = slugs.get(prediction.claim_id, [])
    return predictions


def claim_queryset():
    return Claim.objects.annotate(
        prediction_count=Count(
            "predictions", filter=Q(predictions__status="accepted"), distinct=True
        )
    ).prefetch_related("tags")


class WriteActionsMixin:
    def action_input(self, serializer_class) -> dict:
        """The validated body of a write action (a 400 naming the fields when it is wrong)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="List claims"),
    retrieve=extend_schema(summary="A claim"),
)
class ClaimViewSet(WriteActionsMixin, ArchiveViewSet):
    queryset = claim_queryset()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = ["created_at", "resolved_on", "id", "prediction_count"]
    ordering = ["-created_at", "-id"]
    lookup_value_regex = r"[0-9]+"

    def _resolution(self, claim: Claim, judgements) -> Response:
        claim = claim_queryset().get(pk=claim.pk)
        judgements = Judgement.objects.filter(pk__in=[j.pk for j in judgements])
        data = {"claim": claim, "judgements": judgements}
        return Response(ClaimResolutionSerializer(data, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Resolve a claim",
        request=ClaimResolveSerializer,
        responses=ClaimResolutionSerializer,
        filters=False,
    )
    @action(
        detail=True, methods=["post"], permission_classes=[CanResolveClaims], filter_backends=[]
    )
    def resolve(self, request, pk=None):
        """Mark the claim as occurred (or not, annulled, ambiguous) and judge its predictions."""
        claim = self.get_object()
        judgements = claim_resolve(
            claim=claim, by=request.user, **self.action_input(ClaimResolveSerializer)
        )
        return self._resolution(claim, judgements)

    @extend_schema(
        summary="Un-resolve a claim",
        request=ClaimUnresolveSerializer,
        responses=ClaimResolutionSerializer,
        filters=False,
    )
    @action(
        detail=True, methods=["post"], permission_classes=[CanResolveClaims], filter_backends=[]
    )
    def unresolve(self, request, pk=None):
        """Open the claim again, withdrawing its predictions' verdicts (the log keeps them)."""
        claim = self.get_object()
        judgements = claim_unresolve(
            claim=claim, by=request.user, **self.action_input(ClaimUnresolveSerializer)
        )
        return self._resolution(claim, judgements)


@extend_schema_view(
    list=extend_schema(summary="List predictions"),
    retrieve=extend_schema(summary="A prediction"),
)
class PredictionViewSet(PredictionRecordMixin, WriteActionsMixin, ArchiveViewSet):
    queryset = prediction_queryset()
    serializer_class = PredictionSerializer
    filterset_class = PredictionFilter
    pagination_class = CursorPagination
    # Cursor pagination needs non-null ordering columns.
    ordering_fields = ["made_at", "probability", "id"]
    ordering = ["-made_at", "-id"]
    lookup_value_regex = r"[0-9]+"

    def list(self, request, *args, **kwargs):
        """The page from ``values()`` rows: the same output as ``PredictionSerializer``, without
        building a model instance for every prediction and relation on it."""
        queryset = self.filter_queryset(self.get_queryset()).values(*COLUMNS)
        rows = self.paginate_queryset(queryset)
        data = prediction_rows_represent(rows, origin=page_origin(self.get_serializer_context()))
        return self.get_paginated_response(data)

    def get_object(self):
        return attach_tag_slugs([super().get_object()])[0]

    def _answer(self, prediction: Prediction) -> Response:
        prediction = attach_tag_slugs([prediction_queryset().get(pk=prediction.pk)])[0]
        return Response(self.get_serializer(prediction).data)

    @extend_schema(
        summary="Accept a prediction",
        request=PredictionAcceptSerializer,
        responses=PredictionSerializer,
        filters=False,
    )
    @action(
        detail=True, methods=["post"], permission_classes=[CanReviewPredictions], filter_backends=[]
    )
    def accept(self, request, pk=None):
        """Accept the prediction for scoring, attaching it to a claim (its own, or a new one)."""
        prediction = self.get_object()
        return self._answer(
            prediction_accept(
                prediction=prediction,
                by=request.user,
                **self.action_input(PredictionAcceptSerializer),
            )
        )

    @extend_schema(
        summary="Reject a prediction",
        request=PredictionRejectSerializer,
        responses=PredictionSerializer,
        filters=False,
    )
    @action(
        detail=True, methods=["post"], permission_classes=[CanReviewPredictions], filter_backends=[]
    )
    def reject(self, request, pk=None):
        """Reject the prediction: it stays on record, unscored."""
        prediction = self.get_object()
        return self._answer(
            prediction_reject(
                prediction=prediction,
                by=request.user,
                **self.action_input(PredictionRejectSerializer),
            )
        )

    @extend_schema(
        summary="Correct a prediction",
        request=PredictionCorrectSerializer,
        responses=PredictionSerializer,
        filters=False,
    )
    @action(
        detail=True, methods=["post"], permission_classes=[CanReviewPredictions], filter_backends=[]
    )
    def correct(self, request, pk=None):
        """Correct what the extractor found (only the fields given change)."""
        prediction = self.get_object()
        return self._answer(
            prediction_correct(
                prediction=prediction,
                by=request.user,
                **self.action_input(PredictionCorrectSerializer),
            )
        )


@extend_schema_view(
    list=extend_schema(summary="List events"),
    retrieve=extend_schema(summary="An event"),
)
class EventViewSet(ArchiveViewSet):
    queryset = Event.objects.prefetch_related("tags")
    serializer_class = EventSerializer
    filterset_class = EventFilter
    pagination_class = CursorPagination
    ordering_fields = ["occurred_on", "created_at", "id"]
    ordering = ["-occurred_on", "-id"]
    lookup_value_regex = r"[0-9]+"


@extend_schema_view(
    list=extend_schema(summary="List judgements"),
    retrieve=extend_schema(summary="A judgement"),
)
class JudgementViewSet(ArchiveViewSet):
    queryset = Judgement.objects.all()
    serializer_class = JudgementSerializer
    filterset_class = JudgementFilter
    pagination_class = CursorPagination
    ordering_fields = ["judged_at", "id"]
    ordering = ["-judged_at", "-id"]
    lookup_value_regex = r"[0-9]+"


class LeaderboardView(generics.ListAPIView):
    """Stored leaderboard rows, best first, with the same filters as the public page."""

    schema = ArchiveAutoSchema()
    scope = ""
    filter_backends = []
    query_serializer_class = LeaderboardQuerySerializer

    def get_queryset(self):
        query = self.query_serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        return leaderboard(
            scope=self.scope,
            period=params["period"],
            tag=params.get("tag"),
            min_resolved=params.get("min_resolved"),
        )


@extend_schema(summary="Leaderboard of people", parameters=[LeaderboardQuerySerializer])
class PersonLeaderboardView(LeaderboardView):
    scope = "person"
    serializer_class = PersonLeaderboardEntrySerializer


@extend_schema(summary="Leaderboard of outlets", parameters=[LeaderboardQuerySerializer])
class OutletLeaderboardView(LeaderboardView):
    scope = "outlet"
    serializer_class = OutletLeaderboardEntrySerializer
