"""The predictions app's domain errors: the archive's error type, for review and resolution.

Subclasses of ``ArchiveError``, so that the API, the commands and the admin report them as they
report every other domain error (a 400 naming the field, a ``CommandError``, a message).
"""

from __future__ import annotations

from archive.errors import ArchiveError


class ReviewError(ArchiveError):
    """A review action that does not apply to the prediction's current state."""


class ResolutionError(ArchiveError):
    """A resolution that contradicts the claim's state or the rules of judgement."""
