"""Reads of the stored leaderboards and of one person's calibration and score history.

Boards are served from ``LeaderboardEntry`` rows (see ``predictions.services.scores``), never
computed on a page view. A board's order is its rows' stored adjusted score, then more resolved
first, then the name (by code point, whatever the database's collation), then the subject's id;
the top of a board of 100,000 people is read off the ``(scope, period, tag, adjusted_brier)``
index. Ranks are not stored (an update would have to renumber whole boards): a row's rank is
1 + the number of ranked rows (at least ``ARCHIVE_MIN_RESOLVED`` resolved) before it in that
order, counted through the same index (``board_places``), and a page of a board numbers its
rows on from its first ranked row's rank (``leaderboard_ranks``). The site, the API and
``leaderboard --json`` therefore show the same ranks, and a rebuild gives the same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from archive.models import Person
from predictions.models import LeaderboardEntry, Prediction, Tag
from predictions.scoring import BinSums, bin_index, bins_from_sums

# Constant within one board, so they change nothing about the order; but PostgreSQL does not
# treat ``tag_id IS NULL`` as fixing the column, and only with them in the ORDER BY does it read
# the first rows off the (scope, period, tag, adjusted_brier) index instead of sorting the whole
# board.
_BOARD = ("scope", "period", "tag_id")


def _subject(scope: str) -> str:
    return "person_id" if scope == LeaderboardEntry.Scope.PERSON else "outlet_id"


def board_name():
    """The name as boards order it: by code point (SQLite's default, PostgreSQL's "C")."""
    return Collate(F("name"), "C") if connection.vendor == "postgresql" else F("name")


def board_order(scope: str) -> list:
    """The ORDER BY of one board, best first."""
    return [*_BOARD, "adjusted_brier", F("resolved").desc(), board_name(), _subject(scope)]


def leaderboard(
    *,
    scope: str = LeaderboardEntry.Scope.PERSON,
    period: str | int = "all",
    tag: Tag | str | None = None,
    min_resolved: int | None = None,
) -> QuerySet[LeaderboardEntry]:
    """The rows of one board, best first: at least ``min_resolved`` resolved predictions each.

    ``tag`` is a ``Tag`` or its slug (or name); ``period`` "all" or a year. ``min_resolved``
    defaults to ``settings.ARCHIVE_MIN_RESOLVED``. The rows carry no rank: number a page of
    them with ``leaderboard_ranks``.
    """
    minimum = settings.ARCHIVE_MIN_RESOLVED if min_resolved is None else min_resolved
    if isinstance(tag, str):
        found = Tag.objects.filter(slug=tag).first() or Tag.objects.filter(name__iexact=tag).first()
        if found is None:
            return LeaderboardEntry.objects.none()
        tag = found
    rows = (
        LeaderboardEntry.objects.board(scope=scope, period=str(period), tag=tag)
        .select_related(None)
        .select_related("person" if scope == LeaderboardEntry.Scope.PERSON else "outlet")
    )
    if minimum > 1:  # every shown row has at least one resolved prediction
        rows = rows.filter(resolved__gte=minimum)
    return rows.order_by(*board_order(scope))


def board_places(
    *, scope: str, period: str = "all", tag: Tag | int | None = None, subjects: Iterable[int]
) -> dict[int, int]:
    """The rank of each of ``subjects`` on the board, for those ranked there (one query)."""
    column = _subject(scope)
    ranked = (
        LeaderboardEntry.objects.board(scope=scope, period=period, tag=tag)
        .select_related(None)
        .filter(resolved__gte=settings.ARCHIVE_MIN_RESOLVED)
        .annotate(board_name=board_name())
    )
    ahead = (
        ranked.filter(
            Q(adjusted_brier__lt=OuterRef("adjusted_brier"))
            | Q(adjusted_brier=OuterRef("adjusted_brier"))
            & (
                Q(resolved__gt=OuterRef("resolved"))
                | Q(resolved=OuterRef("resolved"))
                & (
                    Q(board_name__lt=OuterRef("board_name"))
                    | Q(name=OuterRef("name"), **{f"{column}__lt": OuterRef(column)})
                )
            )
        )
        .order_by()
        .values("scope")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        ranked.filter(**{f"{column}__in": sorted(set(subjects))})
        .annotate(ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0))
        .order_by()
        .values_list(column, "ahead")
    )
    return {subject: n + 1 for subject, n in rows}


def leaderboard_place(entry: LeaderboardEntry) -> int | None:
    """The row's rank on its board (None when it has too few resolved to be ranked)."""
    subject = entry.person_id if entry.scope == LeaderboardEntry.Scope.PERSON else entry.outlet_id
    assert subject is not None  # the table's check constraint
    places = board_places(
        scope=entry.scope, period=entry.period, tag=entry.tag_id, subjects=[subject]
    )
    return places.get(subject)


def leaderboard_ranks(
    rows: Sequence[LeaderboardEntry], *, min_resolved: int | None = None
) -> Sequence[LeaderboardEntry]:
    """Set ``rank`` on each of ``rows``: a stretch of one board as ``leaderboard`` lists it
    with the same ``min_resolved`` (a page); None for rows too short of resolved to rank.

    With the default minimum or a lower one the stretch holds every ranked row between its
    first and last, so one count gives the first rank and the rest follow; with a higher one
    ranked rows are missing between those listed, and each is counted (still one query).
    """
    ranked = settings.ARCHIVE_MIN_RESOLVED
    minimum = ranked if min_resolved is None else min_resolved
    if not rows:
        return rows
    if minimum > ranked:
        first = rows[0]
        column = _subject(first.scope)
        places = board_places(
            scope=first.scope,
            period=first.period,
            tag=first.tag_id,
            subjects=[getattr(row, column) for row in rows],
        )
        for row in rows:
            row.rank = places.get(getattr(row, column))
        return rows
    rank: int | None = None
    for row in rows:
        if row.resolved < ranked:
            row.rank = None
            continue
        rank = leaderboard_place(row) if rank is None else rank + 1
        row.rank = rank
    return rows


def _bin_dicts(bins) -> list[dict]:
    return [b.as_dict() for b in bins]


def person_calibration(*, person: Person) -> list[dict]:
    """The person's ten calibration bins over all their resolved predictions, empty ones too.

    Read from the stored all-time row; computed from the predictions only when the boards have
    not been recomputed since the person's first prediction was judged.
    """
    row = (
        LeaderboardEntry.objects.board(scope=LeaderboardEntry.Scope.PERSON)
        .filter(person=person)
        .values_list("calibration", flat=True)
        .first()
    )
    if row is not None:
        sums: dict[int, BinSums] = {}
        for b in row:
            i = bin_index(b["low"])
            sums[i] = BinSums(
                count=b["count"],
                sum_forecast=b["mean_probability"] * b["count"],
                sum_outcome=b["observed_frequency"] * b["count"],
            )
        return _bin_dicts(bins_from_sums(sums))
    sums = {}
    for p, outcome in (
        Prediction.objects.scored().for_person(person).values_list("probability", "outcome")
    ):
        sums.setdefault(bin_index(p), BinSums()).add(p, outcome == Prediction.Outcome.YES)
    return _bin_dicts(bins_from_sums(sums))


def _known_on(resolved_on: datetime.date | None, judged_at: datetime.datetime) -> datetime.date:
    # The day the outcome became known: the claim's resolution day when there is one (for an
    # imported record that is its original deadline, not the day it was imported).
    return resolved_on or timezone.localdate(judged_at)


def person_score_history(*, person: Person) -> list[dict]:
    """The person's running mean Brier and log scores, one point per day an outcome was known.

    Each point is ``{"date", "resolved", "brier", "log_score"}`` after every prediction resolved
    on or before that day.
    """
    rows = sorted(
        (_known_on(resolved_on, judged_at), pk, brier, log_score)
        for pk, resolved_on, judged_at, brier, log_score in Prediction.objects.scored()
        .for_person(person)
        .values_list("pk", "claim__resolved_on", "judged_at", "brier", "log_score")
    )
    points: list[dict] = []
    total_brier = total_log = 0.0
    for n, (day, _, brier, log_score) in enumerate(rows, start=1):
        total_brier += brier
        total_log += log_score
        point = {"date": day, "resolved": n, "brier": total_brier / n, "log_score": total_log / n}
        if points and points[-1]["date"] == day:
            points[-1] = point
        else:
            points.append(point)
    return points
