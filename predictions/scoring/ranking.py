"""Ranking forecasters fairly when some have made two predictions and others two hundred.

A raw mean Brier score rewards luck: one confident call that came true gives a mean of 0.01 and
would top any board. So boards rank by an *adjusted* Brier score, each mean shrunk towards the
board's overall mean (the prior) as if the person had also made ``weight`` predictions that scored
exactly the prior:

    adjusted = (n * mean + weight * prior) / (n + weight)

This is the posterior mean of a simple normal-normal model where ``weight`` is the ratio of the
within-person variance of Brier scores to the between-person variance of true skill. With the
default weight of 10, someone needs about ten resolved predictions before their own record
counts as much as the prior: one lucky call moves a 0.25 prior only to about 0.23, while fifty
predictions at 0.15 give 0.167. The raw mean is always shown beside it.

Ties in the adjusted score go to the longer record, then to the name, so ranks are stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_PRIOR_WEIGHT = 10.0


def shrunk_mean(
    *, n: int, mean: float, prior: float, weight: float = DEFAULT_PRIOR_WEIGHT
) -> float:
    """``mean`` of ``n`` scores shrunk towards ``prior`` with ``weight`` pseudo-observations."""
    if n < 0 or weight < 0 or n + weight == 0:
        raise ValueError("need n >= 0, weight >= 0 and n + weight > 0")
    return (n * mean + weight * prior) / (n + weight)


def shrunk_total(
    *, n: int, total: float, prior: float, weight: float = DEFAULT_PRIOR_WEIGHT
) -> float:
    """``shrunk_mean`` from the sum of the ``n`` scores, the form stored boards compute.

    The operations are, in order: ``weight * prior``, ``total + that``, ``n + weight``, the
    quotient; ``predictions.services.board_priors`` does the same ones in SQL, so that a row
    written here and a board refreshed in the database agree to the last bit.
    """
    if n < 0 or weight < 0 or n + weight == 0:
        raise ValueError("need n >= 0, weight >= 0 and n + weight > 0")
    return (total + weight * prior) / (n + weight)


@dataclass(frozen=True)
class Standing:
    key: object
    name: str
    resolved: int
    adjusted: float


def assign_ranks(standings: Sequence[Standing], *, min_resolved: int) -> dict[object, int | None]:
    """Ranks 1, 2, ... by adjusted score among those with at least ``min_resolved``; others None."""
    eligible = sorted(
        (s for s in standings if s.resolved >= min_resolved),
        key=lambda s: (s.adjusted, -s.resolved, s.name, str(s.key)),
    )
    ranks: dict[object, int | None] = {s.key: None for s in standings}
    for position, s in enumerate(eligible, start=1):
        ranks[s.key] = position
    return ranks
