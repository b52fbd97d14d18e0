"""Plain-text page dumps: a title line, the article, then numbered reader comments.

The comments follow the common blog layout::

      1. somebody says

        First paragraph of the comment.

        Second paragraph.

      2. A comment whose author left no name starts right after its number.

      3. somebody says

A header is a line indented by one to three spaces holding the next comment number; it is
``name says`` when the reader gave a name, otherwise its text is the comment's first line. A
comment with nothing under its header is empty. The comment section starts at the last ``1.``
header whose section names at least one reader, so that a numbered list inside the article is not
mistaken for comments. Dumps carry no date, outlet or author: those come from ``Defaults``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from archive.errors import DocumentError
from archive.importers.documents import Defaults, parse_document
from archive.importers.results import ReadResult

_HEADER = re.compile(r"^ {1,3}(\d{1,5})\.(?:[ \t]+(.*))?$")
_SAYS = re.compile(r"^(?P<name>\S.{0,199}?)\s+says:?\s*$")


@dataclass(frozen=True)
class _Header:
    line: int
    rest: str
    name: str | None


def read_text_dump(text: str, *, source: str, defaults: Defaults) -> Iterator[ReadResult]:
    try:
        document = parse_document(parse_text_dump(text), defaults=defaults, source_format="text")
    except DocumentError as error:
        yield ReadResult(source, "", None, error.message)
        return
    yield ReadResult(source, "", document, None)


def parse_text_dump(text: str) -> dict:
    """The CONTRACT §1 object (without date, outlet or authors) of a page dump."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise DocumentError("empty file")
    title = lines[first].strip()
    rest = lines[first + 1 :]
    headers = _comment_headers(rest)
    end = headers[0].line if headers else len(rest)
    comments = []
    for index, header in enumerate(headers):
        stop = headers[index + 1].line if index + 1 < len(headers) else len(rest)
        below = textwrap.dedent("\n".join(rest[header.line + 1 : stop]))
        body = below if header.name else f"{header.rest}\n{below}"
        comments.append({"author": header.name, "posted": None, "body": body, "parent": None})
    return {"title": title, "body": "\n".join(rest[:end]), "comments": comments}


def _comment_headers(lines: list[str]) -> list[_Header]:
    starts = [i for i, line in enumerate(lines) if _number(line) == 1]
    for start in reversed(starts):
        headers = _sequence_from(lines, start)
        if any(header.name for header in headers):
            return headers
    return []


def _sequence_from(lines: list[str], start: int) -> list[_Header]:
    headers = []
    expected = 1
    for i in range(start, len(lines)):
        if _number(lines[i]) != expected:
            continue
        rest = (_HEADER.match(lines[i]).group(2) or "").strip()
        says = _SAYS.match(rest)
        headers.append(_Header(line=i, rest=rest, name=says.group("name") if says else None))
        expected += 1
    return headers


def _number(line: str) -> int | None:
    match = _HEADER.match(line)
    return int(match.group(1)) if match else None
