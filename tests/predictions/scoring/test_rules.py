import math

import pytest

from predictions.scoring import LOG_EPSILON, brier, clamp, is_correct, log_score


@pytest.mark.parametrize(
    ("p", "outcome", "expected"),
    [
        (0.5, True, 0.25),
        (0.5, False, 0.25),
        (1.0, True, 0.0),
        (1.0, False, 1.0),
        (0.0, False, 0.0),
        (0.0, True, 1.0),
        (0.8, True, 0.04),
        (0.8, False, 0.64),
        (0.1, False, 0.01),
        (0.3, True, 0.49),
    ],
)
def test_brier(p, outcome, expected):
    assert brier(p, outcome) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("p", "outcome", "expected"),
    [
        (0.5, True, math.log(0.5)),
        (0.5, False, math.log(0.5)),
        (0.8, True, math.log(0.8)),
        (0.8, False, math.log(0.2)),
        (0.1, False, math.log(0.9)),
        # Clamped at the ends: finite, and the same as a forecast of 1 - epsilon.
        (1.0, True, math.log(1 - LOG_EPSILON)),
        (1.0, False, math.log(LOG_EPSILON)),
        (0.0, True, math.log(LOG_EPSILON)),
        (0.0, False, math.log(1 - LOG_EPSILON)),
        (1e-12, True, math.log(LOG_EPSILON)),
    ],
)
def test_log_score(p, outcome, expected):
    assert log_score(p, outcome) == pytest.approx(expected)
    assert math.isfinite(log_score(p, outcome))


def test_log_score_epsilon_can_be_chosen():
    assert log_score(0.0, True, epsilon=0.01) == pytest.approx(math.log(0.01))


@pytest.mark.parametrize("p", [-0.01, 1.01, float("nan"), float("inf")])
def test_probability_outside_the_unit_interval_is_refused(p):
    with pytest.raises(ValueError, match="between 0 and 1"):
        brier(p, True)
    with pytest.raises(ValueError, match="between 0 and 1"):
        log_score(p, True)


@pytest.mark.parametrize(
    ("p", "outcome", "expected"),
    [
        (0.7, True, True),
        (0.7, False, False),
        (0.2, False, True),
        (0.2, True, False),
        (0.5, True, False),
        (0.5, False, False),
    ],
)
def test_is_correct(p, outcome, expected):
    assert is_correct(p, outcome) is expected


def test_clamp():
    assert clamp(0.0, 0.01) == 0.01
    assert clamp(1.0, 0.01) == 0.99
    assert clamp(0.4, 0.01) == 0.4
