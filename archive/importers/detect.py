"""Decode a file's bytes and tell which document format it holds, from its content.

The file name is only a tie-breaker (``.jsonl`` for a JSON Lines file whose first line is broken);
a page saved as ``.txt`` that is really HTML is read as HTML.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum

import charset_normalizer

from archive.errors import DocumentError


class Format(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    TEXT = "text"
    HTML = "html"
    FEED = "feed"


# More than this share of control characters in decoded text means binary data, not a document.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_XML_PREAMBLE = re.compile(r"^(\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*\s*", re.DOTALL | re.I)
_FEED_ROOT = re.compile(r"^<(rss|feed|rdf:RDF)\b", re.I)
_HTML_ROOT = re.compile(r"^<(html|head|body|meta|title|article|div|p|h1|main|section)\b", re.I)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (or a BOM's encoding) first, else charset-normalizer's best guess."""
    if not data.strip():
        raise DocumentError("empty file")
    text = _decode_known(data)
    if text is None:
        if b"\x00" in data[:4096]:
            raise DocumentError("not a text file (binary data)")
        text = _decode_guessed(data)
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise DocumentError("not a text file (binary data)")
    if not text.strip():
        raise DocumentError("empty file")
    return text


def _decode_guessed(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise DocumentError("not a text file (unknown encoding or binary data)")
    # Short Western texts often score the same in several single-byte code pages; windows-1252
    # (what browsers read "latin-1" as) is by far the likeliest of them, so it wins such ties.
    for match in matches:
        if (
            match.encoding in _WESTERN
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence - 0.05
        ):
            return str(match)
    return str(best)


def _decode_known(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def sniff(text: str, *, name: str = "") -> Format:
    """The format of decoded ``text``; ``name`` only settles JSON versus JSON Lines."""
    head = text.lstrip("\ufeff \t\r\n")
    lower_name = name.lower()
    if head.startswith(("{", "[")):
        if lower_name.endswith((".jsonl", ".ndjson", ".jsonlines")):
            return Format.JSONL
        return Format.JSON
    if head.startswith("<"):
        root = _XML_PREAMBLE.sub("", head[:8192], count=1)
        if _FEED_ROOT.match(root):
            return Format.FEED
        if _HTML_ROOT.match(root) or re.match(r"<!doctype\s+html", head, re.I):
            return Format.HTML
        if lower_name.endswith((".rss", ".atom", ".xml")):
            return Format.FEED
        return Format.HTML
    if lower_name.endswith((".json", ".jsonl", ".ndjson")):
        # Named as JSON but not JSON: let the JSON reader say what is wrong with it.
        return Format.JSONL if lower_name.endswith((".jsonl", ".ndjson")) else Format.JSON
    return Format.TEXT
