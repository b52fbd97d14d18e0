"""Reads of the stored leaderboards and of one person's calibration and score history.

Boards are served from ``LeaderboardEntry`` rows (see ``predictions.services.scores``), never
computed on a page view. At the archive's default minimum of resolved predictions the stored
rank orders the board, so the top of a board of 100,000 people is an index range scan; a lower
minimum also lists the unranked rows, ordered by the same adjusted score.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone

from archive.models import Person
from predictions.models import LeaderboardEntry, Prediction, Tag
from predictions.scoring import BinSums, bin_index, bins_from_sums

# Constant within one board, so they change nothing about the order; but PostgreSQL does not
# treat ``tag_id IS NULL`` as fixing the column, and only with them in the ORDER BY does it read
# the first rows off the (scope, period, tag, rank) index instead of sorting the whole board
# (1.5 ms instead of 300 ms for 100,000 rows).
_BOARD = ("scope", "period", "tag_id")


def leaderboard(
    *,
    scope: str = LeaderboardEntry.Scope.PERSON,
    period: str | int = "all",
    tag: Tag | str | None = None,
    min_resolved: int | None = None,
) -> QuerySet[LeaderboardEntry]:
    """The rows of one board, best first: at least ``min_resolved`` resolved predictions each.

    ``tag`` is a ``Tag`` or its slug (or name); ``period`` "all" or a year. ``min_resolved``
    defaults to ``settings.ARCHIVE_MIN_RESOLVED``.
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
    if minimum >= settings.ARCHIVE_MIN_RESOLVED:
        # The rows the stored ranks were computed over, read in rank order off the index. A
        # filter on ``resolved`` that every ranked row passes is left out: PostgreSQL would
        # underestimate the matching rows and sort them all instead of reading the first 50.
        rows = rows.filter(rank__isnull=False)
        if minimum > settings.ARCHIVE_MIN_RESOLVED:
            rows = rows.filter(resolved__gte=minimum)
        return rows.order_by(*_BOARD, "rank")
    if minimum > 1:  # every row has at least one resolved prediction
        rows = rows.filter(resolved__gte=minimum)
    return rows.order_by(*_BOARD, "adjusted_brier", F("resolved").desc(), "name", "pk")


def _bin_dicts(bins) -> list[dict]:
    return [b.as_dict() for b in bins]


def person_calibration(*, person: Person) -> list[dict]:
    """The person's ten calibration bins over all their resolved predictions, empty ones too.

    Read from the stored all-time row; computed from the predictions only when the boards have
    not been recomputed since the person's first prediction was judged.
    """
    row = (
        LeaderboardEntry.objects.filter(
            scope=LeaderboardEntry.Scope.PERSON, person=person, period="all", tag__isnull=True
        )
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
