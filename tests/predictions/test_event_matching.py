"""The pure ranking of events that may settle a claim: headings, forecasts, outcome words, dates."""

import datetime

import pytest

from predictions.matching import (
    EventText,
    claim_parts,
    concepts,
    event_search_groups,
    event_search_words,
    evidence,
    is_forecast,
    rank_events,
    starts,
    subject_acts,
    timing,
    under_way,
)
from predictions.synonyms import normalise_phrases

MADE = datetime.date(2031, 3, 1)
FINAL = datetime.date(2031, 6, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Rovers are expected to win the Lakeside Cup.",
        "Ada Brook is forecast to win the mayoral election.",
        "Polls suggest a narrow win for the harbour levy.",
        "The exit poll forecasts a landslide for the Green Party.",
        "Analysts expect the central bank to cut rates in May.",
        "The ferry operator says it will cut fares if the strike ends.",
        "Ada Brook is projected to win according to exit polls.",
        "Traders see a strong chance that the bank raises rates.",
    ],
)
def test_expectations_are_forecasts(sentence):
    assert is_forecast(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Rovers beat the Wanderers 2-1 to win the Lakeside Cup.",
        "Ada Brook wins the mayoral election with 54% of the vote.",
        "Networks project that Ada Brook has been elected mayor.",
        "According to exit polls, Ada Brook wins the run-off; her rival concedes.",
        "In a widely expected move, the central bank raises its main rate.",
        "Following the result, the mayor will resign.",
    ],
)
def test_reports_are_not_forecasts(sentence):
    assert not is_forecast(sentence)


def test_evidence_keeps_only_the_sentences_that_report():
    text = "Voters in Lakeside elect a council. The Greens are expected to win most seats."
    assert evidence(text) == "Voters in Lakeside elect a council."
    assert evidence("The Greens are expected to win most seats.") == ""


def test_names_and_outcome_verbs_meet_their_other_forms():
    assert concepts("Britain will leave the EU") <= concepts(
        "The United Kingdom withdraws from the European Union"
    )
    assert {"win"} <= concepts("The Rovers defeat the Wanderers") & concepts("Rovers will win")
    assert concepts("Norway will be admitted") & concepts("Norway joins the alliance")
    # A vote settles a claim whichever way it goes.
    assert concepts("Voters will approve the levy") & concepts("Voters reject the levy")
    assert concepts("Greek voters") & concepts("Greece")
    # So does a verdict.
    assert {"convict"} <= concepts("Tom Reed is found guilty") & concepts("Reed will be convicted")
    assert {"convict"} <= concepts("The jury acquits Tom Reed") & concepts("Reed will be convicted")
    assert "guilty" not in concepts("Tom Reed is found not guilty")
    assert concepts("Erdoğan") == concepts("Erdogan")
    assert normalise_phrases("The U.S. and the UK") == "The usa and the britain"


def test_search_words_include_the_other_names():
    words = event_search_words("Britain will leave the EU")
    assert {"britain", "leave", "united kingdom", "european union"} <= set(words)
    # An outcome verb's other forms are left to the ranking: the names find the event.
    assert "withdraw" not in words
    assert "will" not in words and "the" not in words and "eu" not in words


def test_claim_parts_split_subject_and_outcome():
    parts = claim_parts("Ada Brook will win the Lakeside mayoral election")
    assert parts.subject == {"ada", "brook"}
    assert parts.outcome == {"win"}
    # Without a listed outcome word, the first word after "will" is the outcome.
    assert claim_parts("The council will postpone the vote").outcome == {"postpon"}
    assert claim_parts("The harbour board will dredge the channel").outcome == {"dredg"}


def test_subject_acts_reads_the_subject_before_its_outcome():
    parts = claim_parts("Ada Brook will win the mayoral election")
    assert subject_acts("Ada Brook wins the mayoral election.", parts)
    assert subject_acts("Ada Brook, the Green candidate, defeats the incumbent.", parts)
    assert not subject_acts("Voters go to the polls to elect either Ada Brook or Tom Reed.", parts)
    assert not subject_acts("Ada Brook opens a bakery.", parts)


def test_timing_counts_only_after_the_forecast_and_less_after_the_deadline():
    assert timing(MADE - datetime.timedelta(days=1), made_on=MADE, deadline=FINAL) == 0
    before = timing(FINAL, made_on=MADE, deadline=FINAL)
    after = timing(FINAL + datetime.timedelta(days=30), made_on=MADE, deadline=FINAL)
    much_later = timing(FINAL + datetime.timedelta(days=300), made_on=MADE, deadline=FINAL)
    assert 1 >= before > after > much_later > 0
    assert timing(FINAL, made_on=None, deadline=None) == 1


def _event(key, text, day=FINAL, headings=()):
    return EventText(key, text, day, tuple(headings))


def test_the_heading_names_the_outcome_the_sentence_does_not_repeat():
    claim = "The Rovers will win the 2031 Lakeside Cup"
    events = [
        _event("final", "The Rovers beat the Wanderers 3-1 after extra time.", headings=["2031 Lakeside Cup final"]),
        _event("forecast", "The Rovers are expected to win the 2031 Lakeside Cup."),
        _event("semi", "The Rovers reach the semi-final of the 2031 Lakeside Cup.", FINAL - datetime.timedelta(days=7)),
        _event("bakery", "A bakery opens in Lakeside.", headings=["Lakeside"]),
        _event("old", "The Rovers win the 2031 Lakeside Cup opener.", MADE - datetime.timedelta(days=3)),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    keys = [key for key, _ in ranked]
    assert keys[0] == "final"
    assert "forecast" not in keys, "a forecast is never evidence that it happened"
    assert "old" not in keys, "an event before the forecast cannot settle it"
    assert all(0 < score <= 1 for _, score in ranked)
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)


def test_the_subject_doing_the_outcome_outranks_talk_about_it():
    claim = "Ada Brook will win the Lakeside mayoral election"
    heading = ["2031 Lakeside mayoral election"]
    events = [
        _event("vote", "Voters in Lakeside go to the polls to elect either Ada Brook or Tom Reed as mayor.", headings=heading),
        _event("result", "Ada Brook wins with 54% of the vote, the first Green mayor of Lakeside.", headings=heading),
        _event("debate", "Ada Brook and Tom Reed meet in a televised debate.", FINAL - datetime.timedelta(days=10), heading),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "result"


def test_an_event_long_after_the_deadline_yields_to_one_before_it():
    claim = "Norway will join the alliance by June 2031"
    events = [
        _event("late", "Norway joins the alliance.", FINAL + datetime.timedelta(days=400)),
        _event("in time", "Norway joins the alliance.", FINAL - datetime.timedelta(days=20)),
    ]
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "in time"


def test_nothing_to_match_ranks_nothing():
    assert rank_events("the", [_event(1, "The Rovers win.")]) == []
    assert rank_events("Rovers win", []) == []
    assert rank_events("Rovers win", [_event(1, "Polls suggest the Rovers will win.")]) == []


def test_the_event_outranks_its_aftermath():
    claim = "The harbour board will remove chair Tom Reed"
    heading = ["Lakeside harbour board crisis"]
    events = [
        _event("free", "Lawyers ask the harbour board to free deposed chair Tom Reed.", FINAL, heading),
        _event("march", "Supporters of ousted chair Tom Reed march two weeks after the harbour board removed him.", FINAL, heading),
        _event("deed", "The Lakeside harbour board deposes its chair, Tom Reed, and names an interim chair.", FINAL - datetime.timedelta(days=14), heading),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=None)
    assert [key for key, _ in ranked][0] == "deed"


def test_a_subject_in_a_clause_of_time_does_not_act():
    parts = claim_parts("The high court will overturn the harbour levy")
    assert subject_acts("The high court overturns the harbour levy.", parts)
    assert not subject_acts(
        "In the first vote since the high court's ruling, Lakeside voters reject a new levy.", parts
    )


def test_a_ruling_outranks_a_later_vote_that_refers_to_it():
    claim = "The high court will overturn the harbour levy"
    events = [
        _event("later", "In the first vote since the high court's decision to overturn the harbour levy, Lakeside voters reject a new levy."),
        _event("ruling", "The high court overturns the harbour levy and the fishing permits, ending the tax and returning the fees to the towns.", FINAL - datetime.timedelta(days=30)),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "ruling"


def test_british_and_american_spellings_meet():
    assert concepts("the labour programme") == concepts("the labor program")


def test_the_close_reading_keeps_the_best_by_words(monkeypatch):
    import predictions.matching as matching

    claim = "The Rovers will win the 2031 Lakeside Cup"
    events = [_event(i, f"Item {i} on the Lakeside weather.") for i in range(40)]
    events.append(_event("final", "The Rovers win the 2031 Lakeside Cup."))
    monkeypatch.setattr(matching, "READ_CLOSELY", 3)
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL, limit=2, minimum=0)
    assert ranked[0][0] == "final"
    assert len(ranked) == 2


def test_search_groups_keep_each_word_with_its_other_names():
    groups = event_search_groups("Britain will leave the EU")
    assert groups[0][0] == "britain" and "united kingdom" in groups[0]
    assert any("european union" in group for group in groups)
    assert not any("britain" in group for group in groups[1:]), "a form is searched once"
    assert event_search_words("Britain will leave the EU") == [w for g in groups for w in g]


@pytest.mark.parametrize(
    ("claim", "sentence", "step"),
    [
        ("Tom Reed will be convicted of fraud", "The fraud trial of Tom Reed begins in Lakeside.", True),
        ("The Gulls will win the Harbour Cup", "The Gulls defeat the Herons 2-1 to reach the Harbour Cup final.", True),
        ("The Gulls will win the Harbour Cup", "The Gulls win their group to advance to the Harbour Cup.", True),
        ("The Gulls will win the Harbour Cup", "The Gulls defeat the Herons 2-1 in the Harbour Cup final.", False),
        ("Ada Brook will win the mayoral election", "Ada Brook wins. She will begin her term on 1 May.", False),
        ("The harbour board will begin dredging the bay", "The harbour board begins dredging the bay.", False),
        ("The Gulls will reach the Harbour Cup final", "The Gulls defeat the Herons to reach the Harbour Cup final.", False),
    ],
)  # fmt: skip
def test_beginnings_and_wins_that_only_take_one_on_are_steps(claim, sentence, step):
    assert starts(sentence, claim_parts(claim)) is step


def test_the_final_outranks_the_semi_final_win_that_reached_it():
    claim = "The Gulls will win the Harbour Cup"
    heading = ["2031 Harbour Cup"]
    events = [
        _event("semi", "The Gulls defeat the Herons 2-1 to reach the Harbour Cup final.", FINAL - datetime.timedelta(days=4), heading),
        _event("final", "The Ravens defeat the Gulls 3-1 in the final.", FINAL, heading),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "final"


def test_an_office_elect_is_the_office_not_an_election_that_day():
    claim = "Ada Brook will win the Lakeside mayoral election"
    events = [
        _event("visit", "Ada Brook, mayor-elect of Lakeside, visits the harbour.", FINAL + datetime.timedelta(days=7)),
        _event("result", "Ada Brook was elected mayor of Lakeside, ahead of Tom Reed.", FINAL),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "result"
    assert claim_parts(claim).subject <= concepts("Mayor-elect Ada Brook")


def test_a_request_for_the_outcome_yields_to_the_outcome():
    claim = "Tom Reed will resign as harbour chair"
    events = [
        _event("request", "The Lakeside harbour board formally requests that chair Tom Reed resign.", FINAL - datetime.timedelta(days=1)),
        _event("deed", "Tom Reed resigns as chair.", FINAL),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "deed"


def test_a_guilty_verdict_is_the_conviction_done_that_day():
    claim = "Tom Reed will be convicted of fraud"
    events = [
        _event("trial", "The fraud trial of Tom Reed opens in Lakeside.", FINAL - datetime.timedelta(days=40)),
        _event("verdict", "Former harbour chair Tom Reed is found guilty of fraud.", FINAL),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "verdict"


def test_preparing_for_the_outcome_is_a_step():
    assert under_way(
        "Lakeside prepares to host the Harbour Cup final between the Gulls and the Herons."
    )
    assert not under_way("The Gulls defeat the Herons in the Harbour Cup final.")
    claim = "The Gulls will win the Harbour Cup"
    events = [
        _event("host", "Lakeside prepares to host the Harbour Cup final between the Gulls and the Herons.", FINAL),
        _event("final", "The Gulls defeat the Herons to lift their third cup in a row.", FINAL),
    ]  # fmt: skip
    ranked = rank_events(claim, events, made_on=MADE, deadline=FINAL)
    assert [key for key, _ in ranked][0] == "final"
