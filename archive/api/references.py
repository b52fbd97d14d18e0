"""Compact references to outlets, people, articles and comments, embedded by other resources.

Kept apart from ``serializers`` so that the predictions API can embed them without importing
the article serializers (which in turn embed predictions).
"""

from __future__ import annotations

from rest_framework import serializers

from archive.api.fields import PageUrlField
from archive.models import Article, Comment, Outlet, Person


class OutletRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Outlet
        fields = ["slug", "name", "url"]


class PersonRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Person
        fields = ["slug", "name", "kind", "url"]


class ArticleRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Article
        fields = ["id", "title", "published_at", "url"]


class CommentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "position"]
