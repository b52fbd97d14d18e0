"""Resolution: settle a claim and judge every accepted prediction of it at once.

Judgements are append-only; the latest one per prediction counts and is copied onto the
prediction (``outcome``, ``judged_at``, ``brier``, ``log_score``) so that scoring never joins
the log. Every service here locks the claim row and re-reads its state inside the transaction,
so two editors resolving at once cannot both judge (the second sees the first's work), and the
leaderboards are recomputed only after the commit.

The rules themselves live in ``predictions.judging`` (pure); this module only applies them.
Writes are set-based so that a claim with ten thousand predictions resolves in well under a
second: one read, one bulk insert of judgements, and one UPDATE per (outcome, probability).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from archive.errors import ResolutionError
from predictions import judging
from predictions.models import Claim, Event, Judgement, Prediction

PERMISSION = "predictions.resolve_claim"
BATCH_SIZE = 2000

_RESOLVED_STATES = {
    Claim.State.OCCURRED,
    Claim.State.NOT_OCCURRED,
    Claim.State.ANNULLED,
    Claim.State.AMBIGUOUS,
}
_DATED_STATES = {Claim.State.OCCURRED, Claim.State.NOT_OCCURRED}


def check_permission(by) -> None:
    """Refuse ``by`` unless it may resolve claims; None is the system (commands, imports)."""
    if by is not None and not by.has_perm(PERMISSION):
        raise PermissionDenied(f"{by} may not resolve claims (needs {PERMISSION}).")


def _scores(probability: float, outcome: str | None) -> tuple[float | None, float | None]:
    if outcome not in (judging.YES, judging.NO):
        return None, None
    from predictions.scoring import brier, log_score

    came_true = outcome == judging.YES
    return brier(probability, came_true), log_score(probability, came_true)


def _recompute_after_commit() -> None:
    from predictions.tasks import leaderboards_recompute_on_commit

    leaderboards_recompute_on_commit()


def _insert_judgements(
    changes: list[tuple[int, float, str | None]],
    *,
    event: Event | None,
    note: str,
    by,
    now: datetime.datetime,
) -> list[Judgement]:
    """Append the judgements with one INSERT ... SELECT per outcome and batch.

    ``bulk_create`` spends more time building ten thousand model instances and their SQL than
    the database spends storing them; here the rows are copied from the predictions table and
    only the ids come back.
    """
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite before 3.35
        return Judgement.objects.bulk_create(
            [
                Judgement(
                    prediction_id=pk,
                    outcome=outcome or Judgement.Outcome.WITHDRAWN,
                    event=event,
                    note=note,
                    judged_by=by,
                    judged_at=now,
                )
                for pk, _, outcome in changes
            ],
            batch_size=BATCH_SIZE,
        )
    by_outcome: dict[str, list[int]] = defaultdict(list)
    for pk, _, outcome in changes:
        by_outcome[outcome or Judgement.Outcome.WITHDRAWN].append(pk)
    qn = connection.ops.quote_name
    columns = ", ".join(
        qn(c) for c in ("prediction_id", "outcome", "event_id", "note", "judged_by_id", "judged_at")
    )
    judged_at = connection.ops.adapt_datetimefield_value(now)
    event_id = event.pk if event else None
    by_id = by.pk if by else None
    judgements = []
    with connection.cursor() as cursor:
        for outcome, pks in by_outcome.items():
            for start in range(0, len(pks), BATCH_SIZE):
                batch = pks[start : start + BATCH_SIZE]
                # Only quoted identifiers and placeholders are interpolated; values are bound.
                cursor.execute(
                    f"INSERT INTO {qn(Judgement._meta.db_table)} ({columns})"  # noqa: S608
                    f" SELECT {qn('id')}, %s, %s, %s, %s, %s FROM {qn(Prediction._meta.db_table)}"
                    f" WHERE {qn('id')} IN ({', '.join(['%s'] * len(batch))})"
                    f" RETURNING {qn('id')}, {qn('prediction_id')}",
                    [outcome, event_id, note, by_id, judged_at, *batch],
                )
                judgements += [
                    Judgement(
                        id=judgement_id,
                        prediction_id=prediction_id,
                        outcome=outcome,
                        event_id=event_id,
                        note=note,
                        judged_by_id=by_id,
                        judged_at=now,
                    )
                    for judgement_id, prediction_id in cursor.fetchall()
                ]
    return judgements


def _copy_verdicts(changes: list[tuple[int, float, str | None]], *, now: datetime.datetime) -> None:
    """Copy each new verdict and its scores onto its prediction, a batch per UPDATE.

    One ``UPDATE ... FROM (VALUES ...)`` per batch writes rows with different scores at once;
    an UPDATE per distinct (probability, outcome) would need thousands of statements for
    imported records whose probabilities are all different.
    """
    scores: dict[tuple[float, str | None], tuple[float | None, float | None]] = {}
    rows = []
    for pk, probability, outcome in changes:
        key = (probability, outcome)
        if key not in scores:
            scores[key] = _scores(probability, outcome)
        rows.append((pk, outcome, *scores[key]))

    qn = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    # PostgreSQL types a VALUES list from its first row; SQLite must not see these casts.
    first = (
        "(%s::bigint, %s::varchar, %s::double precision, %s::double precision)"
        if postgres
        else "(%s, %s, %s, %s)"
    )
    stamp = "%s::timestamptz" if postgres else "%s"
    moment = connection.ops.adapt_datetimefield_value(now)
    table = qn(Prediction._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            values = ", ".join([first] + ["(%s, %s, %s, %s)"] * (len(batch) - 1))
            # Only quoted identifiers and placeholders are interpolated; values are bound.
            cursor.execute(
                f"WITH v (id, outcome, brier, log_score) AS (VALUES {values})"  # noqa: S608
                f" UPDATE {table} SET {qn('outcome')} = v.outcome,"
                f" {qn('judged_at')} = CASE WHEN v.outcome IS NULL THEN NULL ELSE {stamp} END,"
                f" {qn('brier')} = v.brier, {qn('log_score')} = v.log_score,"
                f" {qn('updated_at')} = {stamp}"
                f" FROM v WHERE {table}.{qn('id')} = v.id",
                [value for row in batch for value in row] + [moment, moment],
            )


def _write(
    changes: list[tuple[int, float, str | None]],
    *,
    event: Event | None,
    note: str,
    by,
    now: datetime.datetime,
) -> list[Judgement]:
    """Append one judgement per ``(prediction id, probability, outcome)`` and copy it over.

    ``outcome`` None means the verdict is withdrawn and the prediction is open again.
    """
    judgements = _insert_judgements(changes, event=event, note=note, by=by, now=now)

    _copy_verdicts(changes, now=now)
    return judgements


def _reconcile(
    predictions: Iterable[tuple[int, float, datetime.date | None, str | None, str, str | None]],
    *,
    claim_states: dict[int, tuple[str, datetime.date | None]] | None = None,
    state: str | None = None,
    on: datetime.date | None = None,
    withdraw: bool = False,
    event: Event | None,
    note: str,
    by,
) -> list[Judgement]:
    """Judge each prediction by the rules and record only the verdicts that change.

    Each row is ``(id, probability, deadline, outcome, claim state, condition claim state)``;
    ``state``/``on`` override the claim's own (the claim being resolved, read under lock).
    """
    changes = []
    for pk, probability, deadline, current, claim_state, condition_state in predictions:
        if withdraw:
            wanted = None
        else:
            wanted = judging.outcome_for(
                state=state if state is not None else claim_state,
                on=on,
                deadline=deadline,
                condition_state=condition_state,
            )
        if wanted != current:
            changes.append((pk, probability, wanted))
    if not changes:
        return []
    return _write(changes, event=event, note=note, by=by, now=timezone.now())


_ROW_FIELDS = ("pk", "probability", "deadline", "outcome", "claim__state", "condition_claim__state")


def _rows_of_claim(claim: Claim):
    return Prediction.objects.accepted().filter(claim=claim).values_list(*_ROW_FIELDS)


def _judge_dependents(claim: Claim, *, event: Event | None, note: str, by) -> list[Judgement]:
    """Re-judge predictions conditioned on ``claim``: a failed condition annuls them."""
    judgements = []
    dependents = (
        Prediction.objects.accepted()
        .filter(condition_claim=claim)
        .exclude(claim=claim)
        .values_list(*_ROW_FIELDS, "claim__resolved_on")
    )
    by_day: dict[datetime.date | None, list] = defaultdict(list)
    for row in dependents:
        by_day[row[-1]].append(row[:-1])
    for day, rows in by_day.items():
        judgements += _reconcile(rows, on=day, event=None, note=note, by=by)
    return judgements


def _lock(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().get(pk=claim.pk)


@transaction.atomic
def claim_resolve(
    *,
    claim: Claim,
    state: str,
    on: datetime.date | None,
    event: Event | None = None,
    note: str = "",
    by,
) -> list[Judgement]:
    """Resolve ``claim`` and judge all its accepted predictions; return the new judgements.

    Resolving a claim again with the same state, day and event changes nothing and returns an
    empty list (so a double click or two editors agreeing never doubles the judgements);
    anything else on a resolved claim is refused: un-resolve it first.
    """
    check_permission(by)
    if state not in _RESOLVED_STATES:
        raise ResolutionError(
            f"state: must be one of {', '.join(sorted(_RESOLVED_STATES))}", field="state"
        )
    if event is not None and on is None and state == Claim.State.OCCURRED:
        on = event.occurred_on
    if state in _DATED_STATES and on is None:
        raise ResolutionError(f"on: a claim that {state.replace('_', ' ')} needs a day", field="on")

    locked = _lock(claim)
    if locked.state != Claim.State.OPEN:
        same = (
            locked.state == state
            and locked.resolved_on == on
            and locked.resolution_event_id == (event.pk if event else None)
        )
        if same:
            _refresh(claim, locked)
            return []
        raise ResolutionError(
            f"claim {locked.pk} is already resolved ({locked.state}"
            f"{f' on {locked.resolved_on}' if locked.resolved_on else ''}); un-resolve it first",
            field="state",
        )

    _write_resolution(locked, state=state, on=on, event=event, note=note, by=by, at=timezone.now())
    judgements = _reconcile(
        _rows_of_claim(locked), state=state, on=on, event=event, note=note, by=by
    )
    judgements += _judge_dependents(locked, event=event, note=note, by=by)
    _refresh(claim, locked)
    _recompute_after_commit()
    return judgements


@transaction.atomic
def claim_unresolve(*, claim: Claim, note: str = "", by) -> list[Judgement]:
    """Open ``claim`` again: withdraw every verdict on its predictions (the log keeps them)."""
    check_permission(by)
    locked = _lock(claim)
    if locked.state == Claim.State.OPEN:
        raise ResolutionError(f"claim {locked.pk} is not resolved", field="state")
    _write_resolution(
        locked, state=Claim.State.OPEN, on=None, event=None, note="", by=None, at=None
    )
    judgements = _reconcile(_rows_of_claim(locked), withdraw=True, event=None, note=note, by=by)
    judgements += _judge_dependents(locked, event=None, note=note, by=by)
    _refresh(claim, locked)
    _recompute_after_commit()
    return judgements


@transaction.atomic
def prediction_judge(
    *,
    prediction: Prediction,
    outcome: str,
    event: Event | None = None,
    note: str = "",
    by,
) -> Judgement:
    """Record one verdict on one accepted prediction (``withdrawn`` opens it again).

    A verdict equal to the prediction's current one is not recorded twice: the latest existing
    judgement is returned instead.
    """
    check_permission(by)
    if outcome not in Judgement.Outcome.values:
        raise ResolutionError(
            f"outcome: must be one of {', '.join(Judgement.Outcome.values)}", field="outcome"
        )
    locked = Prediction.objects.select_for_update().get(pk=prediction.pk)
    if locked.status != Prediction.Status.ACCEPTED:
        raise ResolutionError(
            f"prediction {locked.pk} is {locked.status}; only accepted predictions are judged",
            field="outcome",
        )
    wanted = None if outcome == Judgement.Outcome.WITHDRAWN else outcome
    if wanted == locked.outcome:
        latest = locked.judgements.order_by("-judged_at", "-id").first()
        if latest is not None:
            return latest
        raise ResolutionError(f"prediction {locked.pk} has no verdict to withdraw", field="outcome")
    (judgement,) = _write(
        [(locked.pk, locked.probability, wanted)], event=event, note=note, by=by, now=timezone.now()
    )
    prediction.refresh_from_db(fields=["outcome", "judged_at", "brier", "log_score", "updated_at"])
    _recompute_after_commit()
    return judgement


def claim_judge_moved(*, claim: Claim, prediction_ids: Iterable[int], note: str, by) -> list:
    """Judge predictions that just joined ``claim`` (merge, re-assignment) by its resolution.

    Called inside the caller's transaction, with ``claim`` locked.
    """
    rows = (
        Prediction.objects.accepted().filter(pk__in=list(prediction_ids)).values_list(*_ROW_FIELDS)
    )
    judgements = _reconcile(
        rows,
        state=claim.state,
        on=claim.resolved_on,
        event=claim.resolution_event,
        note=note,
        by=by,
    )
    if judgements:
        _recompute_after_commit()
    return judgements


def _refresh(claim: Claim, locked: Claim) -> None:
    """Copy the locked row's resolution onto the caller's instance."""
    for field in (
        "state",
        "resolved_on",
        "resolution_event_id",
        "resolution_note",
        "resolved_by_id",
        "resolved_at",
    ):
        setattr(claim, field, getattr(locked, field))
    if "resolution_event" in claim._state.fields_cache:
        claim._state.fields_cache.pop("resolution_event")


def _write_resolution(claim: Claim, *, state, on, event, note: str, by, at) -> None:
    """Set (or clear) the claim's resolution: its state, day, evidence, note, who and when."""
    claim.state, claim.resolved_on, claim.resolution_event = state, on, event
    claim.resolution_note, claim.resolved_by, claim.resolved_at = note, by, at
    claim.save(
        update_fields=[
            "state",
            "resolved_on",
            "resolution_event",
            "resolution_note",
            "resolved_by",
            "resolved_at",
        ]
    )
