import pytest

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
