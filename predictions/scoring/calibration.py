"""Calibration: do the things a forecaster calls 70% happen about 70% of the time?

Forecasts are put into equal-width bins over 0-100% (ten by default: [0, 10%), [10%, 20%), ...,
[90%, 100%]); each bin reports how many forecasts fell in it, their mean probability and how often
the claims came true, with a Wilson interval for that frequency so small bins look as uncertain
as they are. The same bins can be built from per-bin sums, which is how the leaderboard builds
them from a database aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from predictions.scoring.intervals import wilson_interval

DEFAULT_BINS = 10


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    count: int
    mean_probability: float | None
    observed_frequency: float | None
    observed_low: float | None = None
    observed_high: float | None = None

    def as_dict(self) -> dict:
        # Spelled out: dataclasses.asdict deep-copies and is the slowest part of a recompute.
        return {
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "mean_probability": self.mean_probability,
            "observed_frequency": self.observed_frequency,
            "observed_low": self.observed_low,
            "observed_high": self.observed_high,
        }


@dataclass
class BinSums:
    """Running sums for one bin: the count, the sum of probabilities and of outcomes (0/1)."""

    count: int = 0
    sum_forecast: float = 0.0
    sum_outcome: float = 0.0

    def add(self, p: float, outcome: bool) -> None:
        self.count += 1
        self.sum_forecast += p
        self.sum_outcome += 1.0 if outcome else 0.0


def bin_index(p: float, bins: int = DEFAULT_BINS) -> int:
    """The bin ``p`` falls in: floor(p * bins), with p = 1 in the top bin."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a probability must be between 0 and 1, not {p!r}")
    return min(int(p * bins), bins - 1)


def bins_from_sums(
    sums: Mapping[int, BinSums], *, bins: int = DEFAULT_BINS, include_empty: bool = True
) -> list[CalibrationBin]:
    """Calibration bins from per-bin sums keyed by ``bin_index``."""
    result = []
    for i in range(bins):
        s = sums.get(i)
        low, high = round(i / bins, 10), round((i + 1) / bins, 10)
        if s is None or s.count == 0:
            if include_empty:
                result.append(CalibrationBin(low, high, 0, None, None))
            continue
        observed_low, observed_high = wilson_interval(round(s.sum_outcome), s.count)
        result.append(
            CalibrationBin(
                low=low,
                high=high,
                count=s.count,
                mean_probability=s.sum_forecast / s.count,
                observed_frequency=s.sum_outcome / s.count,
                observed_low=observed_low,
                observed_high=observed_high,
            )
        )
    return result


def calibration_bins(
    probabilities: Iterable[float],
    outcomes: Iterable[bool],
    *,
    bins: int = DEFAULT_BINS,
    include_empty: bool = True,
) -> list[CalibrationBin]:
    """Calibration bins of paired forecasts and outcomes."""
    sums: dict[int, BinSums] = {}
    for p, o in zip(probabilities, outcomes, strict=True):
        sums.setdefault(bin_index(p, bins), BinSums()).add(p, o)
    return bins_from_sums(sums, bins=bins, include_empty=include_empty)
