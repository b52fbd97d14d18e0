"""Serializer fields shared by the API's resources."""

from __future__ import annotations

import re

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class PageUrlField(serializers.Field):
    """The absolute URL of the object's public page (``get_absolute_url``).

    Null where the public site has no page for it, so that the API never fails because a page
    is missing.
    """

    def __init__(self, **kwargs) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str | None:
        try:
            path = obj.get_absolute_url()
        except NoReverseMatch:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


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
