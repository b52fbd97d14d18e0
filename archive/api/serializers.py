"""Serializers for outlets, people, articles, comments and the document intake."""

from __future__ import annotations

from rest_framework import serializers

from archive.api.fields import PageUrlField
from archive.api.references import OutletRefSerializer, PersonRefSerializer
from archive.api.representation import ReadModelSerializer
from archive.models import Article, Comment, Outlet, Person


class OutletSerializer(ReadModelSerializer):
    url = PageUrlField("site:outlet", "slug")
    # Not a URLField in the schema: it is empty when unknown.
    homepage = serializers.CharField(read_only=True)
    article_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Outlet
        fields = ["slug", "name", "url", "homepage", "kind", "article_count", "created_at"]
        read_only_fields = fields


class PersonSerializer(ReadModelSerializer):
    url = PageUrlField("site:person", "slug")
    outlet = OutletRefSerializer(read_only=True, allow_null=True)
    prediction_count = serializers.IntegerField(read_only=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "slug",
            "name",
            "url",
            "kind",
            "outlet",
            "aliases",
            "description",
            "prediction_count",
            "created_at",
        ]
        read_only_fields = fields


class CommentSerializer(ReadModelSerializer):
    url = PageUrlField()
    author = PersonRefSerializer(read_only=True, allow_null=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "url", "article", "position", "author", "parent", "posted_at", "body"]
        read_only_fields = fields


class ArticleSerializer(ReadModelSerializer):
    url = PageUrlField("site:article")
    outlet = OutletRefSerializer(read_only=True)
    authors = PersonRefSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "source_url",
            "title",
            "outlet",
            "authors",
            "published_at",
            "language",
            "source_format",
            "imported_at",
            "extracted_at",
        ]
        read_only_fields = fields

    source_url = serializers.URLField(
        source="url", read_only=True, allow_null=True, help_text="Where the article was published."
    )


# The document format (CONTRACT §1), described for the schema. The document parser is what
# validates a posted document; these serializers only document its shape.


class DocumentCommentSerializer(serializers.Serializer):
    author = serializers.CharField(allow_null=True, required=False)
    posted = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="ISO 8601 date or date-time; null: the article's day.",
    )
    body = serializers.CharField()
    parent = serializers.IntegerField(
        allow_null=True, required=False, help_text="Index of the comment this one replies to."
    )


class DocumentSerializer(serializers.Serializer):
    """One document: an article and its reader comments."""

    title = serializers.CharField()
    body = serializers.CharField()
    published = serializers.CharField(help_text="ISO 8601 date or date-time.")
    url = serializers.URLField(required=False, allow_null=True)
    outlet = serializers.CharField(required=False, allow_null=True)
    authors = serializers.ListField(child=serializers.CharField(), required=False)
    language = serializers.CharField(required=False)
    comments = DocumentCommentSerializer(many=True, required=False)
