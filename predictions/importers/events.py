"""Read event files into plain ``EventData``: our JSON and CSV formats and Wikipedia's daily logs.

Pure: text in, dataclasses out, no ORM (``import_events`` and ``predictions.services.events``
do the writing). A file that cannot be read raises ``EventFileError`` naming the position and
the field, and nothing of it is imported.

Wikipedia's Current Events portal, one YAML file per day::

    Date: 'YYYY-MM-DD'
    Intelligence_Payload:
      <story heading>:
      - <event sentence(s)> (Source) (Other source)
      - <a nested story heading, with no sources and no full stop>
      - <event under that heading> (Source)

Story headings are not events: the top-level ones are keys, and nested ones appear as list
items that name an article ("2014 Crimean crisis") rather than state what happened. They become
the tags of the events below them ("Uncategorized" is dropped).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from archive.errors import ArchiveError

TITLE_MAX = 500
EVENT_SUFFIXES = (".json", ".csv", ".yaml", ".yml")
CSV_HEADER = ("title", "occurred_on", "description", "sources", "tags")

# Top-level keys that carry no meaning as a tag.
NO_TAG_HEADINGS = frozenset({"uncategorized", "uncategorised"})
# A nested heading is short; an event sentence that lost its full stop is usually longer.
HEADING_MAX_WORDS = 16

_TRAILING_GROUP = re.compile(r"\(([^()]*)\)\s*$")
_SENTENCE_END = re.compile(r"[.!?\"'\u201d\u2019]\s*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c(A-Z0-9])")
_LETTER = re.compile(r"[^\W\d_]")


class EventFileError(ArchiveError):
    """An event file, or one entry of it, that does not have the expected shape."""


@dataclass(frozen=True)
class EventData:
    title: str
    occurred_on: datetime.date
    description: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    external_id: str | None = None


def external_id_for(occurred_on: datetime.date, text: str) -> str:
    """A stable identity for an event that has none: a hash of its day and its words."""
    normal = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{occurred_on.isoformat()}\n{normal}".encode()).hexdigest()[:40]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _date(value: object, *, where: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EventFileError(
        f"{where}: occurred_on must be a date YYYY-MM-DD, not {value!r}", field="occurred_on"
    )


def _strings(value: object, *, name: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EventFileError(f"{where}: {name} must be a list of strings", field=name)
    return tuple(v for v in (_clean(v) for v in value) if v)


def parse_event(obj: object, *, where: str = "event") -> EventData:
    """One event object of our JSON format (also a CSV row turned into a dict)."""
    if not isinstance(obj, dict):
        raise EventFileError(f"{where}: an event must be an object, not {type(obj).__name__}")
    title = obj.get("title")
    if not isinstance(title, str) or not _clean(title):
        raise EventFileError(f"{where}: title is required", field="title")
    title = _clean(title)
    if len(title) > TITLE_MAX:
        raise EventFileError(f"{where}: title is longer than {TITLE_MAX} characters", field="title")
    if "occurred_on" not in obj:
        raise EventFileError(f"{where}: occurred_on is required", field="occurred_on")
    occurred_on = _date(obj["occurred_on"], where=where)
    description = obj.get("description") or ""
    if not isinstance(description, str):
        raise EventFileError(f"{where}: description must be a string", field="description")
    identity = obj.get("id")
    if identity is not None and not isinstance(identity, str | int):
        raise EventFileError(f"{where}: id must be a string", field="id")
    identity = str(identity).strip() if identity is not None and str(identity).strip() else None
    description = description.strip()
    return EventData(
        title=title,
        occurred_on=occurred_on,
        description=description,
        sources=_strings(obj.get("sources"), name="sources", where=where),
        tags=_strings(obj.get("tags"), name="tags", where=where),
        external_id=identity or external_id_for(occurred_on, f"{title}\n{description}"),
    )


def read_json(text: str) -> list[EventData]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise EventFileError(f"not JSON: {error.msg} at line {error.lineno}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise EventFileError("a JSON event file holds a list of events")
    return [parse_event(obj, where=f"event {i}") for i, obj in enumerate(data)]


def _split(cell: str | None) -> list[str]:
    return [part for part in (cell or "").split("|") if part.strip()]


def read_csv(text: str) -> list[EventData]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in ("title", "occurred_on") if name not in (reader.fieldnames or ())]
    if missing:
        raise EventFileError(
            f"CSV header must be {','.join(CSV_HEADER)}; missing {', '.join(missing)}",
            field=missing[0],
        )
    events = []
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            raise EventFileError(f"{where}: more cells than the header has")
        row = dict(row)
        row["sources"] = _split(row.get("sources"))
        row["tags"] = _split(row.get("tags"))
        events.append(parse_event(row, where=where))
    return events


def split_sources(text: str) -> tuple[str, tuple[str, ...]]:
    """Split ``"Something happens. (AP) (Reuters)"`` into the sentence and its sources.

    Only trailing parentheses that name something count as sources; ``(2017)`` stays in text.
    """
    sources: list[str] = []
    while True:
        match = _TRAILING_GROUP.search(text)
        if not match or not _LETTER.search(match.group(1)):
            break
        sources.insert(0, _clean(match.group(1)))
        text = text[: match.start()].rstrip()
    return text, tuple(s for s in sources if s)


def is_story_heading(text: str, sources: tuple[str, ...]) -> bool:
    """Whether a list item names a story rather than stating an event."""
    return not sources and not _SENTENCE_END.search(text) and len(text.split()) <= HEADING_MAX_WORDS


def title_of(text: str) -> str:
    """The first sentence, cut at a word boundary when it is longer than a title may be."""
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    if len(first) <= TITLE_MAX:
        return first
    return first[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "\u2026"


def _wikipedia_events(day: datetime.date, payload: dict) -> Iterator[EventData]:
    for key, items in payload.items():
        heading = _clean(str(key)) if key is not None else ""
        top_tags = () if heading.casefold() in NO_TAG_HEADINGS or not heading else (heading,)
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            continue
        nested: str | None = None
        for item in items:
            if not isinstance(item, str | int | float):
                continue
            text, sources = split_sources(_clean(str(item)))
            if not text:
                continue
            if is_story_heading(text, sources):
                nested = text
                continue
            title = title_of(text)
            tags = top_tags + ((nested,) if nested and nested not in top_tags else ())
            yield EventData(
                title=title,
                occurred_on=day,
                description=text if text != title else "",
                sources=sources,
                tags=tags,
                external_id=external_id_for(day, text),
            )


def read_wikipedia_day(text: str) -> list[EventData]:
    """The events of one Current Events YAML file."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as error:
        raise EventFileError(f"not YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict) or "Date" not in data:
        raise EventFileError(
            "a Current Events file needs Date and Intelligence_Payload", field="Date"
        )
    day = _date(data["Date"], where="Date")
    payload = data.get("Intelligence_Payload") or {}
    if not isinstance(payload, dict):
        raise EventFileError(
            "Intelligence_Payload must map story headings to lists", field="Intelligence_Payload"
        )
    return list(_wikipedia_events(day, payload))


def read_event_file(path: Path) -> list[EventData]:
    """The events of one file, by its suffix: ``.json``, ``.csv``, ``.yaml``/``.yml``."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise EventFileError(f"cannot read: {error}") from None
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return read_json(text)
    if suffix == ".csv":
        return read_csv(text)
    if suffix in (".yaml", ".yml"):
        return read_wikipedia_day(text)
    raise EventFileError(
        f"unknown event file type {suffix or '(none)'}; use {', '.join(EVENT_SUFFIXES)}"
    )


def event_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The event files named, and those under the directories named, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EVENT_SUFFIXES
            )
        else:
            yield path
