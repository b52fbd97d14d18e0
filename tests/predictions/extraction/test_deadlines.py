import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from predictions.extraction.deadlines import KINDS, NO_DEADLINE, Deadline, find_deadline
from predictions.extraction.events import KnownEvent

D = datetime.date
MONDAY = D(2014, 3, 10)  # a Monday
AUTUMN = D(2016, 9, 25)  # a Sunday, six weeks before a US election

CASES = [
    # Explicit dates
    ("Prices will peak on May 25.", MONDAY, D(2014, 5, 25), "date", "on May 25"),
    ("Prices will peak by 25 May 2014.", MONDAY, D(2014, 5, 25), "date", "by 25 May 2014"),
    ("Prices will peak on 2014-05-25.", MONDAY, D(2014, 5, 25), "date", "on 2014-05-25"),
    (
        "The strike will end by Sept. 30, officials expect.",
        AUTUMN,
        D(2016, 9, 30),
        "date",
        "by Sept. 30",
    ),
    ("The fund will pay out on 6/15/2015.", MONDAY, D(2015, 6, 15), "date", "on 6/15/2015"),
    (
        "The plant will reopen on the 3rd of April.",
        MONDAY,
        D(2014, 4, 3),
        "date",
        "on the 3rd of April",
    ),
    (
        "He will sign on Tuesday, May 20, aides predict.",
        MONDAY,
        D(2014, 5, 20),
        "date",
        "on Tuesday, May 20",
    ),
    # A date already past this year means next year's
    ("The festival will be crowded on Feb. 14.", MONDAY, D(2015, 2, 14), "date", "on Feb. 14"),
    # Weekdays and days
    ("The board will decide on Tuesday.", MONDAY, D(2014, 3, 11), "date", "on Tuesday"),
    ("The board will decide next Friday.", MONDAY, D(2014, 3, 14), "date", "next Friday"),
    ("The board will decide on Monday.", MONDAY, D(2014, 3, 10), "date", "on Monday"),
    ("The rain will stop tomorrow night.", MONDAY, D(2014, 3, 11), "date", "tomorrow night"),
    ("The rain will stop today.", MONDAY, D(2014, 3, 10), "date", "today"),
    (
        "The rain will stop by the day after tomorrow.",
        MONDAY,
        D(2014, 3, 12),
        "date",
        "by the day after tomorrow",
    ),
    ("Crowds will gather this weekend.", MONDAY, D(2014, 3, 16), "period_end", "this weekend"),
    # Weeks and months
    ("The vote will slip to next week.", MONDAY, D(2014, 3, 23), "period_end", "next week"),
    (
        "The vote will happen by the end of the week.",
        MONDAY,
        D(2014, 3, 16),
        "period_end",
        "by the end of the week",
    ),
    ("It is going to rain in May.", MONDAY, D(2014, 5, 31), "period_end", "in May"),
    ("It is going to rain in May.", D(2014, 6, 2), D(2015, 5, 31), "period_end", "in May"),
    ("It is going to rain in May.", D(2014, 5, 20), D(2014, 5, 31), "period_end", "in May"),
    (
        "The plant will reopen by March of next year.",
        AUTUMN,
        D(2017, 3, 31),
        "period_end",
        "by March of next year",
    ),
    ("The plant will reopen in early June.", MONDAY, D(2014, 6, 10), "period_end", "in early June"),
    ("The plant will reopen by mid-May.", MONDAY, D(2014, 5, 15), "period_end", "by mid-May"),
    ("The plant will reopen next month.", AUTUMN, D(2016, 10, 31), "period_end", "next month"),
    ("The plant will reopen in May 2015.", MONDAY, D(2015, 5, 31), "period_end", "in May 2015"),
    # Seasons, astronomical: summer ends on 22 September; on 10 March it is still winter
    ("Prices will climb this summer.", MONDAY, D(2014, 9, 22), "period_end", "this summer"),
    (
        "The bridge will be finished by the fall.",
        MONDAY,
        D(2014, 12, 20),
        "period_end",
        "by the fall",
    ),
    (
        "The bridge will be finished by next spring.",
        AUTUMN,
        D(2017, 6, 20),
        "period_end",
        "by next spring",
    ),
    ("Snow will close the pass in winter.", MONDAY, D(2014, 3, 19), "period_end", "in winter"),
    # Years
    ("The company will go bust in 2015.", MONDAY, D(2015, 12, 31), "period_end", "in 2015"),
    ("The company will go bust by 2020.", MONDAY, D(2020, 12, 31), "period_end", "by 2020"),
    ("Sales will double by next year.", MONDAY, D(2015, 12, 31), "period_end", "by next year"),
    ("Sales will double next year.", MONDAY, D(2015, 12, 31), "period_end", "next year"),
    ("Sales will double this year.", MONDAY, D(2014, 12, 31), "period_end", "this year"),
    (
        "Sales will double later this year.",
        MONDAY,
        D(2014, 12, 31),
        "period_end",
        "later this year",
    ),
    (
        "Sales will double by the end of the year.",
        MONDAY,
        D(2014, 12, 31),
        "period_end",
        "by the end of the year",
    ),
    ("Sales will double by year's end.", MONDAY, D(2014, 12, 31), "period_end", "by year's end"),
    (
        "Sales will double by early next year.",
        MONDAY,
        D(2015, 4, 30),
        "period_end",
        "by early next year",
    ),
    (
        "Sales will double by the end of the decade.",
        MONDAY,
        D(2019, 12, 31),
        "period_end",
        "by the end of the decade",
    ),
    ("Sales will double before 2020.", MONDAY, D(2019, 12, 31), "period_end", "before 2020"),
    ("Cars will fly in the 2020s.", MONDAY, D(2029, 12, 31), "period_end", "in the 2020s"),
    # Quarters and halves
    (
        "The deal will close in the third quarter.",
        MONDAY,
        D(2014, 9, 30),
        "period_end",
        "in the third quarter",
    ),
    (
        "The deal will close in the first quarter.",
        D(2014, 5, 1),
        D(2015, 3, 31),
        "period_end",
        "in the first quarter",
    ),
    (
        "The deal will close in the fourth quarter of 2015.",
        MONDAY,
        D(2015, 12, 31),
        "period_end",
        "in the fourth quarter of 2015",
    ),
    ("The deal will close in Q2 2015.", MONDAY, D(2015, 6, 30), "period_end", "in Q2 2015"),
    (
        "The deal will close in the second half of next year.",
        MONDAY,
        D(2015, 12, 31),
        "period_end",
        "in the second half of next year",
    ),
    (
        "The deal will close in the first half of 2015.",
        MONDAY,
        D(2015, 6, 30),
        "period_end",
        "in the first half of 2015",
    ),
    # Spans
    (
        "Prices will rise within six months.",
        MONDAY,
        D(2014, 9, 10),
        "relative",
        "within six months",
    ),
    (
        "It will be over in the next two weeks.",
        MONDAY,
        D(2014, 3, 24),
        "relative",
        "in the next two weeks",
    ),
    ("It will be over within 18 months.", MONDAY, D(2015, 9, 10), "relative", "within 18 months"),
    (
        "Robots will do it over the next few years.",
        MONDAY,
        D(2017, 12, 31),
        "relative",
        "over the next few years",
    ),
    ("Robots will do it in a decade.", MONDAY, D(2024, 3, 10), "relative", "in a decade"),
    (
        "Robots will do it in ten years' time.",
        MONDAY,
        D(2024, 3, 10),
        "relative",
        "in ten years' time",
    ),
    (
        "Robots will do it two years from now.",
        MONDAY,
        D(2016, 3, 10),
        "relative",
        "two years from now",
    ),
    (
        "Costs will fall over the next decade.",
        AUTUMN,
        D(2026, 12, 31),
        "relative",
        "over the next decade",
    ),
    (
        "Costs will fall by 3 percent over 10 years.",
        AUTUMN,
        D(2026, 12, 31),
        "relative",
        "over 10 years",
    ),
    (
        "It will be settled in the coming weeks.",
        MONDAY,
        D(2014, 4, 7),
        "relative",
        "in the coming weeks",
    ),
    (
        "It will be settled in the coming days.",
        MONDAY,
        D(2014, 3, 17),
        "relative",
        "in the coming days",
    ),
    (
        "It will be settled within a year and a half.",
        MONDAY,
        D(2015, 9, 10),
        "relative",
        "within a year and a half",
    ),
    # Holidays
    ("He will resign before Christmas.", MONDAY, D(2014, 12, 24), "date", "before Christmas"),
    ("He will resign by Christmas.", MONDAY, D(2014, 12, 25), "date", "by Christmas"),
    ("Turkeys will be scarce by Thanksgiving.", MONDAY, D(2014, 11, 27), "date", "by Thanksgiving"),
    ("She will win on Election Day.", AUTUMN, D(2016, 11, 8), "date", "on Election Day"),
    ("She will win on Election Day.", D(2015, 2, 1), D(2016, 11, 8), "date", "on Election Day"),
    ("He will be gone by Inauguration Day.", AUTUMN, D(2017, 1, 20), "date", "by Inauguration Day"),
    ("The shops will be full before Easter.", MONDAY, D(2014, 4, 19), "date", "before Easter"),
    (
        "Results will be known on election night.",
        AUTUMN,
        D(2016, 11, 8),
        "date",
        "on election night",
    ),
    # Scheduled events the archive does not know: the period named
    (
        "It is most unlikely that anything will be resolved before the Presidential election in May.",
        MONDAY,
        D(2014, 5, 31),
        "period_end",
        "before the Presidential election in May",
    ),
    ("The bill will pass at Tuesday's vote.", MONDAY, D(2014, 3, 11), "date", "at Tuesday's vote"),
    (
        "Turnout will be low in next month's elections.",
        MONDAY,
        D(2014, 4, 30),
        "period_end",
        "in next month's elections",
    ),
    # Vague and open-ended
    ("It will not happen anytime soon.", MONDAY, None, "vague", "anytime soon"),
    ("Peace will come soon.", MONDAY, None, "vague", "soon"),
    ("Peace will come in the near future.", MONDAY, None, "vague", "in the near future"),
    ("Peace will come shortly.", MONDAY, None, "vague", "shortly"),
    (
        "It is more likely than not that the troops will invade at some point.",
        MONDAY,
        None,
        "none",
        "at some point",
    ),
    ("The regime will eventually fall.", MONDAY, None, "none", "eventually"),
    ("The regime will fall.", MONDAY, None, "none", None),
    # The expression that governs the outcome, not a reference to a past date
    (
        "The talks ended on Sunday and the party will split by May.",
        MONDAY,
        D(2014, 5, 31),
        "period_end",
        "by May",
    ),
    (
        "Prices will rise within six months, he said on Tuesday.",
        MONDAY,
        D(2014, 9, 10),
        "relative",
        "within six months",
    ),
    ("Turnout will be low, he said Tuesday.", MONDAY, None, "none", None),
    ("Turnout will be low, she told reporters on Monday.", MONDAY, None, "none", None),
    ("On Sunday, the talks ended without a deal.", MONDAY, None, "none", None),
    (
        "Since 2010 the party has grown, and it will win in 2015.",
        MONDAY,
        D(2015, 12, 31),
        "period_end",
        "in 2015",
    ),
    ("After Christmas the shops will close.", MONDAY, None, "none", None),
    (
        "In May, the minister said the tax would rise by 2016.",
        MONDAY,
        D(2016, 12, 31),
        "period_end",
        "by 2016",
    ),
    (
        "Rates, cut last year, will rise in the first quarter.",
        MONDAY,
        D(2014, 3, 31),
        "period_end",
        "in the first quarter",
    ),
    (
        "The plan will be ready before summer, not in 2013.",
        MONDAY,
        D(2014, 6, 20),
        "period_end",
        "before summer",
    ),
    ("On Wednesday the minister said the vote will be close.", MONDAY, None, "none", None),
    ("On Monday, the spokesman said the minister will win.", MONDAY, None, "none", None),
    ("Rates will rise, the bank warned on Thursday.", MONDAY, None, "none", None),
    ("The minister, in a speech on Friday, said prices will fall.", MONDAY, None, "none", None),
    ("In 1983 we were forecasting that the market would double.", MONDAY, None, "none", None),
    (
        "Analysts predicted in 2008 that by 2010 the market would double.",
        MONDAY,
        D(2010, 12, 31),
        "period_end",
        "by 2010",
    ),
    (
        "She said leaders had agreed to draft a plan by March of next year.",
        AUTUMN,
        D(2017, 3, 31),
        "period_end",
        "by March of next year",
    ),
    # Durations, clock times and nouns are no deadlines
    ("The final will be shown at 2010 GMT.", MONDAY, None, "none", None),
    ("The bill will take a decade to come into force.", MONDAY, None, "none", None),
    ("The strike will last for six months.", MONDAY, None, "none", None),
    ("It will shape the future of the industry.", MONDAY, None, "none", None),
    # "may" the verb and "March" the noun are no months
    ("It may rain heavily.", MONDAY, None, "none", None),
    ("The March on the capital will be huge.", MONDAY, None, "none", None),
    ("May will win the leadership contest.", MONDAY, None, "none", None),
    ("Thousands will march on Tuesday.", MONDAY, D(2014, 3, 11), "date", "on Tuesday"),
    ("He will hire 2000 workers.", MONDAY, None, "none", None),
    ("The fall of the regime will come soon.", MONDAY, None, "vague", "soon"),
    ("Prices will not fall as soon as people hope.", MONDAY, None, "none", None),
]


@pytest.mark.parametrize(("sentence", "made_on", "day", "kind", "text"), CASES)
def test_find_deadline(sentence, made_on, day, kind, text):
    assert find_deadline(sentence, made_on) == Deadline(day, text, kind)


@pytest.mark.parametrize(("sentence", "made_on", "day", "kind", "text"), CASES)
def test_text_is_the_substring_that_gave_the_deadline(sentence, made_on, day, kind, text):
    deadline = find_deadline(sentence, made_on)
    assert deadline.kind in KINDS
    if deadline.text is not None:
        assert deadline.text in sentence
    if deadline.date is not None and not re.search(r"\b\d{4}\b", deadline.text):
        assert deadline.date >= made_on  # only a year named outright may lie in the past


UKRAINE = KnownEvent(
    "Ukrainian presidential election", D(2014, 5, 25), aliases=("Ukraine election",)
)
SENATE_VOTE = KnownEvent("Senate vote on the budget", D(2014, 3, 11))
WORLD_CUP = KnownEvent("FIFA World Cup final", D(2014, 7, 13), aliases=("World Cup final",))
EVENTS = (UKRAINE, SENATE_VOTE, WORLD_CUP)


@pytest.mark.parametrize(
    ("sentence", "day", "kind", "text"),
    [
        (
            "It is most unlikely that anything will be resolved before the Presidential election in May.",
            D(2014, 5, 25),
            "event",
            "before the Presidential election in May",
        ),
        (
            "The rouble will fall before the election.",
            D(2014, 5, 25),
            "event",
            "before the election",
        ),
        ("The bill will pass at Tuesday's vote.", D(2014, 3, 11), "event", "at Tuesday's vote"),
        (
            "Turnout will be high in the Ukraine election.",
            D(2014, 5, 25),
            "event",
            "in the Ukraine election",
        ),
        (
            "Brazil will be champions by the World Cup final.",
            D(2014, 7, 13),
            "event",
            "by the World Cup final",
        ),
        # An event the archive knows, but in another month than the sentence names: the period wins.
        (
            "Talks will fail before the election in June.",
            D(2014, 6, 30),
            "period_end",
            "before the election in June",
        ),
        # A past event is no deadline; the sentence's own time is.
        (
            "After the election the rouble will recover by 2015.",
            D(2015, 12, 31),
            "period_end",
            "by 2015",
        ),
    ],
)
def test_event_deadlines(sentence, day, kind, text):
    assert find_deadline(sentence, MONDAY, EVENTS) == Deadline(day, text, kind)


def test_unknown_event_without_a_period_sets_no_deadline():
    assert find_deadline("The rouble will fall before the summit.", MONDAY, EVENTS) == Deadline(
        None, None, "none"
    )


def test_made_on_may_be_a_datetime():
    made = datetime.datetime(2014, 3, 10, 18, 30, tzinfo=datetime.UTC)
    assert find_deadline("Sales will double next year.", made).date == D(2015, 12, 31)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.dates())
def test_never_crashes_on_arbitrary_text(text, made_on):
    deadline = find_deadline(text, made_on)
    assert deadline.kind in KINDS
    assert deadline.text is None or deadline.text in text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "by",
                "in",
                "May",
                "2015",
                "next",
                "year",
                "the",
                "end",
                "of",
                "within",
                "six",
                "months",
                "Tuesday's",
                "vote",
                "before",
                "Christmas",
                "25",
                ",",
                "will",
                "said",
                "ago",
                "Q3",
                "mid-",
                "1/2/",
                "soon",
                ".",
            ]
        ),
        max_size=40,
    ).map(" ".join),
    st.dates(),
)
def test_never_crashes_on_time_words(text, made_on):
    deadline = find_deadline(text, made_on, EVENTS)
    assert deadline.kind in KINDS
    assert deadline.text is None or deadline.text in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1." * 50_000, NO_DEADLINE),
        ("2014-" * 40_000, Deadline(D(2014, 12, 31), "2014", "period_end")),
        ("1/" * 60_000, NO_DEADLINE),
        ("May 25, " * 20_000, Deadline(D(2014, 5, 25), "May 25", "date")),
        ("by the end of the " * 10_000, NO_DEADLINE),
        ("within " + "six " * 50_000 + "months", NO_DEADLINE),
        ("\u0661\u0662\u0663\u0664." * 20_000, NO_DEADLINE),
        ("x" * 500_000, NO_DEADLINE),
    ],
)
def test_enormous_sentences_finish_quickly(text, expected):
    import time

    started = time.process_time()
    deadline = find_deadline(text, MONDAY, EVENTS)
    assert time.process_time() - started < 2.0
    # The first readable expression still counts; runs of digits and marks name no day.
    assert deadline == expected


def test_the_first_year_of_the_calendar():
    made_on = D(1, 1, 1)
    assert find_deadline("It will end within six months.", made_on, EVENTS) == Deadline(
        D(1, 7, 1), "within six months", "relative"
    )
    assert find_deadline("It will end before Christmas.", made_on, EVENTS) == Deadline(
        D(1, 12, 24), "before Christmas", "date"
    )
    assert find_deadline("It ends next year.", made_on, EVENTS) == Deadline(
        D(2, 12, 31), "next year", "period_end"
    )


@pytest.mark.parametrize(
    "sentence",
    ["It will end within six months.", "It will end before Christmas.", "It ends next year."],
)
def test_the_last_day_of_the_calendar_has_no_later_deadline(sentence):
    # Every deadline these name lies past 9999-12-31, which no date can hold.
    assert find_deadline(sentence, D(9999, 12, 31), EVENTS) == NO_DEADLINE


ELECTION_YEAR = D(2016, 5, 12)


@pytest.mark.parametrize(
    "sentence",
    [
        "Many of her supporters will vote for him in November.",
        "It will be very difficult for the governor to win in November.",
        "Attack ads this fall will tie the senators to their nominee.",
    ],
)
def test_november_or_the_fall_of_an_election_year_is_election_day(sentence):
    deadline = find_deadline(sentence, ELECTION_YEAR)
    assert (deadline.date, deadline.kind) == (D(2016, 11, 8), "event")


@pytest.mark.parametrize(
    "sentence, made_on, day",
    [
        # Not about an election: the month ends as usual.
        ("The harvest will be late in November.", ELECTION_YEAR, D(2016, 11, 30)),
        # No US general election in an odd year.
        ("She will win the vote in November.", D(2015, 5, 12), D(2015, 11, 30)),
    ],
)
def test_november_stays_november_otherwise(sentence, made_on, day):
    deadline = find_deadline(sentence, made_on)
    assert (deadline.date, deadline.kind) == (day, "period_end")


def test_many_known_events_stay_fast():
    import time

    events = tuple(
        KnownEvent(
            f"Regional council vote number {index}", D(2014, 1, 1) + datetime.timedelta(days=index)
        )
        for index in range(2000)
    ) + (UKRAINE,)
    started = time.process_time()
    for _ in range(20):
        deadline = find_deadline(
            "The rouble will fall before the Ukraine election.", MONDAY, events
        )
    assert deadline == Deadline(D(2014, 5, 25), "before the Ukraine election", "event")
    assert time.process_time() - started < 2.0
