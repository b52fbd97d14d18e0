"""The export's columns and how each value is written, shared by the CSV and the JSON export.

Both formats carry the same fields in the same order and the same values: probabilities and
scores to six significant digits (a Brier score of 0.7224999999999999 is 0.7225), date-times in
ISO 8601 with their offset (UTC), days as ISO dates, and empty values as null (JSON) or an empty
cell (CSV). Each row also says when and by which event its claim was settled, so that an analyst
need not join the claims to read a forecast's outcome against its day.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from predictions.deadlines import effective_deadline

SIGNIFICANT_DIGITS = 6

# Output column -> queryset lookup (None: computed from the other columns of the row).
COLUMNS: dict[str, str | None] = {
    "id": "id",
    "status": "status",
    "speaker": "speaker_name",
    "speaker_slug": "speaker__slug",
    "speaker_role": "speaker_role",
    "outlet": "article__outlet__name",
    "outlet_slug": "article__outlet__slug",
    "article_id": "article_id",
    "article_url": "article__url",
    "source_url": "source_url",
    "comment_id": "comment_id",
    "quote": "quote",
    "claim_id": "claim_id",
    "claim": "claim__text",
    "claim_text": "claim_text",
    "polarity": "polarity",
    "probability": "probability",
    "hedge": "hedge",
    "condition": "condition_text",
    "made_at": "made_at",
    "deadline": "deadline",
    "deadline_kind": "deadline_kind",
    "effective_deadline": None,
    "outcome": "outcome",
    "judged_at": "judged_at",
    "claim_state": "claim__state",
    "claim_resolved_on": "claim__resolved_on",
    "resolution_event_id": "claim__resolution_event_id",
    "resolution_event": "claim__resolution_event__title",
    "resolution_event_on": "claim__resolution_event__occurred_on",
    "brier": "brier",
    "log_score": "log_score",
}
LOOKUPS = [lookup for lookup in COLUMNS.values() if lookup is not None]
ROUNDED = {"probability", "brier", "log_score"}

# What each column holds, for the schema of the JSON export.
TYPES: dict[str, dict] = {
    **{name: {"type": "string", "nullable": True} for name in COLUMNS},
    **{
        name: {"type": "integer", "nullable": True}
        for name in ("id", "article_id", "comment_id", "claim_id", "resolution_event_id")
    },
    **{name: {"type": "number", "nullable": True} for name in ROUNDED},
    **{
        name: {"type": "string", "format": "date", "nullable": True}
        for name in ("deadline", "effective_deadline", "claim_resolved_on", "resolution_event_on")
    },
    **{
        name: {"type": "string", "format": "date-time", "nullable": True}
        for name in ("made_at", "judged_at")
    },
}


def significant(value: float | None, digits: int = SIGNIFICANT_DIGITS) -> float | None:
    """``value`` to ``digits`` significant digits, as the nearest float (None stays None)."""
    if value is None:
        return None
    return float(f"{value:.{digits}g}")


def iso(value: Any) -> Any:
    """Date-times as ISO 8601 in UTC with their offset; days as ISO dates; the rest as is."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _writers() -> list[Callable[[dict], Any]]:
    def plain(lookup: str) -> Callable[[dict], Any]:
        return lambda row: iso(row[lookup])

    def rounded(lookup: str) -> Callable[[dict], Any]:
        return lambda row: significant(row[lookup])

    def effective(row: dict) -> str | None:
        return iso(effective_deadline(row["deadline"], row["made_at"]))

    writers = []
    for name, lookup in COLUMNS.items():
        if lookup is None:
            writers.append(effective)
        elif name in ROUNDED:
            writers.append(rounded(lookup))
        else:
            writers.append(plain(lookup))
    return writers


def export_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    """Each ``values_list(*LOOKUPS)`` row as the tuple of ``COLUMNS`` values, ready to write."""
    writers = _writers()
    for values in rows:
        row = dict(zip(LOOKUPS, values, strict=True))
        yield tuple(write(row) for write in writers)
