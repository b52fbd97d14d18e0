"""Keep the stored leaderboard rows up to date with the scored predictions.

Boards are read far more often than predictions are judged, so every board is stored as
``LeaderboardEntry`` rows (by person and by outlet; for all time, per year of the statements, and
per tag of the claim), and reading a board is an indexed query whatever the size of the archive.

Each row stores exact integer sums (``predictions.scoring.RowSums``); its means, interval and
calibration are computed from them. A change to some predictions (a resolution, an un-resolution,
one verdict, a corrected speaker or date, an acceptance) stores its difference to those sums as a
``LeaderboardChange`` in its own transaction (``predictions.services.board_changes``). After it
commits, ``leaderboards_update`` adds the waiting changes to the rows they name, writes only those
rows, and deletes the changes, in one transaction. The cost is that of the rows the change
touched, not of the subjects' histories: an outlet with half a million predictions costs the same
as a person with ten.

Adjusted scores use each board's stored prior and ranks are not stored
(``predictions.services.board_priors``), so an update writes no row it did not change.

``leaderboards_recompute`` (``manage.py leaderboard --rebuild``) rebuilds every row and prior from
the predictions. What "equal" means: after any sequence of changes and updates, every row's sums
and everything computed from them equal a rebuild's exactly, and so do the adjusted scores and
ranks of a rebuild that keeps the stored priors (``keep_priors=True``); refreshing every prior
(``leaderboards_refresh(tolerance=0)``) makes them equal to a plain rebuild's. Between refreshes a
prior is within ``ARCHIVE_PRIOR_TOLERANCE`` of its board's mean once the refresh queued after the
update has run (``predictions.tasks.refresh_leaderboard_priors``).
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import JSONField, Q
from django.utils import timezone

from archive.models import Outlet, Person
from predictions.models import LeaderboardChange, LeaderboardEntry, LeaderboardPrior
from predictions.scoring import DEFAULT_PRIOR_WEIGHT, SCALE, RowSums, shrunk_total
from predictions.services.board_changes import (
    OUTLET,
    PERSON,
    Board,
    Key,
    board_of,
    contributions_all,
    contributions_of,
)
from predictions.services.board_priors import board_mean, board_refresh, priors_drifted

BATCH_SIZE = 2000
# Any constant will do: it only has to be the same for every process writing the boards.
_ADVISORY_LOCK_KEY = 0x5C0BE5

_deferral = threading.local()
logger = logging.getLogger(__name__)


def _names(keys) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for scope, model in ((OUTLET, Outlet), (PERSON, Person)):
        subjects = sorted({subject for s, subject, _, _ in keys if s == scope})
        for start in range(0, len(subjects), BATCH_SIZE):
            chunk = subjects[start : start + BATCH_SIZE]
            for pk, name in model.objects.filter(pk__in=chunk).values_list("pk", "name"):
                names[(scope, pk)] = name[:200]
    return names


def _entry(key: Key, sums: RowSums, *, name: str, prior: float | None, now) -> dict:
    """The stored row for ``key`` (its columns), adjusted with its board's ``prior``."""
    scope, subject, period, tag = key
    interval = sums.interval()
    adjusted = None
    if sums.resolved and prior is not None:
        adjusted = shrunk_total(
            n=sums.resolved, total=sums.brier / SCALE, prior=prior, weight=DEFAULT_PRIOR_WEIGHT
        )
    return {
        "scope": scope,
        "person_id": subject if scope == PERSON else None,
        "outlet_id": subject if scope == OUTLET else None,
        "tag_id": tag,
        "period": period,
        "name": name,
        "resolved": sums.resolved,
        "correct": sums.correct,
        "pending": sums.pending,
        "brier": sums.mean_brier(),
        "log_score": sums.mean_log(),
        "brier_low": interval.low if interval else None,
        "brier_high": interval.high if interval else None,
        "adjusted_brier": adjusted,
        "calibration": [b.as_dict() for b in sums.calibration()],
        "sum_brier": sums.brier,
        "sum_brier_sq": sums.brier_sq,
        "sum_log": sums.log,
        "bin_sums": sums.bins_as_dict(),
        "computed_at": now,
    }


def _insert(entries: list[dict]) -> None:
    """Store new rows (``_entry``'s columns): with COPY on PostgreSQL, where building model
    instances and a multi-row INSERT's parameters costs more than the database's work (over a
    second for 4,000 rows); ``bulk_create`` elsewhere."""
    if connection.vendor != "postgresql":
        LeaderboardEntry.objects.bulk_create(
            (LeaderboardEntry(**entry) for entry in entries), batch_size=BATCH_SIZE
        )
        return
    from psycopg.types.json import Jsonb

    fields = [f for f in LeaderboardEntry._meta.concrete_fields if not f.primary_key]
    json = [isinstance(f, JSONField) for f in fields]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.attname) for f in fields)
    sql = f"COPY {qn(LeaderboardEntry._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for entry in entries:
            values = [entry[f.attname] for f in fields]
            copy.write_row([Jsonb(v) if j else v for v, j in zip(values, json, strict=True)])


def _serialise() -> None:
    """Make board writers take turns (SQLite already allows one writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


@contextmanager
def _snapshot() -> Iterator[None]:
    """A transaction whose reads all see one moment of the database, taking turns with others.

    On PostgreSQL, outside any transaction, the turn is a session lock taken before the
    transaction starts, and the transaction is REPEATABLE READ: its snapshot is taken after the
    previous writer has committed, so the changes it reads (and deletes) are exactly the ones
    its reads of the predictions include. Inside a caller's transaction the isolation level
    cannot change any more, and a change committed by another process between two of its
    queries could be missed or counted twice: run the rebuild outside a transaction.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with transaction.atomic():
            _serialise()
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_ADVISORY_LOCK_KEY])
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_LOCK_KEY])


def _tag_q(tag: int | None) -> Q:
    return Q(tag__isnull=True) if tag is None else Q(tag_id=tag)


def leaderboards_recompute(*, keep_priors: bool = False) -> int:
    """Rewrite every stored leaderboard row and prior from the predictions; return how many rows.

    The repair for anything: ``manage.py leaderboard --rebuild`` runs it. The priors become the
    boards' means, or with ``keep_priors`` stay what they were for boards that had one (the
    rebuild an incremental update is compared with). Inside ``leaderboards_deferred()`` this
    only notes that a rebuild is wanted.
    """
    if getattr(_deferral, "depth", 0):
        _deferral.full = True
        return 0
    with _snapshot():
        totals = {key: sums for key, sums in contributions_all().items() if not sums.is_zero()}
        old = {}
        if keep_priors:
            old = {(p.scope, p.period, p.tag_id): p.prior for p in LeaderboardPrior.objects.all()}
        boards: dict[Board, list[int]] = {}
        for key, sums in totals.items():
            board = boards.setdefault(board_of(key), [0, 0])
            board[0] += sums.resolved
            board[1] += sums.brier
        now = timezone.now()
        priors = []
        for (scope, period, tag), (resolved, sum_brier) in boards.items():
            mean = board_mean(resolved, sum_brier)
            if mean is not None:
                prior = old.get((scope, period, tag), mean)
                priors.append(
                    LeaderboardPrior(
                        scope=scope,
                        period=period,
                        tag_id=tag,
                        resolved=resolved,
                        sum_brier=sum_brier,
                        prior=prior,
                        refreshed_at=now,
                    )
                )
        stored = {(p.scope, p.period, p.tag_id): p.prior for p in priors}
        names = _names(totals)
        entries = [
            _entry(key, sums, name=names[key[:2]], prior=stored.get(board_of(key)), now=now)
            for key, sums in totals.items()
            if key[:2] in names
        ]
        LeaderboardChange.objects.all().delete()
        LeaderboardEntry.objects.all().delete()
        LeaderboardPrior.objects.all().delete()
        LeaderboardPrior.objects.bulk_create(priors, batch_size=BATCH_SIZE)
        _insert(entries)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Every row was just replaced: refresh the planner's statistics so that board reads keep
        # using the index rather than a plan made for the old rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {LeaderboardEntry._meta.db_table}")
    return len(entries)


def _stored(keys: list[Key]) -> dict[Key, tuple[int, RowSums]]:
    """The stored rows of ``keys``: each one's id and sums (a query per ``BATCH_SIZE`` keys)."""
    found: dict[Key, tuple[int, RowSums]] = {}
    for start in range(0, len(keys), BATCH_SIZE):
        by_board: dict[Board, list[int]] = {}
        for scope, subject, period, tag in keys[start : start + BATCH_SIZE]:
            by_board.setdefault((scope, period, tag), []).append(subject)
        q = Q(pk__in=[])
        for (scope, period, tag), subjects in by_board.items():
            column = "person_id" if scope == PERSON else "outlet_id"
            q |= Q(_tag_q(tag), scope=scope, period=period, **{f"{column}__in": subjects})
        rows = LeaderboardEntry.objects.filter(q).values_list(
            "pk",
            "scope",
            "person_id",
            "outlet_id",
            "period",
            "tag_id",
            "resolved",
            "correct",
            "pending",
            "sum_brier",
            "sum_brier_sq",
            "sum_log",
            "bin_sums",
        )
        for pk, scope, person, outlet, period, tag, n, correct, pending, sb, sb2, sl, bins in rows:
            key = (scope, person or outlet, period, tag)
            sums = RowSums(n, correct, pending, sb, sb2, sl, RowSums.bins_from_dict(bins))
            found[key] = (pk, sums)
    return found


def _priors(boards: set[Board]) -> dict[Board, LeaderboardPrior]:
    q = Q(pk__in=[])
    for scope, period, tag in boards:
        q |= Q(_tag_q(tag), scope=scope, period=period)
    return {(p.scope, p.period, p.tag_id): p for p in LeaderboardPrior.objects.filter(q)}


def _healed(keys: list[Key], sums: dict[Key, RowSums]) -> None:
    """Recompute from the predictions the rows of every subject one of whose rows the
    differences would leave impossible (a count below zero): rows stored stale by writes that
    bypassed the services. Read under the update's snapshot, which sees exactly the changes
    it adds, the recomputed rows are what adding them to correct rows would have given."""
    broken = {key[:2] for key in keys if not sums[key].is_possible()}
    if not broken:
        return
    logger.warning("recomputing %d stale board subjects from their predictions", len(broken))
    for scope in (PERSON, OUTLET):
        subjects = {subject for s, subject in broken if s == scope}
        if subjects:
            fresh = contributions_of(scope, subjects)
            for key in keys:
                if key[:2] in broken and key[0] == scope:
                    sums[key] = fresh.get(key, RowSums())


def _apply(delta: dict[Key, RowSums]) -> int:
    """Add ``delta`` to the stored rows and their boards' sums; return the rows written."""
    keys = sorted(delta, key=lambda k: (k[0], k[1], k[2], -1 if k[3] is None else k[3]))
    stored = _stored(keys)
    sums: dict[Key, RowSums] = {}
    for key in keys:
        sums[key] = RowSums()
        if key in stored:
            sums[key].add(stored[key][1])
        sums[key].add(delta[key])
    _healed(keys, sums)
    priors = _priors({board_of(k) for k in keys})
    now = timezone.now()
    new_priors: list[LeaderboardPrior] = []
    for key in keys:
        board = board_of(key)
        prior = priors.get(board)
        if prior is None:
            prior = priors[board] = LeaderboardPrior(
                scope=key[0], period=key[2], tag_id=key[3], prior=0.0, refreshed_at=now
            )
            new_priors.append(prior)
        old = stored[key][1] if key in stored else RowSums()
        prior.resolved += sums[key].resolved - old.resolved
        prior.sum_brier += sums[key].brier - old.brier
    for prior in new_priors:  # a new board starts at its own mean
        prior.prior = board_mean(prior.resolved, prior.sum_brier) or 0.0
    names = _names(keys)
    entries = []
    for key in keys:
        if not sums[key].is_zero() and key[:2] in names:
            prior = priors[board_of(key)]
            entries.append(_entry(key, sums[key], name=names[key[:2]], prior=prior.prior, now=now))
    LeaderboardEntry.objects.filter(pk__in=[pk for pk, _ in stored.values()]).delete()
    _insert(entries)
    empty = [p.pk for p in priors.values() if p.pk is not None and p.resolved == 0]
    LeaderboardPrior.objects.filter(pk__in=empty).delete()
    LeaderboardPrior.objects.bulk_create(
        [p for p in new_priors if p.resolved], batch_size=BATCH_SIZE
    )
    kept = [p for p in priors.values() if p.pk is not None and p.resolved]
    LeaderboardPrior.objects.bulk_update(kept, ["resolved", "sum_brier"], batch_size=BATCH_SIZE)
    return len(entries)


def leaderboards_update() -> int:
    """Add every waiting ``LeaderboardChange`` to the rows it names; return the rows written.

    Safe to run twice or at once in two processes: the changes it adds are deleted in the same
    transaction, and writers take turns. Inside ``leaderboards_deferred()`` it only notes the wish.
    """
    if getattr(_deferral, "depth", 0):
        _deferral.update = True
        return 0
    with _snapshot():
        changes = list(LeaderboardChange.objects.order_by("pk").values_list("pk", "delta"))
        if not changes:
            return 0
        delta: dict[Key, RowSums] = {}
        for _, rows in changes:
            for scope, subject, period, tag, sums in rows:
                delta.setdefault((scope, subject, period, tag), RowSums()).add(
                    RowSums.from_list(sums)
                )
        delta = {key: sums for key, sums in delta.items() if not sums.is_zero()}
        written = _apply(delta) if delta else 0
        LeaderboardChange.objects.filter(pk__in=[pk for pk, _ in changes]).delete()
    return written


def leaderboards_refresh(*, tolerance: float | None = None) -> int:
    """Refresh the prior of every board whose mean moved from it by more than ``tolerance``
    (``ARCHIVE_PRIOR_TOLERANCE`` when None; 0 refreshes every prior that differs at all), and
    rewrite those boards' adjusted scores; return how many rows changed."""
    if getattr(_deferral, "depth", 0):
        _deferral.update = True
        return 0
    with _snapshot():
        return sum(board_refresh(prior) for prior in priors_drifted(tolerance=tolerance))


def leaderboards_recompute_after_commit(*, rebuild: bool = False) -> None:
    """Bring the boards up to date once the current transaction commits (at once outside one):
    add the waiting changes, or with ``rebuild`` rebuild every row.

    The work runs as the ``predictions.recompute_leaderboards`` task: on a worker when a broker
    is configured (which retries it), else in this process. The change that asked has committed
    by then, so a failure here must not become the caller's error: it is logged, and the change
    waits for the next update (or a rebuild, ``manage.py leaderboard --rebuild``).
    """
    transaction.on_commit(functools.partial(_recompute_committed, rebuild))


def _recompute_committed(rebuild: bool) -> None:
    if leaderboards_deferring():
        # Inside leaderboards_deferred(): these only note the wish, granted at the block's end.
        if rebuild:
            leaderboards_recompute()
        else:
            leaderboards_update()
        return
    # predictions.tasks imports this module; importing the task here breaks that cycle.
    from predictions.tasks import recompute_leaderboards

    try:
        recompute_leaderboards.delay(rebuild)
    except Exception:
        logger.exception("leaderboard update failed; the stored boards are stale")


@contextmanager
def leaderboards_deferred() -> Iterator[None]:
    """Bring the boards up to date once at the end of the block, not after every change.

    For bulk work (importing a thousand resolved forecasts resolves a thousand claims, and each
    resolution asks for an update after it commits). Use it around the outermost transaction:
    the requests made when that transaction commits are the ones it collects.
    """
    depth = getattr(_deferral, "depth", 0)
    if depth == 0:
        _deferral.full = False
        _deferral.update = False
    _deferral.depth = depth + 1
    try:
        yield
    finally:
        _deferral.depth = depth
    if depth == 0:
        full, update = _deferral.full, _deferral.update
        _deferral.full = _deferral.update = False
        if full:
            leaderboards_recompute()
        elif update:
            leaderboards_update()
            leaderboards_refresh()


def leaderboards_deferring() -> bool:
    """Whether this thread is inside ``leaderboards_deferred()``, collecting recomputes."""
    return bool(getattr(_deferral, "depth", 0))
