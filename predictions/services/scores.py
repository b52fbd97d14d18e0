"""Recompute the stored leaderboard rows from the scored predictions.

Boards are read far more often than predictions are judged, so every board is stored as
``LeaderboardEntry`` rows (by person and by outlet; for all time, per year of the statements, and
per tag of the claim). Reading a board is then an indexed query over its rows, whatever the size
of the archive. After a resolution commits, ``leaderboards_update`` rewrites only the rows of the
people and outlets it touched, on the boards of the periods and tags it touched, and renumbers
those boards in SQL (``predictions.services.board_ranks``); ``leaderboards_recompute`` rebuilds
every row, and the two leave the same rows.

The work is done by the database: per (subject, year) and per (subject, tag) it sums the counts,
Brier and log scores, and per calibration bin the forecasts and outcomes. All-time rows are the
sums of the yearly ones, so a few grouped queries build every board. Python then turns the sums
into means and intervals (``predictions.scoring.intervals.mean_interval``); the database the
adjusted scores and ranks, which depend on the whole board.

Scores are the ones stored on each prediction by the resolution service (``brier``,
``log_score``); a prediction counts once its latest judgement is yes or no. Its outlet is the
outlet of the article it was found in or, for imported forecast records with no article, the
platform its speaker is scoped to (PredictionBook users, for instance).
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear, Floor
from django.utils import timezone

from archive.models import Outlet, Person
from predictions.managers import CORRECT
from predictions.models import LeaderboardEntry, Prediction
from predictions.scoring import DEFAULT_BINS, BinSums, bins_from_sums, mean_interval
from predictions.services.board_ranks import Board, boards_renumber

ALL = "all"
_DECIMALS = 12
BATCH_SIZE = 2000
# Any constant will do: it only has to be the same for every process recomputing the boards.
_ADVISORY_LOCK_KEY = 0x5C0BE5

_deferral = threading.local()
logger = logging.getLogger(__name__)


@dataclass(slots=True)
class _Totals:
    resolved: int = 0
    correct: int = 0
    pending: int = 0
    sum_brier: float = 0.0
    sum_brier_sq: float = 0.0
    sum_log: float = 0.0
    bins: dict[int, BinSums] = field(default_factory=dict)

    def merge(self, other: _Totals) -> None:
        self.resolved += other.resolved
        self.correct += other.correct
        self.pending += other.pending
        self.sum_brier += other.sum_brier
        self.sum_brier_sq += other.sum_brier_sq
        self.sum_log += other.sum_log
        for k, s in other.bins.items():
            mine = self.bins.setdefault(k, BinSums())
            mine.count += s.count
            mine.sum_forecast += s.sum_forecast
            mine.sum_outcome += s.sum_outcome


# (scope, subject id, period, tag id) -> totals
_Key = tuple[str, int, str, int | None]


def _subject(scope: str):
    if scope == LeaderboardEntry.Scope.PERSON:
        return F("speaker_id")
    return Coalesce(F("article__outlet_id"), F("speaker__outlet_id"))


@dataclass(frozen=True)
class Touched:
    """What a change to some predictions touched: whose rows, and on which boards.

    Plain ids and years, so that it can travel to a task queue as ``as_kwargs()``.
    """

    people: frozenset[int] = frozenset()
    outlets: frozenset[int] = frozenset()
    periods: frozenset[str] = frozenset()
    tags: frozenset[int] = frozenset()

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.people | other.people,
            self.outlets | other.outlets,
            self.periods | other.periods,
            self.tags | other.tags,
        )

    def __bool__(self) -> bool:
        return bool(self.people or self.outlets)

    def as_kwargs(self) -> dict[str, list]:
        return {
            "people": sorted(self.people),
            "outlets": sorted(self.outlets),
            "periods": sorted(self.periods),
            "tags": sorted(self.tags),
        }


def leaderboards_touched(prediction_ids: Iterable[int]) -> Touched:
    """The subjects, years and tags of these predictions as they stand now (one query a batch)."""
    ids = sorted(set(prediction_ids))
    people: set[int] = set()
    outlets: set[int] = set()
    periods: set[str] = set()
    tags: set[int] = set()
    for start in range(0, len(ids), BATCH_SIZE):
        rows = (
            Prediction.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
            .annotate(outlet=_subject(LeaderboardEntry.Scope.OUTLET), year=ExtractYear("made_at"))
            .values_list("speaker_id", "outlet", "year", "claim__tags")
        )
        for person, outlet, year, tag in rows:
            if person is not None:
                people.add(person)
            if outlet is not None:
                outlets.add(outlet)
            if year is not None:
                periods.add(str(year))
            if tag is not None:
                tags.add(tag)
    return Touched(frozenset(people), frozenset(outlets), frozenset(periods), frozenset(tags))


def _grouped(qs: QuerySet, scope: str, by: str, *, subjects=None, tags=None) -> QuerySet:
    """``qs`` annotated with ``subject`` and the second grouping column ``group`` (year or tag).

    ``subjects`` (ids) and ``tags`` (ids, for ``by="tag"``) narrow it when given.
    """
    group = ExtractYear("made_at") if by == "year" else F("claim__tags")
    qs = qs.annotate(subject=_subject(scope), group=group).filter(
        subject__isnull=False, group__isnull=False
    )
    if subjects is not None:
        qs = qs.filter(subject__in=sorted(subjects))
    if tags is not None and by == "tag":
        qs = qs.filter(group__in=sorted(tags))
    return qs.order_by()


def _collect(scope: str, by: str, totals: dict[_Key, _Totals], *, subjects=None, tags=None) -> None:
    """Add the sums for one scope grouped by year (``by="year"``) or by tag into ``totals``.

    Totals and calibration bins come from one grouped query (a row per subject, group and bin),
    so they always describe the same predictions: two queries would let a resolution commit
    between them and leave a bin with no totals.
    """

    def key(subject: int, group) -> _Key:
        if by == "year":
            return (scope, subject, str(group), None)
        return (scope, subject, ALL, group)

    scored = _grouped(Prediction.objects.scored(), scope, by, subjects=subjects, tags=tags)
    rows = scored.annotate(bin=Floor(F("probability") * DEFAULT_BINS)).values(
        "subject", "group", "bin"
    )
    for row in rows.annotate(
        n=Count("id"),
        correct=Count("id", filter=CORRECT),
        sb=Sum("brier"),
        sb2=Sum(F("brier") * F("brier")),
        sl=Sum("log_score"),
        sp=Sum("probability"),
        hits=Count("id", filter=Q(outcome=Prediction.Outcome.YES)),
    ):
        t = totals.setdefault(key(row["subject"], row["group"]), _Totals())
        t.resolved += row["n"]
        t.correct += row["correct"]
        t.sum_brier += row["sb"]
        t.sum_brier_sq += row["sb2"]
        t.sum_log += row["sl"]
        b = t.bins.setdefault(min(int(row["bin"]), DEFAULT_BINS - 1), BinSums())
        b.count += row["n"]
        b.sum_forecast += row["sp"]
        b.sum_outcome += row["hits"]

    pending = _grouped(
        Prediction.objects.pending(), scope, by, subjects=subjects, tags=tags
    ).values("subject", "group")
    for row in pending.annotate(n=Count("id")):
        k = key(row["subject"], row["group"])
        if k in totals:  # rows exist only for subjects with something resolved
            totals[k].pending += row["n"]


def _totals(touched: Touched | None = None) -> dict[_Key, _Totals]:
    """Every row's sums, or (``touched``) the touched subjects' rows on the touched boards."""
    totals: dict[_Key, _Totals] = {}
    for scope in LeaderboardEntry.Scope.values:
        subjects = None if touched is None else _scope_subjects(touched, scope)
        if subjects is not None and not subjects:
            continue
        yearly: dict[_Key, _Totals] = {}
        # All of a subject's years: its all-time row is their sum.
        _collect(scope, "year", yearly, subjects=subjects)
        for key, t in yearly.items():
            if touched is None or key[2] in touched.periods:
                totals[key] = t
            totals.setdefault((scope, key[1], ALL, None), _Totals()).merge(t)
        if touched is None or touched.tags:
            tags = None if touched is None else touched.tags
            _collect(scope, "tag", totals, subjects=subjects, tags=tags)
    return totals


def _scope_subjects(touched: Touched, scope: str) -> frozenset[int]:
    return touched.people if scope == LeaderboardEntry.Scope.PERSON else touched.outlets


def _names(totals: dict[_Key, _Totals]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    outlets = sorted({subject for scope, subject, _, _ in totals if scope == "outlet"})
    for pk, name in Outlet.objects.filter(pk__in=outlets).values_list("pk", "name"):
        names[(LeaderboardEntry.Scope.OUTLET, pk)] = name
    people = sorted({subject for scope, subject, _, _ in totals if scope == "person"})
    for start in range(0, len(people), BATCH_SIZE):
        chunk = people[start : start + BATCH_SIZE]
        for pk, name in Person.objects.filter(pk__in=chunk).values_list("pk", "name"):
            names[(LeaderboardEntry.Scope.PERSON, pk)] = name
    return names


def _entries(totals: dict[_Key, _Totals]) -> list[LeaderboardEntry]:
    """The rows for ``totals``; adjusted scores and ranks are left to ``boards_renumber``."""
    names = _names(totals)
    now = timezone.now()
    entries: list[LeaderboardEntry] = []
    for (scope, subject, period, tag), t in totals.items():
        # Rounded: the same predictions summed in another order give the same stored mean, so
        # an update and a rebuild agree to the last bit and break ties alike.
        mean = round(t.sum_brier / t.resolved, _DECIMALS)
        interval = mean_interval(t.resolved, t.sum_brier, t.sum_brier_sq)
        assert interval is not None  # every row has a resolved prediction (``mean`` above)
        entries.append(
            LeaderboardEntry(
                scope=scope,
                person_id=subject if scope == LeaderboardEntry.Scope.PERSON else None,
                outlet_id=subject if scope == LeaderboardEntry.Scope.OUTLET else None,
                tag_id=tag,
                period=period,
                name=names[(scope, subject)][:200],
                resolved=t.resolved,
                correct=t.correct,
                pending=t.pending,
                brier=mean,
                log_score=round(t.sum_log / t.resolved, _DECIMALS),
                brier_low=interval.low,
                brier_high=interval.high,
                adjusted_brier=mean,
                calibration=[b.as_dict() for b in bins_from_sums(t.bins, include_empty=False)],
                rank=None,
                computed_at=now,
            )
        )
    return entries


def _board(entry: LeaderboardEntry) -> Board:
    return (entry.scope, entry.period, entry.tag_id)


def _subject_of(entry: LeaderboardEntry) -> int:
    subject = entry.person_id if entry.scope == LeaderboardEntry.Scope.PERSON else entry.outlet_id
    assert subject is not None  # the table's check constraint
    return subject


def _serialise() -> None:
    """Make concurrent recomputes take turns (SQLite already allows one writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


@contextmanager
def _snapshot() -> Iterator[None]:
    """A transaction whose reads all see one moment of the database, taking turns with others.

    On PostgreSQL, outside any transaction, the turn is a session lock taken before the
    transaction starts, and the transaction is REPEATABLE READ: its snapshot is taken after the
    previous recompute has committed, and every query of it sees the same committed resolutions.
    Inside a caller's transaction the isolation level cannot change any more; each query still
    reads a consistent set of rows, and the next recompute (every resolution asks for one after
    it commits) catches up with anything that landed in between.
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


def leaderboards_recompute() -> int:
    """Rewrite every stored leaderboard row from the scored predictions; return how many.

    The repair for anything: ``manage.py leaderboard --rebuild`` runs it. Inside
    ``leaderboards_deferred()`` this only notes that a recompute is wanted.
    """
    if getattr(_deferral, "depth", 0):
        _deferral.full = True
        return 0
    # Take the turn first, then read: two recomputes must not both delete the old rows and
    # both insert their new ones.
    with _snapshot():
        entries = _entries(_totals())
        LeaderboardEntry.objects.all().delete()
        LeaderboardEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        boards_renumber(None, min_resolved=settings.ARCHIVE_MIN_RESOLVED)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Every row was just replaced: refresh the planner's statistics so that board reads keep
        # using the index rather than a plan made for the old rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {LeaderboardEntry._meta.db_table}")
    return len(entries)


def leaderboards_update(
    *,
    people: Iterable[int] = (),
    outlets: Iterable[int] = (),
    periods: Iterable[str] = (),
    tags: Iterable[int] = (),
) -> int:
    """Rewrite the rows of ``people`` and ``outlets`` on the all-time boards, the boards of
    ``periods`` (years, ``"2014"``) and of ``tags`` (ids); renumber the boards that changed.

    Plain ids in, so a queued task can call it; it leaves the rows ``leaderboards_recompute``
    would, provided it is given every subject, year and tag a change touched (before and after
    the change: ``leaderboards_touched``). Returns how many rows it wrote.
    """
    touched = Touched(frozenset(people), frozenset(outlets), frozenset(periods), frozenset(tags))
    if getattr(_deferral, "depth", 0):
        _deferral.touched = _deferral.touched | touched
        return 0
    if not touched:
        return 0
    with _snapshot():
        entries = _entries(_totals(touched))
        old = _stored_rows(touched)
        new = {(e.scope, _subject_of(e), e.period, e.tag_id): e for e in entries}
        changed: set[Board] = set()
        for key, entry in new.items():
            before = old.get(key)
            if before is None or before[:3] != (entry.resolved, entry.brier, entry.name):
                changed.add(_board(entry))
            else:  # nothing its board's ranks depend on moved: keep its place
                entry.adjusted_brier, entry.rank = before[3], before[4]
        changed.update((scope, period, tag) for scope, _, period, tag in old.keys() - new.keys())
        _stored(touched).delete()
        LeaderboardEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        if changed:
            boards_renumber(changed, min_resolved=settings.ARCHIVE_MIN_RESOLVED)
    return len(entries)


def _stored(touched: Touched) -> QuerySet:
    """The stored rows ``leaderboards_update(touched)`` rewrites."""
    boards = Q(tag__isnull=True, period__in=[ALL, *sorted(touched.periods)])
    if touched.tags:
        boards |= Q(period=ALL, tag__in=sorted(touched.tags))
    subjects = Q(pk__in=[])
    if touched.people:
        subjects |= Q(scope=LeaderboardEntry.Scope.PERSON, person__in=sorted(touched.people))
    if touched.outlets:
        subjects |= Q(scope=LeaderboardEntry.Scope.OUTLET, outlet__in=sorted(touched.outlets))
    return LeaderboardEntry.objects.filter(subjects, boards)


def _stored_rows(touched: Touched) -> dict[_Key, tuple]:
    rows = _stored(touched).values_list(
        "scope",
        "person_id",
        "outlet_id",
        "period",
        "tag_id",
        "resolved",
        "brier",
        "name",
        "adjusted_brier",
        "rank",
    )
    return {
        (scope, person or outlet, period, tag): (resolved, brier, name, adjusted, rank)
        for scope, person, outlet, period, tag, resolved, brier, name, adjusted, rank in rows
    }


def leaderboards_recompute_after_commit(touched: Touched | None = None) -> None:
    """Bring the boards up to date once the current transaction commits (at once outside one):
    the rows ``touched`` names (``leaderboards_touched``), or every row when it is None.

    The update runs as the ``predictions.recompute_leaderboards`` task: on a worker when a
    broker is configured (which retries it), else in this process. The change that asked has
    committed by then, so a failure here must not become the caller's error: it is logged, the
    old rows stay, and a rebuild (``manage.py leaderboard --rebuild``) or the next update of the
    same rows replaces them.
    """
    if touched is not None and not touched:
        return
    transaction.on_commit(functools.partial(_recompute_committed, touched))


def _recompute_committed(touched: Touched | None) -> None:
    if leaderboards_deferring():
        # Inside leaderboards_deferred(): these only note the wish, granted at the block's end.
        if touched is None:
            leaderboards_recompute()
        else:
            leaderboards_update(**touched.as_kwargs())
        return
    # predictions.tasks imports this module; importing the task here breaks that cycle.
    from predictions.tasks import recompute_leaderboards

    try:
        recompute_leaderboards.delay(None if touched is None else touched.as_kwargs())
    except Exception:
        logger.exception("leaderboard recompute failed; the stored boards are stale")


@contextmanager
def leaderboards_deferred() -> Iterator[None]:
    """Bring the boards up to date once at the end of the block, not after every resolution.

    For bulk work (importing a thousand resolved forecasts resolves a thousand claims, and each
    resolution asks for an update after it commits). Use it around the outermost transaction:
    the requests made when that transaction commits are the ones it collects.
    """
    depth = getattr(_deferral, "depth", 0)
    if depth == 0:
        _deferral.full = False
        _deferral.touched = Touched()
    _deferral.depth = depth + 1
    try:
        yield
    finally:
        _deferral.depth = depth
    if depth == 0:
        full, touched = _deferral.full, _deferral.touched
        _deferral.full, _deferral.touched = False, Touched()
        if full:
            leaderboards_recompute()
        elif touched:
            leaderboards_update(**touched.as_kwargs())


def leaderboards_deferring() -> bool:
    """Whether this thread is inside ``leaderboards_deferred()``, collecting recomputes."""
    return bool(getattr(_deferral, "depth", 0))
