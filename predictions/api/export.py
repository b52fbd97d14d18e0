"""Researchers' exports: every accepted prediction with its outcome and scores, as CSV or JSON.

Both stream the rows straight from the database, so an export of the whole archive never sits in
memory. The prediction filters of the list endpoint apply here too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer

from archive.api.schema import ArchiveAutoSchema
from predictions.api.filters import PredictionFilter
from predictions.models import Prediction

# Output column -> queryset lookup.
COLUMNS = {
    "id": "id",
    "status": "status",
    "speaker": "speaker_name",
    "speaker_slug": "speaker__slug",
    "speaker_role": "speaker_role",
    "outlet": "article__outlet__name",
    "outlet_slug": "article__outlet__slug",
    "article_id": "article_id",
    "article_url": "article__url",
    "source_url": "source_url",
    "comment_id": "comment_id",
    "quote": "quote",
    "claim_id": "claim_id",
    "claim": "claim__text",
    "claim_text": "claim_text",
    "polarity": "polarity",
    "probability": "probability",
    "hedge": "hedge",
    "condition": "condition_text",
    "made_at": "made_at",
    "deadline": "deadline",
    "deadline_kind": "deadline_kind",
    "outcome": "outcome",
    "judged_at": "judged_at",
    "brier": "brier",
    "log_score": "log_score",
}
_CHUNK = 2000


class _Echo:
    """A file-like object whose write returns the line, for streaming ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


class _IgnoreAccept(BaseContentNegotiation):
    """The export's format is in its path; errors are always JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PredictionExportView(generics.GenericAPIView):
    schema = ArchiveAutoSchema()
    queryset = Prediction.objects.all()
    filterset_class = PredictionFilter
    filter_backends = generics.GenericAPIView.filter_backends[:1]
    pagination_class = None
    filters_without_list = True
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _IgnoreAccept

    def rows(self) -> Iterator[tuple]:
        queryset = self.get_queryset()
        if "status" not in self.request.query_params:
            queryset = queryset.accepted()
        queryset = self.filter_queryset(queryset).order_by("id")
        return queryset.values_list(*COLUMNS.values()).iterator(chunk_size=_CHUNK)


class PredictionCsvExportView(PredictionExportView):
    @extend_schema(
        summary="Export predictions as CSV",
        operation_id="export_predictions_csv",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="One row per prediction."
            )
        },
    )
    def get(self, request):
        """Accepted predictions (or those of ``status``) with outcomes and scores, as CSV."""
        writer = csv.writer(_Echo())
        rows = self.rows()  # filter now, so that bad parameters are a 400 and not a broken stream

        def lines() -> Iterator[str]:
            yield writer.writerow(COLUMNS.keys())
            for row in rows:
                yield writer.writerow(row)

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="predictions.csv"'
        return response


class PredictionJsonExportView(PredictionExportView):
    @extend_schema(
        summary="Export predictions as JSON",
        operation_id="export_predictions_json",
        responses={
            (200, "application/json"): OpenApiResponse(
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {name: {} for name in COLUMNS},
                    },
                },
                description="A list of objects, one per prediction.",
            )
        },
    )
    def get(self, request):
        """Accepted predictions (or those of ``status``) with outcomes and scores, as a JSON list."""
        names = list(COLUMNS)
        encoder = DjangoJSONEncoder()
        rows = self.rows()

        def chunks() -> Iterator[str]:
            yield "["
            first = True
            for row in rows:
                yield ("" if first else ",\n") + encoder.encode(dict(zip(names, row, strict=True)))
                first = False
            yield "]\n"

        return StreamingHttpResponse(chunks(), content_type="application/json")
