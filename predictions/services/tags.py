"""Tags for claims and events, matched by slug so that case and punctuation do not split them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from archive.permissions import Actor, permission_require
from archive.services.people import checked_fields, update_fields
from archive.slugs import unique_slug
from predictions.models import Tag

TAG_NAME_MAX = Tag._meta.get_field("name").max_length
TAG_SLUG_MAX = Tag._meta.get_field("slug").max_length


def _tag_key(name: str) -> tuple[str, str] | None:
    name = " ".join(name.split())[:TAG_NAME_MAX].strip()
    slug = slugify(name)[:TAG_SLUG_MAX]
    return (name, slug) if slug else None


def tag_ids(names: Iterable[str], *, cache: dict[str, int] | None = None) -> dict[str, int]:
    """Tag ids for ``names`` (created when missing), keyed by the name as given.

    Tags are matched by slug, so "Syrian Civil War" and "Syrian civil war" are one tag.
    ``cache`` (slug → id) saves the lookups of tags seen in earlier batches.
    """
    cache = {} if cache is None else cache
    keys = {name: key for name in names if (key := _tag_key(name))}
    wanted: dict[str, str] = {}
    for name, slug in keys.values():
        if slug not in cache:
            wanted.setdefault(slug, name)  # the first spelling names the tag
    if wanted:
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slug) for slug, name in wanted.items()], ignore_conflicts=True
        )
        found = Tag.objects.filter(Q(slug__in=wanted) | Q(name__in=wanted.values())).values_list(
            "id", "name", "slug"
        )
        by_name = {}
        for pk, name, slug in found:
            cache[slug] = pk
            by_name[name] = pk
        # A tag an editor created under another slug is found by its name.
        for slug, name in wanted.items():
            if slug not in cache and name in by_name:
                cache[slug] = by_name[name]
    return {given: cache[slug] for given, (_, slug) in keys.items() if slug in cache}


@transaction.atomic
def tag_create(*, name: str, slug: str = "", by: Actor = None) -> Tag:
    """A new tag; its slug is made from the name unless given."""
    permission_require(by, "predictions.add_tag", to="add tags")
    return Tag.objects.create(name=name, slug=slug or unique_slug(Tag, name, fallback="tag"))


@transaction.atomic
def tag_update(*, tag: Tag, by: Actor = None, **changes: Any) -> Tag:
    """Rename a tag (``name``) or change its ``slug``."""
    permission_require(by, "predictions.change_tag", to="edit tags")
    return update_fields(tag, checked_fields(changes, frozenset({"name", "slug"})))
