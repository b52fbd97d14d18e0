"""OpenAPI details shared by every API view: the error shape and which errors each operation has.

Each operation documents the refusals it can actually make, in the one error shape of
``config.exceptions``, so that a client generated from the schema knows them and the schema
tests can check every response against it.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text='A stable code: "invalid", "not_found", "permission_denied"...'
    )
    message = serializers.CharField(help_text="What went wrong, in one line.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="The input fields at fault and what is wrong with each.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class ArchiveAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error responses each operation can give."""

    def _error_codes(self) -> list[str]:
        codes = []
        safe = self.method in ("GET", "HEAD", "OPTIONS")
        if (
            not safe
            or self.get_filter_backends()
            or getattr(self.view, "query_serializer_class", None)
        ):
            codes.append("400")
        if not safe:
            codes += ["401", "403"]
        # A missing object, or a page or cursor that does not exist.
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        codes.append("429")
        return codes

    def get_auth(self) -> list:
        # Reads are public: listing the optional token on them would put a padlock on every
        # GET in the docs, as if reading needed an account.
        if self.method in ("GET", "HEAD", "OPTIONS"):
            return []
        return super().get_auth()

    def get_filter_backends(self) -> list:
        # The exports are not lists of serialized objects, but take the list's filters.
        if getattr(self.view, "filters_without_list", False):
            return list(getattr(self.view, "filter_backends", []))
        return super().get_filter_backends()

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses
