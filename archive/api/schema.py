"""OpenAPI details shared by every API view: the error shape and which errors each operation has.

Each operation documents the refusals it can actually make, in the one error shape of
``config.exceptions``, so that a client generated from the schema knows them and the schema
tests can check every response against it.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_media_type_object
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin


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
    """drf-spectacular's schema, plus the error responses each operation can give.

    The project's ``DEFAULT_SCHEMA_CLASS``. The errors are added to the finished operation, so
    that ``extend_schema(responses=...)`` on a view keeps working as documented.
    """

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code in self.error_codes():
            if code not in responses:
                responses[code] = self.error_response()
        return operation

    def error_codes(self) -> list[str]:
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
        if "{" in self.path or (self.lists() and getattr(self.view, "pagination_class", None)):
            codes.append("404")
        codes.append("429")
        return codes

    def lists(self) -> bool:
        """Whether the operation answers with a list of objects (which can be paginated)."""
        action = getattr(self.view, "action", None)
        if action is not None:
            return action == "list"
        return self.method == "GET" and isinstance(self.view, ListModelMixin)

    def error_response(self) -> dict:
        """The error shape of ``config.exceptions``, in each media type the view renders."""
        schema = self.resolve_serializer(ErrorSerializer, "response").ref
        return {
            "content": {
                media_type: build_media_type_object(schema)
                for media_type in self.map_renderers("media_type")
            },
            "description": "",
        }

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
