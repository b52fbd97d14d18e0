import pytest

from predictions.extraction.attribution import Attribution, is_first_person
from predictions.extraction.cues import find_cues
from predictions.extraction.people import DocumentPeople, plausible_speaker
from predictions.extraction.sentences import split_sentences
from predictions.extraction.speaker_model import attribute

AUTHOR = Attribution("Jo Writer", "author")


def speakers(text):
    sentences = split_sentences(text)
    people = DocumentPeople.read(text)
    out = []
    for index, sentence in enumerate(sentences):
        cues = find_cues(sentence.text)
        if cues:
            cue = cues[0]
            end = cue.end if cue.kind == "expect" else None
            who = attribute(sentences, index, cue.start, people, AUTHOR, end)
            out.append((who.speaker, who.role))
    return out


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Ada Park said the mill will close.", "Ada Park"),
        ("The mill will close, Ada Park said.", "Ada Park"),
        ("The mill will close, said Ada Park, a union leader.", "Ada Park"),
        ("According to Ada Park, the mill will close.", "Ada Park"),
        ("Ada Park predicted that the mill will close.", "Ada Park"),
        ("Ada Park told reporters the mill will close.", "Ada Park"),
        ("Kevin Moss, a planner in Ohio, expects prices to rise.", "Kevin Moss"),
        ("“The mill will close,” Sen. Ada Park, D-Ohio, said Tuesday.", "Ada Park"),
    ],
)
def test_quoted_and_paraphrased_sources(text, speaker):
    assert speakers(text) == [(speaker, "quoted")]


def test_unattributed_sentence_belongs_to_the_author():
    assert speakers("The mill will close.") == [("Jo Writer", "author")]


def test_pronoun_goes_to_the_last_person_named():
    text = "Ada Park runs the union. She said the mill will close."
    assert speakers(text) == [("Ada Park", "quoted")]


def test_pronoun_goes_to_the_last_person_of_its_gender():
    text = "Sarah Quist runs the union. David Ames spoke first. She said the mill will close."
    assert speakers(text) == [("Sarah Quist", "quoted")]
    text = "Sarah Quist runs the union. David Ames spoke first. He said the mill will close."
    assert speakers(text) == [("David Ames", "quoted")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A description after the verb, and a name after its description.
        ("“The mill will close,” said one former union official.", "one former union official"),
        ("“The mill will close,” said veteran organiser Ada Park.", "Ada Park"),
        # A progressive verb of saying.
        ("Ada Park is telling members that the mill will close.", "Ada Park"),
        # A long appositive between the quotation and its verb.
        (
            "“The mill will close,” Ada Park, the chair of the regional union of mill workers, "
            "told reporters.",
            "Ada Park",
        ),
        # A verb before the verb of saying, and a whole noun phrase as the subject.
        ("Maren Holt is continuing to insist the ferry will run.", "Maren Holt"),
        (
            "Holt and her allies on the harbour board have said the ferry will run.",
            "Holt and her allies on the harbour board",
        ),
        # "think tank" is not a verb of thinking.
        (
            "“The mill will close,” said Ada Park, head of the Harbour Economics think tank.",
            "Ada Park",
        ),
    ],
)
def test_more_ways_of_naming_the_source(text, speaker):
    assert speakers(text) == [(speaker, "quoted")]


def test_participle_after_a_clause_takes_that_clauses_subject():
    text = (
        "David Ames leads the campaign. As results came in on Tuesday, he spoke in Leeds, "
        "predicting he would win the seat."
    )
    assert speakers(text) == [("David Ames", "quoted")]


def test_a_quotation_that_names_nobody_belongs_to_the_speaker_last_named():
    text = (
        "“Costs are up again,” Maren Holt said on Friday.\n\n"
        "“The ferry service will be cut by autumn.”"
    )
    assert speakers(text) == [("Maren Holt", "quoted")]


def test_i_think_in_a_quotation_names_the_person_after_it():
    text = (
        "As for Tomas Brenner, he said he was not worried. “I think I'm going to win the seat, "
        "OK? Let's see,” he said."
    )
    assert speakers(text)[0] == ("Tomas Brenner", "quoted")


def test_surname_and_title_resolve_to_the_full_name():
    text = "Ada Park runs the union. Ms. Park said the mill will close."
    assert speakers(text) == [("Ada Park", "quoted")]


def test_quotation_over_sentences_takes_its_attribution_from_another_sentence():
    text = "“We are finished here,” said Ada Park. “The mill will close. Nobody can stop it.”"
    assert speakers(text) == [("Ada Park", "quoted")]
    text = "Ada Park was blunt: “Costs are up. The mill will close.”"
    assert speakers(text)[-1] == ("Ada Park", "quoted")


def test_transcript_lines():
    text = 'Partial transcript:\n"HOST: What next?\n"PARK: The mill will close."\nAda Park leads the union.'
    assert speakers(text) == [("Ada Park", "quoted")]


def test_participle_speech_verb_takes_the_subject():
    text = "Central bankers raised rates, warning that inflation will return."
    assert speakers(text) == [("Central bankers", "quoted")]


@pytest.mark.parametrize(
    "text",
    [
        "I'd say the ferry service will be cut by autumn.",
        "I'm told the ferry service will be cut by autumn.",
        "I've argued that the ferry service will be cut.",
        "We'll predict it now: the ferry service will be cut.",
        "We think the ferry service will be cut by autumn.",
        "Let me say it plainly: the ferry service will be cut.",
        "The ferry service will be cut, I'd say.",
        "The ferry service will be cut, said I.",
    ],
)
def test_first_person_is_never_a_speaker_name(text):
    assert speakers(text) == [("Jo Writer", "author")]


def test_first_person_inside_a_quotation_is_the_quoted_person():
    text = (
        "Maren Holt spoke to the harbour board on Friday.\n\n"
        "“The crossings lose money every winter,” Maren Holt said. "
        "“I'm certain the ferry service will be cut by autumn.”"
    )
    assert speakers(text)[-1] == ("Maren Holt", "quoted")


@pytest.mark.parametrize("name", ["I", "I'm", "I’d", "We", "we've", "us", "Me"])
def test_first_person_words(name):
    assert is_first_person(name)


@pytest.mark.parametrize("name", ["US", "Ida", "Weston", "Iman", "Mei Lin"])
def test_names_are_not_first_person(name):
    assert not is_first_person(name)


@pytest.mark.parametrize(
    "text",
    [
        # A coordinated verb of saying: the first clause's subject speaks, not "this week".
        "Mayor Ada Park was quick to back the plan after the vote and said this week that the "
        "ferry will be ready in May.",
        # An appositive that holds a comma of its own: not the town it names.
        "Ada Park, speaking at a rally in Dayton, Ohio, warned that the mill will close.",
    ],
)
def test_the_subject_is_found_past_time_words_and_appositives(text):
    assert speakers(text) == [("Ada Park", "quoted")]


def test_a_relative_clause_is_nobody_who_speaks():
    text = "Critics praised the endorsement of a man who many believe will ruin the town."
    assert speakers(text) == [("Jo Writer", "author")]


@pytest.mark.parametrize(
    "name, plausible",
    [
        ("Ada Park", True),
        ("a spokesman for the ministry", True),
        ("analysts", True),
        ("Many Republicans", True),
        ("Bank of England", True),
        ("this", False),
        ("that was", False),
        ("man who many", False),
        ("Proposal For", False),
        ("s campaign", False),
        ("ballot in many", False),
        ("Alongside union calls", False),
    ],
)
def test_a_fragment_of_a_clause_is_not_a_speaker(name, plausible):
    assert plausible_speaker(name) is plausible
