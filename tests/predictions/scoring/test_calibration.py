import pytest

from predictions.scoring import BinSums, bin_index, bins_from_sums, calibration_bins


@pytest.mark.parametrize(
    ("p", "expected"),
    [(0.0, 0), (0.05, 0), (0.1, 1), (0.3, 3), (0.7, 7), (0.99, 9), (1.0, 9), (0.5, 5), (0.4999, 4)],
)
def test_bin_index(p, expected):
    assert bin_index(p) == expected


def test_every_whole_percent_lands_in_its_decile():
    for k in range(101):
        assert bin_index(k / 100) == min(k // 10, 9)


def test_bins_have_counts_means_and_frequencies():
    probs = [0.05, 0.15, 0.12, 0.75, 0.71, 0.79, 1.0]
    outcomes = [False, True, False, True, True, False, True]
    bins = calibration_bins(probs, outcomes)
    assert len(bins) == 10
    assert [b.count for b in bins] == [1, 2, 0, 0, 0, 0, 0, 3, 0, 1]
    assert bins[1].mean_probability == pytest.approx(0.135)
    assert bins[1].observed_frequency == pytest.approx(0.5)
    assert bins[7].mean_probability == pytest.approx(0.75)
    assert bins[7].observed_frequency == pytest.approx(2 / 3)
    assert bins[2].mean_probability is None and bins[2].observed_frequency is None
    assert (bins[0].low, bins[0].high, bins[9].low, bins[9].high) == (0.0, 0.1, 0.9, 1.0)
    for b in bins:
        if b.count:
            assert 0.0 <= b.observed_low <= b.observed_frequency <= b.observed_high <= 1.0


def test_empty_bins_can_be_left_out():
    bins = calibration_bins([0.2, 0.25], [True, False], include_empty=False)
    assert [(b.low, b.count) for b in bins] == [(0.2, 2)]


def test_bins_from_sums_match_bins_from_values():
    probs = [0.31, 0.33, 0.9]
    outcomes = [False, True, True]
    sums = {}
    for p, o in zip(probs, outcomes, strict=True):
        sums.setdefault(bin_index(p), BinSums()).add(p, o)
    assert bins_from_sums(sums) == calibration_bins(probs, outcomes)


def test_other_bin_counts():
    bins = calibration_bins([0.1, 0.6], [False, True], bins=5)
    assert [b.count for b in bins] == [1, 0, 0, 1, 0]


def test_lengths_must_match():
    with pytest.raises(ValueError):
        calibration_bins([0.1, 0.2], [True])
