"""Row sums are exact: any order of adding and taking away predictions gives the same integers."""

from __future__ import annotations

import random

import pytest

from predictions.scoring import RowSums, brier, log_score, shrunk_mean, shrunk_total, to_fixed
from predictions.scoring.sums import SCALE


def unit(p: float, came_true: bool) -> RowSums:
    return RowSums.of_prediction(
        probability=p,
        outcome="yes" if came_true else "no",
        brier=brier(p, came_true),
        log=log_score(p, came_true),
    )


def test_the_order_of_additions_and_removals_does_not_matter():
    rng = random.Random(7)
    units = [unit(rng.random(), rng.random() < 0.5) for _ in range(500)]
    forwards, backwards = RowSums(), RowSums()
    for u in units:
        forwards.add(u)
    for u in reversed(units):
        backwards.add(u)
    assert forwards == backwards
    # Adding some and taking them away again leaves exactly what was there.
    for u in units[:200]:
        forwards.add(u)
    for u in units[:200]:
        forwards.add(u, -1)
    assert forwards == backwards
    for u in units:
        forwards.add(u, -1)
    assert forwards.is_zero()


def test_derived_values_follow_the_scores():
    sums = RowSums()
    for p, came_true in [(0.8, True), (0.3, False), (0.6, False)]:
        sums.add(unit(p, came_true))
    sums.add(RowSums(pending=2))
    assert (sums.resolved, sums.correct, sums.pending) == (3, 2, 2)
    expected = (brier(0.8, True) + brier(0.3, False) + brier(0.6, False)) / 3
    assert sums.mean_brier() == pytest.approx(expected, abs=1e-9)
    assert sum(b.count for b in sums.calibration()) == 3
    assert RowSums.from_list(sums.as_list()) == sums


def test_impossible_sums_are_recognised():
    sums = RowSums(pending=1)
    sums.add(RowSums(pending=2), -1)
    assert not sums.is_possible()
    assert RowSums(resolved=2, correct=1).is_possible()


@pytest.mark.parametrize("value", [0.0, 0.25, 1.0, 0.123456789012, -4.6])
def test_fixed_point_rounds_to_the_nearest_unit(value):
    assert abs(to_fixed(value) / SCALE - value) <= 0.5 / SCALE + 1e-15


def test_shrunk_total_is_shrunk_mean_from_the_sum():
    assert shrunk_total(n=5, total=1.0, prior=0.25) == pytest.approx(
        shrunk_mean(n=5, mean=0.2, prior=0.25)
    )
    with pytest.raises(ValueError):
        shrunk_total(n=0, total=0.0, prior=0.2, weight=0)
