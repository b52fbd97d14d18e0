"""Print a stored leaderboard (CONTRACT §3): a table, or with ``--json`` a JSON list, best first.

Rows come from the stored boards. When there are none yet but some predictions are scored (an
archive loaded before the boards existed, or restored from a dump without them), the boards are
recomputed once first, so the command never prints an empty board over a scored archive.
``--rebuild`` recomputes every stored row and board prior from the predictions first: the repair
when the boards are suspected stale (written past the services, or restored from elsewhere; an
update that failed after its resolution committed only waits for the next one).
"""

from __future__ import annotations

import json
import math

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from predictions.models import LeaderboardEntry, Prediction, Tag
from predictions.selectors.leaderboards import leaderboard
from predictions.services.scores import leaderboards_recompute


def _number(value: float | None) -> float | None:
    # JSON has no infinities or NaN; a stored score is always finite, but never emit invalid JSON.
    return value if value is not None and math.isfinite(value) else None


class Command(BaseCommand):
    help = "Print the leaderboard by person or outlet, best first (adjusted Brier score)."

    def add_arguments(self, parser):
        parser.add_argument("--by", choices=["person", "outlet"], default="person")
        parser.add_argument(
            "--min-resolved",
            type=int,
            default=None,
            metavar="N",
            help=f"Only rows with at least N resolved predictions "
            f"(default {settings.ARCHIVE_MIN_RESOLVED}, ARCHIVE_MIN_RESOLVED).",
        )
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")
        parser.add_argument("--tag", help="Only claims with this tag (slug or name).")
        parser.add_argument("--period", default="all", help='"all" or a year of the statements.')
        parser.add_argument("--limit", type=int, default=None, help="Print at most this many rows.")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Recompute every stored board row from the scored predictions first.",
        )

    def handle(self, *args, **options):
        minimum = options["min_resolved"]
        if minimum is None:
            minimum = settings.ARCHIVE_MIN_RESOLVED
        if minimum < 0:
            raise CommandError("--min-resolved must be 0 or more")
        period = options["period"]
        if period != "all" and not (period.isdigit() and len(period) == 4):
            raise CommandError('--period must be "all" or a year such as 2014')
        tag = options["tag"]
        if tag and not (
            Tag.objects.filter(slug=tag).exists() or Tag.objects.filter(name__iexact=tag).exists()
        ):
            raise CommandError(f"no such tag: {tag}")

        if options["rebuild"]:
            written = leaderboards_recompute()
            self.stderr.write(f"Rebuilt the leaderboards: {written} rows.")
        elif not LeaderboardEntry.objects.exists() and Prediction.objects.scored().exists():
            leaderboards_recompute()

        rows = leaderboard(scope=options["by"], period=period, tag=tag, min_resolved=minimum)
        rows = rows.defer("calibration", "bin_sums")  # not printed; decoding them costs most
        if options["limit"] is not None:
            rows = rows[: options["limit"]]
        rows = list(rows)
        if options["json"]:
            # stdout stays pure JSON; the rule goes to stderr.
            self.stderr.write(self._rule(len(rows), minimum=minimum, by=options["by"]))
            self.stdout.write(
                json.dumps(
                    [self._as_dict(i, row) for i, row in enumerate(rows, 1)],
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self._table(rows, minimum=minimum, by=options["by"])

    def _as_dict(self, position: int, row: LeaderboardEntry) -> dict:
        return {
            "name": row.name,
            "resolved": row.resolved,
            "brier": _number(row.brier),
            "log_score": _number(row.log_score),
            "correct": row.correct,
            "pending": row.pending,
            "interval": [_number(row.brier_low), _number(row.brier_high)],
            "adjusted_brier": _number(row.adjusted_brier),
            "rank": position,
            "slug": (row.person or row.outlet).slug,
        }

    def _rule(self, count: int, *, minimum: int, by: str) -> str:
        return (
            f"Leaderboard by {by}: {count} with at least {minimum} resolved prediction"
            f"{'s' if minimum != 1 else ''}, best first by Brier score shrunk towards the board's "
            f"mean for small samples (lower is better)."
        )

    def _table(self, rows: list[LeaderboardEntry], *, minimum: int, by: str) -> None:
        self.stdout.write(self._rule(len(rows), minimum=minimum, by=by))
        if not rows:
            return
        width = min(max(len(r.name) for r in rows), 40)
        self.stdout.write(
            f"{'rank':>4}  {'name':<{width}}  {'resolved':>8}  {'correct':>7}  {'brier':>6}  "
            f"{'95% interval':>13}  {'adjusted':>8}  {'log':>7}"
        )
        for i, r in enumerate(rows, 1):
            interval = f"{r.brier_low:.3f}-{r.brier_high:.3f}" if r.brier_low is not None else ""
            self.stdout.write(
                f"{i:>4}  {r.name[:width]:<{width}}  {r.resolved:>8}  {r.correct:>7}  "
                f"{r.brier:>6.3f}  {interval:>13}  {r.adjusted_brier:>8.3f}  {r.log_score:>7.3f}"
            )
