import datetime

import pytest

from predictions.extraction import Part, extract
from predictions.extraction.cues import find_cues


def _extract(text: str) -> list:
    part = Part(
        text=text,
        made_on=datetime.date(2030, 3, 4),
        kind="article",
        authors=("Ann Writer",),
        outlet="The Daily Example",
    )
    return extract(part)


@pytest.mark.parametrize(
    ("sentence", "low", "high", "polarity"),
    [
        ("Her chances of keeping the seat are very slim.", 0.05, 0.2, "positive"),
        ("Prospects for a trade deal look even dimmer now.", 0.1, 0.25, "positive"),
        ("The odds are long for the reform package.", 0.1, 0.25, "positive"),
        ("His chances in the runoff are good, the pollster said.", 0.65, 0.75, "positive"),
        ("Such amendments are long shots in the upper house.", 0.05, 0.2, "positive"),
        ("The new stadium plan is a long shot.", 0.05, 0.2, "positive"),
        ("The incumbents are heavily favored to keep the council.", 0.75, 0.85, "positive"),
        ("The mayor is the clear favourite to win a second term.", 0.65, 0.75, "positive"),
        ("I'm not betting on a merger this spring.", 0.25, 0.35, "negative"),
        ("You can bet on a long fight over the budget.", 0.65, 0.75, "positive"),
    ],
)
def test_outlooks_are_forecasts_with_their_chance(sentence, low, high, polarity):
    (candidate,) = _extract(sentence)
    assert low <= candidate.probability <= high
    assert candidate.polarity == polarity


@pytest.mark.parametrize(
    "sentence",
    [
        "Her chances were the subject of the meeting.",
        "The prospects of the region are a matter of debate.",
        "The odds are that nobody read the report.",  # no outlook adjective
        "He took a long shot from the halfway line.",
        "The club is a fan favourite.",
    ],
)
def test_outlook_words_elsewhere_are_not_outlooks(sentence):
    assert not [cue for cue in find_cues(sentence) if cue.kind == "outlook"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The coach said he believed the team would eventually reach the final.",
        "She doubted the board would approve the sale.",
        "The minister was confident the reform would pass in the spring.",
        "The senator is optimistic that he will do well in Tuesday's primary.",
    ],
)
def test_beliefs_about_what_would_happen_are_forecasts(sentence):
    assert find_cues(sentence)


def test_a_reported_doubt_is_a_low_probability():
    (candidate,) = _extract("She doubted the board would approve the sale.")
    assert candidate.probability < 0.3


@pytest.mark.parametrize(
    "sentence",
    [
        "We'll see how it goes.",
        "Well, we will see.",
        "Time will tell.",
        "It will be interesting to see where the party goes next.",
        "Some will argue that the tax is unfair.",
        "Critics will say the plan goes too far.",
        "Most residents say they will vote for the new mayor.",
        "Many members aren't sure they'll vote for the budget.",
        "Older workers are far more likely to keep their jobs than younger ones.",
        "Renters are less likely to move during the school year.",
        "The poll shows a close race among likely voters next month.",
    ],
)
def test_no_outcome_is_forecast(sentence):
    assert not find_cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We will see a much stronger economy next year.",
        "Voters will say no to the new tax in May.",  # a kind of people, but an outcome
        "The challenger is more likely than not to win the runoff.",
        "The mayor says he will win the runoff.",
    ],
)
def test_these_still_are_forecasts(sentence):
    assert find_cues(sentence)


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("I would be surprised if the council approves the tower.", 0.2),
        ("She wouldn't be surprised to see a recount in the fall.", 0.6),
        ("Opinion polls see the challenger winning the runoff in May.", 0.7),
        ("The vote is a likely flashpoint at the convention.", 0.7),
        ("Analysts have long considered a merger likely.", 0.7),
    ],
)
def test_surprise_forecasters_seeing_and_likely_in_a_noun_phrase(sentence, probability):
    (candidate,) = _extract(sentence)
    assert candidate.probability == pytest.approx(probability, abs=0.01)
    assert candidate.polarity == "positive"


@pytest.mark.parametrize(
    "sentence",
    [
        "I sincerely hope that on Nov. 8, the voters will reject the tax.",
        "He is a tired leader who will soon, hopefully, retire.",
        "That doesn't mean the bill won't pass.",
        "You can't assume the tenants will stay.",
        "Two judges will hear the case in March.",
        "The officials disagree on what exactly the envoy will do next.",
        "The surveyed voters said they would definitely vote for the mayor.",
        "Analysts see it as a turning point.",
    ],
)
def test_wishes_denied_inferences_schedules_and_questions_are_not_forecasts(sentence):
    assert not _extract(sentence)


@pytest.mark.parametrize(
    ("sentence", "forecast"),
    [
        ("Elected judges would certainly command more respect.", False),
        ("Such a levy would likely drive rents up.", False),
        ("Even without Ohio, Ms. Rivera would almost certainly win the nomination.", True),
        ("The treasurer said the levy would likely drive rents up.", True),
        ("The levy would probably pass next month.", True),
    ],
)
def test_would_with_a_sure_adverb_needs_a_sayer_a_name_or_a_time(sentence, forecast):
    assert bool(find_cues(sentence)) is forecast


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("The mayor stands a good chance of winning a second term.", 0.7),
        ("There's a real chance the council rejects the plan.", 0.6),
        ("The team has little chance of making the playoffs.", 0.125),
        ("The striker is widely tipped to join the club in the summer.", 0.7),
        ("The senator is the front-runner to lead the committee.", 0.7),
        ("The incumbent faces almost certain defeat in the runoff.", 0.95),
        ("The chairman's days are numbered.", 0.9),
        ("The smart money is on a rate cut in March.", 0.7),
        ("The odds favour the incumbent.", 0.7),
        ("Markets are pricing in a rate cut in June.", 0.7),
    ],
)
def test_chances_held_favourites_and_outlook_idioms(sentence, probability):
    (candidate,) = _extract(sentence)
    assert candidate.probability == pytest.approx(probability, abs=0.01)


@pytest.mark.parametrize(
    "sentence",
    [
        "The club had a good chance to score.",
        "The incumbent faced certain questions from the panel.",
        "The store's opening days were numbered in the brochure.",
    ],
)
def test_past_chances_and_lookalikes_are_not_outlooks(sentence):
    assert not _extract(sentence)


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("The senator is a shoo-in for re-election.", 0.95),
        ("The mayor is a lock for a second term.", 0.95),
        ("A rate cut is a near-certainty.", 0.95),
        ("The merger is all but assured.", 0.95),
        ("The club's fate is sealed.", 0.9),
        ("The writing is on the wall for the chairman.", 0.9),
        ("A ruling is expected by June.", 0.7),
        ("Look for prices to climb in the spring.", 0.7),
        ("The club seems destined for relegation.", 0.85),
        ("Rents are on track for a fifth annual rise.", 0.85),
        ("It's only a question of time before the bank fails.", 0.85),
    ],
)
def test_certainties_expected_events_and_imperative_forecasts(sentence, probability):
    (candidate,) = _extract(sentence)
    assert candidate.probability == pytest.approx(probability, abs=0.01)


@pytest.mark.parametrize(
    "sentence",
    [
        "The envelope was sealed.",
        "The door is a lock.",
        "The result was expected in the morning.",
        "Someone living downtown is almost assured to own a bicycle.",
    ],
)
def test_certainty_lookalikes_and_generic_subjects(sentence):
    assert not _extract(sentence)


def test_a_concessive_whoever_clause_is_not_a_generic_subject():
    assert find_cues("Whoever wins the vote, the port is likely to close within a year.")


def test_no_chance_to_act_is_an_opportunity_not_an_outlook():
    cues = find_cues("Shareholders get no chance to remove the board until May.")
    assert not [cue for cue in cues if cue.kind == "outlook"]
