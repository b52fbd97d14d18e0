"""The write path for outlets and people: found by name (or alias), else created with a free slug.

Every creator of outlets and people (document import, extraction's speakers, forecast import,
the admin) goes through here, so that names match the same way everywhere and concurrent
creators of the same name end up with one row.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import IntegrityError, transaction

from archive.models import Outlet, Person
from archive.selectors import people_find, person_matching
from archive.slugs import unique_slug, unique_slugs

T = TypeVar("T")


def outlet_get_or_create(*, name: str, kind: str | None = None) -> Outlet:
    """The outlet called ``name`` (case-insensitively), created with a unique slug if new.

    ``kind`` applies only to a new outlet (an editor's choice for an existing one stands).
    """
    return get_or_create(
        find=lambda: Outlet.objects.filter(name__iexact=name).first(),
        create=lambda: Outlet.objects.create(
            name=name,
            slug=unique_slug(Outlet, name, fallback="outlet"),
            kind=kind or Outlet.Kind.NEWSPAPER,
        ),
    )


def people_get_or_create(
    *, names: Iterable[str], outlet: Outlet | None = None
) -> dict[str, Person]:
    """``people_find``, creating whoever is missing: pundits globally, readers on ``outlet``."""
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
            created = Person.objects.bulk_create(people_new(list(missing.values()), outlet))
        people.update((person.name.casefold(), person) for person in created)
    except IntegrityError:
        # Someone created one of them meanwhile: fall back to one savepoint per person.
        for key, name in missing.items():
            people[key] = get_or_create(
                find=functools.partial(person_matching, name=name, outlet=outlet),
                create=functools.partial(_person_create, name, outlet),
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
    (person,) = people_new([name], outlet)
    if kind is not None:
        person.kind = kind
    person.save(force_insert=True)
    return person


def people_new(names: list[str], outlet: Outlet | None) -> list[Person]:
    """Unsaved people with free slugs: global pundits, or readers scoped to ``outlet``."""
    if outlet is None:
        slugs = unique_slugs(Person, names, fallback="person")
        return [
            Person(name=name, slug=slug, kind=Person.Kind.PUNDIT)
            for name, slug in zip(names, slugs, strict=True)
        ]
    slugs = unique_slugs(Person, [f"{n} {outlet.slug}" for n in names], fallback="commenter")
    return [
        Person(name=name, slug=slug, kind=Person.Kind.COMMENTER, outlet=outlet)
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
