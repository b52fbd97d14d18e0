"""API views for claims, predictions, events, judgements and leaderboards, with the review and
resolution actions.

Each action parses its input with a serializer, calls one service, and answers with the
resource as it now stands; the rules (and the permission checks that back ours) are the
services'.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from archive.api.fields import page_origin
from archive.api.views import ArchiveViewSet
from config.pagination import CursorPagination
from predictions.api.filters import ClaimFilter, EventFilter, JudgementFilter, PredictionFilter
from predictions.api.permissions import CanResolveClaims, CanReviewPredictions
from predictions.api.recording import PredictionRecordMixin
from predictions.api.rows import COLUMNS, prediction_rows_represent
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
from predictions.models import Claim, Prediction
from predictions.selectors.events import event_list
from predictions.selectors.leaderboards import leaderboard, leaderboard_ranks
from predictions.selectors.predictions import (
    claim_get,
    claim_list,
    judgement_list,
    judgements_get,
    prediction_list,
)
from predictions.services.resolution import claim_resolve, claim_unresolve
from predictions.services.review import prediction_accept, prediction_correct, prediction_reject


def _review_action(summary: str, request_serializer):
    """A review action on one prediction: POST, needing the review permission, answering with
    the prediction as it now stands."""

    def decorate(method):
        method = action(
            detail=True,
            methods=["post"],
            permission_classes=[CanReviewPredictions],
            filter_backends=[],
        )(method)
        return extend_schema(
            summary=summary,
            request=request_serializer,
            responses=PredictionSerializer,
            filters=False,
        )(method)

    return decorate


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
    queryset = claim_list()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = ["created_at", "resolved_on", "id", "prediction_count"]
    ordering = ["-created_at", "-id"]
    lookup_value_regex = r"[0-9]+"

    def _resolution(self, claim: Claim, judgements) -> Response:
        claim = claim_get(pk=claim.pk)
        judgements = judgements_get(ids=[j.pk for j in judgements])
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
    queryset = prediction_list()
    serializer_class = PredictionSerializer
    filterset_class = PredictionFilter
    pagination_class = CursorPagination
    # Cursor pagination needs non-null ordering columns.
    ordering_fields = ["made_at", "probability", "id"]
    ordering = ["-made_at", "-id"]
    lookup_value_regex = r"[0-9]+"

    # The list, the detail and the review actions all answer with ``prediction_rows_represent``:
    # ``PredictionSerializer``'s representation, read from ``values()`` rows rather than built
    # from a model instance for every prediction and every relation on it.

    def list(self, request, *args, **kwargs):
        """The page from ``values()`` rows: the same output as ``PredictionSerializer``, without
        building a model instance for every prediction and relation on it."""
        queryset = self.filter_queryset(self.get_queryset()).values(*COLUMNS)
        rows = self.paginate_queryset(queryset)
        return self.get_paginated_response(self._represent(rows))

    def retrieve(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset()).values(*COLUMNS)
        row = get_object_or_404(queryset, pk=self.kwargs[self.lookup_field])
        return Response(self._represent([row])[0])

    def _represent(self, rows: list[dict]) -> list[dict]:
        return prediction_rows_represent(rows, origin=page_origin(self.get_serializer_context()))

    def _review(self, service, request_serializer) -> Response:
        """Run ``service`` on the prediction with the action's input; answer with the result."""
        prediction = service(
            prediction=self.get_object(),
            by=self.request.user,
            **self.action_input(request_serializer),
        )
        return self._answer(prediction)

    def _answer(self, prediction: Prediction) -> Response:
        """The prediction as ``GET /api/predictions/{id}/`` shows it."""
        row = prediction_list().values(*COLUMNS).get(pk=prediction.pk)
        return Response(self._represent([row])[0])

    @_review_action("Accept a prediction", PredictionAcceptSerializer)
    def accept(self, request, pk=None):
        """Accept the prediction for scoring, attaching it to a claim (its own, or a new one)."""
        return self._review(prediction_accept, PredictionAcceptSerializer)

    @_review_action("Reject a prediction", PredictionRejectSerializer)
    def reject(self, request, pk=None):
        """Reject the prediction: it stays on record, unscored."""
        return self._review(prediction_reject, PredictionRejectSerializer)

    @_review_action("Correct a prediction", PredictionCorrectSerializer)
    def correct(self, request, pk=None):
        """Correct what the extractor found (only the fields given change)."""
        return self._review(prediction_correct, PredictionCorrectSerializer)


@extend_schema_view(
    list=extend_schema(summary="List events"),
    retrieve=extend_schema(summary="An event"),
)
class EventViewSet(ArchiveViewSet):
    queryset = event_list()
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
    queryset = judgement_list()
    serializer_class = JudgementSerializer
    filterset_class = JudgementFilter
    pagination_class = CursorPagination
    ordering_fields = ["judged_at", "id"]
    ordering = ["-judged_at", "-id"]
    lookup_value_regex = r"[0-9]+"


class LeaderboardView(generics.ListAPIView):
    """Stored leaderboard rows, best first, with the same filters as the public page."""

    scope = ""
    filter_backends = []
    query_serializer_class = LeaderboardQuerySerializer

    def _params(self) -> dict:
        query = self.query_serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data

    def get_queryset(self):
        params = self._params()
        return leaderboard(
            scope=self.scope,
            period=params["period"],
            tag=params.get("tag"),
            min_resolved=params.get("min_resolved"),
        ).defer("bin_sums")

    def list(self, request, *args, **kwargs):
        """A page of the board, each row with its rank (``leaderboard_ranks``)."""
        page = self.paginate_queryset(self.get_queryset())
        leaderboard_ranks(page, min_resolved=self._params().get("min_resolved"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(summary="Leaderboard of people", parameters=[LeaderboardQuerySerializer])
class PersonLeaderboardView(LeaderboardView):
    scope = "person"
    serializer_class = PersonLeaderboardEntrySerializer


@extend_schema(summary="Leaderboard of outlets", parameters=[LeaderboardQuerySerializer])
class OutletLeaderboardView(LeaderboardView):
    scope = "outlet"
    serializer_class = OutletLeaderboardEntrySerializer
