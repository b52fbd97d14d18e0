"""Bring in forecast records that already carry probabilities and outcomes (``import_forecasts``).

Reading and validating is pure (``predictions.importers.forecasts``); this module writes:

- people: a PredictionBook handle means nothing outside PredictionBook, so PredictionBook users
  become forecasters scoped to an outlet "PredictionBook" (kind "forecasting"), exactly like a
  blog's commenters are scoped to the blog; people named in a CSV are global (an existing person
  of that name or alias, else a new global forecaster), since a CSV is how someone brings their
  own, real-name track record;
- one claim per PredictionBook entry (per distinct statement in a CSV), and one accepted
  prediction per forecast, with ``source="imported"``, no article, the statement as its quote
  and a stable ``external_id`` (``predictionbook:<number>:<user>``, ``csv:<digest>``): running
  the same file again adds nothing;
- outcomes through the resolution service, the archive's one way to judge: a PredictionBook
  claim is resolved as occurred (right) or not occurred (wrong) on the day it was due, which
  judges all its predictions at once; a CSV row carries its own outcome, so its prediction is
  judged on its own.

Each file is one transaction and each entry a savepoint inside it: a bad entry is reported with
its position and skipped, never half-written. The boards are recomputed once at the end rather
than after each of the (possibly thousands of) resolutions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from archive.errors import ArchiveError
from archive.models import Outlet, Person
from archive.permissions import Actor, permission_require
from archive.services.people import outlet_get_or_create, people_get_or_create
from predictions.importers.forecasts import (
    PREDICTIONBOOK,
    EntryResult,
    ForecastRecord,
    read_forecasts,
)
from predictions.models import Claim, Prediction
from predictions.services.board_changes import leaderboards_note_added
from predictions.services.resolution import PERMISSION as RESOLVE_PERMISSION
from predictions.services.resolution import (
    claim_judge_moved,
    claim_resolve,
    prediction_judge,
)
from predictions.services.scores import leaderboards_deferred, leaderboards_update

_PLATFORM_HOMEPAGES = {PREDICTIONBOOK: "https://predictionbook.com/"}
_CHUNK = 500


@dataclass
class ForecastImportResult:
    path: str
    entries: int = 0
    claims_created: int = 0
    predictions_created: int = 0
    duplicates: int = 0
    judged: int = 0
    skipped: int = 0  # entries with no forecast in them (nobody gave a credence in time)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.path}: {self.entries} entries, {self.claims_created} claims and "
            f"{self.predictions_created} predictions created, {self.judged} judged, "
            f"{self.duplicates} already present, {self.skipped} without a forecast, "
            f"{len(self.errors)} failed."
        )


def _platform_outlet(name: str) -> Outlet:
    return outlet_get_or_create(
        name=name, kind=Outlet.Kind.FORECASTING, homepage=_PLATFORM_HOMEPAGES.get(name, "")
    )


def _people(names: Iterable[str], *, outlet: Outlet | None) -> dict[str, int]:
    """Person ids by lower-cased name: found, or created as forecasters (the people service)."""
    names = list(names)
    people = people_get_or_create(
        names=[name[:200] for name in names], outlet=outlet, kind=Person.Kind.FORECASTER
    )
    return {name.lower(): people[name[:200].casefold()].pk for name in names}


def _existing(records: list[ForecastRecord]) -> dict[str, int | None]:
    """Claim ids of the records already imported, by external id."""
    ids = [r.external_id for r in records]
    existing: dict[str, int | None] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = Prediction.objects.filter(external_id__in=ids[start : start + _CHUNK])
        existing.update(
            (external_id, claim_id)
            for external_id, claim_id in rows.values_list("external_id", "claim_id")
            if external_id is not None
        )
    return existing


class _Writer:
    def __init__(
        self, entries: list[EntryResult], *, by: Actor, result: ForecastImportResult
    ) -> None:
        self.by = by
        self.result = result
        self.now = timezone.now()
        records = [r for e in entries for r in e.records]
        self.existing = _existing(records)
        self.people: dict[str | None, dict[str, int]] = {}
        for platform in {e.platform for e in entries}:
            outlet = _platform_outlet(platform) if platform else None
            names = {r.person for e in entries if e.platform == platform for r in e.records}
            self.people[platform] = _people(names, outlet=outlet)
        self.claims: dict[str, int] = {}  # claim key -> id, for CSV rows sharing a statement

    # State to go back to when a transaction or savepoint rolls back.

    def checkpoint(self) -> tuple:
        r = self.result
        counts = (r.claims_created, r.predictions_created, r.duplicates, r.judged)
        return counts, dict(self.existing), dict(self.claims)

    def restore(self, saved: tuple) -> None:
        counts, self.existing, self.claims = saved
        r = self.result
        r.claims_created, r.predictions_created, r.duplicates, r.judged = counts

    # Writing.

    def _new_records(self, entry: EntryResult) -> list[ForecastRecord]:
        new = []
        for r in entry.records:
            if r.external_id in self.existing:
                self.result.duplicates += 1
            else:
                self.existing[r.external_id] = None  # taken, also for later rows of this file
                new.append(r)
        return new

    def _known_claim(self, entry: EntryResult) -> int | None:
        return self.claims.get(entry.claim_key) or next(
            (
                self.existing[r.external_id]
                for r in entry.records
                if self.existing.get(r.external_id)
            ),
            None,
        )

    def _new_claim(self, entry: EntryResult) -> Claim:
        source = entry.platform or "a forecast file"
        return Claim(
            text=entry.statement, description=f"Imported from {source} ({entry.claim_key})."
        )

    def _prediction(self, r: ForecastRecord, entry: EntryResult, claim: Claim) -> Prediction:
        return Prediction(
            article=None,
            comment=None,
            quote=r.statement,
            start=0,
            end=len(r.statement),
            speaker_id=self.people[entry.platform][r.person.lower()],
            speaker_name=r.person[:200],
            speaker_role=Prediction.Role.AUTHOR,
            claim=claim,
            claim_text=r.statement,
            polarity=Prediction.Polarity.POSITIVE,
            probability=r.probability,
            hedge=f"{r.probability:.0%}",
            made_at=r.made_at,
            deadline=r.deadline,
            deadline_kind=Prediction.DeadlineKind.DATE
            if r.deadline
            else Prediction.DeadlineKind.NONE,
            status=Prediction.Status.ACCEPTED,
            source=Prediction.Source.IMPORTED,
            reviewed_by=self.by,
            reviewed_at=self.now,
            review_note=r.source_url,
            external_id=r.external_id,
        )

    def write_all(self, entries: list[EntryResult], progress: Callable[[int], None]) -> None:
        """Write every entry with one insert of claims and one of predictions, then judge."""
        plans: list[tuple[EntryResult, list[ForecastRecord], int | None]] = []
        fresh: dict[str, Claim] = {}
        for entry in entries:
            known = self._known_claim(entry)
            new = self._new_records(entry)
            if not new:
                continue
            if known is None and entry.claim_key not in fresh:
                fresh[entry.claim_key] = self._new_claim(entry)
            plans.append((entry, new, known))
        Claim.objects.bulk_create(fresh.values(), batch_size=_CHUNK)
        self.result.claims_created += len(fresh)
        self.claims.update({key: claim.pk for key, claim in fresh.items()})
        old = Claim.objects.select_for_update().in_bulk(
            {known for _, _, known in plans if known is not None}
        )

        claims = [fresh[e.claim_key] if known is None else old[known] for e, _, known in plans]
        predictions = Prediction.objects.bulk_create(
            [
                self._prediction(r, e, c)
                for (e, new, _), c in zip(plans, claims, strict=True)
                for r in new
            ],
            batch_size=_CHUNK,
        )
        leaderboards_note_added(p.pk for p in predictions)
        self.result.predictions_created += len(predictions)
        at = 0
        for (entry, new, _), claim in zip(plans, claims, strict=True):
            mine = predictions[at : at + len(new)]
            at += len(new)
            for r in new:
                self.existing[r.external_id] = claim.pk
            self._judge(entry, claim, mine, new)
            progress(1)

    def write(self, entry: EntryResult) -> None:
        """Write one entry (the careful path, inside a savepoint of its own)."""
        known = self._known_claim(entry)
        new = self._new_records(entry)
        if not new:
            return
        if known is not None:
            claim = Claim.objects.select_for_update().get(pk=known)
        else:
            claim = self._new_claim(entry)
            claim.save()
            self.claims[entry.claim_key] = claim.pk
            self.result.claims_created += 1
        predictions = Prediction.objects.bulk_create(
            [self._prediction(r, entry, claim) for r in new]
        )
        leaderboards_note_added(p.pk for p in predictions)
        self.result.predictions_created += len(predictions)
        for r in new:
            self.existing[r.external_id] = claim.pk
        self._judge(entry, claim, predictions, new)

    def _judge(
        self,
        entry: EntryResult,
        claim: Claim,
        predictions: list[Prediction],
        records: list[ForecastRecord],
    ) -> None:
        note = f"Outcome recorded in the imported file ({entry.claim_key})."
        if entry.platform is not None:
            if entry.outcome is None:
                return
            if claim.state == Claim.State.OPEN:
                state = Claim.State.OCCURRED if entry.outcome else Claim.State.NOT_OCCURRED
                judgements = claim_resolve(
                    claim=claim, state=state, on=entry.resolved_on, note=note, by=self.by
                )
            else:  # a later run added forecasts to a claim resolved before
                judgements = claim_judge_moved(
                    claim=claim, prediction_ids=[p.pk for p in predictions], note=note, by=self.by
                )
            self.result.judged += len(judgements)
            return
        for prediction, record in zip(predictions, records, strict=True):
            if record.outcome is not None:
                outcome = Prediction.Outcome.YES if record.outcome else Prediction.Outcome.NO
                prediction_judge(prediction=prediction, outcome=outcome, note=note, by=self.by)
                self.result.judged += 1


def forecasts_import(
    *,
    path: Path | str,
    by: Actor = None,
    progress: Callable[[int, int], None] | None = None,
) -> ForecastImportResult:
    """Import one forecast file (PredictionBook JSON export or forecast CSV).

    Raises ``ArchiveError`` when the file cannot be read as either format; entries that cannot
    be imported are listed in the result's ``errors`` (``"entry 3 (number 2721): reason"``).
    ``progress(done, total)`` is called as entries are written.

    All entries are first written together (one insert of claims, one of predictions, then one
    resolution per claim); if the database refuses anything, that attempt is rolled back and
    the entries are written again one by one, each in a savepoint, so that only the bad ones
    are skipped.
    """
    permission_require(by, RESOLVE_PERMISSION, to="resolve claims")
    result = ForecastImportResult(path=str(path))
    entries = list(read_forecasts(path))
    result.entries = len(entries)
    good = []
    for entry in entries:
        if entry.error:
            result.errors.append(f"{entry.position}: {entry.error}")
        elif not entry.records:
            result.skipped += 1
        else:
            good.append(entry)
    done = len(entries) - len(good)

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(entries))

    with leaderboards_deferred():
        with transaction.atomic():
            writer = _Writer(good, by=by, result=result)
            saved = writer.checkpoint()
            try:
                with transaction.atomic():
                    writer.write_all(good, advance)
            except (ArchiveError, DatabaseError):
                writer.restore(saved)
                done = len(entries) - len(good)
                for entry in good:
                    saved = writer.checkpoint()
                    try:
                        with transaction.atomic():
                            writer.write(entry)
                    except (ArchiveError, DatabaseError) as error:
                        writer.restore(saved)
                        result.errors.append(f"{entry.position}: {error}")
                    advance(1)
        if result.predictions_created:
            # Also covers callers whose transaction is still open (tests): the changes'
            # own after-commit requests then never fire.
            leaderboards_update()
    return result
