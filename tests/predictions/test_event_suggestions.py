"""events_for_claim on the database: the candidates it reads (sentences and headings) and the
period it keeps to, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.utils import timezone

from predictions.selectors.claims import events_for_claim
from predictions.services.events import event_record
from tests.factories import ArticleFactory, ClaimFactory, PredictionFactory

pytestmark = pytest.mark.django_db

MADE = datetime.date(2031, 3, 1)
FINAL = datetime.date(2031, 6, 14)


def _claim(text, *, made=MADE, deadline=FINAL):
    claim = ClaimFactory(text=text)
    at = timezone.make_aware(datetime.datetime.combine(made, datetime.time(12)))
    PredictionFactory(
        claim=claim, article=ArticleFactory(published_at=at), made_at=at, deadline=deadline
    )
    return claim


def _event(title, day=FINAL, tags=()):
    return event_record(title=title, occurred_on=day, tags=list(tags))


def test_the_settling_event_is_found_by_its_heading_and_forecasts_are_left_out():
    claim = _claim("The Rovers will win the 2031 Lakeside Cup")
    final = _event(
        "The Rovers beat the Wanderers 3-1 after extra time.", tags=["2031 Lakeside Cup"]
    )
    forecast = _event(
        "The Rovers are expected to win the 2031 Lakeside Cup.", FINAL - datetime.timedelta(days=1)
    )
    _event("A storm floods the Lakeside harbour.")
    semi = _event(
        "The Rovers reach the semi-final of the 2031 Lakeside Cup.",
        FINAL - datetime.timedelta(days=7),
    )
    ranked = events_for_claim(claim=claim)
    events = [event for event, _ in ranked]
    assert events[0] == final
    assert forecast not in events
    assert semi in events
    assert all(0 < score <= 1 for _, score in ranked)


def test_only_events_of_the_claims_period_are_offered():
    claim = _claim("Norway will join the alliance")
    before = _event("Norway joins the alliance's youth games.", MADE - datetime.timedelta(days=5))
    in_time = _event("Norway joins the alliance.", FINAL - datetime.timedelta(days=20))
    long_after = _event(
        "Norway joins the alliance's naval command.", FINAL + datetime.timedelta(days=500)
    )
    events = [event for event, _ in events_for_claim(claim=claim)]
    assert events[0] == in_time
    assert before not in events
    assert long_after not in events


def test_an_open_ended_claim_looks_past_any_deadline():
    claim = _claim("Norway will join the alliance", deadline=None)
    late = _event("Norway joins the alliance.", FINAL + datetime.timedelta(days=900))
    assert [event for event, _ in events_for_claim(claim=claim)] == [late]


def test_a_deadline_before_the_forecast_is_not_a_window():
    claim = _claim("Norway will join the alliance", deadline=MADE - datetime.timedelta(days=30))
    joined = _event("Norway joins the alliance.", FINAL + datetime.timedelta(days=900))
    assert [event for event, _ in events_for_claim(claim=claim)] == [joined]


def test_other_names_find_the_event(django_assert_max_num_queries):
    claim = _claim("Britain will leave the EU by June 2031")
    left = _event("The United Kingdom formally withdraws from the European Union.")
    _event("Lakeside votes to twin with a town in Brittany.")
    with django_assert_max_num_queries(8):
        ranked = events_for_claim(claim=claim, limit=5)
    assert ranked[0][0] == left


def test_a_claim_with_no_content_words_has_no_suggestions():
    claim = _claim("It will be so")
    _event("It is so.")
    assert events_for_claim(claim=claim) == []


def test_an_event_sharing_one_word_is_still_a_candidate():
    # On PostgreSQL the search first takes events sharing two of the claim's words; one
    # sharing a single word makes up the candidates when those are few.
    claim = _claim("Norway will join the alliance")
    member = _event("Oslo celebrates as Norway becomes a full member.")
    _event("A storm floods the Lakeside harbour.")
    assert [event for event, _ in events_for_claim(claim=claim)] == [member]
