"""Permission classes for API write actions: each action names the model permission it needs.

Anonymous callers get 401 (the token authenticator supplies ``WWW-Authenticate``); signed-in
users without the permission get 403. Reads stay open to everyone.
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission


class ModelPermission(BasePermission):
    """Allow safe methods to anyone and writes to users holding ``permission``."""

    permission: str = ""

    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.has_perm(self.permission)


class CanImportDocuments(ModelPermission):
    permission = "archive.import_document"
    message = "Importing documents needs the archive.import_document permission."
