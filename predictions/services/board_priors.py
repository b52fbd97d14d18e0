"""Each board's prior, the mean its rows' scores are shrunk towards, kept in step lazily.

A board (scope, period, tag) ranks by the adjusted score ``(sum + w * prior) / (n + w)``
(``predictions.scoring.shrunk_total``). With the board's exact mean as the prior, every
resolution would move every adjusted score of every board it touched, and with them nearly
every rank: hundreds of thousands of rows written for a resolution of a thousand predictions.
So the prior is *stored* per board (``LeaderboardPrior``), beside the exact integer sums of the
board's rows, which every update keeps current; rows written by an update use the stored prior,
and the other rows keep theirs. The prior is refreshed (set to the board's current mean, every
adjusted score of the board rewritten in one UPDATE) only when the mean has moved away from it
by more than ``settings.ARCHIVE_PRIOR_TOLERANCE`` (0.0001 by default), by a task queued after
the update (``leaderboards_refresh``). Once that task has run, an adjusted score differs from the
one the board's exact mean would give by at most ``tolerance * w / (n + w)`` (until it has, by
what the updates in between moved the mean); and at every moment every row of a board
always uses that board's one stored prior, so the order of a board is the order of its stored
adjusted scores.

Ranks are not stored at all: a rank is the row's place in that order, read off the
``(scope, period, tag, adjusted_brier)`` index (``predictions.selectors.leaderboards``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils import timezone

from predictions.models import LeaderboardEntry, LeaderboardPrior
from predictions.scoring import DEFAULT_PRIOR_WEIGHT, SCALE

Board = tuple[str, str, int | None]  # scope, period, tag id


def board_mean(resolved: int, sum_brier: int) -> float | None:
    """A board's mean Brier score from its exact sums (None when nothing is resolved)."""
    return sum_brier / SCALE / resolved if resolved else None


def prior_drift(prior: LeaderboardPrior) -> float:
    mean = board_mean(prior.resolved, prior.sum_brier)
    return 0.0 if mean is None else abs(mean - prior.prior)


def priors_drifted(*, tolerance: float | None = None) -> list[LeaderboardPrior]:
    """The boards whose mean has moved from their stored prior by more than ``tolerance``."""
    limit = settings.ARCHIVE_PRIOR_TOLERANCE if tolerance is None else tolerance
    return [p for p in LeaderboardPrior.objects.all() if prior_drift(p) > limit]


def board_refresh(prior: LeaderboardPrior) -> int:
    """Set the board's prior to its current mean and rewrite its adjusted scores; return how
    many rows changed. The arithmetic is ``shrunk_total``'s, operation for operation."""
    mean = board_mean(prior.resolved, prior.sum_brier)
    if mean is None:
        return 0
    prior.prior = mean
    prior.refreshed_at = timezone.now()
    prior.save(update_fields=["prior", "refreshed_at"])
    qn = connection.ops.quote_name
    table = qn(LeaderboardEntry._meta.db_table)
    real = "DOUBLE PRECISION" if connection.vendor == "postgresql" else "REAL"
    weight = float(DEFAULT_PRIOR_WEIGHT)
    adjusted = (
        f"((CAST(sum_brier AS {real}) / CAST(%s AS {real}) + CAST(%s AS {real}))"
        f" / (resolved + CAST(%s AS {real})))"
    )
    terms = [SCALE, weight * mean, weight]
    tag = "tag_id IS NULL" if prior.tag_id is None else "tag_id = %s"
    board = [prior.scope, prior.period] + ([] if prior.tag_id is None else [prior.tag_id])
    # Only quoted identifiers and fixed SQL are interpolated; every value is bound.
    sql = (
        f"UPDATE {table} SET adjusted_brier = {adjusted}"  # noqa: S608
        f" WHERE scope = %s AND period = %s AND {tag} AND resolved > 0"
        f" AND (adjusted_brier IS NULL OR adjusted_brier <> {adjusted})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*terms, *board, *terms])
        return cursor.rowcount
