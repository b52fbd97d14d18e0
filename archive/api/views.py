"""API views for outlets and comments, and the base of every read-only resource.

Views parse input, call one service or selector, and shape the output; the rules live in the
services and the reads in the selectors. People and articles, whose pages show predictions, are
in ``predictions.api.sources``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from archive.api.fields import SLUG_PATTERN
from archive.api.filters import CommentFilter, OutletFilter
from archive.api.serializers import CommentSerializer, OutletSerializer
from archive.selectors import comment_list, outlet_list


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only resources: lists are filtered, searchable, ordered and paginated."""


@extend_schema_view(
    list=extend_schema(summary="List outlets"),
    retrieve=extend_schema(summary="An outlet"),
)
class OutletViewSet(ArchiveViewSet):
    queryset = outlet_list()
    serializer_class = OutletSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = OutletFilter
    ordering_fields = ["name", "created_at", "article_count"]
    ordering = ["name"]


@extend_schema_view(
    list=extend_schema(summary="List comments"),
    retrieve=extend_schema(summary="A comment"),
)
class CommentViewSet(ArchiveViewSet):
    queryset = comment_list()
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    ordering_fields = ["posted_at", "position", "id"]
    ordering = ["-id"]
