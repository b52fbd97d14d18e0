import pytest

from predictions.scoring import brier, murphy_decomposition


def mean_brier(probs, outcomes):
    return sum(brier(p, o) for p, o in zip(probs, outcomes, strict=True)) / len(probs)


@pytest.mark.parametrize(
    ("probs", "outcomes", "rel", "res", "unc"),
    [
        # A perfect forecaster: no reliability error, all the uncertainty resolved.
        ([1.0, 1.0, 0.0, 0.0], [True, True, False, False], 0.0, 0.25, 0.25),
        # Climatology: always the base rate, perfectly reliable, no resolution.
        ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.0, 0.0, 0.25),
        # Always 0.8 when the base rate is 0.5: reliability (0.8 - 0.5)^2.
        ([0.8, 0.8, 0.8, 0.8], [True, False, True, False], 0.09, 0.0, 0.25),
        # Two groups, hand computed: group 0.2 -> 1/2 happened, group 0.9 -> 2/2.
        (
            [0.2, 0.2, 0.9, 0.9],
            [True, False, True, True],
            (2 * 0.09 + 2 * 0.01) / 4,
            (2 * 0.0625 + 2 * 0.0625) / 4,
            0.75 * 0.25,
        ),
    ],
)
def test_table(probs, outcomes, rel, res, unc):
    d = murphy_decomposition(probs, outcomes)
    assert d.reliability == pytest.approx(rel)
    assert d.resolution == pytest.approx(res)
    assert d.uncertainty == pytest.approx(unc)
    assert d.brier == pytest.approx(mean_brier(probs, outcomes))
    assert d.residual == pytest.approx(0.0, abs=1e-12)


def test_identity_is_exact_when_grouping_by_value():
    probs = [0.1, 0.3, 0.3, 0.65, 0.9, 0.9, 0.9, 0.02]
    outcomes = [False, True, False, True, True, True, False, False]
    d = murphy_decomposition(probs, outcomes)
    assert d.brier == pytest.approx(d.reliability - d.resolution + d.uncertainty, abs=1e-12)


def test_binned_decomposition_reports_the_within_bin_terms():
    probs = [0.11, 0.19, 0.81, 0.89, 0.85]
    outcomes = [False, True, True, True, False]
    d = murphy_decomposition(probs, outcomes, bins=10)
    assert d.brier == pytest.approx(mean_brier(probs, outcomes))
    assert d.residual != pytest.approx(0.0, abs=1e-9)
    assert d.brier == pytest.approx(d.reliability - d.resolution + d.uncertainty + d.residual)


def test_no_forecasts():
    with pytest.raises(ValueError):
        murphy_decomposition([], [])
