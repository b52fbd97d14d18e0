"""Proper scoring rules for one probabilistic forecast of a yes/no outcome.

``p`` is always the probability that the claim comes true (a "will not" statement has already
been folded into a low ``p``), and ``outcome`` is whether it did.
"""

from __future__ import annotations

import math

# The log score is unbounded: ln(0) is minus infinity, so a single "certain" forecast that turns
# out wrong would make a person's mean log score -inf and swamp everything else they said. We
# clamp p into [LOG_EPSILON, 1 - LOG_EPSILON] first. 0.001 is ten times finer than the finest
# probability people state (whole percents on PredictionBook, "99%" in prose), so it only ever
# bites on 0% and 100%, which then cost ln(0.001) ~ -6.9, ten times a coin flip's ln(0.5).
LOG_EPSILON = 1e-3


def _check(p: float) -> float:
    p = float(p)
    if not 0.0 <= p <= 1.0:  # also rejects NaN
        raise ValueError(f"a probability must be between 0 and 1, not {p!r}")
    return p


def clamp(p: float, epsilon: float) -> float:
    """``p`` moved into the closed interval [epsilon, 1 - epsilon]."""
    return min(max(_check(p), epsilon), 1.0 - epsilon)


def brier(p: float, outcome: bool) -> float:
    """The Brier score (p - o)^2: 0 is perfect, 0.25 a coin flip, 1 certain and wrong."""
    return (_check(p) - (1.0 if outcome else 0.0)) ** 2


def log_score(p: float, outcome: bool, *, epsilon: float = LOG_EPSILON) -> float:
    """The log score ln(p) if the claim came true, else ln(1 - p); 0 is perfect, higher is better.

    ``p`` is clamped into [epsilon, 1 - epsilon] (see ``LOG_EPSILON``) so the score is finite.
    """
    q = clamp(p, epsilon)
    return math.log(q) if outcome else math.log(1.0 - q)


# A forecast of exactly this probability leans neither way: never correct, never wrong.
EVEN = 0.5


def is_correct(p: float, outcome: bool) -> bool:
    """Whether the forecast leaned the right way; a 50% forecast is never "correct"."""
    p = _check(p)
    return (p > EVEN and outcome) or (p < EVEN and not outcome)
