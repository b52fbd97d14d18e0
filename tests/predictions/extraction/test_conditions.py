import pytest

from predictions.extraction.conditions import find_condition


@pytest.mark.parametrize(
    "sentence, cue_word, condition",
    [
        ("If the talks fail, the army will move.", "will", "If the talks fail"),
        ("Unless prices fall, the strike will go on.", "will", "Unless prices fall"),
        (
            "Should the sides fail to agree, it seems likely the troops will invade.",
            "will",
            "Should the sides fail to agree",
        ),
        ("The deal will hold as long as rates stay low.", "will", "as long as rates stay low"),
        (
            "The plant will close provided that the loan is refused.",
            "will",
            "provided that the loan is refused",
        ),
        ("The plan will fail unless the mayor intervenes.", "will", "unless the mayor intervenes"),
    ],
)
def test_condition_is_kept_as_text(sentence, cue_word, condition):
    found = find_condition(sentence, sentence.index(cue_word))
    assert found.text == condition
    assert sentence[found.start : found.end] == condition


def test_even_if_is_not_a_condition():
    sentence = "The court will rule even if the parties settle."
    assert find_condition(sentence, sentence.index("will")) is None
