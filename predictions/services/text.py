"""The one cleaning of a short text a person typed (a claim, an event's title)."""

from __future__ import annotations

from archive.errors import ArchiveError


def one_line(
    text: str, *, field: str, max_length: int, error: type[ArchiveError] = ArchiveError
) -> str:
    """``text`` on one line with single spaces; refused (naming ``field``) empty or too long."""
    text = " ".join(text.split())
    if not text:
        raise error(f"{field}: must not be empty", field=field)
    if len(text) > max_length:
        raise error(f"{field}: longer than {max_length} characters", field=field)
    return text
