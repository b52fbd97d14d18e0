"""Named reads over outlets, people, articles and comments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class PersonQuerySet(models.QuerySet):
    def matching_name(self, name: str, *, outlet=None) -> PersonQuerySet:
        """People called ``name`` (or with it as an alias), globally or on ``outlet``."""
        q = Q(name__iexact=name) | Q(aliases__name__iexact=name)
        scope = Q(outlet__isnull=True) if outlet is None else Q(outlet=outlet)
        return self.filter(q & scope).distinct()


class ArticleQuerySet(models.QuerySet):
    def with_relations(self) -> ArticleQuerySet:
        return self.select_related("outlet").prefetch_related("authors")

    def not_extracted(self) -> ArticleQuerySet:
        return self.filter(extracted_at__isnull=True)


class CommentQuerySet(models.QuerySet):
    def with_author(self) -> CommentQuerySet:
        return self.select_related("author", "article")
