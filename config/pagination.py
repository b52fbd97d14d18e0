"""Pagination classes for the REST API: numbered pages with a hard cap, cursors for big lists.

Every list answers ``{"next", "previous", "results"}``: follow ``next`` until it is null. The big,
growing lists (predictions, events, judgements) page by an opaque cursor, which stays correct
while rows are added; the others also give ``count``, which is cheap for them. ``page_size``
outside 1 to the list's maximum is a 400 that states the maximum, never a silent substitute.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class StrictPageSize:
    """``page_size`` is a whole number from 1 to ``max_page_size``; anything else is a 400."""

    page_size: int
    page_size_query_param: str
    max_page_size: int

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"A whole number from 1 to {self.max_page_size} (default {self.page_size})."
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)  # type: ignore[misc]
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
                parameter["description"] = (
                    f"Results per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters


class PageNumberPagination(StrictPageSize, pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CursorPagination(StrictPageSize, pagination.CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "-id"

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's cursor pages, answering a cursor it did not make with a 400 naming it.

        A cursor is only base64 of a position: one decoded from text a client wrote can hold
        any value, which the ordering column's type then refuses.
        """
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise self._invalid() from error
        except (DjangoValidationError, DataError, ValueError, TypeError, OverflowError) as error:
            raise self._invalid() from error

    def _invalid(self) -> ValidationError:
        return ValidationError({self.cursor_query_param: [f"{self.invalid_cursor_message}."]})
