"""Confidence intervals for a mean Brier score and for an observed frequency.

Brier scores live in [0, 1], and most people in the archive have only a handful of resolved
predictions, so the textbook normal interval (mean +- z * s / sqrt(n)) is wrong exactly where it
matters: with one prediction it has no width at all. Hence three tools:

- ``wilson_interval``: the Wilson score interval for a proportion (calibration bins).
- ``mean_interval``: the interval stored on leaderboard rows, computed from n, the sum and the sum
  of squares (so the database can aggregate it). Below ``SMALL_N`` it is the Wilson interval
  applied to the mean, which is valid for any variable in [0, 1] because such a variable's
  variance is at most mean * (1 - mean) (the Bhatia-Davis bound): conservative, never zero-width,
  defined at n = 1. From ``SMALL_N`` on it is the normal interval with the sample variance,
  clipped to [0, 1].
- ``bootstrap_mean_interval``: the percentile bootstrap, seeded so that it is deterministic. It
  costs ``resamples * n`` draws, too much to run for every row of a board of 100,000 people, so
  it is for detail views and for checking ``mean_interval`` (the two agree for large n).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

SMALL_N = 30
DEFAULT_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    method: str

    def as_list(self) -> list[float]:
        return [self.low, self.high]


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def _wilson(p_hat: float, n: int, z: float) -> tuple[float, float]:
    z2 = z * z
    centre = (p_hat + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(max(p_hat * (1 - p_hat), 0.0) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def wilson_interval(
    successes: int, n: int, *, confidence: float = DEFAULT_CONFIDENCE
) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``n``; (0, 1) when n is 0."""
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return 0.0, 1.0
    return _wilson(successes / n, n, _z(confidence))


def mean_interval(
    n: int, total: float, total_sq: float, *, confidence: float = DEFAULT_CONFIDENCE
) -> Interval | None:
    """An interval for the mean of ``n`` values in [0, 1] given their sum and sum of squares."""
    if n <= 0:
        return None
    mean = min(max(total / n, 0.0), 1.0)
    z = _z(confidence)
    if n < SMALL_N:
        low, high = _wilson(mean, n, z)
        return Interval(low, high, "wilson")
    # Sample variance from the sums; clamp the tiny negative values cancellation can produce.
    variance = max((total_sq - n * mean * mean) / (n - 1), 0.0)
    half = z * math.sqrt(variance / n)
    return Interval(max(0.0, mean - half), min(1.0, mean + half), "normal")


def bootstrap_mean_interval(
    values: Sequence[float],
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    resamples: int = 2000,
    seed: int = 0,
) -> Interval | None:
    """The percentile bootstrap interval for the mean of ``values`` (same seed, same answer)."""
    n = len(values)
    if n == 0:
        return None
    _z(confidence)  # validates
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(resamples))
    tail = (1.0 - confidence) / 2.0
    low = means[max(0, math.floor(tail * resamples))]
    high = means[min(resamples - 1, math.ceil((1.0 - tail) * resamples) - 1)]
    return Interval(low, high, "bootstrap")
