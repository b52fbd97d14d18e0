import pytest

from predictions.extraction.sentences import MAX_SENTENCE_CHARS, quotation_spans, split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_are_exact():
    text = "  First one.  Second one!\n\nThird one?  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert texts(text) == ["First one.", "Second one!", "Third one?"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sen. Ada Park said so. Mr. Lee agreed.", ["Sen. Ada Park said so.", "Mr. Lee agreed."]),
        ("The U.S. economy will grow. It may not.", ["The U.S. economy will grow.", "It may not."]),
        (
            "The vote is on Jan. 20 at noon. Then we know.",
            ["The vote is on Jan. 20 at noon.", "Then we know."],
        ),
        ("He paused... and went on. Done.", ["He paused... and went on.", "Done."]),
        (
            "1. We know the demands.\n2. Nobody knows the rest.",
            ["1. We know the demands.", "2. Nobody knows the rest."],
        ),
        ("J. R. Moss left early. She stayed.", ["J. R. Moss left early.", "She stayed."]),
    ],
)
def test_abbreviations_lists_and_ellipses(text, expected):
    assert texts(text) == expected


def test_quotation_over_two_sentences_shares_a_group():
    text = "“The plan will fail. Nobody wants it,” Lee said. Later she left."
    first, second, third = split_sentences(text)
    assert first.quote_group == second.quote_group == 0
    assert first.inside_quote
    assert third.quote_group is None


def test_unclosed_quotation_ends_at_the_line():
    assert quotation_spans('"A: one\n"B: two') == [(0, 7), (8, 15)]


def test_overlong_run_is_cut_into_bounded_pieces():
    text = "word " * 2000
    pieces = split_sentences(text)
    assert all(len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)
