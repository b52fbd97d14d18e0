"""The event log: record one event, or import many at once.

Events carry a stable ``external_id`` (given by the file, or a hash of day and text), so
importing the same file twice adds nothing. The bulk path writes a batch of events, their tags
and the links between them in a handful of statements; it is what ``import_events`` uses for
the 110,000 events of Wikipedia's Current Events log.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from archive.errors import ArchiveError
from archive.permissions import Actor, permission_require
from predictions.importers.events import TITLE_MAX, EventData, external_id_for
from predictions.models import Event
from predictions.services.tags import tag_ids
from predictions.services.text import one_line

PERMISSION = "predictions.add_event"
BATCH_SIZE = 2000
# An outlet's name as a log credits it ("Reuters", "Civic Radio via Wire"); links may be longer.
SOURCE_NAME_MAX = 200

_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class EventImportResult:
    created: int
    existing: int


def _merge_duplicates(events: Iterable[EventData]) -> dict[str, EventData]:
    """Events by external id; the same event twice in one batch keeps the union of its tags."""
    unique: dict[str, EventData] = {}
    for event in events:
        key = event.external_id or external_id_for(event.occurred_on, event.title)
        seen = unique.get(key)
        if seen is None:
            unique[key] = event
        elif not set(event.tags) <= set(seen.tags):
            tags = seen.tags + tuple(t for t in event.tags if t not in seen.tags)
            unique[key] = EventData(
                seen.title, seen.occurred_on, seen.description, seen.sources, tags, key
            )
    return unique


@transaction.atomic
def _import_batch(
    events: Sequence[EventData], *, by: Actor, tag_cache: dict[str, int]
) -> EventImportResult:
    unique = _merge_duplicates(events)
    existing = set(
        Event.objects.filter(external_id__in=list(unique)).values_list("external_id", flat=True)
    )
    new = {key: event for key, event in unique.items() if key not in existing}
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(
                title=event.title[:TITLE_MAX],
                description=event.description,
                occurred_on=event.occurred_on,
                sources=_imported_sources(event.sources),
                external_id=key,
                created_at=now,
                created_by=by,
            )
            for key, event in new.items()
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    tagged = {key: event for key, event in new.items() if event.tags}
    if tagged:
        ids = dict(
            Event.objects.filter(external_id__in=list(tagged)).values_list("external_id", "id")
        )
        tags = tag_ids({t for event in tagged.values() for t in event.tags}, cache=tag_cache)
        through = Event.tags.through
        Event.tags.through.objects.bulk_create(
            [
                through(event_id=ids[key], tag_id=tags[name])
                for key, event in tagged.items()
                if key in ids
                for name in dict.fromkeys(event.tags)
                if name in tags
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
    return EventImportResult(created=len(new), existing=len(events) - len(new))


def events_import(*, events: Iterable[EventData], by: Actor = None) -> EventImportResult:
    """Record ``events``, skipping those already in the log; atomic per batch of 2,000."""
    permission_require(by, PERMISSION, to="record events")
    created = existing = 0
    tag_cache: dict[str, int] = {}
    batch: list[EventData] = []
    for event in events:
        batch.append(event)
        if len(batch) >= BATCH_SIZE:
            result = _import_batch(batch, by=by, tag_cache=tag_cache)
            created, existing = created + result.created, existing + result.existing
            batch = []
    if batch:
        result = _import_batch(batch, by=by, tag_cache=tag_cache)
        created, existing = created + result.created, existing + result.existing
    return EventImportResult(created=created, existing=existing)


@transaction.atomic
def event_record(
    *,
    title: str,
    occurred_on: datetime.date,
    description: str = "",
    sources: Sequence[str] = (),
    tags: Sequence[str] = (),
    by: Actor = None,
    external_id: str | None = None,
) -> Event:
    """Record one event; with an ``external_id`` already in the log, return that event."""
    permission_require(by, PERMISSION, to="record events")
    title = one_line(title, field="title", max_length=TITLE_MAX)
    _check_day(occurred_on)
    if external_id:
        found = Event.objects.filter(external_id=external_id).first()
        if found is not None:
            return found
    event = Event.objects.create(
        title=title,
        description=description.strip(),
        occurred_on=occurred_on,
        sources=_sources(sources),
        external_id=external_id or None,
        created_by=by,
    )
    ids = tag_ids(tags)
    if ids:
        event.tags.add(*ids.values())
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    by: Actor = None,
    title: str | None = None,
    occurred_on: datetime.date | None = None,
    description: str | None = None,
    sources: Sequence[str] | None = None,
) -> Event:
    """Correct an event's title, day, description or sources."""
    permission_require(by, PERMISSION, to="record events")
    fields = []
    if title is not None:
        event.title = one_line(title, field="title", max_length=TITLE_MAX)
        fields.append("title")
    if occurred_on is not None:
        _check_day(occurred_on)
        event.occurred_on = occurred_on
        fields.append("occurred_on")
    if description is not None:
        event.description = description.strip()
        fields.append("description")
    if sources is not None:
        event.sources = _sources(sources)
        fields.append("sources")
    if fields:
        event.save(update_fields=fields)
    return event


def _check_day(occurred_on: object) -> None:
    if not isinstance(occurred_on, datetime.date) or isinstance(occurred_on, datetime.datetime):
        raise ArchiveError("occurred_on: must be a date", field="occurred_on")


def event_source_clean(line: str) -> str:
    """One source as stored: an http(s) link, or the name of the outlet that reported the event.

    The admin's form and the services share this rule, so nothing can be stored that the form
    would refuse. Something that looks like a link ("://" or "www.") must be a valid one, since
    a mistyped address kept as a name would never become a link.
    """
    text = line.strip()
    if not text:
        raise ArchiveError("a source must not be empty", field="sources")
    shown = "".join("\ufffd" if _is_control(ch) else ch for ch in text[:80])
    shown += "\u2026" if len(text) > 80 else ""
    if any(_is_control(ch) for ch in text):
        raise ArchiveError(f"\u201c{shown}\u201d contains a control character", field="sources")
    if "://" in text or text.lower().startswith("www."):
        try:
            _url_validator(text)
        except ValidationError:
            raise ArchiveError(
                f"\u201c{shown}\u201d is not a valid link; write it in full, "
                "starting with http:// or https://",
                field="sources",
            ) from None
        return text
    name = " ".join(text.split())
    if len(name) > SOURCE_NAME_MAX:
        raise ArchiveError(
            f"\u201c{shown}\u201d is longer than {SOURCE_NAME_MAX} characters for an outlet's name",
            field="sources",
        )
    return name


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _imported_sources(sources: Iterable[str]) -> list[str]:
    """The sources of an imported event that pass the rule, repeats removed.

    A log's odd credit ("www.example.com" with no scheme) is left out rather than refusing a
    file of thousands of events over it.
    """
    kept: dict[str, None] = {}
    for line in sources:
        try:
            kept[event_source_clean(line)] = None
        except ArchiveError:
            continue
    return list(kept)


def event_sources_clean(sources: Iterable[str]) -> list[str]:
    """``sources`` checked one by one, blanks dropped, repeats removed, order kept."""
    cleaned: dict[str, None] = {}
    for line in sources:
        if not isinstance(line, str):
            raise ArchiveError("sources: each source must be a string", field="sources")
        if line.strip():
            try:
                cleaned[event_source_clean(line)] = None
            except ArchiveError as exc:
                raise ArchiveError(f"sources: {exc.message}", field="sources") from None
    return list(cleaned)


def _sources(sources: Sequence[str]) -> list[str]:
    if isinstance(sources, str):
        raise ArchiveError("sources: must be a list of sources, not one string", field="sources")
    return event_sources_clean(sources)
