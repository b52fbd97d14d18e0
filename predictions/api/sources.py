"""API views for people, articles and document intake: the archive's sources, with predictions.

A person's resource has their calibration and score history; an article's detail embeds every
prediction found in it; a posted document is imported and extracted.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.api.fields import SLUG_PATTERN
from archive.api.filters import ArticleFilter, PersonFilter
from archive.api.permissions import CanImportDocuments
from archive.api.serializers import ArticleSerializer, DocumentSerializer, PersonSerializer
from archive.api.views import ArchiveViewSet
from archive.importers.documents import parse_document
from archive.models import Article
from archive.selectors import article_list
from config.parsers import SafeJSONParser
from predictions.api.serializers import (
    ArticleDetailSerializer,
    CalibrationBinSerializer,
    ScoreHistoryPointSerializer,
)
from predictions.selectors.leaderboards import person_calibration, person_score_history
from predictions.selectors.sources import article_detailed_list, article_get_detailed, person_list
from predictions.services.extraction import document_import_extract


@extend_schema_view(
    list=extend_schema(summary="List people"),
    retrieve=extend_schema(summary="A person"),
)
class PersonViewSet(ArchiveViewSet):
    queryset = person_list()
    serializer_class = PersonSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = PersonFilter
    ordering_fields = ["name", "created_at", "prediction_count"]
    ordering = ["name"]

    @extend_schema(
        summary="A person's calibration",
        responses=CalibrationBinSerializer(many=True),
        filters=False,
    )
    @action(detail=True, pagination_class=None, filter_backends=[])
    def calibration(self, request, slug=None):
        """How often the person's forecasts came true, by probability bin."""
        bins = person_calibration(person=self.get_object())
        return Response(CalibrationBinSerializer(bins, many=True).data)

    @extend_schema(
        summary="A person's score history",
        responses=ScoreHistoryPointSerializer(many=True),
        filters=False,
    )
    @action(detail=True, url_path="score-history", pagination_class=None, filter_backends=[])
    def score_history(self, request, slug=None):
        """The person's running mean scores, one point per resolved prediction."""
        points = person_score_history(person=self.get_object())
        return Response(ScoreHistoryPointSerializer(points, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="List articles"),
    retrieve=extend_schema(summary="An article with its comments and predictions"),
)
class ArticleViewSet(ArchiveViewSet):
    queryset = article_list()
    filterset_class = ArticleFilter
    ordering_fields = ["published_at", "imported_at", "id"]
    ordering = ["-published_at", "-id"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = article_detailed_list(queryset)
        return queryset

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


class DocumentView(APIView):
    """Import one document (an article and its comments) and extract its predictions."""

    permission_classes = [CanImportDocuments]
    parser_classes = [SafeJSONParser]

    @extend_schema(
        summary="Import a document",
        operation_id="documents_create",
        request=DocumentSerializer,
        responses={
            201: OpenApiResponse(ArticleDetailSerializer, description="Imported and extracted."),
            200: OpenApiResponse(
                ArticleDetailSerializer,
                description="A duplicate (same URL or content): the article already stored.",
            ),
        },
    )
    def post(self, request):
        document = parse_document(request.data, source_format=Article.Format.API)
        outcome = document_import_extract(document=document, by=request.user)
        article = article_get_detailed(pk=outcome.article.pk)
        data = ArticleDetailSerializer(article, context={"request": request}).data
        return Response(
            data, status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        )
