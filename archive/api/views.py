"""API views for outlets, people, articles, comments and document intake.

Views parse input, call one service or selector, and shape the output; the rules live in the
services (``archive.services``, ``predictions.services``) and the reads in the querysets.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.api.fields import SLUG_PATTERN
from archive.api.filters import ArticleFilter, CommentFilter, OutletFilter, PersonFilter
from archive.api.permissions import CanImportDocuments
from archive.api.schema import ArchiveAutoSchema
from archive.api.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    CommentSerializer,
    DocumentSerializer,
    OutletSerializer,
    PersonSerializer,
)
from archive.importers.documents import parse_document
from archive.models import Article, Comment, Outlet, Person
from archive.services import document_import
from config.parsers import SafeJSONParser
from predictions.api.serializers import CalibrationBinSerializer, ScoreHistoryPointSerializer
from predictions.models import Prediction
from predictions.selectors.leaderboards import person_calibration, person_score_history


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only resources: lists are filtered, searchable, ordered and paginated."""

    schema = ArchiveAutoSchema()


@extend_schema_view(
    list=extend_schema(summary="List outlets"),
    retrieve=extend_schema(summary="An outlet"),
)
class OutletViewSet(ArchiveViewSet):
    queryset = Outlet.objects.annotate(article_count=Count("articles"))
    serializer_class = OutletSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = OutletFilter
    ordering_fields = ["name", "created_at", "article_count"]
    ordering = ["name"]


@extend_schema_view(
    list=extend_schema(summary="List people"),
    retrieve=extend_schema(summary="A person"),
)
class PersonViewSet(ArchiveViewSet):
    queryset = (
        Person.objects.with_prediction_counts().select_related("outlet").prefetch_related("aliases")
    )
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
    queryset = Article.objects.with_relations()
    filterset_class = ArticleFilter
    ordering_fields = ["published_at", "imported_at", "id"]
    ordering = ["-published_at", "-id"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = article_detail_queryset(queryset)
        return queryset

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


def article_detail_queryset(queryset):
    """Articles with everything the detail view shows, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
        Prefetch(
            "predictions",
            queryset=Prediction.objects.with_relations()
            .prefetch_related("claim__tags")
            .order_by("comment__position", "start", "id"),
        ),
    )


@extend_schema_view(
    list=extend_schema(summary="List comments"),
    retrieve=extend_schema(summary="A comment"),
)
class CommentViewSet(ArchiveViewSet):
    queryset = Comment.objects.with_author()
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    ordering_fields = ["posted_at", "position", "id"]
    ordering = ["-id"]


class DocumentView(APIView):
    """Import one document (an article and its comments) and extract its predictions."""

    schema = ArchiveAutoSchema()
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
        outcome = document_import(document=document, by=request.user, extract=True)
        article = article_detail_queryset(Article.objects.with_relations()).get(
            pk=outcome.article.pk
        )
        data = ArticleDetailSerializer(article, context={"request": request}).data
        return Response(
            data, status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        )
