"""RSS and Atom feeds: each entry is one document, its HTML content reduced to text.

feedparser is given the bytes themselves (never a string, which it might take for a URL to fetch),
so reading a feed never touches the network.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

import feedparser

from archive.errors import DocumentError
from archive.importers.documents import Defaults, is_language_tag, parse_document
from archive.importers.html import html_to_text
from archive.importers.results import ReadResult


def read_feed(data: bytes, *, source: str, defaults: Defaults) -> Iterator[ReadResult]:
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as error:  # noqa: BLE001 - a broken feed is one clear error, not a traceback
        yield ReadResult(source, "", None, f"not a readable feed: {error}")
        return
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f": {reason}" if parsed.get("bozo") and reason else ""
        yield ReadResult(
            source, "", None, f"not a readable feed, or a feed with no entries{detail}"
        )
        return
    feed = parsed.feed
    for index, entry in enumerate(parsed.entries, start=1):
        position = f"entry {index}"
        try:
            obj = entry_document(entry, feed)
            document = parse_document(obj, defaults=defaults, source_format="feed")
        except DocumentError as error:
            yield ReadResult(source, position, None, error.message)
            continue
        yield ReadResult(source, position, document, None)


def entry_document(entry, feed) -> dict:
    """The CONTRACT §1 object of one feed entry."""
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    title = html_to_text(entry.get("title") or "")
    obj: dict = {
        "title": title or None,
        "body": html_to_text(html or ""),
        "url": _http(entry.get("link")),
        "outlet": html_to_text(feed.get("title") or "") or None,
        "language": _language(feed.get("language")),
        "comments": [],
    }
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        obj["published"] = datetime.datetime(*when[:6], tzinfo=datetime.UTC).isoformat()
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not authors and entry.get("author"):
        authors = [entry["author"]]
    if authors:
        obj["authors"] = authors
    if entry.get("id"):
        obj["entry_id"] = str(entry["id"])
    if not obj["body"]:
        raise DocumentError("body: the entry has no content or summary", field="body")
    return obj


def _http(link: object) -> str | None:
    if isinstance(link, str) and link.startswith(("http://", "https://")):
        return link
    return None


def _language(value: object) -> str | None:
    if isinstance(value, str) and is_language_tag(value.strip()):
        return value.strip()
    return None
