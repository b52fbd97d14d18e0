"""Serializer fields shared by the API's resources."""

from __future__ import annotations

import functools
import re

from django.urls import NoReverseMatch, get_urlconf, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class PageUrlField(serializers.Field):
    """The absolute URL of the object's public page.

    With ``view_name`` the URL is built from a template reversed once (a list page would
    otherwise reverse a URL for every row and every embedded object); without it, from the
    model's ``get_absolute_url``. Null where the public site has no page for it.
    """

    def __init__(self, view_name: str | None = None, lookup: str = "pk", **kwargs) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.view_name = view_name
        self.lookup = lookup

    def to_representation(self, obj) -> str | None:
        try:
            if self.view_name is None:
                path = obj.get_absolute_url()
            else:
                prefix, suffix = url_template(get_urlconf(), self.view_name, self.lookup)
                path = f"{prefix}{getattr(obj, self.lookup)}{suffix}"
        except NoReverseMatch:
            return None
        return f"{page_origin(self.context)}{path}"


def page_origin(context: dict) -> str:
    """The scheme and host of the context's request, worked out once per response."""
    origin = context.get("_page_url_origin")
    if origin is None:
        request = context.get("request")
        origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        context["_page_url_origin"] = origin
    return origin


# Stand-ins that every URL converter accepts and no real key contains.
_PLACEHOLDERS = {"pk": 987654321987654321, "slug": "zq-placeholder-qz"}


@functools.lru_cache(maxsize=64)
def url_template(urlconf, view_name: str, lookup: str) -> tuple[str, str]:
    """The URL of ``view_name`` split around its ``lookup`` (NoReverseMatch without a route)."""
    placeholder = _PLACEHOLDERS[lookup]
    url = reverse(view_name, kwargs={lookup: placeholder}, urlconf=urlconf)
    prefix, _, suffix = url.partition(str(placeholder))
    return prefix, suffix


# What a slug made by ``slugify`` can look like; URL patterns and lookups accept nothing else.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
_SLUG = re.compile(rf"^{SLUG_PATTERN}$")


class SlugReferenceField(serializers.SlugRelatedField):
    """A reference by slug that refuses malformed slugs before they reach the database."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not _SLUG.match(data):
            self.fail("invalid")
        return super().to_internal_value(data)
