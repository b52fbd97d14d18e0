"""The archive's named reads: people by name, duplicates of a document, and the API's lists."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Lower

from archive.models import Article, Comment, Outlet, Person, PersonAlias


def people_find(*, names: Iterable[str], outlet: Outlet | None = None) -> dict[str, Person]:
    """People called one of ``names`` or with it as an alias, keyed by ``name.casefold()``.

    Global people when ``outlet`` is None, else the readers of that outlet. The same matches as
    ``Person.objects.matching_name``, in two queries for a whole list and through the
    case-insensitive unique indexes rather than a scan per name.
    """
    wanted = {name.casefold(): name for name in names}
    if not wanted:
        return {}
    lowered = [Lower(Value(name)) for name in wanted.values()]
    scope = Q(outlet__isnull=True) if outlet is None else Q(outlet=outlet)
    alias_scope = Q(person__outlet__isnull=True) if outlet is None else Q(person__outlet=outlet)
    found: dict[str, Person] = {}
    aliases = (
        PersonAlias.objects.alias(lname=Lower("name"))
        .filter(alias_scope, lname__in=lowered)
        .select_related("person")
        .order_by("person_id")
    )
    for alias in aliases:
        found.setdefault(alias.name.casefold(), alias.person)
    people = Person.objects.alias(lname=Lower("name")).filter(scope, lname__in=lowered)
    for person in people:
        found[person.name.casefold()] = person  # a name beats another person's alias
    return {key: found[key] for key in wanted if key in found}


def person_matching(*, name: str, outlet: Outlet | None) -> Person | None:
    """The oldest person called ``name`` (or with it as an alias), globally or on ``outlet``."""
    return Person.objects.matching_name(name, outlet=outlet).order_by("pk").first()


def article_find_duplicate(*, url: str | None, digest: str) -> Article | None:
    """The stored article with this URL or this content hash, if any."""
    match = Q(content_hash=digest)
    if url:
        match |= Q(url=url)
    return Article.objects.filter(match).order_by("pk").first()


def outlet_list() -> QuerySet[Outlet]:
    return Outlet.objects.annotate(article_count=Count("articles"))


def article_list() -> QuerySet[Article]:
    return Article.objects.with_relations()


def comment_list() -> QuerySet[Comment]:
    return Comment.objects.with_author()
