"""Exact running sums for a leaderboard row, so that a row can be updated by differences.

A stored board row is the sum of its predictions' contributions: how many are resolved, correct
and pending, their Brier, squared Brier and log scores, and per calibration bin the count, the
sum of forecasts and the number that came true. Floating-point addition depends on the order of
the terms, so adding a resolution's difference to a stored float sum would drift away from what
summing every prediction again gives. Here every score enters the sums as an integer in units
of ``1 / SCALE`` (``to_fixed``), and integer addition does not care about order: subtracting a
prediction's old contribution and adding its new one leaves exactly the sums that adding up all
the predictions from scratch would, to the last unit. Means, intervals and calibration bins are
then computed from the integers, the same way whichever path produced them.

``SCALE`` of 10^9 keeps each score to nine decimals (the site shows three) and lets a 64-bit sum
hold about nine billion predictions scoring 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from predictions.scoring.calibration import BinSums, CalibrationBin, bin_index, bins_from_sums
from predictions.scoring.intervals import Interval, mean_interval
from predictions.scoring.rules import EVEN

SCALE = 1_000_000_000.0


def to_fixed(value: float) -> int:
    """``value`` in units of ``1 / SCALE``, rounded to the nearest (halves up)."""
    return math.floor(value * SCALE + 0.5)


@dataclass(slots=True)
class RowSums:
    """The integer sums one board row stores; ``bins`` maps a bin to (count, forecasts, hits)."""

    resolved: int = 0
    correct: int = 0
    pending: int = 0
    brier: int = 0
    brier_sq: int = 0
    log: int = 0
    bins: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of_prediction(
        cls, *, probability: float, outcome: str | None, brier: float | None, log: float | None
    ) -> RowSums:
        """One prediction's contribution: resolved when ``brier`` is given, else pending."""
        if brier is None or log is None:
            return cls(pending=1)
        came_true = outcome == "yes"
        correct = (came_true and probability > EVEN) or (not came_true and probability < EVEN)
        return cls(
            resolved=1,
            correct=int(correct),
            brier=to_fixed(brier),
            brier_sq=to_fixed(brier * brier),
            log=to_fixed(log),
            bins={bin_index(probability): [1, to_fixed(probability), int(came_true)]},
        )

    def add(self, other: RowSums, sign: int = 1) -> None:
        self.resolved += sign * other.resolved
        self.correct += sign * other.correct
        self.pending += sign * other.pending
        self.brier += sign * other.brier
        self.brier_sq += sign * other.brier_sq
        self.log += sign * other.log
        for k, (n, forecasts, hits) in other.bins.items():
            mine = self.bins.setdefault(k, [0, 0, 0])
            mine[0] += sign * n
            mine[1] += sign * forecasts
            mine[2] += sign * hits
            if mine == [0, 0, 0]:
                del self.bins[k]

    def is_possible(self) -> bool:
        """Whether these could be the sums of some predictions (no count below zero)."""
        counts = [self.resolved, self.correct, self.pending]
        counts += [n for n, _, hits in self.bins.values()] + [h for _, _, h in self.bins.values()]
        return min(counts) >= 0 and self.correct <= self.resolved

    def is_zero(self) -> bool:
        return not (
            self.resolved
            or self.correct
            or self.pending
            or self.brier
            or self.brier_sq
            or self.log
            or self.bins
        )

    # Stored form: plain JSON-able values (a change waiting to be applied, the row's bins).
    def as_list(self) -> list:
        return [
            self.resolved,
            self.correct,
            self.pending,
            self.brier,
            self.brier_sq,
            self.log,
            self.bins_as_dict(),
        ]

    @classmethod
    def from_list(cls, values: list) -> RowSums:
        resolved, correct, pending, brier, brier_sq, log, bins = values
        return cls(resolved, correct, pending, brier, brier_sq, log, cls.bins_from_dict(bins))

    def bins_as_dict(self) -> dict[str, list[int]]:
        return {str(k): list(v) for k, v in sorted(self.bins.items())}

    @staticmethod
    def bins_from_dict(bins: dict[str, list[int]]) -> dict[int, list[int]]:
        return {int(k): list(v) for k, v in bins.items()}

    # What the row shows, computed from the integers alone.
    def mean_brier(self) -> float | None:
        return self.brier / SCALE / self.resolved if self.resolved else None

    def mean_log(self) -> float | None:
        return self.log / SCALE / self.resolved if self.resolved else None

    def interval(self) -> Interval | None:
        return mean_interval(self.resolved, self.brier / SCALE, self.brier_sq / SCALE)

    def calibration(self) -> list[CalibrationBin]:
        sums = {
            k: BinSums(n, forecasts / SCALE, float(hits))
            for k, (n, forecasts, hits) in self.bins.items()
        }
        return bins_from_sums(sums, include_empty=False)
