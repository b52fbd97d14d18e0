"""The REST API's one error shape, and the one place domain errors become HTTP 400 (or 403).

Every refusal the API makes reads the same way::

    {"error": {"code": "invalid", "message": "published: not a date", "fields": {"published": ["..."]}}}

``fields`` is present only when particular input fields are at fault. Services raise
``archive.errors.ArchiveError`` (optionally naming a field); it is bad input, so it is a 400,
except ``PermissionRequired``, which is a 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from archive.errors import ArchiveError, PermissionRequired

# DRF's default codes, renamed where ours reads better to a caller.
_CODES = {
    "invalid": "invalid",
    "parse_error": "parse_error",
    "authentication_failed": "not_authenticated",
    "not_authenticated": "not_authenticated",
    "permission_denied": "permission_denied",
    "not_found": "not_found",
    "method_not_allowed": "method_not_allowed",
    "not_acceptable": "not_acceptable",
    "unsupported_media_type": "unsupported_media_type",
    "throttled": "throttled",
}


def error_body(*, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (
        f"request body larger than {limit} bytes ({limit / 1024 / 1024:g} MB), the most a"
        " document may be (ARCHIVE_MAX_DOCUMENT_BYTES)"
    )


def too_large_response() -> Response:
    return Response(
        error_body(code="too_large", message=too_large_message()),
        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field paths ("comments.0.body") to their messages, for nested serializer errors."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict) or (
                isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
            ):
                fields.update(_fields(value, name))
            else:
                fields[name] = _flatten(value)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if value:
                fields.update(_fields(value, f"{prefix}.{index}" if prefix else str(index)))
    return fields


def _validation_body(exc: exceptions.ValidationError) -> dict:
    detail = exc.detail
    fields = _fields(detail) if isinstance(detail, dict) else {}
    messages = _flatten(detail)
    if fields:
        first_field, first_messages = next(iter(fields.items()))
        message = (
            first_messages[0]
            if first_field in ("non_field_errors", "detail")
            else f"{first_field}: {first_messages[0]}"
        )
    else:
        message = messages[0] if messages else "Invalid input."
    return error_body(code="invalid", message=message, fields=fields or None)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's exception handler, answering in the archive's error shape."""
    if isinstance(exc, PermissionRequired):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, ArchiveError):
        fields = {exc.field: [exc.message]} if exc.field else None
        return Response(
            error_body(code="invalid", message=exc.message, fields=fields),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, RequestDataTooBig):
        return too_large_response()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc)
        return response
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        message = " ".join(_flatten(exc.detail)) or exc.default_detail
        response.data = error_body(code=_CODES.get(code, code), message=str(message))
    return response
