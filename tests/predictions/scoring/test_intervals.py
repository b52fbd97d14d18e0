import math

import pytest

from predictions.scoring import bootstrap_mean_interval, mean_interval, wilson_interval
from predictions.scoring.intervals import SMALL_N


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Reference values of the Wilson interval (95%, z = 1.959964).
        (0, 10, 0.0, 0.27753),
        (5, 10, 0.23659, 0.76341),
        (10, 10, 0.72247, 1.0),
        (1, 1, 0.20655, 1.0),
        (50, 100, 0.40383, 0.59617),
    ],
)
def test_wilson_table(k, n, low, high):
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-4)
    assert hi == pytest.approx(high, abs=1e-4)


def test_wilson_of_nothing_is_everything():
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_small_sample_interval_is_never_zero_width():
    one = mean_interval(1, 0.01, 0.0001)
    assert one.method == "wilson"
    assert one.low < 0.01 < one.high
    assert one.high - one.low > 0.3


def test_interval_narrows_with_more_predictions():
    widths = []
    for n in (2, 10, 29, 30, 100, 1000):
        values = [0.04, 0.36] * (n // 2) + [0.04] * (n % 2)
        iv = mean_interval(n, sum(values), sum(v * v for v in values))
        assert 0.0 <= iv.low <= sum(values) / n <= iv.high <= 1.0
        widths.append(iv.high - iv.low)
    assert widths[-1] < widths[3] < widths[0]


def test_large_sample_interval_is_the_normal_one():
    values = [0.04, 0.36, 0.16, 0.01] * 25
    n = len(values)
    assert n >= SMALL_N
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    iv = mean_interval(n, sum(values), sum(v * v for v in values))
    assert iv.method == "normal"
    assert iv.low == pytest.approx(mean - 1.959964 * sd / math.sqrt(n), abs=1e-6)
    assert iv.high == pytest.approx(mean + 1.959964 * sd / math.sqrt(n), abs=1e-6)


def test_no_values_no_interval():
    assert mean_interval(0, 0.0, 0.0) is None
    assert bootstrap_mean_interval([]) is None


def test_bootstrap_is_deterministic_and_contains_the_mean():
    values = [0.01, 0.04, 0.64, 0.09, 0.25, 0.36, 0.0, 0.81, 0.16, 0.49]
    a = bootstrap_mean_interval(values, seed=7)
    b = bootstrap_mean_interval(values, seed=7)
    assert a == b
    assert a.low < sum(values) / len(values) < a.high
    assert bootstrap_mean_interval(values, seed=8) != a


@pytest.mark.parametrize("confidence", [0.0, 1.0, 1.5])
def test_confidence_must_be_a_probability(confidence):
    with pytest.raises(ValueError):
        wilson_interval(1, 2, confidence=confidence)
