import datetime

import pytest

from predictions.extraction import Part, extract
from predictions.extraction.events import KnownEvent
from predictions.extraction.text_events import dated_events

D = datetime.date
MADE_ON = D(2016, 1, 20)  # a Wednesday


@pytest.mark.parametrize(
    "text, event",
    [
        (
            "Voters meet for the Dakota caucuses on Feb. 1.",
            KnownEvent("Dakota caucuses", D(2016, 2, 1)),
        ),
        ("The referendum, set for March 6, is close.", KnownEvent("The referendum", D(2016, 3, 6))),
        ("Tuesday's primary is the next test.", KnownEvent("primary", D(2016, 1, 26))),
        ("The Feb. 9 primary is the next test.", KnownEvent("primary", D(2016, 2, 9))),
    ],
)
def test_events_the_text_dates(text, event):
    assert dated_events(text, MADE_ON) == (event,)


def test_periods_and_undated_events_are_not_dated_events():
    assert (
        dated_events("The election in May will be close. The summit is next week.", MADE_ON) == ()
    )


def test_a_forecast_names_an_event_the_text_dates_elsewhere():
    text = (
        "Voters will gather for the Dakota caucuses on Feb. 1 after a long winter of campaigning. "
        "Ada Park said the senator will gain ground before the Dakota contest."
    )
    candidate = extract(
        Part(text=text, made_on=MADE_ON, kind="article", authors=("Jo Writer",), outlet="X")
    )[-1]
    assert (candidate.deadline, candidate.deadline_kind) == (D(2016, 2, 1), "event")
    assert candidate.deadline_text == "before the Dakota contest"
