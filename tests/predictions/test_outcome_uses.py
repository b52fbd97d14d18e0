"""How an event's sentence uses an outcome word: done that day, named, or past and to come."""

import pytest

from predictions.outcome_uses import ACT, ASIDE, NAMED, in_time_clause, strongest, use_of, words_of


def _use(sentence: str, word: str) -> str:
    words = words_of(sentence)
    return use_of(words, words.index(word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The harbour board deposes its chair, Tom Reed.", "deposes"),
        ("Ada Brook is elected mayor of Lakeside.", "elected"),
        ("Ada Brook has been formally elected mayor.", "elected"),
        ("The Lakeside games are postponed to next year.", "postponed"),
        ("Delegates approve the river treaty.", "approve"),
        ("The Rovers defeat the Wanderers 2-1.", "defeat"),
        ("The mayor announces her resignation, effective in May.", "resignation"),
        ("After a long night the two towns reach a deal on fishing.", "deal"),
        ("A deal is reached between the two towns.", "deal"),
        ("Ada Brook is projected to win the mayoral election.", "win"),
        ("The council concedes defeat to the Greens.", "defeat"),
    ],
)
def test_the_outcome_done_that_day(sentence, word):
    assert _use(sentence, word) == ACT


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Supporters of deposed chair Tom Reed march in Lakeside.", "deposed"),
        ("Protests go on two weeks after the chair was deposed.", "deposed"),
        ("The chair admits that Ada Brook won the election.", "won"),
        (
            "In the first vote since the court's decision to overturn the levy, voters go out.",
            "overturn",
        ),
        ("The chair says there is a chance that the summit may not occur.", "occur"),
        ("Thousands march in Lakeside calling for the resignation of the chair.", "resignation"),
        ("Leaders meet in Lakeside, aiming for a global deal on fishing.", "deal"),
        ("The court rules on whether the town can leave the league.", "leave"),
        ("After the games are postponed, the clock is switched off.", "postponed"),
        ("The party formally requests that chair Tom Reed resign.", "resign"),
        ("Harbour workers demand the resignation of the chair.", "resignation"),
    ],
)
def test_the_outcome_as_past_or_to_come(sentence, word):
    assert _use(sentence, word) == ASIDE


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The league withdrawal bill passes its second reading.", "withdrawal"),
        ("In a widely expected move, the bank raised its rate.", "raised"),
        ("The mayor announces her intention to resign.", "resign"),
    ],
)
def test_the_outcome_named_neither_done_nor_past(sentence, word):
    assert _use(sentence, word) == NAMED


def test_a_clause_of_time_ends_at_its_comma():
    words = words_of("After the final whistle, the Rovers lift the cup.")
    assert in_time_clause(words, words.index("whistle"))
    assert not in_time_clause(words, words.index("rovers"))


def test_strongest_prefers_the_deed():
    assert strongest([ASIDE, NAMED, ACT]) == ACT
    assert strongest([ASIDE, NAMED]) == NAMED
    assert strongest([ASIDE]) == ASIDE
    assert strongest([]) is None


def test_an_office_elect_is_one_word():
    assert "mayor-elect" in words_of("Mayor-elect Ada Brook visits the harbour.")
