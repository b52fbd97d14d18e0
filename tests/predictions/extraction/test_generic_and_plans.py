"""Plans, habits, sayings and generic statements that use "will" but forecast nothing."""

import datetime

import pytest

from predictions.extraction import Part, extract
from predictions.extraction.cues import find_cues


def _comment(text: str) -> list:
    part = Part(
        text=text,
        made_on=datetime.date(2030, 3, 4),
        kind="comment",
        authors=("reader7",),
        outlet="The Daily Example",
        article_text="The council met on Tuesday to talk about the harbour.",
    )
    return extract(part)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll be voting for the new mayor.",
        "We will be writing to the council.",
        "My family will never shop there again.",
        "No one in our household will use that bank.",
        "Anyone who has studied the budget will appreciate the problem.",
        "Whoever takes the job will face a mountain of debt.",
        "Readers will remember the scandal of last spring.",
        "They will say anything to get elected.",
        "Boys will be boys.",
        "Next week, the committee will meet to discuss the plan.",
        "The new speed limits will take effect in March.",
    ],
)
def test_plans_habits_and_generic_statements_are_not_forecasts(sentence):
    assert not find_cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll be losing my seat at the next vote.",  # nobody chooses to lose
        "Anyone who thinks the mayor will resign is dreaming.",
        "The people who run the port will lose their contract next year.",
        "Fans will flock back once the stadium reopens.",
    ],
)
def test_these_are_still_forecasts(sentence):
    assert _comment(sentence)
