"""Compact references to outlets, people, articles and comments, embedded by other resources.

Kept apart from ``serializers`` so that every resource (the predictions API's too) can embed
them without the full representations.
"""

from __future__ import annotations

from archive.api.fields import PageUrlField
from archive.api.representation import ReadModelSerializer
from archive.models import Article, Comment, Outlet, Person


class OutletRefSerializer(ReadModelSerializer):
    url = PageUrlField("site:outlet", "slug")

    class Meta:
        model = Outlet
        fields = ["slug", "name", "url"]


class PersonRefSerializer(ReadModelSerializer):
    url = PageUrlField("site:person", "slug")

    class Meta:
        model = Person
        fields = ["slug", "name", "kind", "url"]


class ArticleRefSerializer(ReadModelSerializer):
    url = PageUrlField("site:article")

    class Meta:
        model = Article
        fields = ["id", "title", "published_at", "url"]


class CommentRefSerializer(ReadModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "position"]
