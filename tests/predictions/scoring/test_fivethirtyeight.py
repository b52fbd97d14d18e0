"""The scoring code against an independent computation on FiveThirtyEight's published forecasts.

The expectations here are computed with deliberately plain arithmetic (no shared helpers with the
code under test) straight from the CSV columns.
"""

import csv
import math

import pytest

from predictions.scoring import (
    LOG_EPSILON,
    bootstrap_mean_interval,
    brier,
    calibration_bins,
    log_score,
    mean_interval,
    murphy_decomposition,
)
from tests.corpus import corpus_path

pytestmark = pytest.mark.corpus

FILES = {
    "governors_elections.csv": ("probwin", "probwin_outcome"),
    "us_senate_election_night.csv": ("probwin", "probwin_outcome"),
    "president_election_night.csv": ("probwin", "probwin_outcome"),
    "nba_games.csv": ("prob1", "prob1_outcome"),
    "nfl_games.csv": ("prob1", "prob1_outcome"),
}


def load(name):
    prob_col, outcome_col = FILES[name]
    with corpus_path("forecasts", "fivethirtyeight", name).open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    pairs = []
    for row in rows:
        if row[outcome_col] not in ("0", "1"):  # an NFL tie is not a yes/no outcome
            continue
        pairs.append((float(row[prob_col]), row[outcome_col] == "1"))
    assert len(pairs) > 1000
    return pairs


@pytest.fixture(scope="module", params=sorted(FILES))
def forecasts(request):
    return load(request.param)


def test_mean_brier_and_log_score(forecasts):
    n = len(forecasts)
    expected_brier = 0.0
    expected_log = 0.0
    for p, o in forecasts:
        y = 1 if o else 0
        expected_brier += (p - y) * (p - y)
        q = p
        if q < LOG_EPSILON:
            q = LOG_EPSILON
        if q > 1 - LOG_EPSILON:
            q = 1 - LOG_EPSILON
        expected_log += math.log(q) if y == 1 else math.log(1 - q)
    got_brier = sum(brier(p, o) for p, o in forecasts) / n
    got_log = sum(log_score(p, o) for p, o in forecasts) / n
    assert got_brier == pytest.approx(expected_brier / n, rel=1e-12)
    assert got_log == pytest.approx(expected_log / n, rel=1e-12)
    # FiveThirtyEight is a good forecaster: well below the 0.25 of a coin flip.
    assert got_brier < 0.25


def test_calibration_bins(forecasts):
    counts = [0] * 10
    sum_p = [0.0] * 10
    hits = [0] * 10
    for p, o in forecasts:
        k = 9 if p >= 1.0 else int(math.floor(p * 10))
        counts[k] += 1
        sum_p[k] += p
        hits[k] += 1 if o else 0
    bins = calibration_bins([p for p, _ in forecasts], [o for _, o in forecasts])
    assert [b.count for b in bins] == counts
    for k, b in enumerate(bins):
        if counts[k]:
            assert b.mean_probability == pytest.approx(sum_p[k] / counts[k], rel=1e-12)
            assert b.observed_frequency == pytest.approx(hits[k] / counts[k], rel=1e-12)
            assert sum_p[k] / counts[k] >= k / 10 and sum_p[k] / counts[k] <= (k + 1) / 10


def test_decomposition(forecasts):
    probs = [p for p, _ in forecasts]
    outcomes = [o for _, o in forecasts]
    n = len(forecasts)
    base = sum(outcomes) / n

    exact = murphy_decomposition(probs, outcomes)
    assert exact.uncertainty == pytest.approx(base * (1 - base), rel=1e-12)
    assert exact.residual == pytest.approx(0.0, abs=1e-12)

    # Binned: the residual is within-bin variance minus twice the within-bin covariance.
    groups = {}
    for p, o in forecasts:
        groups.setdefault(min(int(p * 10), 9), []).append((p, 1 if o else 0))
    rel = res = wbv = wbc = 0.0
    for members in groups.values():
        m = len(members)
        f = sum(p for p, _ in members) / m
        ob = sum(y for _, y in members) / m
        rel += m * (f - ob) ** 2
        res += m * (ob - base) ** 2
        wbv += sum((p - f) ** 2 for p, _ in members)
        wbc += 2 * sum((p - f) * (y - ob) for p, y in members)
    binned = murphy_decomposition(probs, outcomes, bins=10)
    assert binned.reliability == pytest.approx(rel / n, rel=1e-9)
    assert binned.resolution == pytest.approx(res / n, rel=1e-9)
    assert binned.residual == pytest.approx((wbv - wbc) / n, abs=1e-12)


def test_closed_form_interval_agrees_with_the_bootstrap():
    forecasts = load("nba_games.csv")
    scores = [brier(p, o) for p, o in forecasts]
    closed = mean_interval(len(scores), sum(scores), sum(s * s for s in scores))
    boot = bootstrap_mean_interval(scores, resamples=400, seed=1)
    assert closed.low == pytest.approx(boot.low, abs=0.002)
    assert closed.high == pytest.approx(boot.high, abs=0.002)
