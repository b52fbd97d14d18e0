"""Seasons, "into", "this time next year" and US elections named without a date."""

import datetime

import pytest

from predictions.extraction.deadlines import find_deadline

D = datetime.date


@pytest.mark.parametrize(
    ("sentence", "made_on", "day"),
    [
        # Astronomical seasons
        ("The drought will end this winter.", D(2031, 1, 15), D(2031, 3, 19)),
        ("Ticket prices will rise by the summer.", D(2031, 1, 15), D(2031, 9, 22)),
        ("The plant will reopen before the spring.", D(2031, 1, 15), D(2031, 3, 19)),
        ("The new line will open in the fall.", D(2031, 5, 2), D(2031, 12, 20)),
        # "into": reaching the period is enough
        ("The dispute will drag on into the summer.", D(2031, 1, 15), D(2031, 6, 21)),
        ("Talks will run into next year.", D(2031, 5, 2), D(2032, 1, 1)),
        # "this time next …": the same day one unit on
        (
            "This time next year the club will be in the second division.",
            D(2031, 5, 2),
            D(2032, 5, 2),
        ),  # fmt: skip
        ("By this time next week the strike will be over.", D(2031, 5, 2), D(2031, 5, 9)),
    ],
)
def test_periods_and_relative_days(sentence, made_on, day):
    assert find_deadline(sentence, made_on).date == day


@pytest.mark.parametrize(
    ("sentence", "made_on", "day"),
    [
        (
            "In the presidential election, trade will decide the result.",
            D(2031, 6, 1),
            D(2032, 11, 2),
        ),  # fmt: skip
        (
            "The governor won't carry the state in the coming election.",
            D(2030, 8, 1),
            D(2030, 11, 5),
        ),  # fmt: skip
        ("Turnout will be low in the upcoming general election.", D(2031, 2, 1), D(2032, 11, 2)),
        # A stated date wins over the election's own.
        (
            "The party will lose seats in the general election in May.",
            D(2031, 2, 1),
            D(2031, 5, 31),
        ),  # fmt: skip
        # "in November" in an election year, about winning or support, is Election Day.
        ("Most of her backers will support him in November.", D(2030, 6, 1), D(2030, 11, 5)),
        ("The state will flip in the fall.", D(2030, 6, 1), D(2030, 11, 5)),
    ],
)
def test_us_elections_named_without_a_date(sentence, made_on, day):
    assert find_deadline(sentence, made_on).date == day


@pytest.mark.parametrize(
    "sentence",
    [
        "The premier will win the next election.",  # whose election is not said
        "The party will lose the presidential election in France.",
    ],
)
def test_elections_that_may_not_be_american_get_no_us_date(sentence):
    assert find_deadline(sentence, D(2031, 6, 1)).kind != "event"


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The strike will end within days.", D(2031, 4, 17)),
        ("The strike will end within weeks.", D(2031, 5, 8)),
        ("The strike will end in a matter of weeks.", D(2031, 5, 8)),
        ("The strike will end in the next 48 hours.", D(2031, 4, 12)),
        ("The strike will end by the weekend.", D(2031, 4, 13)),
        ("The strike will end before the month is out.", D(2031, 4, 30)),
        ("The strike will end before the year is over.", D(2031, 12, 31)),
        ("The strike will end by the beginning of next year.", D(2032, 1, 31)),
        ("The strike will end early next year.", D(2032, 4, 30)),  # early: the first third
    ],
)
def test_spans_the_weekend_and_the_turn_of_a_period(sentence, day):
    assert find_deadline(sentence, D(2031, 4, 10)).date == day


@pytest.mark.parametrize(
    "sentence", ["The talks lasted days.", "Over the weekend, she said it will end."]
)
def test_bare_units_and_past_weekends_set_no_deadline(sentence):
    assert find_deadline(sentence, D(2031, 4, 10)).date is None


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The president will close the base before the end of his term.", D(2033, 1, 20)),
        ("The treaty won't be ratified before the end of her presidency.", D(2033, 1, 20)),
        ("The White House will not act until the president leaves office.", D(2033, 1, 20)),
    ],
)
def test_the_end_of_a_us_presidency(sentence, day):
    assert find_deadline(sentence, D(2031, 4, 10)).date == day


def test_a_term_that_may_not_be_a_presidents_gets_no_date():
    deadline = find_deadline("The mayor will resign before the end of her term.", D(2031, 4, 10))
    assert deadline.date is None
