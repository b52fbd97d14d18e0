import pytest

from predictions.scoring import Standing, assign_ranks, shrunk_mean


@pytest.mark.parametrize(
    ("n", "mean", "prior", "weight", "expected"),
    [
        (0, 0.0, 0.25, 10, 0.25),
        (1, 0.01, 0.25, 10, (0.01 + 2.5) / 11),
        (50, 0.15, 0.25, 10, (7.5 + 2.5) / 60),
        (10, 0.1, 0.2, 0, 0.1),
    ],
)
def test_shrunk_mean(n, mean, prior, weight, expected):
    assert shrunk_mean(n=n, mean=mean, prior=prior, weight=weight) == pytest.approx(expected)


def test_one_lucky_call_does_not_top_the_board():
    prior = 0.22
    lucky = shrunk_mean(n=1, mean=0.0001, prior=prior)
    steady = shrunk_mean(n=60, mean=0.12, prior=prior)
    assert steady < lucky


def test_ranks_only_eligible_rows_best_first():
    standings = [
        Standing("a", "Ann", 10, 0.20),
        Standing("b", "Bob", 3, 0.01),
        Standing("c", "Cy", 12, 0.15),
        Standing("d", "Di", 12, 0.20),
    ]
    ranks = assign_ranks(standings, min_resolved=5)
    assert ranks == {"c": 1, "d": 2, "a": 3, "b": None}


def test_invalid_weights():
    with pytest.raises(ValueError):
        shrunk_mean(n=0, mean=0.1, prior=0.2, weight=0)
