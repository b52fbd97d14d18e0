"""Link the speaker a prediction names to a ``Person`` of the archive."""

from __future__ import annotations

from archive.models import Article, Person
from archive.services.people import person_get_or_create


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
    """The person called ``name``, created as a global official when unknown."""
    person = speaker_find(name=name, article=article)
    if person is not None:
        return person
    return person_get_or_create(name=name[:200], kind=Person.Kind.OFFICIAL)
