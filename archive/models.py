"""Outlets, people, articles and their comments: the documents forecasts are found in."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from archive.managers import ArticleQuerySet, CommentQuerySet, PersonQuerySet


class Outlet(models.Model):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", "Newspaper or magazine"
        BLOG = "blog", "Blog"
        FORUM = "forum", "Forum"
        BROADCASTER = "broadcaster", "Broadcaster"
        AGENCY = "agency", "News agency"
        FORECASTING = "forecasting", "Forecasting platform"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    homepage = models.URLField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NEWSPAPER)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="archive_outlet_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:outlet", kwargs={"slug": self.slug})


class Person(models.Model):
    """Someone whose statements are recorded.

    A commenter's handle means nothing outside the site it was posted on, so commenters are
    scoped to an outlet; pundits, officials and organisations are global.
    """

    class Kind(models.TextChoices):
        PUNDIT = "pundit", "Pundit or journalist"
        COMMENTER = "commenter", "Commenter"
        OFFICIAL = "official", "Official or politician"
        ORGANISATION = "organisation", "Organisation"
        FORECASTER = "forecaster", "Forecaster"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PUNDIT)
    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scoped_people",
        help_text="Set for commenters: a handle is only meaningful on the site it was used on.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "outlet",
                condition=Q(outlet__isnull=False),
                name="archive_person_scoped_name_unique",
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(outlet__isnull=True),
                name="archive_person_global_name_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind="commenter") | Q(outlet__isnull=False),
                name="archive_person_commenter_has_outlet",
            ),
        ]

    def __str__(self) -> str:
        if self.outlet_id and self.kind == self.Kind.COMMENTER:
            return f"{self.name} ({self.outlet})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:person", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """Another spelling of a person's name ("Sec. Kerry", "John F. Kerry")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), "person", name="archive_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    class Format(models.TextChoices):
        JSON = "json", "JSON document"
        TEXT = "text", "Plain-text page dump"
        HTML = "html", "HTML page"
        FEED = "feed", "RSS/Atom feed entry"
        API = "api", "REST API"
        FORECASTS = "forecasts", "Imported forecast record"

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    title = models.CharField(max_length=500)
    authors = models.ManyToManyField(Person, blank=True, related_name="articles")
    published_at = models.DateTimeField(db_index=True)
    body = models.TextField()
    language = models.CharField(max_length=16, default="en")
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the normalised title, body and comments: the same content is one article.",
    )
    metadata = models.JSONField(default=dict, blank=True)
    source_format = models.CharField(max_length=12, choices=Format, default=Format.JSON)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("import_document", "Can import documents")]
        indexes = [models.Index(fields=["outlet", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:article", kwargs={"pk": self.pk})

    @property
    def published_on(self) -> datetime.date:
        return timezone.localdate(self.published_at)


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text="Empty for an anonymous reader.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    position = models.PositiveIntegerField(help_text="Index of the comment in its document.")
    posted_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty means the same day as the article."
    )
    body = models.TextField(blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="archive_comment_position_unique"
            ),
        ]

    def __str__(self) -> str:
        who = self.author.name if self.author_id else "anonymous"
        return f"Comment {self.position + 1} by {who} on {self.article}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.position}"

    @property
    def made_at(self) -> datetime.datetime:
        return self.posted_at or self.article.published_at
