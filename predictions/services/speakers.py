"""Link the speaker a prediction names to a ``Person`` of the archive."""

from __future__ import annotations

from django.utils.text import slugify

from archive.models import Article, Person


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "person")[:200]
    slug, n = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def speaker_find(*, name: str, article: Article | None = None) -> Person | None:
    """The person called ``name``: one of the article's authors first, then anyone global."""
    if not name:
        return None
    if article is not None:
        for author in article.authors.all():
            if author.name.casefold() == name.casefold():
                return author
    return Person.objects.matching_name(name).first()


def speaker_get_or_create(*, name: str, article: Article | None = None) -> Person:
    """The person called ``name``, created as a global pundit/official when unknown."""
    person = speaker_find(name=name, article=article)
    if person is not None:
        return person
    return Person.objects.create(
        name=name[:200], slug=_unique_slug(name), kind=Person.Kind.OFFICIAL
    )
