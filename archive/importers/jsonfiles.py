"""Documents from JSON (one object or a list of them) and JSON Lines (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterator

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
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        position = f"line {number}"
        try:
            data = loads(line)
        except DocumentError as error:
            yield ReadResult(source, position, None, error.message)
            continue
        yield _result(data, source=source, position=position, defaults=defaults)
    if not found:
        yield ReadResult(source, "", None, "empty file")


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
