"""Read document files of any supported format: ``read_path`` yields one result per document.

A file that cannot be read at all (empty, binary, too large) yields one error; a file holding
several documents (a JSON list, JSON Lines, a feed) yields one result per document, so that the
good documents of a batch import even when some are broken.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings

from archive.errors import DocumentError
from archive.importers.detect import Format, decode, sniff
from archive.importers.documents import NO_DEFAULTS, Defaults
from archive.importers.feeds import read_feed
from archive.importers.html import read_html
from archive.importers.jsonfiles import (
    looks_like_json_lines,
    read_json,
    read_json_lines,
    stream_json_lines,
)
from archive.importers.results import ReadResult
from archive.importers.textdump import read_text_dump

__all__ = ["ReadResult", "read_path", "read_path_or_error", "read_bytes", "iter_files"]

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
# Files larger than this are read a line at a time when they hold JSON Lines: a dump of years of
# articles need not fit in memory, and has no size limit but that of each document.
DEFAULT_STREAM_FROM_BYTES = 8 * 1024 * 1024
_HEAD_BYTES = 1024 * 1024


def read_path(path: str | os.PathLike, *, defaults: Defaults = NO_DEFAULTS) -> Iterator[ReadResult]:
    """Every document in ``path`` (a file, or a directory walked in name order)."""
    for file in iter_files([Path(path)]):
        yield from _read_file(file, defaults=defaults)


def read_path_or_error(
    path: str | os.PathLike, *, defaults: Defaults = NO_DEFAULTS
) -> Iterator[ReadResult]:
    """``read_path``, but a reader failing unexpectedly ends that path with one error result.

    What an import reads through: one bad file must not end a run of many.
    """
    try:
        yield from read_path(path, defaults=defaults)
    except Exception as error:  # noqa: BLE001 - reported as this path's error, never a traceback
        yield ReadResult(str(path), "", None, f"cannot read: {type(error).__name__}: {error}")


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files under ``paths``, directories walked in name order, hidden entries skipped."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_bytes(
    data: bytes, *, source: str, name: str = "", defaults: Defaults = NO_DEFAULTS
) -> Iterator[ReadResult]:
    """Every document in ``data``; ``name`` (a file name) only breaks ties between formats."""
    try:
        text = decode(data)
    except DocumentError as error:
        yield ReadResult(source, "", None, error.message)
        return
    kind = sniff(text, name=name)
    if kind is Format.JSON:
        yield from read_json(text, source=source, defaults=defaults)
    elif kind is Format.JSONL:
        yield from read_json_lines(text, source=source, defaults=defaults)
    elif kind is Format.FEED:
        yield from read_feed(data, source=source, defaults=defaults)
    elif kind is Format.HTML:
        yield from read_html(text, source=source, defaults=defaults)
    else:
        yield from read_text_dump(text, source=source, defaults=defaults)


def _max_line_bytes() -> int:
    """Room for a body of ARCHIVE_MAX_DOCUMENT_BYTES and a long thread of comments beside it."""
    body = getattr(settings, "ARCHIVE_MAX_DOCUMENT_BYTES", 5 * 1024 * 1024)
    return 4 * body


def _read_file(path: Path, *, defaults: Defaults) -> Iterator[ReadResult]:
    source = str(path)
    limit = getattr(settings, "ARCHIVE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    try:
        size = path.stat().st_size
        if size > getattr(settings, "ARCHIVE_STREAM_FROM_BYTES", DEFAULT_STREAM_FROM_BYTES):
            with path.open("rb") as fh:
                head = fh.read(_HEAD_BYTES)
            if looks_like_json_lines(head, name=path.name):
                yield from stream_json_lines(
                    path, source=source, defaults=defaults, max_line_bytes=_max_line_bytes()
                )
                return
        if size > limit:
            yield ReadResult(source, "", None, f"file larger than {limit} bytes")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadResult(source, "", None, f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes(data, source=source, name=path.name, defaults=defaults)
