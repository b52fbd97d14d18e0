"""Recompute the stored leaderboard rows from the scored predictions.

Boards are read far more often than predictions are judged, so every board is stored as
``LeaderboardEntry`` rows (by person and by outlet; for all time, per year of the statements, and
per tag of the claim) and rewritten in one transaction after a resolution commits. Reading a
board is then an indexed query over its rows, whatever the size of the archive.

The work is done by the database: per (subject, year) and per (subject, tag) it sums the counts,
Brier and log scores, and per calibration bin the forecasts and outcomes. All-time rows are the
sums of the yearly ones, so twelve grouped queries build every board. Python then turns the sums
into means, intervals (``predictions.scoring.intervals.mean_interval``), adjusted scores and ranks.

Scores are the ones stored on each prediction by the resolution service (``brier``,
``log_score``); a prediction counts once its latest judgement is yes or no. Its outlet is the
outlet of the article it was found in or, for imported forecast records with no article, the
platform its speaker is scoped to (PredictionBook users, for instance).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
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
from predictions.scoring import (
    DEFAULT_BINS,
    DEFAULT_PRIOR_WEIGHT,
    BinSums,
    Standing,
    assign_ranks,
    bins_from_sums,
    mean_interval,
    shrunk_mean,
)

ALL = "all"
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


def _grouped(qs: QuerySet, scope: str, by: str) -> QuerySet:
    """``qs`` annotated with ``subject`` and the second grouping column ``group`` (year or tag)."""
    group = ExtractYear("made_at") if by == "year" else F("claim__tags")
    return (
        qs.annotate(subject=_subject(scope), group=group)
        .filter(subject__isnull=False, group__isnull=False)
        .order_by()
    )


def _collect(scope: str, by: str, totals: dict[_Key, _Totals]) -> None:
    """Add the sums for one scope grouped by year (``by="year"``) or by tag into ``totals``.

    Totals and calibration bins come from one grouped query (a row per subject, group and bin),
    so they always describe the same predictions: two queries would let a resolution commit
    between them and leave a bin with no totals.
    """

    def key(subject: int, group) -> _Key:
        if by == "year":
            return (scope, subject, str(group), None)
        return (scope, subject, ALL, group)

    scored = _grouped(Prediction.objects.scored(), scope, by)
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

    pending = _grouped(Prediction.objects.pending(), scope, by).values("subject", "group")
    for row in pending.annotate(n=Count("id")):
        k = key(row["subject"], row["group"])
        if k in totals:  # rows exist only for subjects with something resolved
            totals[k].pending += row["n"]


def _totals() -> dict[_Key, _Totals]:
    totals: dict[_Key, _Totals] = {}
    for scope in LeaderboardEntry.Scope.values:
        yearly: dict[_Key, _Totals] = {}
        _collect(scope, "year", yearly)
        totals.update(yearly)
        for (_, subject, _, _), t in yearly.items():
            totals.setdefault((scope, subject, ALL, None), _Totals()).merge(t)
        _collect(scope, "tag", totals)
    return totals


def _names(totals: dict[_Key, _Totals]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for pk, name in Outlet.objects.values_list("pk", "name"):
        names[(LeaderboardEntry.Scope.OUTLET, pk)] = name
    people = sorted({subject for scope, subject, _, _ in totals if scope == "person"})
    for start in range(0, len(people), BATCH_SIZE):
        chunk = people[start : start + BATCH_SIZE]
        for pk, name in Person.objects.filter(pk__in=chunk).values_list("pk", "name"):
            names[(LeaderboardEntry.Scope.PERSON, pk)] = name
    return names


def _entries(totals: dict[_Key, _Totals], *, min_resolved: int) -> list[LeaderboardEntry]:
    names = _names(totals)
    boards: dict[tuple[str, str, int | None], list[_Key]] = defaultdict(list)
    for key in totals:
        scope, _, period, tag = key
        boards[(scope, period, tag)].append(key)

    now = timezone.now()
    entries: list[LeaderboardEntry] = []
    for (scope, period, tag), keys in boards.items():
        # Each board shrinks towards its own mean: a hard topic's board has a worse prior.
        n_all = sum(totals[k].resolved for k in keys)
        prior = sum(totals[k].sum_brier for k in keys) / n_all
        rows = []
        for key in keys:
            t = totals[key]
            mean = t.sum_brier / t.resolved
            adjusted = shrunk_mean(
                n=t.resolved, mean=mean, prior=prior, weight=DEFAULT_PRIOR_WEIGHT
            )
            rows.append((key, t, mean, adjusted))
        ranks = assign_ranks(
            [Standing(key, names[(scope, key[1])], t.resolved, adj) for key, t, _, adj in rows],
            min_resolved=min_resolved,
        )
        for key, t, mean, adjusted in rows:
            subject = key[1]
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
                    log_score=t.sum_log / t.resolved,
                    brier_low=interval.low,
                    brier_high=interval.high,
                    adjusted_brier=adjusted,
                    calibration=[b.as_dict() for b in bins_from_sums(t.bins, include_empty=False)],
                    rank=ranks[key],
                    computed_at=now,
                )
            )
    return entries


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

    Inside ``leaderboards_deferred()`` this only notes that a recompute is wanted.
    """
    if getattr(_deferral, "depth", 0):
        _deferral.wanted = True
        return 0
    # Take the turn first, then read: two recomputes must not both delete the old rows and
    # both insert their new ones.
    with _snapshot():
        entries = _entries(_totals(), min_resolved=settings.ARCHIVE_MIN_RESOLVED)
        LeaderboardEntry.objects.all().delete()
        LeaderboardEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Every row was just replaced: refresh the planner's statistics so that board reads keep
        # using the index rather than a plan made for the old rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {LeaderboardEntry._meta.db_table}")
    return len(entries)


def leaderboards_recompute_after_commit() -> None:
    """Ask for a recompute once the current transaction commits (at once outside one).

    The recompute runs as the ``predictions.recompute_leaderboards`` task: on a worker when a
    broker is configured (which retries it), else in this process. The change that asked has
    committed by then, so a failure must not become the caller's error: it is logged, the old
    rows stay, and the next recompute replaces them.
    """
    transaction.on_commit(_recompute_committed)


def _recompute_committed() -> None:
    if leaderboards_deferring():
        leaderboards_recompute()  # only notes the wish, granted once at the block's end
        return
    # predictions.tasks imports this module; importing the task here breaks that cycle.
    from predictions.tasks import recompute_leaderboards

    try:
        recompute_leaderboards.delay()
    except Exception:
        logger.exception("leaderboard recompute failed; the stored boards are stale")


@contextmanager
def leaderboards_deferred() -> Iterator[None]:
    """Recompute the boards once at the end of the block rather than after every resolution.

    For bulk work (importing a thousand resolved forecasts resolves a thousand claims, and each
    resolution asks for a recompute after it commits). Use it around the outermost transaction:
    the requests made when that transaction commits are the ones it collects.
    """
    depth = getattr(_deferral, "depth", 0)
    if depth == 0:
        _deferral.wanted = False
    _deferral.depth = depth + 1
    try:
        yield
    finally:
        _deferral.depth = depth
    if depth == 0 and _deferral.wanted:
        _deferral.wanted = False
        leaderboards_recompute()


def leaderboards_deferring() -> bool:
    """Whether this thread is inside ``leaderboards_deferred()``, collecting recomputes."""
    return bool(getattr(_deferral, "depth", 0))
