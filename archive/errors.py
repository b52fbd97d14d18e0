"""The archive's domain error: a clear one-line message, optionally naming the field at fault.

Raised by services and parsers; the API maps it to HTTP 400 in one place (403 for
``PermissionRequired``), commands turn it into ``CommandError``, and the admin into a message.
"""


class ArchiveError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class DocumentError(ArchiveError):
    """A document (CONTRACT §1) that cannot be read or does not have the required shape."""


class PermissionRequired(ArchiveError):
    """The user a service acts for lacks the permission it needs (HTTP 403, not bad input)."""

    def __init__(self, message: str, *, permission: str) -> None:
        super().__init__(message)
        self.permission = permission
