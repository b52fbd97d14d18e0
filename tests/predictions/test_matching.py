"""The pure similarity core behind claim ↔ event matching."""

from predictions.matching import (
    Weights,
    content_words,
    rank,
    search_terms,
    similarity,
    stem,
    tokens,
)


def test_stems_meet_word_forms():
    assert stem("invasion") == stem("invades") == stem("invaded") == stem("invade")
    assert stem("Russia") == stem("Russian")
    assert stem("elections") == stem("election")
    assert stem("countries") == stem("country")
    assert stem("vote") == stem("votes")
    assert stem("rate") == stem("rates")
    assert stem("taxes") == stem("tax")
    assert stem("marches") == stem("march")


def test_tokens_drop_stop_words():
    assert tokens("The mayor will not resign before the vote") == ["mayor", "resign", "vote"]
    assert content_words("The mayor will resign, the mayor says") == ["mayor", "resign"]
    assert search_terms("The harbour authority will approve the new bridge") == [
        "authority",
        "harbour",
        "approv",
        "bridg",
    ]


def test_similarity_bounds_and_rare_words_weigh_more():
    assert similarity("Lakeside elects a mayor", "Lakeside elects a mayor") == 1.0
    assert similarity("Lakeside elects a mayor", "") == 0.0
    weights = Weights.from_texts(
        ["council budget", "council vote", "council meeting", "flood barrier budget"]
    )
    assert weights.of("flood") > weights.of("council")


def test_rank_prefers_the_claim_the_event_settles():
    ranked = rank(
        "Voters in Lakeside go to the polls in the mayoral election; Ada Brook wins",
        [
            (1, "The harbour bridge will close"),
            (2, "Ada Brook will win the Lakeside mayoral election"),
            (3, "Lakeside will build a new harbour"),
            (4, "Turnout will be low"),
        ],
    )
    assert ranked[0][0] == 2
    assert 0 < ranked[0][1] <= 1
    assert all(key != 1 for key, _ in ranked)
    assert [score for _, score in ranked] == sorted((s for _, s in ranked), reverse=True)
