"""The DESIGN rules of judgement as a table: claim state, day, deadline, condition → outcome."""

import datetime

import pytest

from predictions.judging import outcome_for

D = datetime.date(2014, 5, 25)
BEFORE = datetime.date(2014, 5, 1)
AFTER = datetime.date(2014, 5, 31)


@pytest.mark.parametrize(
    ("state", "on", "deadline", "condition", "expected"),
    [
        # Occurred on D: YES when D is on or before the deadline, NO when the deadline came first.
        ("occurred", D, AFTER, None, "yes"),
        ("occurred", D, D, None, "yes"),
        ("occurred", D, BEFORE, None, "no"),
        # Open-ended forecasts come true whenever it happens...
        ("occurred", D, None, None, "yes"),
        # ...and are never NO merely because it has not happened yet.
        ("not_occurred", D, None, None, None),
        # Did not occur as of D: NO where the deadline has passed, still open where it has not.
        ("not_occurred", D, BEFORE, None, "no"),
        ("not_occurred", D, D, None, "no"),
        ("not_occurred", D, AFTER, None, None),
        # A failed condition annuls, whatever happened to the claim.
        ("occurred", D, AFTER, "not_occurred", "annulled"),
        ("occurred", D, AFTER, "annulled", "annulled"),
        ("not_occurred", D, BEFORE, "not_occurred", "annulled"),
        ("open", None, AFTER, "not_occurred", "annulled"),
        # A condition that held changes nothing; one still open waits.
        ("occurred", D, AFTER, "occurred", "yes"),
        ("occurred", D, AFTER, "open", None),
        ("occurred", D, AFTER, "ambiguous", "ambiguous"),
        ("annulled", None, AFTER, None, "annulled"),
        ("ambiguous", None, AFTER, None, "ambiguous"),
        ("open", None, AFTER, None, None),
        ("open", None, AFTER, "occurred", None),
    ],
)
def test_outcome_for(state, on, deadline, condition, expected):
    assert outcome_for(state=state, on=on, deadline=deadline, condition_state=condition) == expected


def test_dated_states_need_a_day():
    with pytest.raises(ValueError):
        outcome_for(state="occurred", on=None, deadline=AFTER)
    with pytest.raises(ValueError):
        outcome_for(state="not_occurred", on=None, deadline=AFTER)
