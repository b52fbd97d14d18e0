import pytest

from predictions.extraction.odds import find_odds


@pytest.mark.parametrize(
    "sentence, p",
    [
        ("She has an 87 percent chance of winning.", 0.87),
        ("Forecasters give it an 87% chance.", 0.87),
        ("The chance is about 30 percent.", 0.30),
        ("Bookmakers offer odds of 3 to 1 against a deal.", 0.25),
        ("The favourite is at 3-1 odds.", 0.25),
        ("The odds are 3 to 1 on a settlement.", 0.75),
        ("There is a one-in-four chance of a strike.", 0.25),
        ("It is a 50-50 proposition.", 0.5),
    ],
)
def test_numbers_are_read_as_written(sentence, p):
    assert find_odds(sentence).probability == pytest.approx(p)


@pytest.mark.parametrize(
    "sentence",
    ["87 percent of voters agree.", "One in four voters agree.", "1.2.3.4.5.6.7.8.9" * 100],
)
def test_numbers_without_a_chance_word_are_not_odds(sentence):
    assert find_odds(sentence) is None
