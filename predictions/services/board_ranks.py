"""Renumber stored boards in SQL: each row's adjusted score and rank from its board's rows.

A board (scope, period, tag) shrinks every score towards the board's own mean, so a change to one
row moves the prior, and with it every adjusted score and rank of that board. The database does
that in one ``UPDATE ... FROM`` with window functions (PostgreSQL, and SQLite 3.33 or later),
whichever rows a recompute rewrote: Python never reads a whole board back.

Ranks follow ``predictions.scoring.assign_ranks``: adjusted score (to 12 decimals, so that the
order in which the database happened to add up a board cannot break a tie), then more resolved
first, then the name (by code point), then the subject's id; rows below the minimum of resolved
predictions get no rank. Rows whose score and rank stay as they were are not written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from predictions.models import LeaderboardEntry
from predictions.scoring import DEFAULT_PRIOR_WEIGHT

Board = tuple[str, str, int | None]  # scope, period, tag id
# Boards per statement: keeps the WHERE clause (three parameters a board) well within limits.
_BOARDS_PER_UPDATE = 200


def boards_renumber(boards: Iterable[Board] | None, *, min_resolved: int) -> None:
    """Set ``adjusted_brier`` and ``rank`` on every row of ``boards`` (every board for None)."""
    if boards is None:
        _renumber(None, min_resolved=min_resolved)
        return
    boards = sorted(set(boards), key=lambda b: (b[0], b[1], -1 if b[2] is None else b[2]))
    for start in range(0, len(boards), _BOARDS_PER_UPDATE):
        _renumber(boards[start : start + _BOARDS_PER_UPDATE], min_resolved=min_resolved)


def _renumber(boards: list[Board] | None, *, min_resolved: int) -> None:
    qn = connection.ops.quote_name
    table = qn(LeaderboardEntry._meta.db_table)
    where, params = "", list[str | int]()
    if boards is not None:
        clauses = []
        for scope, period, tag in boards:
            if tag is None:
                clauses.append("(scope = %s AND period = %s AND tag_id IS NULL)")
                params += [scope, period]
            else:
                clauses.append("(scope = %s AND period = %s AND tag_id = %s)")
                params += [scope, period, tag]
        where = "WHERE " + " OR ".join(clauses)
    # Names compare by code point, as Python sorts them, whatever the database's collation.
    by_name = 'name COLLATE "C"' if connection.vendor == "postgresql" else "name"
    board = "PARTITION BY scope, period, tag_id"
    weight = float(DEFAULT_PRIOR_WEIGHT)
    same_rank = "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"
    # Only quoted identifiers and fixed SQL are interpolated; every value is bound.
    sql = f"""
        UPDATE {table} SET adjusted_brier = ranked.adjusted, rank = ranked.position
        FROM (
            SELECT id, adjusted,
                CASE WHEN eligible = 1 THEN ROW_NUMBER() OVER (
                    {board}, eligible
                    ORDER BY ROUND(CAST(adjusted AS NUMERIC), 12), resolved DESC, {by_name}, subject
                ) END AS position
            FROM (
                SELECT id, scope, period, tag_id, resolved, name,
                    COALESCE(person_id, outlet_id) AS subject,
                    CASE WHEN resolved >= %s THEN 1 ELSE 0 END AS eligible,
                    (resolved * brier + %s * (
                        SUM(resolved * brier) OVER ({board}) / SUM(resolved) OVER ({board})
                    )) / (resolved + %s) AS adjusted
                FROM {table} {where}
            ) AS scored
        ) AS ranked
        WHERE {table}.id = ranked.id AND NOT (
            {table}.adjusted_brier = ranked.adjusted AND {table}.rank {same_rank} ranked.position
        )
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [min_resolved, weight, weight, *params])
