import datetime

import pytest

from predictions.extraction import Part, extract
from predictions.extraction.quoting import reports_other_text

ARTICLE = "The harbour board met on Tuesday. Its chair spoke about the new quay."


def _comment(text: str) -> list:
    part = Part(
        text=text,
        made_on=datetime.date(2030, 3, 4),
        kind="comment",
        authors=("reader7",),
        outlet="The Daily Example",
        article_text=ARTICLE,
    )
    return extract(part)


@pytest.mark.parametrize(
    "text",
    [
        "The article says the quay will cost twice as much. I doubt it.",
        "You wrote that the ferry will reopen in May. Dream on.",
        "@harbourwatch said the levy will pass.",
        "According to the column, officials expect the ferry to reopen in May.",
        "Officials expect the ferry to reopen in May, the story says.",
        "Quote: the levy will raise millions.",
    ],
)
def test_a_forecast_reported_from_another_text_is_not_the_commenters(text):
    assert not _comment(text)


@pytest.mark.parametrize(
    "text",
    [
        "The levy will fail by June.",
        "I think the quay will run over budget, whatever you say.",
        "You know the levy will fail.",
    ],
)
def test_the_commenters_own_forecasts_stay(text):
    assert _comment(text)


def test_an_article_reporting_a_text_is_not_read_as_a_comment():
    part = Part(
        text="The report says the quay will cost twice as much.",
        made_on=datetime.date(2030, 3, 4),
        kind="article",
        authors=("Ann Writer",),
        outlet="The Daily Example",
    )
    assert extract(part)
    assert reports_other_text(part.text, part.text.index("will"))
