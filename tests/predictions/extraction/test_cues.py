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
        "A verdict on the appeal is unlikely before the end of the year.",
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The coalition is on the verge of collapse.",
        "The incumbent is well positioned to keep her seat.",
        "The harbour plan figures to pass easily.",
        "The mayor stands to lose the most.",
        "The club is poised for a rebound.",
        "Her resignation is only a matter of time.",
        "With three rounds left, the title is hers to lose.",
        "The regional council was bracing for defeat.",
        "The ferry operator would almost certainly raise fares, its critics say.",
        "It is unlikely that any of the bills could pass.",
        "The likely nominee leads every poll.",
        "The tolls would fall sharply after the merger, the analysts predicted.",
        "We're going to beat them in the north.",
        "I think I'm going to have the votes, OK?",
        "She raised serious doubts about whether the council will act.",
    ],
)
def test_forecasts_without_will(sentence):
    assert find_cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "She will have to win back the suburbs.",
        "We are going to need to raise money.",
        "The vote will show whether the coalition holds.",
        "He's not predicting she'll win the seat.",
        "It's the most important job anyone will ever have.",
        "We need someone who is going to fix the roads.",
        "The more people you ask, the better your numbers are going to be.",
        "In any other year they would certainly be short-listed.",
        "I would certainly agree.",
        "It was unlikely that many voters would choose that way.",
        "It will be up to the council to decide.",
        "Nobody knows who is going to win the seat.",
        "I bet most people are tired of it.",
        "She expects me to do the same thing.",
        "I'll just be happy when the roadworks are gone.",
        "Most of us would probably agree that the fine was fair.",
        "Only the naive would expect anything different.",
        "The debt will double every 35 years at that rate.",
    ],
)
def test_more_things_that_are_not_forecasts(sentence):
    assert find_cues(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Nothing much will happen before the election.",
        "No one is going to sign that deal.",
        "Nor will they build the new pipeline.",
    ],
)
def test_a_negative_subject_negates_the_forecast(sentence):
    (cue,) = find_cues(sentence)
    assert cue.negated


def test_a_hint_pattern_finds_exactly_what_a_substring_test_per_hint_finds():
    import random

    from predictions.extraction.cues import hint_pattern

    rng = random.Random(20261202)
    for _ in range(300):
        hints = tuple(
            "".join(rng.choice("ab '") for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 8))
        )
        pattern = hint_pattern(hints)
        for _ in range(40):
            text = "".join(rng.choice("ab 'c") for _ in range(rng.randint(0, 12)))
            assert (pattern.search(text) is not None) == any(h in text for h in hints), (
                hints,
                text,
            )
    assert hint_pattern(("will", "won't", "'ll")).search("they won't") is not None
    assert hint_pattern(("will", "won't", "'ll")).search("a wild night") is None
