"""Validate one document (CONTRACT §1) into plain dataclasses; no database access.

Every reader (JSON, JSONL, text dumps, HTML, feeds) and the REST API turn their input into the
same JSON-shaped object and pass it through ``parse_document``, so that one normalisation applies
to every format. That normalisation is deliberately small: line endings become ``\\n``, control
characters other than tab and newline are removed, lone surrogates become U+FFFD and the outer
whitespace of each text is stripped (metadata keys and strings are cleaned alike, unstripped, so
that every database can store them). Nothing else (no Unicode normalisation, no re-wrapping) is
changed, because the offsets of extracted quotes index into the stored body and must also index
into the body of the file the reader holds.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from archive.errors import DocumentError

MAX_TITLE_CHARS = 500
MAX_NAME_CHARS = 200
MAX_URL_CHARS = 2000
MAX_LANGUAGE_CHARS = 16
MAX_AUTHORS = 50
DEFAULT_MAX_COMMENTS = 10_000
DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# Deeper than any sensible document; bounds the work done on hostile metadata.
MAX_DEPTH = 32
# Dates outside these years are typing mistakes or probes; refusing them keeps every date, and
# every deadline counted from one, far from the ends of the calendar in any time zone.
MIN_YEAR = 1900
MAX_YEAR = 2200

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_KNOWN_KEYS = frozenset(
    {"title", "body", "published", "url", "outlet", "authors", "language", "comments"}
)
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class CommentData:
    author: str | None
    posted: datetime.datetime | None
    body: str
    parent: int | None


@dataclass(frozen=True)
class DocumentData:
    title: str
    body: str
    published: datetime.datetime
    url: str | None
    outlet: str | None
    authors: tuple[str, ...]
    language: str
    comments: tuple[CommentData, ...]
    metadata: dict = field(default_factory=dict, hash=False, compare=True)
    source_format: str = "json"


@dataclass(frozen=True)
class Defaults:
    """What the command line supplies for documents that lack it (``--published`` and so on)."""

    published: datetime.datetime | None = None
    outlet: str | None = None
    author: str | None = None


NO_DEFAULTS = Defaults()


def parse_document(
    obj: object, *, defaults: Defaults = Defaults(), source_format: str = "json"
) -> DocumentData:
    """Validate a CONTRACT §1 object; raise ``DocumentError`` naming the field at fault."""
    if not isinstance(obj, dict):
        raise DocumentError(
            f"a document must be a JSON object, not {type_name(obj)}", field="document"
        )
    _check_depth(obj)

    title = _required_text(obj, "title")
    if len(title) > MAX_TITLE_CHARS:
        raise DocumentError(f"title: longer than {MAX_TITLE_CHARS} characters", field="title")

    if "body" not in obj or obj["body"] is None:
        raise DocumentError("body: required", field="body")
    body = _text(obj["body"], "body")
    if not body:
        raise DocumentError("body: must not be empty", field="body")
    max_bytes = getattr(settings, "ARCHIVE_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)
    if len(body) > max_bytes or len(body.encode("utf-8", "replace")) > max_bytes:
        raise DocumentError(f"body: larger than {max_bytes} bytes", field="body")

    if obj.get("published") is None:
        if defaults.published is None:
            raise DocumentError(
                "published: required (an ISO 8601 date, or a default date for documents that lack one)",
                field="published",
            )
        published = parse_datetime(defaults.published, "published")
    else:
        published = parse_datetime(obj["published"], "published")

    url = _url(obj.get("url"))
    outlet = _name(obj.get("outlet"), "outlet") or _name(defaults.outlet, "outlet")
    if "authors" in obj and obj["authors"] is not None:
        authors = _authors(obj["authors"])
    else:
        default_author = _name(defaults.author, "authors")
        authors = (default_author,) if default_author else ()
    language = _language(obj.get("language"))
    comments = _comments(obj.get("comments"))
    metadata = {
        _storable(key): _metadata_value(value)
        for key, value in obj.items()
        if key not in _KNOWN_KEYS
    }
    return DocumentData(
        title=title,
        body=body,
        published=published,
        url=url,
        outlet=outlet,
        authors=authors,
        language=language,
        comments=comments,
        metadata=metadata,
        source_format=source_format,
    )


def content_hash(doc: DocumentData) -> str:
    """SHA-256 of the title, body and comments with whitespace collapsed: one content, one hash.

    Dates, outlet and authors are left out on purpose: the same text imported from a page dump
    and from its JSON twin, or with a slightly different date, is still the same article.
    """
    payload = [
        _collapse(doc.title),
        _collapse(doc.body),
        [[c.author or "", _collapse(c.body), c.parent] for c in doc.comments],
    ]
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def clean_text(value: str) -> str:
    """The one normalisation of every stored text (see the module docstring)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = _SURROGATE.sub("\ufffd", value)
    return value.strip()


def archive_timezone() -> datetime.tzinfo:
    return zoneinfo.ZoneInfo(getattr(settings, "TIME_ZONE", None) or "UTC")


def parse_datetime(value: object, name: str) -> datetime.datetime:
    """An aware datetime from an ISO 8601 date or date-time; a date alone is local midnight."""
    if isinstance(value, datetime.datetime):
        parsed = value
    elif isinstance(value, datetime.date):
        parsed = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise DocumentError(f"{name}: must not be empty", field=name)
        try:
            if len(text) <= 10:
                parsed = datetime.datetime.combine(
                    datetime.date.fromisoformat(text), datetime.time()
                )
            else:
                parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise DocumentError(
                f"{name}: not an ISO 8601 date ({_preview(text)})", field=name
            ) from None
    else:
        raise DocumentError(
            f"{name}: must be an ISO 8601 date string, not {type_name(value)}", field=name
        )
    check_year(parsed, name)
    if parsed.tzinfo is None or parsed.tzinfo.utcoffset(parsed) is None:
        parsed = parsed.replace(tzinfo=archive_timezone())
    return parsed


def check_year(value: datetime.date, name: str) -> None:
    """Refuse a date outside the years the archive accepts, naming the field."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DocumentError(
            f"{name}: the year {value.year} is outside the years the archive accepts"
            f" ({MIN_YEAR}–{MAX_YEAR})",
            field=name,
        )


def _storable(text: str) -> str:
    """``text`` without what no database stores: NUL and other control characters, surrogates."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def _metadata_value(value: object) -> object:
    if isinstance(value, str):
        return _storable(value)
    if isinstance(value, list):
        return [_metadata_value(item) for item in value]
    if isinstance(value, dict):
        return {_storable(key): _metadata_value(item) for key, item in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON columns store no NaN or infinity
    return value


def _required_text(obj: dict, name: str) -> str:
    if name not in obj or obj[name] is None:
        raise DocumentError(f"{name}: required", field=name)
    value = _text(obj[name], name)
    if not value:
        raise DocumentError(f"{name}: must not be empty", field=name)
    return value


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise DocumentError(f"{name}: must be a string, not {type_name(value)}", field=name)
    return clean_text(value)


def _name(value: object, name: str) -> str | None:
    """A person's or outlet's name: one line, inner whitespace collapsed; empty means none."""
    if value is None:
        return None
    text = " ".join(_text(value, name).split())
    if len(text) > MAX_NAME_CHARS:
        raise DocumentError(f"{name}: longer than {MAX_NAME_CHARS} characters", field=name)
    return text or None


def _url(value: object) -> str | None:
    if value is None:
        return None
    url = _text(value, "url")
    if not url:
        return None
    if len(url) > MAX_URL_CHARS:
        raise DocumentError(f"url: longer than {MAX_URL_CHARS} characters", field="url")
    try:
        _url_validator(url)
    except ValidationError:
        raise DocumentError(f"url: not an http(s) URL ({_preview(url)})", field="url") from None
    return url


def _authors(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise DocumentError(
            f"authors: must be a list of names, not {type_name(value)}", field="authors"
        )
    if len(value) > MAX_AUTHORS:
        raise DocumentError(f"authors: more than {MAX_AUTHORS} names", field="authors")
    names: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise DocumentError(
                f"authors[{index}]: must be a string, not {type_name(item)}", field="authors"
            )
        name = _name(item, f"authors[{index}]")
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return tuple(names)


def is_language_tag(value: str) -> bool:
    return len(value) <= MAX_LANGUAGE_CHARS and bool(_LANGUAGE.match(value))


def _language(value: object) -> str:
    if value is None:
        return "en"
    language = _text(value, "language")
    if not language:
        return "en"
    if not is_language_tag(language):
        raise DocumentError(
            f"language: not a language tag like 'en' or 'pt-BR' ({_preview(language)})",
            field="language",
        )
    return language


def _comments(value: object) -> tuple[CommentData, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DocumentError(f"comments: must be a list, not {type_name(value)}", field="comments")
    limit = getattr(settings, "ARCHIVE_MAX_COMMENTS", DEFAULT_MAX_COMMENTS)
    if len(value) > limit:
        raise DocumentError(f"comments: more than {limit} comments", field="comments")
    return tuple(_comment(item, index) for index, item in enumerate(value))


def _comment(item: object, index: int) -> CommentData:
    where = f"comments[{index}]"
    if not isinstance(item, dict):
        raise DocumentError(f"{where}: must be an object, not {type_name(item)}", field="comments")
    body = item.get("body")
    body = "" if body is None else _text(body, f"{where}.body")
    posted = item.get("posted")
    parent = item.get("parent")
    if parent is not None and (
        isinstance(parent, bool) or not isinstance(parent, int) or not 0 <= parent < index
    ):
        raise DocumentError(
            f"{where}.parent: must be the index of an earlier comment or null", field="comments"
        )
    return CommentData(
        author=_name(item.get("author"), f"{where}.author"),
        posted=None if posted is None else parse_datetime(posted, f"{where}.posted"),
        body=body,
        parent=parent,
    )


def _check_depth(obj: object) -> None:
    """Refuse absurdly nested values iteratively, so that nothing recurses on them later."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DocumentError(f"document: nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _preview(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def type_name(value: object) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
