"""Pagination classes for the REST API: numbered pages with a hard cap, cursors for big lists."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CursorPagination(pagination.CursorPagination):
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
