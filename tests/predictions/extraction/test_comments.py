"""Reader comments: the commenter's own forecasts, not what they quote."""

import datetime

import pytest

from predictions.extraction import Part, extract

DAY = datetime.date(2015, 6, 1)
ARTICLE = "The council met on Monday. Officials said the bridge will reopen before winter."


def comment(text):
    return Part(
        text=text, made_on=DAY, kind="comment", authors=("reader7",), outlet="The Paper",
        article_text=ARTICLE,
    )  # fmt: skip


def found(text):
    return [(c.speaker, c.speaker_role, c.claim) for c in extract(comment(text))]


@pytest.mark.parametrize(
    "text",
    [
        "'Officials said the bridge will reopen before winter.' Not a chance.",
        "You wrote 'the bridge will reopen before winter' and I laughed.",
        "> the bridge will reopen before winter\n\nNot a chance.",
        '"The toll road will pay for itself," they told us. Sure.',
        "reader12 19 minutes ago: The toll road will pay for itself.",
    ],
)
def test_quoted_text_is_not_the_commenters_forecast(text):
    assert found(text) == []


def test_the_commenters_own_forecast():
    assert found("Mark my words: the toll road will never pay for itself.") == [
        ("reader7", "commenter", "the toll road will pay for itself")
    ]


def test_a_named_persons_forecast_reported_in_a_comment_is_theirs():
    ((speaker, role, claim),) = found(
        "And Premier Dana Whitlock announced today that the toll road will pay for itself."
    )
    assert (speaker, role) == ("Dana Whitlock", "quoted")
    assert claim == "the toll road will pay for itself"


def test_a_negative_subject_makes_a_negative_forecast():
    (candidate,) = extract(comment("Nothing much will change out here before the vote."))
    assert candidate.polarity == "negative"
    assert candidate.probability < 0.5


def test_a_condition_ends_at_an_ellipsis():
    ((_, _, claim),) = found(
        "Whitlock if she keeps at it... eventually she will get elected as premier."
    )
    assert claim == "eventually she will get elected as premier"
