"""The site's search: every kind of thing, phrases, ranking, and "did you mean"."""

import pytest
from django.db import connection
from django.urls import reverse

from predictions.selectors import search
from predictions.selectors.search import search_terms, site_search
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EventFactory,
    OutletFactory,
    PersonFactory,
    PredictionFactory,
)
from tests.site.test_pages import get, text

pytestmark = pytest.mark.django_db


def test_terms_are_quoted_phrases_and_loose_words():
    assert search_terms('"highly possible" invasion, soon') == [
        "highly possible",
        "invasion",
        "soon",
    ]
    assert search_terms('an "unclosed quote') == ["an", "unclosed", "quote"]


def test_an_outlet_and_an_event_are_found_by_name():
    outlet = OutletFactory(name="Harbourview Gazette")
    event = EventFactory(title="The harbour bridge reopened")
    assert site_search(query="harbourview").outlets == [outlet]
    assert site_search(query="bridge reopened").events == [event]


def test_a_quoted_phrase_must_appear_as_written():
    together = PredictionFactory(
        quote="It is highly possible that the ferry strike ends.",
        article__body="It is highly possible that the ferry strike ends.",
    )
    PredictionFactory(
        quote="It is possible, though not highly, that the ferry strike ends.",
        article__body="It is possible, though not highly, that the ferry strike ends.",
    )
    assert site_search(query='"highly possible"').predictions == [together]
    assert len(site_search(query="highly possible").predictions) == 2


def test_the_better_match_ranks_first():
    in_title = ArticleFactory(title="Tidal barrier to close", body="Engineers say little.")
    in_body = ArticleFactory(
        title="Council notes", body="Among other business the tidal barrier was discussed."
    )
    assert site_search(query="tidal barrier").articles == [in_title, in_body]


def test_exact_names_come_before_longer_ones():
    longer = PersonFactory(name="Ann Ferris-Whitlock")
    exact = PersonFactory(name="Ann Ferris")
    assert site_search(query="ann ferris").people == [exact, longer]


def test_a_misspelt_name_is_offered_the_spelling_that_finds_it():
    PersonFactory(name="Niamh Castellane")
    results = site_search(query="Castelane")
    assert results.count == 0
    assert results.suggestion == "Castellane"
    assert site_search(query="Castellane").people


def test_no_suggestion_when_nothing_is_close():
    ClaimFactory(text="The ferry strike ends before May")
    assert site_search(query="xylophone").suggestion == ""


def test_the_search_page_lists_outlets_events_and_the_suggestion(
    client, db, django_assert_max_num_queries
):
    OutletFactory(name="Harbourview Gazette")
    EventFactory(title="Harbourview Gazette wins a prize")
    url = reverse("site:search")
    page = text(get(client, django_assert_max_num_queries, url + "?q=harbourview"))
    assert "<h2>Outlets</h2>" in page and "<h2>Events</h2>" in page
    # Nothing found: the search, the names near each word, and the check that the spelling finds.
    with django_assert_max_num_queries(20):
        with_typo = text(client.get(url + "?q=Harbourveiw"))
    assert "Did you mean" in with_typo and "q=Harbourview" in with_typo


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only"
)
@pytest.mark.parametrize(
    ("model", "fields", "index"),
    [
        ("Article", "ARTICLE_FIELDS", "archive_article_fulltext"),
        ("Claim", "CLAIM_FIELDS", "predictions_claim_fulltext"),
        ("Prediction", "PREDICTION_FIELDS", "predictions_prediction_fulltext"),
        ("Event", "EVENT_FIELDS", "predictions_event_fulltext"),
    ],
)
def test_on_postgresql_the_search_filters_through_a_full_text_index(model, fields, index):
    """The search's vector must stay the indexed expression, or every search scans the table."""
    queryset = search._ranked(
        getattr(search, model).objects.all(),
        terms=["ferry", "strike"],
        weights=getattr(search, fields),
        newest="pk",
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Scan on {index}" in plan, plan
