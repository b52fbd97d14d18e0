"""Documents from JSON (one object or a list of them) and JSON Lines (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from archive.errors import DocumentError
from archive.importers.documents import Defaults, parse_document, type_name
from archive.importers.results import ReadResult


def read_json(text: str, *, source: str, defaults: Defaults) -> Iterator[ReadResult]:
    try:
        data = loads(text)
    except DocumentError as error:
        if _looks_like_json_lines(text):
            yield from read_json_lines(text, source=source, defaults=defaults)
        else:
            yield ReadResult(source, "", None, error.message)
        return
    if isinstance(data, dict):
        yield _result(data, source=source, position="", defaults=defaults)
    elif isinstance(data, list):
        if not data:
            yield ReadResult(source, "", None, "no documents: the file holds an empty list")
        for index, item in enumerate(data):
            yield _result(item, source=source, position=f"[{index}]", defaults=defaults)
    else:
        yield ReadResult(
            source,
            "",
            None,
            f"not a document: a JSON file must hold an object or a list of them, not {type_name(data)}",
        )


def read_json_lines(text: str, *, source: str, defaults: Defaults) -> Iterator[ReadResult]:
    lines = ((n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip())
    yield from _line_results(lines, source=source, defaults=defaults)


def stream_json_lines(
    path: Path, *, source: str, defaults: Defaults, max_line_bytes: int
) -> Iterator[ReadResult]:
    """``read_json_lines`` reading one line at a time: memory stays flat whatever the file's size.

    Lines must be UTF-8 (a big file is machine-written); a longer line than ``max_line_bytes``
    is reported and skipped without being held in memory.
    """
    with path.open("rb") as fh:
        yield from _line_results(
            _decoded_lines(fh, max_line_bytes), source=source, defaults=defaults
        )


def _line_results(
    lines: Iterable[tuple[int, str | DocumentError]], *, source: str, defaults: Defaults
) -> Iterator[ReadResult]:
    """One result per numbered non-blank line (its text, or why it cannot be read)."""
    found = False
    for number, line in lines:
        found = True
        position = f"line {number}"
        if isinstance(line, DocumentError):
            yield ReadResult(source, position, None, line.message)
            continue
        try:
            data = loads(line)
        except DocumentError as error:
            yield ReadResult(source, position, None, error.message)
            continue
        yield _result(data, source=source, position=position, defaults=defaults)
    if not found:
        yield ReadResult(source, "", None, "empty file")


def _decoded_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, str | DocumentError]]:
    """The numbered non-blank lines of ``fh`` as text, or the reason one cannot be read."""
    for number, raw in enumerate(_lines(fh, limit), start=1):
        if raw is None:
            yield number, DocumentError(f"longer than {limit} bytes")
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, DocumentError("not valid UTF-8 text")


def _lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of ``fh``, or None for one longer than ``limit`` (read past, never kept)."""
    while line := fh.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := fh.readline(limit + 1)) and not rest.endswith(b"\n"):
            pass
        yield None


def looks_like_json_lines(head: bytes, *, name: str) -> bool:
    """Whether a file starting with ``head`` holds JSON Lines (one object on its first line)."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"{"):
        return False
    if name.lower().endswith((".jsonl", ".ndjson", ".jsonlines")):
        return True
    first, newline, _ = text.partition(b"\n")
    if not newline:
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def loads(text: str) -> object:
    """``json.loads`` with its failures (including absurd nesting) as one-line DocumentErrors."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise DocumentError("not a document: JSON nested too deeply") from None


def _result(data: object, *, source: str, position: str, defaults: Defaults) -> ReadResult:
    try:
        document = parse_document(data, defaults=defaults, source_format="json")
    except DocumentError as error:
        return ReadResult(source, position, None, error.message)
    return ReadResult(source, position, document, None)


def _looks_like_json_lines(text: str) -> bool:
    """Several non-blank lines, at least one of which is a JSON object by itself."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:50]:
        if line.lstrip().startswith("{"):
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except (ValueError, RecursionError):
                continue
    return False
