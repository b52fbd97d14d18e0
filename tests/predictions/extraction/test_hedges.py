import pytest

from predictions.extraction.cues import find_cues
from predictions.extraction.hedges import read_hedge
from predictions.extraction.lexicon import HEDGES


def reading(sentence):
    return read_hedge(sentence, find_cues(sentence)[0])


@pytest.mark.parametrize(
    "sentence, p, polarity",
    [
        ("The bill will pass.", HEDGES["will"][0], "positive"),
        ("The bill will not pass.", 1 - HEDGES["will"][0], "negative"),
        ("The bill won't pass.", 1 - HEDGES["will"][0], "negative"),
        ("The bill will probably pass.", HEDGES["probably"][0], "positive"),
        ("The bill probably won't pass.", 1 - HEDGES["probably"][0], "negative"),
        (
            "It is most unlikely the strike will end before May.",
            HEDGES["most unlikely"][0],
            "positive",
        ),
        (
            "It is more likely than not that a deal will come.",
            HEDGES["more likely than not"][0],
            "positive",
        ),
        (
            "It seems highly possible that the dockers will walk out.",
            HEDGES["highly possible"][0],
            "positive",
        ),
        ("I don't think the council will have a problem.", 1 - HEDGES["think"][0], "negative"),
        ("It is not unlikely that the plant will close.", HEDGES["not unlikely"][0], "positive"),
        ("There is no chance the plan will work.", HEDGES["no chance"][0], "positive"),
        ("The party will almost certainly win.", HEDGES["almost certainly"][0], "positive"),
        ("Analysts expect rates to rise.", HEDGES["expect"][0], "positive"),
        ("Analysts do not expect rates to rise.", 1 - HEDGES["expect"][0], "negative"),
        ("She has an 87 percent chance of winning, and she will.", 0.87, "positive"),
    ],
)
def test_probability_and_polarity(sentence, p, polarity):
    result = reading(sentence)
    assert result.probability == pytest.approx(p, abs=0.001)
    assert result.polarity == polarity


def test_hedge_words_are_reported():
    assert reading("It is most unlikely the strike will end.").hedge == "most unlikely"
    assert reading("The bill will pass.").hedge is None


@pytest.mark.parametrize(
    "sentence, probability, polarity",
    [
        ("The depot will probably not close.", 0.26, "negative"),
        ("The depot is probably not going to close.", 0.26, "negative"),
        ("The depot will not likely close.", 0.3, "negative"),
        ("The depot probably will not close.", 0.3, "negative"),
    ],
)
def test_a_negation_shared_by_cue_and_hedge_counts_once(sentence, probability, polarity):
    (cue,) = find_cues(sentence)
    reading = read_hedge(sentence, cue)
    assert reading.probability == pytest.approx(probability, abs=0.02)
    assert reading.polarity == polarity
