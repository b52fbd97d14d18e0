import datetime

import pytest

from predictions.extraction import Part, extract
from predictions.extraction.claims import state_claim


@pytest.mark.parametrize(
    "sentence, cue_word, claim",
    [
        (
            "It is most unlikely the strike will be settled before May.",
            "will",
            "the strike will be settled before May",
        ),
        ("The mill will not close this year.", "will", "The mill will close this year"),
        ("The mill won't close this year.", "won't", "The mill will close this year"),
        ("The merger is likely to close in June.", "likely", "The merger will close in June"),
        ("Analysts expect rates to rise in December.", "expect", "rates will rise in December"),
        ("I don't think the council will object.", "will", "the council will object"),
        (
            "Given the pressure, it is more likely than not that a deal will come to pass.",
            "will",
            "a deal will come to pass",
        ),
        ("The party will almost certainly win.", "will", "The party will win"),
    ],
)
def test_claim_is_positive_and_unhedged(sentence, cue_word, claim):
    assert state_claim(sentence, sentence.index(cue_word), []) == claim


def test_cut_spans_are_left_out():
    sentence = "The mill will close, Ada Park said."
    assert (
        state_claim(sentence, sentence.index("will"), [(19, len(sentence))])
        == "The mill will close"
    )


@pytest.mark.parametrize(
    ("sentence", "claim", "polarity"),
    [
        ("The bank will no longer lend to builders next year.", "The bank will lend to builders next year", "negative"),
        ("The minister said there is an 80 percent chance the levy will pass.", "the levy will pass", "positive"),
        ("There is a 30 percent chance of a strike next month.", "There is a 30 percent chance of a strike next month", "positive"),
        ("The strike is all but certain to go ahead, the union said.", "The strike will go ahead", "positive"),
        ("Prices will rise, according to the central bank.", "Prices will rise", "positive"),
    ],
)  # fmt: skip
def test_claims_drop_chances_and_trailing_sayers_and_keep_no_longer(sentence, claim, polarity):
    (candidate,) = extract(
        Part(
            text=sentence,
            made_on=datetime.date(2030, 1, 5),
            kind="article",
            authors=("Ann Writer",),
            outlet="Paper",
        )
    )
    assert candidate.claim == claim
    assert candidate.polarity == polarity


def test_few_who_expect_it_make_it_unlikely():
    (candidate,) = extract(
        Part(
            text="Few analysts expect the deal to hold.",
            made_on=datetime.date(2030, 1, 5),
            kind="article",
            authors=("Ann Writer",),
            outlet="Paper",
        )
    )
    assert candidate.probability < 0.5
