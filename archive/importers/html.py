"""HTML pages: the main text and metadata of an article page, and HTML fragments as plain text.

trafilatura finds the main text (without navigation, scripts, styles or footers) and the
metadata: title, author, date from meta tags, ``<time>`` or JSON-LD, site name, canonical URL.
Short or odd pages where it finds nothing fall back to ``html_to_text``, a forgiving scan with the
standard library parser that never recurses, so hostile markup cannot exhaust the stack.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from archive.errors import DocumentError
from archive.importers.documents import Defaults, parse_document
from archive.importers.results import ReadResult

# Elements whose content is never article text.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "select"}
)
# Page furniture, dropped when reducing a whole page (kept in feed fragments).
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "button", "menu"})
_BLOCK = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl",
        "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption",
        "hr", "address", "details", "summary",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "col"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0]*")
_RUNS = re.compile(r"[ \t\f\v]+")
_BLANKS = re.compile(r"\n{3,}")
_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)", re.I
)


def read_html(text: str, *, source: str, defaults: Defaults) -> Iterator[ReadResult]:
    try:
        document = parse_document(page_document(text), defaults=defaults, source_format="html")
    except DocumentError as error:
        yield ReadResult(source, "", None, error.message)
        return
    yield ReadResult(source, "", document, None)


def page_document(text: str) -> dict:
    """The CONTRACT §1 object of an HTML page (no comments: page layouts for them vary too much)."""
    extracted = _trafilatura(text)
    scan = _Scanner(drop_furniture=True)
    scan.feed_all(text)
    title = _first(extracted.get("title"), scan.title, scan.first_heading)
    if not title:
        raise DocumentError("title: no title found in the page")
    body = (extracted.get("text") or "").strip() or scan.text()
    first_line, _, remainder = body.partition("\n")
    if first_line.strip() == title.strip() and remainder.strip():
        body = remainder
    authors = [name.strip() for name in (extracted.get("author") or "").split(";") if name.strip()]
    obj: dict = {
        "title": title,
        "body": body,
        "url": extracted.get("url") or None,
        "outlet": extracted.get("sitename") or None,
        "language": _language(text, extracted.get("language")),
        "comments": [],
    }
    if authors:
        obj["authors"] = authors
    if extracted.get("date"):
        obj["published"] = extracted["date"]
    if extracted.get("description"):
        obj["description"] = extracted["description"]
    if obj["url"] and not str(obj["url"]).startswith(("http://", "https://")):
        obj["url"] = None
    return obj


def html_to_text(fragment: str, *, drop_furniture: bool = False) -> str:
    """Readable plain text of an HTML fragment: blocks become paragraphs, markup disappears."""
    scan = _Scanner(drop_furniture=drop_furniture)
    scan.feed_all(fragment)
    return scan.text()


def _trafilatura(text: str) -> dict:
    # Imported here, not with the module: it takes over half a second, and only HTML pages
    # without their own article markup need it (every command and worker would pay for it).
    import trafilatura

    # Its warnings ("discarding data") describe pages we already report on in our own words.
    for name in ("trafilatura", "htmldate"):
        logging.getLogger(name).setLevel(logging.ERROR)

    try:
        result = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        return result.as_dict() if result is not None else {}
    except Exception:  # noqa: BLE001 - hostile markup may break the extractor; fall back
        return {}


def _language(text: str, found: str | None) -> str | None:
    if found:
        return found
    match = _HTML_LANG.search(text[:4096])
    return match.group(1) if match else None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


class _Scanner(HTMLParser):
    """Collect visible text, the ``<title>`` and the first ``<h1>``; tolerate anything."""

    def __init__(self, *, drop_furniture: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._hidden = _SKIP | _FURNITURE if drop_furniture else _SKIP
        self._depth_hidden = 0
        self._parts: list[str] = []
        self._in_title = False
        self._in_h1 = False
        self._title: list[str] = []
        self._h1: list[str] = []

    def feed_all(self, text: str) -> None:
        # Keep whatever was read before the markup went bad.
        with contextlib.suppress(Exception):
            self.feed(text)
            self.close()

    @property
    def title(self) -> str | None:
        return "".join(self._title) or None

    @property
    def first_heading(self) -> str | None:
        return "".join(self._h1) or None

    def text(self) -> str:
        text = "".join(self._parts)
        text = _RUNS.sub(" ", text)
        text = _SPACES.sub("\n", text)
        return _BLANKS.sub("\n\n", text).strip()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            # Pages that never close <head> still have a visible body.
            self._depth_hidden = 0
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not self._h1:
            self._in_h1 = True
        if tag in self._hidden and tag not in _VOID:
            self._depth_hidden += 1
        elif tag == "br":
            self._parts.append("\n")
        elif tag in _BLOCK:
            self._parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self._hidden and tag not in _VOID:
            self._depth_hidden = max(0, self._depth_hidden - 1)
        elif tag in _BLOCK:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
            return
        if self._in_h1:
            self._h1.append(data)
        if not self._depth_hidden:
            self._parts.append(data.replace("\n", " "))
