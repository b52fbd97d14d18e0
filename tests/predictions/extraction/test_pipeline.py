import datetime
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from predictions.extraction import EXTRACTOR_VERSION, Candidate, KnownEvent, Part, extract

DAY = datetime.date(2014, 4, 1)


def article(text, **kwargs):
    values = dict(
        made_on=DAY, kind="article", authors=("Jo Writer",), outlet="The Paper", title=None
    )
    values.update(kwargs)
    return Part(text=text, **values)


def test_public_interface():
    assert EXTRACTOR_VERSION
    assert KnownEvent("Vote", DAY).aliases == ()
    (candidate,) = extract(article("Prices rose. Ada Park said the mill will close."))
    assert isinstance(candidate, Candidate)
    contract = candidate.as_contract()
    assert set(contract) == {
        "start", "end", "quote", "speaker", "speaker_role", "claim", "polarity", "probability",
        "hedge", "condition", "deadline", "deadline_text", "deadline_kind",
    }  # fmt: skip
    assert contract["speaker"] == "Ada Park"
    assert contract["speaker_role"] == "quoted"
    assert contract["claim"] == "the mill will close"
    assert 0 < contract["probability"] < 1


def test_quote_offsets_index_the_text():
    text = "A title line\n\nThe plant will probably close.  “It won’t reopen,” Ada Park said."
    found = extract(article(text, title="A title line"))
    assert len(found) == 2
    for candidate in found:
        assert text[candidate.start : candidate.end] == candidate.quote


def test_title_and_headings_are_not_forecasts():
    text = "Trump Will Win Ohio\n\nWhat will happen next:\n\nNothing changed today."
    assert extract(article(text, title="Trump Will Win Ohio")) == []


def test_unsigned_article_belongs_to_the_outlet():
    (candidate,) = extract(article("The mill will close.", authors=()))
    assert (candidate.speaker, candidate.speaker_role) == ("The Paper", "author")


def test_comment_quoting_the_article_is_not_a_forecast():
    body = "The talks will fail before the summer, and nobody will be surprised."
    comment = Part(
        text="“The talks will fail before the summer, and nobody will be surprised.”\n\nI agree.",
        made_on=DAY, kind="comment", authors=("reader",), outlet="The Paper", article_text=body,
    )  # fmt: skip
    assert extract(comment) == []


def test_anonymous_commenter_has_no_speaker():
    comment = Part(text="I think the ceasefire will hold.", made_on=DAY, kind="comment",
                   authors=(), outlet="The Paper")  # fmt: skip
    (candidate,) = extract(comment)
    assert (candidate.speaker, candidate.speaker_role) == (None, "commenter")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_never_crashes_and_offsets_hold(text):
    for candidate in extract(article(text)):
        assert text[candidate.start : candidate.end] == candidate.quote
        assert 0 < candidate.probability < 1
        assert candidate.polarity in ("positive", "negative")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "will ",
                "1.",
                "2.",
                "...",
                "“",
                "”",
                "Mr. ",
                "if ",
                "not ",
                "likely ",
                ", ",
                "said ",
                "X ",
            ]
        ),
        max_size=400,
    )
)
def test_never_crashes_on_cue_soup(parts):
    text = "".join(parts)
    for candidate in extract(article(text)):
        assert text[candidate.start : candidate.end] == candidate.quote


def test_enormous_input_is_bounded_in_time():
    texts = [
        "1." * 200_000,
        "will " * 100_000,
        "a" * 500_000,
        ("The mill will close, " * 20_000),
        "“" * 50_000 + "will" + "”" * 50_000,
        "9" * 300_000 + ". " + "8.8." * 50_000,
    ]
    for text in texts:
        # CPU time of this process: other load on the machine does not count.
        started = time.process_time()
        extract(article(text))
        assert time.process_time() - started < 20


def test_long_quotation_with_trailing_attribution_is_fast():
    quote = "“" + "The plan is sound and the people behind it are serious. " * 14 + "It will work,”"
    text = (quote + " Ada Park said. ") * 30
    started = time.perf_counter()
    found = extract(article(text))
    assert time.perf_counter() - started < 5
    assert found and all(c.speaker == "Ada Park" for c in found)


def test_deadline_comes_from_the_forecast_clause_not_the_condition():
    text = "Unless the council finds a buyer this summer, the depot will close next May."
    (candidate,) = extract(article(text))
    assert candidate.condition.startswith("Unless the council finds a buyer")
    assert candidate.deadline_text == "next May"
    assert candidate.deadline == datetime.date(2014, 5, 31)


def test_deadline_skips_a_trailing_condition():
    text = "The depot will close by the end of June if the council finds no buyer in April."
    (candidate,) = extract(article(text))
    assert candidate.deadline == datetime.date(2014, 6, 30)


def test_deadline_skips_the_date_of_saying():
    text = "The depot will close by the end of June, Ada Park said on Friday."
    (candidate,) = extract(article(text))
    assert candidate.deadline == datetime.date(2014, 6, 30)


def test_condition_date_is_kept_when_the_forecast_has_none():
    text = "If the council finds no buyer by the end of June, the depot will close."
    (candidate,) = extract(article(text))
    assert candidate.deadline == datetime.date(2014, 6, 30)


def test_first_person_in_an_article_is_the_author():
    (candidate,) = extract(article("I'd bet the depot will close by the end of June."))
    assert (candidate.speaker, candidate.speaker_role) == ("Jo Writer", "author")


def test_first_person_in_a_comment_is_the_commenter():
    comment = Part(
        text="I'm sure the depot will close by the end of June.",
        made_on=DAY, kind="comment", authors=("harbour_reader",), outlet="The Paper",
    )  # fmt: skip
    (candidate,) = extract(comment)
    assert (candidate.speaker, candidate.speaker_role) == ("harbour_reader", "commenter")


def test_one_candidate_per_forecast_clause():
    text = (
        "Ada Park said rates will rise this year, but inflation will probably not fall before 2016."
    )
    first, second = extract(article(text))
    assert (first.claim, first.polarity, first.probability) == (
        "rates will rise this year", "positive", 0.85,
    )  # fmt: skip
    assert first.deadline == datetime.date(2014, 12, 31)
    assert (second.claim, second.polarity, second.hedge) == (
        "inflation will fall before 2016", "negative", "probably not",
    )  # fmt: skip
    assert second.probability < 0.3
    assert second.deadline == datetime.date(2015, 12, 31)
    assert first.speaker == second.speaker == "Ada Park"
    assert first.quote == second.quote == text


def test_deck_under_the_headline_is_not_a_forecast():
    body = " ".join(["The council met on Monday to go through a long list of items."] * 3)
    text = f"Harbour vote looms\nCouncil will decide the fate of the pier.\n\n{body}"
    assert extract(article(text, title="Harbour vote looms")) == []


def test_doubled_apostrophes_are_quotation_marks():
    text = "''I think the pier will close by June,'' Ada Park said."
    (candidate,) = extract(article(text))
    assert (candidate.speaker, candidate.claim) == ("Ada Park", "the pier will close by June")
    assert candidate.quote == text


def test_claim_leaves_out_mark_my_words():
    (candidate,) = extract(article("Mark my words: the pier will never reopen."))
    assert (candidate.claim, candidate.polarity) == ("the pier will reopen", "negative")
