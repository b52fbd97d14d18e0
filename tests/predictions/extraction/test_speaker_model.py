"""The speaker of a news forecast, with the learned model: behaviour on our own sentences."""

import datetime
import importlib.util
import json
import sys

import pytest

from predictions.extraction import Part, extract, speaker_features, speaker_model
from predictions.extraction.speaker_features import AUTHOR, Choice
from tests.corpus import PROJECT_DIR, corpus_path


def article(text, authors=("Jo Writer",)):
    return Part(
        text=text,
        made_on=datetime.date(2026, 3, 1),
        kind="article",
        authors=authors,
        outlet="The Daily Example",
    )


def speakers(text, authors=("Jo Writer",)):
    return [(c.speaker, c.speaker_role) for c in extract(article(text, authors))]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Ada Park said the mill will close next year.", "Ada Park"),
        ("Ada Park predicted that the mill would close by June.", "Ada Park"),
        ("Ada Park expects the mill to close next year.", "Ada Park"),
        ("Ada Park is confident that the mill will close.", "Ada Park"),
        ("According to Ada Park, the mill will close next year.", "Ada Park"),
        ("Ada Park told reporters the mill will close next year.", "Ada Park"),
        ("The mill will close next year, Ada Park said on Monday.", "Ada Park"),
        ("Ada Park was sure that the union will lose the vote.", "Ada Park"),
        ("Aides have also argued that the mill will close next year.", "Aides"),
    ],
)
def test_reported_speech_belongs_to_the_reporters_subject(text, speaker):
    assert speakers(text) == [(speaker, "quoted")]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Maria Lopez spoke in Dayton on Monday. Lopez said the bill will pass in May.",
        "Senator Maria Lopez spoke in Dayton on Monday. She said the bill will pass in May.",
        "Senator Maria Lopez spoke in Dayton on Monday. Ms. Lopez said the bill will pass soon.",
        "Senator Maria Lopez spoke in Dayton on Monday. The senator said the bill will pass.",
    ],
)
def test_surnames_pronouns_and_titles_resolve_to_the_full_name(text):
    assert speakers(text) == [("Maria Lopez", "quoted")]


def test_a_long_quotation_belongs_to_the_speaker_named_paragraphs_before_it():
    text = (
        "Tom Baker, the mayor of Example City, spoke for an hour on Tuesday.\n\n"
        '"We have waited long enough for this," Baker said. "The council has the votes.\n\n'
        '"The money is there and the plans are drawn.\n\n'
        '"The tram line will open before the winter, and fares will stay low."'
    )
    assert ("Tom Baker", "quoted") in speakers(text)
    assert all(speaker == "Tom Baker" for speaker, _ in speakers(text))


def test_a_quotation_belongs_to_the_speaker_named_after_it():
    text = (
        '"The tram line will open before the winter. Nobody doubts that now," said Tom Baker, '
        "the mayor."
    )
    assert speakers(text) == [("Tom Baker", "quoted")]


def test_he_after_a_quotation_is_not_the_person_the_quotation_names():
    text = (
        "David Ames, who ran two campaigns in Ohio, spoke to reporters on Monday.\n\n"
        '"Tom Baker will stay in the race until June," he said.'
    )
    assert speakers(text) == [("David Ames", "quoted")]


def test_i_think_inside_a_quotation_belongs_to_the_person_quoted():
    text = (
        "Ada Park runs the port authority.\n\n"
        '"I think traffic will double by 2030," said Ada Park. "I am sure it will."'
    )
    assert {speaker for speaker, _ in speakers(text)} == {"Ada Park"}


def test_i_think_belongs_to_the_speaker_the_sentence_names_outside_the_quotation():
    text = (
        "Eric Moss chairs the transit board.\n\n"
        'Tom Baker told reporters in Dayton last week, "I have said all along that the tram '
        'will open in May, and I think people know it now."'
    )
    assert speakers(text) == [("Tom Baker", "quoted")]
    with speaker_model.rules_only():
        assert speakers(text) == [("Tom Baker", "quoted")]


def test_the_authors_own_forecast_stays_the_authors_when_it_names_people():
    text = (
        "Maria Lopez and Tom Baker met in Dayton on Monday.\n\n"
        "Maria Lopez will win the nomination, and Tom Baker will probably withdraw in May."
    )
    assert {who for who in speakers(text)} == {("Jo Writer", "author")}


def test_unsigned_articles_forecasts_belong_to_the_outlet():
    assert speakers("Rates will rise next year.", authors=()) == [("The Daily Example", "author")]


def test_rules_only_gives_the_rules_answer_and_restores_the_model():
    text = "Ada Park said the mill will close next year."
    with speaker_model.rules_only():
        assert speaker_model._state["rules_only"]
        assert speakers(text) == [("Ada Park", "quoted")]
    assert not speaker_model._state["rules_only"]


def test_a_person_named_twice_outweighs_one_stronger_mention():
    weight = {"a": 1.0, "b": 1.2}
    choices = [
        Choice(AUTHOR, ()),
        Choice("Ada Park", ("a",)),
        Choice("Park", ("a",)),
        Choice("Tom Baker", ("b",)),
    ]
    best, mass = speaker_model.best_person(choices, weight)
    assert best == "Ada Park"  # both mentions joined by surname, named by the longer name
    assert 0.5 < mass < 1.0


def test_ties_go_to_the_first_choice():
    choices = [Choice(AUTHOR, ()), Choice("Ada Park", ())]
    assert speaker_model.best_person(choices, {})[0] == AUTHOR


def test_the_shipped_weights_load_and_are_small():
    weights = speaker_model.weights()
    assert len(weights) > 20
    assert all(isinstance(value, float) for value in weights.values())
    assert speaker_model.WEIGHTS_PATH.stat().st_size < 2_000_000
    document = json.loads(speaker_model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert "PolNeAR" in document["about"] and document["command"]
    # Every weight names a feature the runtime can produce: a bucket, a position, a flag.
    assert any(name.startswith("d<=") for name in weights)
    assert any(name.startswith("author") for name in weights)


def load_training_script():
    path = PROJECT_DIR / "bench" / "train_attribution.py"
    spec = importlib.util.spec_from_file_location("train_attribution", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_attribution", module)
    spec.loader.exec_module(module)
    return module


def test_the_training_script_uses_the_runtimes_feature_and_scoring_functions():
    script = load_training_script()
    assert script.speaker_features is speaker_features
    assert script.speaker_model is speaker_model
    assert script.speaker_model.probabilities is speaker_model.probabilities
    assert script.speaker_features.mentions is speaker_features.mentions
    # It defines no features of its own.
    assert not [
        name for name in vars(script) if "feature" in name.lower() and name != "speaker_features"
    ]


@pytest.mark.corpus
def test_the_committed_weights_are_what_the_training_script_rebuilds():
    corpus_path("polnear", "attributions", "train")
    script = load_training_script()
    shipped = json.loads(speaker_model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    epochs = int(shipped["command"].split("--epochs")[1])
    document, _, _ = script.build(epochs)
    assert document == shipped
