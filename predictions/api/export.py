"""Researchers' exports: every accepted prediction with its outcome and scores, as CSV or JSON.

Both stream the rows straight from the database, so an export of the whole archive never sits in
memory. The prediction filters of the list endpoint apply here too. The columns, and how each
value is written (the same in both formats), are ``predictions.api.export_rows``'.
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

from predictions.api.export_rows import COLUMNS, LOOKUPS, TYPES, export_rows
from predictions.api.filters import PredictionFilter
from predictions.selectors.predictions import prediction_list

_CHUNK = 2000
# A spreadsheet reads a cell starting with one of these as a formula (or a command, on some).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell made inert for spreadsheets: a leading quote before a formula's first sign.

    Quotes, names and claims come from the articles and comments imported, so a commenter
    named ``=1+2`` (or ``=HYPERLINK(...)``) would otherwise export as a live formula. Numbers,
    dates and empty cells are left as they are, so that scores stay numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


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
    queryset = prediction_list()
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
        return export_rows(queryset.values_list(*LOOKUPS).iterator(chunk_size=_CHUNK))


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
                yield writer.writerow([spreadsheet_safe(value) for value in row])

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
                        "properties": TYPES,
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
