import datetime
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from predictions.extraction import timex, timex_patterns
from predictions.extraction.holidays import us_election_day
from predictions.extraction.timex import (
    Period,
    Ref,
    Span,
    find_timexes,
    resolve,
    timeml_value,
)

D = datetime.date
ANCHOR = D(2013, 3, 22)  # a Friday


def only(text: str) -> timex.Timex:
    found = find_timexes(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "prefer", "value"),
    [
        ("It closed on 2013-03-21.", "2013-03-21", "past", "2013-03-21"),
        ("It closed on March 21, 2013.", "March 21, 2013", "past", "2013-03-21"),
        ("It closed on Feb. 28 after talks.", "Feb. 28", "past", "2013-02-28"),
        ("It opens on Feb. 28 after talks.", "Feb. 28", "future", "2014-02-28"),
        ("It closed on the 3rd of March.", "the 3rd of March", "past", "2013-03-03"),
        ("They met on Thursday.", "Thursday", "past", "2013-03-21"),
        ("They meet on Thursday.", "Thursday", "future", "2013-03-28"),
        ("They met on Thursday.", "Thursday", "nearest", "2013-03-21"),
        ("They meet today.", "today", "future", "2013-03-22"),
        ("They meet tomorrow night.", "tomorrow night", "future", "2013-03-23"),
        ("They met last night.", "last night", "past", "2013-03-21"),
        ("They meet this week.", "this week", "future", "2013-W12"),
        ("They met last week.", "last week", "past", "2013-W11"),
        ("They meet this weekend.", "this weekend", "future", "2013-W12-WE"),
        ("It rose this month.", "this month", "past", "2013-03"),
        ("It rose last month.", "last month", "past", "2013-02"),
        ("It rose in May 2010.", "May 2010", "past", "2010-05"),
        ("It rose in August.", "August", "past", "2012-08"),
        ("It will rise in August.", "August", "future", "2013-08"),
        ("It rose last June.", "last June", "past", "2012-06"),
        ("It rose late last July.", "late last July", "past", "2012-07"),
        ("It rose in early December.", "early December", "past", "2012-12"),
        ("It rose last summer.", "last summer", "past", "2012-SU"),
        ("It rises this summer.", "this summer", "future", "2013-SU"),
        ("It rose in the autumn of 2011.", "the autumn of 2011", "past", "2011-FA"),
        ("It rose in 2010.", "2010", "past", "2010"),
        ("It rose this year.", "this year", "past", "2013"),
        ("It rises next year.", "next year", "future", "2014"),
        ("It rose last year.", "last year", "past", "2012"),
        ("It rose in this fiscal year.", "this fiscal year", "past", "2013"),
        ("It rose early this year.", "early this year", "past", "2013"),
        ("It rose two years ago.", "two years ago", "past", "2011"),
        ("It rose six months ago.", "six months ago", "past", "2012-09"),
        ("It rose in the third quarter.", "the third quarter", "past", "2012-Q3"),
        ("It rises in the third quarter.", "the third quarter", "future", "2013-Q3"),
        ("It rose in Q1 2012.", "Q1 2012", "past", "2012-Q1"),
        ("It rises in the second half of 2014.", "the second half of 2014", "future", "2014-H2"),
        ("It rose in the 1990s.", "the 1990s", "past", "199"),
        ("It rose in the '80s.", "the '80s", "past", "198"),
        ("It rose in the 20th century.", "the 20th century", "past", "19"),
        ("It is high now.", "now", "past", "PRESENT_REF"),
        ("It was high in the past.", "in the past", "past", "PAST_REF"),
        ("It rises by Christmas.", "Christmas", "future", "2013-12-25"),
        ("It rose at Christmas.", "Christmas", "past", "2012-12-25"),
        ("It rises by Thanksgiving.", "Thanksgiving", "future", "2013-11-28"),
        ("It rises before Easter.", "Easter", "future", "2013-03-31"),
        ("It rises by Memorial Day.", "Memorial Day", "future", "2013-05-27"),
        ("It rises by Labor Day.", "Labor Day", "future", "2013-09-02"),
        ("It rises on Election Day.", "Election Day", "future", "2014-11-04"),
        ("It rises by Inauguration Day.", "Inauguration Day", "future", "2017-01-20"),
        ("It rises by New Year's Eve.", "New Year's Eve", "future", "2013-12-31"),
    ],
)
def test_resolve_as_timeml(text, expression, prefer, value):
    found = only(text)
    assert found.text == expression
    assert text[found.start : found.end] == expression
    assert timeml_value(resolve(found, ANCHOR, prefer)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within six months", Span(6, 0, "month")),
        ("in the next two weeks", Span(0, 14, "week")),
        ("over the next few years", Span(36, 0, "year", count_given=False)),
        ("in a decade", Span(120, 0, "decade")),
        ("in 18 months", Span(18, 0, "month")),
        ("in the coming weeks", Span(0, 28, "week", count_given=False)),
        ("in the days ahead", Span(0, 7, "day", count_given=False)),
        ("in half a year", Span(6, 0, "month")),
        ("in ten years' time", Span(120, 0, "decade" if False else "year")),
        ("soon", Ref("vague")),
        ("anytime soon", Ref("vague")),
        ("in the near future", Ref("vague")),
        ("at some point", Ref("open")),
        ("sooner or later", Ref("open")),
        ("eventually", Ref("open")),
    ],
)
def test_spans_and_references(text, expected):
    found = find_timexes(text)
    assert found, text
    assert resolve(found[-1], ANCHOR) == expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("early 2015", D(2015, 1, 1), D(2015, 4, 30)),
        ("mid-2015", D(2015, 5, 1), D(2015, 6, 30)),
        ("late 2015", D(2015, 9, 1), D(2015, 12, 31)),
        ("the end of 2015", D(2015, 9, 1), D(2015, 12, 31)),
        ("early May 2015", D(2015, 5, 1), D(2015, 5, 10)),
        ("mid-May 2015", D(2015, 5, 11), D(2015, 5, 15)),
        ("the first half of 2015", D(2015, 1, 1), D(2015, 6, 30)),
        ("the end of the decade", D(2016, 8, 31), D(2019, 12, 31)),
    ],
)
def test_modifiers_narrow_the_period(text, first, last):
    period = resolve(only(text), ANCHOR)
    assert isinstance(period, Period)
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize(
    "text",
    [
        "It may rain.",
        "May I ask?",
        "The March was peaceful.",
        "They will march.",
        "He hired 2000 workers.",
        "Profits were $2014 million.",
        "The rate was 2015.5 points.",
        "Prices will fall.",
        "Spring water is cheap.",
        "The fall of the wall was sudden.",
        "Middle Eastern markets opened.",
        "He ate a day-old sandwich.",
        "As soon as possible.",
    ],
)
def test_not_a_time(text):
    assert find_timexes(text) == []


def test_may_and_march_need_a_time_context():
    assert [found.text for found in find_timexes("It may end in May, or by March.")] == [
        "May",
        "March",
    ]


def test_us_election_days():
    assert [us_election_day(year) for year in (2012, 2014, 2016, 2020)] == [
        D(2012, 11, 6),
        D(2014, 11, 4),
        D(2016, 11, 8),
        D(2020, 11, 3),
    ]
    assert us_election_day(2015) is None


def test_numeric_dates_call_dateparser_once_per_expression_and_day():
    timex._dateparser_day.cache_clear()
    for _ in range(3):
        resolve(only("on 5/25/2014"), ANCHOR)
    info = timex._dateparser_day.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_computed_forms_do_not_call_dateparser():
    timex._dateparser_day.cache_clear()
    for text in (
        "in May",
        "by 2020",
        "next year",
        "the third quarter",
        "within six months",
        "by Christmas",
        "on Sept. 30",
        "by 25 May 2014",
    ):
        resolve(find_timexes(text)[-1], ANCHOR)
    assert timex._dateparser_day.cache_info().misses == 0


TIME_WORDS = st.sampled_from(
    [
        "in",
        "by",
        "May",
        "March",
        "2015",
        "next",
        "last",
        "year",
        "the",
        "end",
        "of",
        "within",
        "six",
        "months",
        "Tuesday",
        "'s",
        "vote",
        "before",
        "Christmas",
        "25",
        "25th",
        ",",
        "will",
        "ago",
        "Q3",
        "mid-",
        "early",
        "1/2/2014",
        "2014-05-",
        "soon",
        "summer",
        "fall",
        "quarter",
        "first",
        "half",
        "Sept.",
        "the 1990s",
        "'90s",
        "a",
        "few",
        "weeks",
        "coming",
        "days",
        "ahead",
        "now",
        ".",
    ]
)


@example("a year end", D(2013, 3, 22))
@settings(max_examples=300, deadline=None)
@given(
    st.lists(TIME_WORDS, max_size=30).map(" ".join),
    st.dates(min_value=D(1901, 1, 1), max_value=D(2098, 12, 31)),
)
def test_word_start_search_agrees_with_searching_everywhere(text, anchor):
    fast = find_timexes(text)
    assert fast == timex_patterns._find_timexes_everywhere(text)
    for found in fast:
        assert text[found.start : found.end] == found.text
        for prefer in ("future", "past", "nearest"):
            resolve(found, anchor, prefer)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.dates())
def test_arbitrary_text_never_crashes(text, anchor):
    for found in find_timexes(text):
        value = resolve(found, anchor)
        assert value is None or isinstance(value, Period | Span | Ref)


@pytest.mark.parametrize(
    "text",
    [
        "9." * 100_000,
        "2014-" * 20_000,
        "1/" * 100_000,
        "May " * 25_000,
        "the " * 50_000,
        "٣" * 200_000,
    ],
)
def test_long_runs_are_linear(text):
    started = time.process_time()
    find_timexes(text)
    assert time.process_time() - started < 3.0


def test_a_form_matched_without_a_group_it_always_has_is_an_error_not_no_date():
    # A broken pattern must fail loudly: `resolve` returns None only for dates that do not exist.
    broken = timex.Timex(0, 9, "Q3 2014", "quarter", (("q_y2", "2014"),))
    with pytest.raises(RuntimeError, match="q_n"):
        resolve(broken, ANCHOR)
    assert resolve(only("in Q3 2014"), ANCHOR) == Period(D(2014, 7, 1), D(2014, 9, 30), "quarter")
