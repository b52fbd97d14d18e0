"""Read forecast records that already carry probabilities and outcomes (CONTRACT §3).

Two formats, told apart by content:

- a PredictionBook export: a JSON list of ``{"number", "event", "user", "time_created",
  "time_known", "outcome", "responses": [{"user", "time", "actions": {"credence": 0-100}}]}``.
  Each entry is one claim. Every user's last credence given strictly before ``time_known`` is
  that user's prediction (credences given once the answer was due are hindsight, not forecasts);
  its ``made_at`` is when that credence was given and its deadline the day of ``time_known``
  (UTC). ``outcome`` "right" means the claim came true, "wrong" that it did not, anything else
  leaves it open. An entry nobody gave a credence on in time yields no forecast and is skipped.
- a CSV with the header ``person,statement,made_at,deadline,probability,outcome,source_url``:
  ``made_at`` an ISO date or date-time, ``deadline`` an ISO date or empty (open-ended),
  ``probability`` in [0, 1] (or a percentage such as ``70%``), ``outcome`` yes, no or empty.

Probabilities of exactly 0 or 1 (PredictionBook's 0% and 100%) are stored ``PROBABILITY_EPSILON``
inside the open interval the archive requires: the smallest move that makes them valid, so their
Brier scores stay equal to the ones computed from the raw credence to about 1e-12. (The log score
clamps much harder anyway; see ``predictions.scoring.rules.LOG_EPSILON``.)

Pure: no database. Each entry or row becomes an ``EntryResult`` holding the forecasts of one
claim, or the reason it was refused; a file that is unreadable as a whole raises ``ArchiveError``.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.errors import ArchiveError

PROBABILITY_EPSILON = 1e-12
PREDICTIONBOOK = "PredictionBook"
CSV_HEADER = ("person", "statement", "made_at", "deadline", "probability", "outcome", "source_url")
MAX_CLAIM_LENGTH = 1000


@dataclass(frozen=True)
class ForecastRecord:
    external_id: str
    person: str
    statement: str
    made_at: datetime.datetime  # aware
    deadline: datetime.date | None
    probability: float  # strictly between 0 and 1
    outcome: bool | None  # None: not resolved
    source_url: str = ""


@dataclass(frozen=True)
class EntryResult:
    """The forecasts of one claim read from one entry (JSON) or rows (CSV), or why not."""

    position: str  # "entry 3 (number 2721)", "line 7"
    claim_key: str  # stable identity of the claim within its source
    statement: str
    outcome: bool | None
    resolved_on: datetime.date | None  # the day the outcome was due (PredictionBook)
    records: tuple[ForecastRecord, ...]
    platform: str | None = None  # the site the people's handles belong to
    error: str | None = None


def to_probability(value: float) -> float:
    """``value`` in [0, 1] moved just inside (0, 1) (see ``PROBABILITY_EPSILON``)."""
    if not (isinstance(value, int | float) and math.isfinite(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"probability must be between 0 and 1, not {value!r}")
    return min(max(float(value), PROBABILITY_EPSILON), 1.0 - PROBABILITY_EPSILON)


def _aware(text: object, field: str) -> datetime.datetime:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{field}: expected a date-time string, got {text!r}")
    raw = text.strip()
    if raw.endswith(" UTC"):
        raw = raw[:-4] + "+00:00"
    try:
        value = datetime.datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{field}: not an ISO date-time: {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _clean_text(text: str) -> str:
    return " ".join(text.split())


# PredictionBook ----------------------------------------------------------------------------


def _predictionbook_entry(index: int, entry: object) -> EntryResult:
    number = entry.get("number") if isinstance(entry, dict) else None
    position = f"entry {index}" + (f" (number {number})" if number is not None else "")

    def refuse(message: str) -> EntryResult:
        return EntryResult(position, "", "", None, None, (), PREDICTIONBOOK, error=message)

    if not isinstance(entry, dict):
        return refuse("expected an object")
    if not isinstance(number, int) or isinstance(number, bool):
        return refuse("number: expected an integer")
    event = entry.get("event")
    if not isinstance(event, str) or not _clean_text(event):
        return refuse("event: expected non-empty text")
    statement = _clean_text(event)[:MAX_CLAIM_LENGTH]
    try:
        known = _aware(entry.get("time_known"), "time_known")
    except ValueError as error:
        return refuse(str(error))
    outcome = {"right": True, "wrong": False}.get(entry.get("outcome"))
    responses = entry.get("responses")
    if not isinstance(responses, list):
        return refuse("responses: expected a list")

    last: dict[str, tuple[datetime.datetime, int, float]] = {}
    for i, response in enumerate(responses):
        if not isinstance(response, dict):
            return refuse(f"responses[{i}]: expected an object")
        actions = response.get("actions")
        if not isinstance(actions, dict) or "credence" not in actions:
            continue  # a comment, a judgement or a deadline change: not a forecast
        credence = actions["credence"]
        if (
            not isinstance(credence, int | float)
            or isinstance(credence, bool)
            or not 0 <= credence <= 100
        ):
            return refuse(f"responses[{i}].actions.credence: expected 0-100, got {credence!r}")
        user = response.get("user")
        if not isinstance(user, str) or not user:
            return refuse(f"responses[{i}].user: expected a name")
        try:
            when = _aware(response.get("time"), f"responses[{i}].time")
        except ValueError as error:
            return refuse(str(error))
        if when >= known:
            continue  # given once the answer was due: hindsight
        # The latest time wins; for equal times the later response in the list does.
        if user not in last or (when, i) >= last[user][:2]:
            last[user] = (when, i, credence / 100)

    records = tuple(
        ForecastRecord(
            external_id=f"predictionbook:{number}:{user}",
            person=user,
            statement=statement,
            made_at=when,
            deadline=known.astimezone(datetime.UTC).date(),
            probability=to_probability(p),
            outcome=outcome,
            source_url=f"https://predictionbook.com/predictions/{number}",
        )
        for user, (when, _, p) in sorted(last.items(), key=lambda item: item[1][:2])
    )
    return EntryResult(
        position=position,
        claim_key=f"predictionbook:{number}",
        statement=statement,
        outcome=outcome,
        resolved_on=known.astimezone(datetime.UTC).date(),
        records=records,
        platform=PREDICTIONBOOK,
    )


def read_predictionbook(data: object) -> Iterator[EntryResult]:
    """The entries of a PredictionBook export already decoded from JSON."""
    if not isinstance(data, list):
        raise ArchiveError("a PredictionBook export must be a JSON list of predictions")
    for index, entry in enumerate(data):
        yield _predictionbook_entry(index, entry)


# CSV -------------------------------------------------------------------------------------------


def _csv_probability(text: str) -> float:
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ValueError(f"probability: not a number: {text!r}") from None
    return to_probability(value)


def _csv_date(text: str, field: str) -> datetime.date | None:
    raw = text.strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{field}: not an ISO date (YYYY-MM-DD): {text!r}") from None


def _csv_made_at(text: str) -> datetime.datetime:
    raw = text.strip()
    if len(raw) == 10:
        # A bare day: noon UTC is that same calendar day in every time zone from -11 to +11.
        day = _csv_date(raw, "made_at")
        return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return _aware(raw, "made_at")


def _csv_row(line: int, row: dict[str, str]) -> EntryResult:
    position = f"line {line}"
    try:
        person = _clean_text(row.get("person") or "")
        if not person:
            raise ValueError("person: empty")
        statement = _clean_text(row.get("statement") or "")[:MAX_CLAIM_LENGTH]
        if not statement:
            raise ValueError("statement: empty")
        made_at = _csv_made_at(row.get("made_at") or "")
        deadline = _csv_date(row.get("deadline") or "", "deadline")
        probability = _csv_probability(row.get("probability") or "")
        raw_outcome = (row.get("outcome") or "").strip().lower()
        if raw_outcome not in ("yes", "no", ""):
            raise ValueError(f"outcome: expected yes, no or empty, got {row.get('outcome')!r}")
        outcome = {"yes": True, "no": False}.get(raw_outcome)
    except ValueError as error:
        return EntryResult(position, "", "", None, None, (), error=str(error))
    identity = "|".join([person.casefold(), statement, made_at.isoformat(), str(deadline)])
    record = ForecastRecord(
        external_id=f"csv:{_digest(identity)}",
        person=person,
        statement=statement,
        made_at=made_at,
        deadline=deadline,
        probability=probability,
        outcome=outcome,
        source_url=(row.get("source_url") or "").strip(),
    )
    return EntryResult(
        position=position,
        claim_key=f"csv:{_digest(statement.casefold())}",
        statement=statement,
        outcome=outcome,
        resolved_on=None,
        records=(record,),
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def read_csv(text: str) -> Iterator[EntryResult]:
    """The rows of a forecast CSV, one ``EntryResult`` (one forecast) per row."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(name.strip().lower() for name in (reader.fieldnames or ()))
    missing = [name for name in CSV_HEADER if name not in header]
    if missing:
        raise ArchiveError(
            f"a forecast CSV needs the header {','.join(CSV_HEADER)} (missing: {', '.join(missing)})"
        )
    reader.fieldnames = list(header)
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        yield _csv_row(reader.line_num, row)


# Files -----------------------------------------------------------------------------------------


def read_forecasts(path: Path | str) -> Iterator[EntryResult]:
    """The entries of a forecast file: a PredictionBook JSON export or a forecast CSV."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ArchiveError(f"{path}: cannot read: {error}") from None
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ArchiveError(f"{path}: not valid JSON: {error}") from None
        yield from read_predictionbook(data)
        return
    if not stripped:
        raise ArchiveError(f"{path}: empty file")
    yield from read_csv(text)
