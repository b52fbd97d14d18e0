"""Resolution: settle a claim and judge every accepted prediction of it at once.

Judgements are append-only; the latest one per prediction counts and is copied onto the
prediction (``outcome``, ``judged_at``, ``brier``, ``log_score``) so that scoring never joins
the log. Every service here locks the claim row and re-reads its state inside the transaction,
so two editors resolving at once cannot both judge (the second sees the first's work). The
verdicts' difference to the leaderboard rows is stored in the same transaction
(``board_changes.leaderboards_note_verdicts``, one read of the predictions) and added to the rows
only after the commit.

The rules themselves live in ``predictions.judging`` (pure); this module only applies them.
Writes are set-based so that a claim with ten thousand predictions resolves in well under a
second: one read, one bulk insert of judgements, and one UPDATE per (outcome, probability).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from archive.importers.documents import check_year
from archive.permissions import Actor, permission_require
from predictions import judging
from predictions.deadlines import effective_deadline
from predictions.errors import ResolutionError
from predictions.models import Claim, ClaimResolution, Event, Judgement, Prediction
from predictions.scoring import brier, log_score
from predictions.services.board_changes import leaderboards_note_verdicts

PERMISSION = "predictions.resolve_claim"
BATCH_SIZE = 2000

_RESOLVED_STATES = {
    Claim.State.OCCURRED,
    Claim.State.NOT_OCCURRED,
    Claim.State.ANNULLED,
    Claim.State.AMBIGUOUS,
}
_DATED_STATES = {Claim.State.OCCURRED, Claim.State.NOT_OCCURRED}


def _scores(probability: float, outcome: str | None) -> tuple[float | None, float | None]:
    if outcome not in (judging.YES, judging.NO):
        return None, None

    came_true = outcome == judging.YES
    return brier(probability, came_true), log_score(probability, came_true)


def _insert_judgements(
    changes: list[tuple[int, float, str | None]],
    *,
    event: Event | None,
    note: str,
    by: Actor,
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
    by: Actor,
    now: datetime.datetime,
) -> list[Judgement]:
    """Append one judgement per ``(prediction id, probability, outcome)`` and copy it over.

    ``outcome`` None means the verdict is withdrawn and the prediction is open again. The
    difference to the board rows is recorded in the same transaction (the predictions are
    locked by the caller), and the boards are updated once it commits.
    """
    leaderboards_note_verdicts(
        [(pk, outcome, *_scores(probability, outcome)) for pk, probability, outcome in changes]
    )
    judgements = _insert_judgements(changes, event=event, note=note, by=by, now=now)

    _copy_verdicts(changes, now=now)
    return judgements


def _reconcile(
    predictions: Iterable[
        tuple[int, float, datetime.date | None, datetime.datetime, str | None, str, str | None]
    ],
    *,
    state: str | None = None,
    on: datetime.date | None = None,
    withdraw: bool = False,
    event: Event | None,
    note: str,
    by: Actor,
) -> list[Judgement]:
    """Judge each prediction by the rules and record only the verdicts that change.

    Each row is ``(id, probability, deadline, made_at, outcome, claim state, condition claim
    state)``; ``state``/``on`` override the claim's own (the claim being resolved, read under
    lock). A forecast is judged by its effective deadline (``predictions.deadlines``).
    """
    changes = []
    for pk, probability, deadline, made_at, current, claim_state, condition_state in predictions:
        if withdraw:
            wanted = None
        else:
            wanted = judging.outcome_for(
                state=state if state is not None else claim_state,
                on=on,
                deadline=effective_deadline(deadline, made_at),
                condition_state=condition_state,
            )
        if wanted != current:
            changes.append((pk, probability, wanted))
    if not changes:
        return []
    return _write(changes, event=event, note=note, by=by, now=timezone.now())


_ROW_FIELDS = (
    "pk",
    "probability",
    "deadline",
    "made_at",
    "outcome",
    "claim__state",
    "condition_claim__state",
)


def _locked_rows(predictions):
    """The judging rows of ``predictions``, each locked until the transaction ends.

    A verdict is only as good as the deadline, ``made_at`` and probability it was computed
    from: the lock makes a correction committed meanwhile wait, or be seen, never be lost. Only
    the predictions are locked, not the claims joined for their states.
    """
    return predictions.select_for_update(of=("self",)).values_list(*_ROW_FIELDS)


def _rows_of_claim(claim: Claim):
    return _locked_rows(Prediction.objects.accepted().filter(claim=claim))


def _judge_dependents(claim: Claim, *, note: str, by: Actor) -> list[Judgement]:
    """Re-judge predictions conditioned on ``claim``: a failed condition annuls them."""
    judgements = []
    dependents = (
        Prediction.objects.accepted()
        .filter(condition_claim=claim)
        .exclude(claim=claim)
        .select_for_update(of=("self",))
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
    by: Actor,
) -> list[Judgement]:
    """Resolve ``claim`` and judge all its accepted predictions; return the new judgements.

    Resolving a claim again with the same state, day and event changes nothing and returns an
    empty list (so a double click or two editors agreeing never doubles the judgements);
    anything else on a resolved claim is refused: un-resolve it first.
    """
    permission_require(by, PERMISSION, to="resolve claims")
    if state not in _RESOLVED_STATES:
        raise ResolutionError(
            f"state: must be one of {', '.join(sorted(_RESOLVED_STATES))}", field="state"
        )
    if event is not None and on is None and state == Claim.State.OCCURRED:
        on = event.occurred_on
    if state in _DATED_STATES and on is None:
        raise ResolutionError(f"on: a claim that {state.replace('_', ' ')} needs a day", field="on")
    if on is not None:
        check_year(on, "on")

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
    _record_resolution(locked, state=state, on=on, event=event, note=note, by=by)
    judgements = _reconcile(
        _rows_of_claim(locked), state=state, on=on, event=event, note=note, by=by
    )
    judgements += _judge_dependents(locked, note=note, by=by)
    _refresh(claim, locked)
    return judgements


@transaction.atomic
def claim_unresolve(*, claim: Claim, note: str = "", by: Actor) -> list[Judgement]:
    """Open ``claim`` again: withdraw every verdict on its predictions (the log keeps them)."""
    permission_require(by, PERMISSION, to="resolve claims")
    locked = _lock(claim)
    if locked.state == Claim.State.OPEN:
        raise ResolutionError(f"claim {locked.pk} is not resolved", field="state")
    _write_resolution(
        locked, state=Claim.State.OPEN, on=None, event=None, note="", by=None, at=None
    )
    _record_resolution(locked, state=Claim.State.OPEN, on=None, event=None, note=note, by=by)
    judgements = _reconcile(_rows_of_claim(locked), withdraw=True, event=None, note=note, by=by)
    judgements += _judge_dependents(locked, note=note, by=by)
    _refresh(claim, locked)
    return judgements


@transaction.atomic
def prediction_judge(
    *,
    prediction: Prediction,
    outcome: str,
    event: Event | None = None,
    note: str = "",
    by: Actor,
) -> Judgement:
    """Record one verdict on one accepted prediction (``withdrawn`` opens it again).

    A verdict equal to the prediction's current one is not recorded twice: the latest existing
    judgement is returned instead.
    """
    permission_require(by, PERMISSION, to="resolve claims")
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
    return judgement


def claim_judge_moved(*, claim: Claim, prediction_ids: Iterable[int], note: str, by: Actor) -> list:
    """Judge predictions that just joined ``claim`` (merge, re-assignment) by its resolution.

    Called inside the caller's transaction, with ``claim`` locked. Also what accepting into a
    resolved claim and correcting a judged prediction use: the verdict is the claim's rule
    applied to the prediction as it now stands.
    """
    rows = _locked_rows(Prediction.objects.accepted().filter(pk__in=list(prediction_ids)))
    judgements = _reconcile(
        rows,
        state=claim.state,
        on=claim.resolved_on,
        event=claim.resolution_event,
        note=note,
        by=by,
    )
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
    # The event the caller's instance may hold is the old one: read it again when asked for.
    evidence = Claim._meta.get_field("resolution_event")
    if evidence.is_cached(claim):
        evidence.delete_cached_value(claim)


def _record_resolution(claim: Claim, *, state, on, event, note: str, by: Actor) -> None:
    """Append the change to the claim's history: its own fields keep only the latest state."""
    ClaimResolution.objects.create(
        claim=claim, state=state, resolved_on=on, event=event, note=note, changed_by=by
    )


def _write_resolution(claim: Claim, *, state, on, event, note: str, by: Actor, at) -> None:
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
