import pytest

from predictions.extraction.cues import find_cues


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill will pass the Senate next week.",
        "The bill won't pass.",
        "Prices are going to rise.",
        "The governor is set to veto the budget.",
        "The strike is about to end.",
        "The region is not coming back.",
        "Analysts expect rates to rise in December.",
        "I'm predicting a landslide.",
        "Economists forecast a recession.",
        "It is more likely than not that a deal will come to pass.",
        "A ruling is unlikely before the end of the year.",
        "The merger is likely to close.",
        "The company is widely expected to cut jobs.",
        "Pollsters predicted the race would tighten.",
        "Forecasters give the storm an 80 percent chance of landfall.",
        "We will see a more organised party.",
    ],
)
def test_forecasts_have_a_cue(sentence):
    assert find_cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill passed the Senate last week.",
        "Prices are high.",
        "Will the bill pass?",
        "Who will win the race?",
        "The will of the people is clear.",
        "I will sign the bill tomorrow.",
        "We will hold a press conference.",
        "We're going to appeal the ruling.",
        "The debate will be held on Sunday.",
        "The ceremony will take place in the capitol.",
        "She'll present her proposals in a speech Friday.",
        "If he won, he would cut taxes.",
        "He said he would like more time.",
        "You'll need to save a little each month.",
        "He hopes that the council will approve it.",
        "It was destined to fail.",
        "Nobody knew what to expect.",
        "I didn't expect him to call.",
        "The board usually will meet twice a year.",
        "Let's say the house will cost more.",
        "Will Moss said nothing.",
    ],
)
def test_not_forecasts_have_no_cue(sentence):
    assert find_cues(sentence) == []


def test_negated_future_is_marked():
    (cue,) = find_cues("Russia won't invade.")
    assert cue.negated
    (cue,) = find_cues("Russia will not invade.")
    assert cue.negated
