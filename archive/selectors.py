"""The archive's named reads: people by name, duplicates of a document, and the API's lists."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from archive.models import Article, Comment, Outlet, Person, PersonAlias

# Names per lookup: well under SQLite's limit on bound parameters.
_CHUNK = 1000


def people_find(*, names: Iterable[str], outlet: Outlet | None = None) -> dict[str, Person]:
    """People called one of ``names`` or with it as an alias, keyed by ``name.casefold()``.

    Global people when ``outlet`` is None, else the readers of that outlet. The same matches as
    ``Person.objects.matching_name``, in two queries for a whole list and through the
    case-insensitive unique indexes rather than a scan per name.
    """
    wanted = {name.casefold(): name for name in names}
    if not wanted:
        return {}
    spellings = list(wanted.values())
    scope = Q(outlet__isnull=True) if outlet is None else Q(outlet=outlet)
    alias_scope = Q(person__outlet__isnull=True) if outlet is None else Q(person__outlet=outlet)
    found: dict[str, Person] = {}
    chunks = [spellings[i : i + _CHUNK] for i in range(0, len(spellings), _CHUNK)]
    for chunk in chunks:
        aliases = (
            PersonAlias.objects.filter(alias_scope, _lower_in(PersonAlias, chunk))
            .select_related("person")
            .order_by("person_id")
        )
        for alias in aliases:
            found.setdefault(alias.name.casefold(), alias.person)
    for chunk in chunks:
        for person in Person.objects.filter(scope, _lower_in(Person, chunk)):
            found[person.name.casefold()] = person  # a name beats another person's alias
    return {key: found[key] for key in wanted if key in found}


def _lower_in(model, names: list[str]) -> RawSQL:
    """``LOWER(name) IN (LOWER(%s), ...)``: the database lowers both sides alike, and the
    case-insensitive unique index serves it. Written out because the ORM's ``__in`` of ``Lower``
    expressions costs milliseconds per thousand names to compile, and imports look up thousands.
    """
    column = (
        f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name('name')}"
    )
    placeholders = ", ".join(["LOWER(%s)"] * len(names))
    sql = f"LOWER({column}) IN ({placeholders})"  # only quoted names and placeholders
    return RawSQL(sql, names, output_field=BooleanField())  # noqa: S611


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
