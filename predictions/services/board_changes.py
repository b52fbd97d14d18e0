"""What predictions add to the stored board rows, and the record of a change to them.

A prediction adds to the rows of its speaker and of its outlet (the article's outlet, or for an
imported record with no article the platform its speaker is scoped to): the all-time row and the
row of its statement's year, and the all-time row of each tag of its claim. Resolved predictions
(a yes or no verdict with a score) add their scores (``predictions.scoring.RowSums``), accepted
open ones add to ``pending``; the rest add nothing.

A service that changes what predictions add (a verdict, a speaker, a date, an acceptance) reads
their contributions before and after the change inside its own transaction, with the
predictions locked, and stores the difference as one ``LeaderboardChange``
(``leaderboards_track``, or ``leaderboards_note_verdicts`` when only verdicts change, which
saves the second read). That difference is exact: the sums are integers, the change row commits
or rolls back with the change itself, and the rebuild reads contributions through the same
``contributions`` code, so the rows an update leaves and the rows a rebuild leaves are sums of
the same integers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear

from predictions import judging
from predictions.models import Claim, LeaderboardChange, Prediction
from predictions.scoring import RowSums

ALL = "all"
PERSON, OUTLET = "person", "outlet"
BATCH_SIZE = 2000
# (scope, subject id, period, tag id) of one stored row
Key = tuple[str, int, str, int | None]
Board = tuple[str, str, int | None]  # scope, period, tag id
_COLUMNS = ("pk", "speaker_id", "board_outlet", "board_year", "claim_id", "probability", "status")
_VERDICT = ("outcome", "brier", "log_score")


def board_of(key: Key) -> Board:
    return (key[0], key[2], key[3])


def _placed(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        board_outlet=Coalesce(F("article__outlet_id"), F("speaker__outlet_id")),
        board_year=ExtractYear("made_at"),
    ).order_by()


def _counted() -> Q:
    """The predictions that add something: resolved ones, and accepted open ones."""
    return Q(outcome__in=judging.SCORED_OUTCOMES, brier__isnull=False) | Q(
        status=Prediction.Status.ACCEPTED, outcome__isnull=True
    )


def _unit(status: str, probability: float, outcome, brier, log) -> RowSums | None:
    if outcome in judging.SCORED_OUTCOMES and brier is not None:
        return RowSums.of_prediction(
            probability=probability, outcome=outcome, brier=brier, log=log or 0.0
        )
    if status == Prediction.Status.ACCEPTED and outcome is None:
        return RowSums(pending=1)
    return None


def _keys(person, outlet, year, tags: Iterable[int]) -> Iterator[Key]:
    for scope, subject in ((PERSON, person), (OUTLET, outlet)):
        if subject is None:
            continue
        if year is not None:
            yield (scope, subject, str(year), None)
            yield (scope, subject, ALL, None)
        for tag in tags:
            yield (scope, subject, ALL, tag)


def _tags_of(claims: Iterable[int] | None) -> dict[int, list[int]]:
    """Each claim's tag ids (every claim's when ``claims`` is None)."""
    through = Claim.tags.through.objects.order_by()
    tags: dict[int, list[int]] = defaultdict(list)
    if claims is None:
        rows: Iterable[tuple[int, int]] = through.values_list("claim_id", "tag_id").iterator(
            chunk_size=BATCH_SIZE
        )
        for claim, tag in rows:
            tags[claim].append(tag)
        return tags
    ids = sorted(set(claims))
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        for claim, tag in through.filter(claim_id__in=chunk).values_list("claim_id", "tag_id"):
            tags[claim].append(tag)
    return tags


def _add(totals: dict[Key, RowSums], keys: Iterable[Key], unit: RowSums, sign: int = 1) -> None:
    for key in keys:
        mine = totals.get(key)
        if mine is None:
            mine = totals[key] = RowSums()
        mine.add(unit, sign)


def contributions_all() -> dict[Key, RowSums]:
    """Every row's sums from every prediction: what a rebuild stores."""
    tags = _tags_of(None)
    totals: dict[Key, RowSums] = {}
    rows = _placed(Prediction.objects.filter(_counted())).values_list(*_COLUMNS, *_VERDICT)
    for _, person, outlet, year, claim, probability, status, outcome, brier, log in rows.iterator(
        chunk_size=BATCH_SIZE
    ):
        unit = _unit(status, probability, outcome, brier, log)
        if unit is not None:
            _add(totals, _keys(person, outlet, year, tags.get(claim, ())), unit)
    return totals


def contributions_of(scope: str, subjects: Iterable[int]) -> dict[Key, RowSums]:
    """The sums of every row of these people (or outlets), from their predictions."""
    ids = sorted(set(subjects))
    totals: dict[Key, RowSums] = {}
    column = "speaker_id" if scope == PERSON else "board_outlet"
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        qs = _placed(Prediction.objects.filter(_counted())).filter(**{f"{column}__in": chunk})
        rows = list(qs.values_list(*_COLUMNS, *_VERDICT))
        tags = _tags_of(row[4] for row in rows if row[4] is not None)
        for _, person, outlet, year, claim, probability, status, outcome, brier, log in rows:
            unit = _unit(status, probability, outcome, brier, log)
            if unit is not None:
                keys = _keys(person, outlet, year, tags.get(claim, ()))
                _add(totals, (k for k in keys if k[0] == scope), unit)
    return totals


def _placements(ids: list[int]) -> list[tuple]:
    rows: list[tuple] = []
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        qs = _placed(Prediction.objects.filter(pk__in=chunk))
        rows += qs.values_list(*_COLUMNS, *_VERDICT)
    return rows


def _contributions(ids: list[int], totals: dict[Key, RowSums], sign: int) -> None:
    rows = _placements(ids)
    tags = _tags_of(row[4] for row in rows if row[4] is not None)
    for _, person, outlet, year, claim, probability, status, outcome, brier, log in rows:
        unit = _unit(status, probability, outcome, brier, log)
        if unit is not None:
            _add(totals, _keys(person, outlet, year, tags.get(claim, ())), unit, sign)


def _record(delta: dict[Key, RowSums]) -> bool:
    """Store the non-zero part of ``delta`` as one change and ask for the update after commit;
    return whether there was any."""
    rows = [
        [*key, sums.as_list()]
        for key, sums in sorted(delta.items(), key=_order)
        if not sums.is_zero()
    ]
    if rows:
        LeaderboardChange.objects.create(delta=rows)
        # The update lives with the rest of the board writes, which import this module.
        from predictions.services.scores import leaderboards_recompute_after_commit

        leaderboards_recompute_after_commit()
    return bool(rows)


def _order(item: tuple[Key, RowSums]) -> tuple:
    scope, subject, period, tag = item[0]
    return (scope, subject, period, -1 if tag is None else tag)


@contextmanager
def leaderboards_track(prediction_ids: Iterable[int]) -> Iterator[None]:
    """Record how the change made inside the block moves the board rows of these predictions.

    Call it inside the change's transaction with the predictions locked (or otherwise kept from
    changing under it), around the writes. When the change moves anything, the boards are
    updated once the transaction commits.
    """
    ids = sorted(set(prediction_ids))
    delta: dict[Key, RowSums] = {}
    _contributions(ids, delta, -1)
    yield
    _contributions(ids, delta, +1)
    _record(delta)


def leaderboards_note_added(prediction_ids: Iterable[int]) -> bool:
    """Record what predictions just created in this transaction add to the boards."""
    delta: dict[Key, RowSums] = {}
    _contributions(sorted(set(prediction_ids)), delta, +1)
    return _record(delta)


def leaderboards_note_verdicts(
    verdicts: Iterable[tuple[int, str | None, float | None, float | None]],
) -> bool:
    """Record the change of verdicts about to be written: ``(prediction id, outcome, brier,
    log score)`` each, exactly the values the caller then stores. Call it before writing them,
    with the predictions locked; their speaker, outlet, year and claim do not change.

    One read of the predictions as they stand, where ``leaderboards_track`` needs two.
    """
    new = {pk: (outcome, brier, log) for pk, outcome, brier, log in verdicts}
    rows = _placements(sorted(new))
    tags = _tags_of(row[4] for row in rows if row[4] is not None)
    delta: dict[Key, RowSums] = {}
    for pk, person, outlet, year, claim, probability, status, outcome, brier, log in rows:
        keys = list(_keys(person, outlet, year, tags.get(claim, ())))
        before = _unit(status, probability, outcome, brier, log)
        after = _unit(status, probability, *new[pk])
        if before is not None:
            _add(delta, keys, before, -1)
        if after is not None:
            _add(delta, keys, after, +1)
    return _record(delta)
