"""Free slugs for outlets, people and anything else with a unique ``slug`` column."""

from __future__ import annotations

from collections import Counter

from django.db import models
from django.utils.text import slugify

from archive.errors import DocumentError

_SLUG_BASE_CHARS = 200
# Enough for any real run of name clashes; bounds the loop if something else is wrong.
_SLUG_ATTEMPTS = 1000
_SLUG_BATCH = 10


def unique_slug(model: type[models.Model], text: str, *, fallback: str) -> str:
    """``slugify(text)``, or with ``-2``, ``-3``... when taken; ``fallback`` for unslugifiable text."""
    return unique_slugs(model, [text], fallback=fallback)[0]


def unique_slugs(model: type[models.Model], texts: list[str], *, fallback: str) -> list[str]:
    """A free slug for each of ``texts``, distinct from each other too; usually one query."""
    bases = [slugify(text)[:_SLUG_BASE_CHARS].strip("-") or fallback for text in texts]
    manager = model._default_manager
    taken = _taken(manager, set(bases))
    # Only the bases already taken (or repeated) need their numbered forms looked up.
    repeats = Counter(bases)
    crowded = {base for base in bases if base in taken or repeats[base] > 1}
    taken |= _taken(manager, {_numbered(b, n) for b in crowded for n in range(2, _SLUG_BATCH + 1)})
    chosen = []
    for text, base in zip(texts, bases, strict=True):
        for n in range(1, _SLUG_ATTEMPTS):
            slug = _numbered(base, n)
            if slug in taken or (n > _SLUG_BATCH and manager.filter(slug=slug).exists()):
                continue
            taken.add(slug)
            chosen.append(slug)
            break
        else:
            raise DocumentError(f"cannot find a free slug for {text!r}")
    return chosen


def _taken(manager, slugs: set[str]) -> set[str]:
    ordered = sorted(slugs)
    taken: set[str] = set()
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        taken.update(manager.filter(slug__in=chunk).values_list("slug", flat=True))
    return taken


def _numbered(base: str, n: int) -> str:
    return base if n == 1 else f"{base}-{n}"
