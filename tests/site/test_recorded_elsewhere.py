"""A forecast said elsewhere (no article) shows on the site like the others, with its source."""

import datetime

import pytest

from predictions.services.recording import prediction_record

pytestmark = pytest.mark.django_db


def test_a_statement_with_no_article_shows_with_its_source(client):
    prediction = prediction_record(
        by=None,
        source_url="https://tv.example.org/late-show/2026-02-03",
        made_at=datetime.datetime(2026, 2, 3, 22, tzinfo=datetime.UTC),
        quote="The harbour tunnel will open next spring.",
        speaker="Mayor Tallis",
        claim="The harbour tunnel opens",
        probability=0.7,
        deadline=datetime.date(2027, 6, 20),
    )
    page = client.get(prediction.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "The harbour tunnel will open next spring." in html
    assert 'href="https://tv.example.org/late-show/2026-02-03"' in html
    person = client.get(prediction.speaker.get_absolute_url())
    assert person.status_code == 200
    assert "The harbour tunnel opens" in person.content.decode()
    assert client.get(prediction.claim.get_absolute_url()).status_code == 200
