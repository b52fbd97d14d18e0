"""Who may change the archive: one check shared by every service, one error for every interface.

Services call ``permission_require`` with the user they act for; ``None`` is the system itself
(a command-line run, a migration, the demo). The API maps ``PermissionRequired`` to 403, the
admin shows it as a message, and commands turn it into ``CommandError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from archive.errors import PermissionRequired

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The user a service acts for, or None for the system itself.
Actor: TypeAlias = "User | None"


def permission_require(by: Actor, permission: str, *, to: str) -> None:
    """Refuse unless ``by`` is the system or holds ``permission`` (``to`` says what for)."""
    if by is not None and not by.has_perm(permission):
        raise PermissionRequired(f"{by} may not {to} (needs {permission}).", permission=permission)


def stored_user(by: Actor) -> Actor:
    """``by`` as a value for a user foreign key: None for the system and for anonymous users."""
    return by if by is not None and by.pk else None
