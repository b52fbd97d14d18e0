"""The write path for outlets and people: found by name (or alias), else created with a free slug.

Every creator of outlets and people (document import, extraction's speakers, forecast import,
the admin) goes through here, so that names match the same way everywhere and concurrent
creators of the same name end up with one row.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from archive.errors import ArchiveError
from archive.models import Outlet, Person, PersonAlias
from archive.permissions import Actor, permission_require
from archive.selectors import people_find, person_matching
from archive.slugs import unique_slug, unique_slugs

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def outlet_get_or_create(*, name: str, kind: str | None = None, homepage: str = "") -> Outlet:
    """The outlet called ``name`` (case-insensitively), created with a unique slug if new.

    ``kind`` and ``homepage`` apply only to a new outlet (an editor's choice for an existing one
    stands).
    """
    extra: dict[str, Any] = {"homepage": homepage} | ({"kind": kind} if kind else {})
    return get_or_create(
        find=lambda: Outlet.objects.filter(name__iexact=name).first(),
        create=lambda: Outlet.objects.create(
            name=name, slug=unique_slug(Outlet, name, fallback="outlet"), **extra
        ),
    )


def people_get_or_create(
    *, names: Iterable[str], outlet: Outlet | None = None, kind: str | None = None
) -> dict[str, Person]:
    """``people_find``, creating whoever is missing: pundits globally, readers on ``outlet``
    (or people of ``kind``)."""
    names = list(names)
    people = people_find(names=names, outlet=outlet)
    missing: dict[str, str] = {}
    for name in names:  # the first spelling of a name is the one stored
        if name.casefold() not in people:
            missing.setdefault(name.casefold(), name)
    if not missing:
        return people
    try:
        with transaction.atomic():
            created = Person.objects.bulk_create(
                people_new(list(missing.values()), outlet, kind=kind)
            )
        people.update((person.name.casefold(), person) for person in created)
    except IntegrityError:
        # Someone created one of them meanwhile: fall back to one savepoint per person.
        for key, name in missing.items():
            people[key] = get_or_create(
                find=functools.partial(person_matching, name=name, outlet=outlet),
                create=functools.partial(_person_create, name, outlet, kind=kind),
            )
    if any(person.pk is None for person in people.values()):
        people = people_find(names=names, outlet=outlet)  # a backend without RETURNING
    return people


def person_get_or_create(*, name: str, kind: str = Person.Kind.PUNDIT) -> Person:
    """The global person called ``name`` or with it as an alias, created as ``kind`` if new."""
    return get_or_create(
        find=lambda: person_matching(name=name, outlet=None),
        create=lambda: _person_create(name, None, kind=kind),
    )


def commenter_get_or_create(*, name: str, outlet: Outlet) -> Person:
    """The reader called ``name`` on ``outlet``: a handle means nothing on other sites."""
    return get_or_create(
        find=lambda: person_matching(name=name, outlet=outlet),
        create=lambda: _person_create(name, outlet),
    )


def _person_create(name: str, outlet: Outlet | None, *, kind: str | None = None) -> Person:
    (person,) = people_new([name], outlet, kind=kind)
    person.save(force_insert=True)
    return person


def people_new(names: list[str], outlet: Outlet | None, *, kind: str | None = None) -> list[Person]:
    """Unsaved people with free slugs: global pundits, or readers scoped to ``outlet``."""
    if outlet is None:
        slugs = unique_slugs(Person, names, fallback=kind or "person")
        return [
            Person(name=name, slug=slug, kind=kind or Person.Kind.PUNDIT)
            for name, slug in zip(names, slugs, strict=True)
        ]
    slugs = unique_slugs(
        Person, [f"{n} {outlet.slug}" for n in names], fallback=kind or "commenter"
    )
    return [
        Person(name=name, slug=slug, kind=kind or Person.Kind.COMMENTER, outlet=outlet)
        for name, slug in zip(names, slugs, strict=True)
    ]


def get_or_create(*, find: Callable[[], T | None], create: Callable[[], T]) -> T:
    """Find, else create in a savepoint; a concurrent creator winning the race is found again."""
    found = find()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found


# What an editor may set on an outlet or a person (the admin's change forms).
OUTLET_FIELDS = frozenset({"name", "slug", "homepage", "kind"})
PERSON_FIELDS = frozenset({"name", "slug", "kind", "outlet", "description"})


def checked_fields(changes: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(changes) - allowed
    if unknown:
        name = sorted(unknown)[0]
        raise ArchiveError(f"{name}: cannot be set here", field=name)
    return changes


@transaction.atomic
def outlet_create(*, name: str, by: Actor = None, **fields: Any) -> Outlet:
    """A new outlet called ``name``; a free slug is made from the name unless one is given."""
    permission_require(by, "archive.add_outlet", to="add outlets")
    fields = checked_fields(fields, OUTLET_FIELDS)
    if not fields.get("slug"):
        fields["slug"] = unique_slug(Outlet, name, fallback="outlet")
    return Outlet.objects.create(name=name, **fields)


@transaction.atomic
def outlet_update(*, outlet: Outlet, by: Actor = None, **changes: Any) -> Outlet:
    """Change the given fields of ``outlet`` (and nothing else)."""
    permission_require(by, "archive.change_outlet", to="edit outlets")
    return update_fields(outlet, checked_fields(changes, OUTLET_FIELDS))


@transaction.atomic
def person_create(*, name: str, by: Actor = None, **fields: Any) -> Person:
    """A new person called ``name``; a free slug is made from the name unless one is given."""
    permission_require(by, "archive.add_person", to="add people")
    fields = checked_fields(fields, PERSON_FIELDS)
    if not fields.get("slug"):
        fields["slug"] = unique_slug(Person, name, fallback="person")
    return Person.objects.create(name=name, **fields)


@transaction.atomic
def person_update(*, person: Person, by: Actor = None, **changes: Any) -> Person:
    """Change the given fields of ``person`` (and nothing else)."""
    permission_require(by, "archive.change_person", to="edit people")
    return update_fields(person, checked_fields(changes, PERSON_FIELDS))


@transaction.atomic
def person_aliases_set(*, person: Person, names: Iterable[str], by: Actor = None) -> None:
    """Make ``names`` the person's aliases: add the new ones, drop the others."""
    permission_require(by, "archive.change_person", to="edit people")
    wanted = {" ".join(name.split()) for name in names} - {""}
    current = set(person.aliases.values_list("name", flat=True))
    person.aliases.exclude(name__in=wanted).delete()
    PersonAlias.objects.bulk_create(
        PersonAlias(person=person, name=name) for name in sorted(wanted - current)
    )


def update_fields(instance: M, changes: dict[str, Any]) -> M:
    for name, value in changes.items():
        setattr(instance, name, value)
    if changes:
        instance.save(update_fields=list(changes))
    return instance
