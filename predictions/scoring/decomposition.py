"""The Murphy (1973) decomposition of the mean Brier score.

    Brier = reliability - resolution + uncertainty

- reliability: how far each group's forecast is from what happened in that group (0 is perfect
  calibration; lower is better);
- resolution: how far the groups' outcome frequencies are from the overall base rate (higher is
  better: the forecaster tells situations apart);
- uncertainty: base rate x (1 - base rate), what nobody's forecast can change.

The identity is exact when every forecast in a group is the same number, which is what you get
by grouping on the distinct forecast values (``bins=None``, the default; PredictionBook's whole
percents and the archive's hedge table both give few distinct values). With binned forecasts
(``bins=10``) each group's mean forecast stands in for its members and the identity picks up two
within-bin terms (Stephenson, Coelho & Jolliffe 2008: within-bin variance of the forecasts minus
their within-bin covariance with the outcomes); they are reported together as ``residual``, so
``brier == reliability - resolution + uncertainty + residual`` always holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from predictions.scoring.calibration import bin_index


@dataclass(frozen=True)
class Decomposition:
    n: int
    brier: float
    reliability: float
    resolution: float
    uncertainty: float
    base_rate: float

    @property
    def residual(self) -> float:
        """Brier minus (REL - RES + UNC): zero up to rounding when forecasts are grouped exactly."""
        return self.brier - (self.reliability - self.resolution + self.uncertainty)


def murphy_decomposition(
    probabilities: Iterable[float], outcomes: Iterable[bool], *, bins: int | None = None
) -> Decomposition:
    """Decompose the mean Brier score of paired forecasts and outcomes (see the module docstring)."""
    groups: dict[float | int, list[float]] = {}  # key -> [count, sum of p, sum of o]
    n = 0
    brier_total = 0.0
    outcome_total = 0.0
    for p, o in zip(probabilities, outcomes, strict=True):
        p = float(p)
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"a probability must be between 0 and 1, not {p!r}")
        y = 1.0 if o else 0.0
        key = p if bins is None else bin_index(p, bins)
        g = groups.setdefault(key, [0, 0.0, 0.0])
        g[0] += 1
        g[1] += p
        g[2] += y
        n += 1
        brier_total += (p - y) ** 2
        outcome_total += y
    if n == 0:
        raise ValueError("cannot decompose the Brier score of no forecasts")
    base_rate = outcome_total / n
    reliability = 0.0
    resolution = 0.0
    for count, sum_p, sum_o in groups.values():
        f_k = sum_p / count
        o_k = sum_o / count
        reliability += count * (f_k - o_k) ** 2
        resolution += count * (o_k - base_rate) ** 2
    return Decomposition(
        n=n,
        brier=brier_total / n,
        reliability=reliability / n,
        resolution=resolution / n,
        uncertainty=base_rate * (1.0 - base_rate),
        base_rate=base_rate,
    )
