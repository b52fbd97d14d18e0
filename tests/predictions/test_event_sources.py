"""An event's sources: typed one per line in the admin, each a link or an outlet's name."""

import datetime

import pytest
from django.urls import reverse

from archive.errors import ArchiveError
from predictions.forms import SOURCES_HELP, SourcesField
from predictions.importers.events import EventData
from predictions.models import Event
from predictions.services.events import (
    event_record,
    event_source_clean,
    event_update,
    events_import,
)
from tests.factories import EventFactory, UserFactory

DAY = datetime.date(2030, 6, 1)


@pytest.mark.parametrize(
    "line, stored",
    [
        ("https://news.example.org/ferry?id=4#top", "https://news.example.org/ferry?id=4#top"),
        ("  http://example.com/a  ", "http://example.com/a"),
        ("Harbour Gazette", "Harbour Gazette"),
        ("Civic  Radio   via Wire", "Civic Radio via Wire"),
        ("The Lake Post (evening edition)", "The Lake Post (evening edition)"),
        ("Rádio Pública", "Rádio Pública"),
    ],
)
def test_a_line_is_a_link_or_a_name(line, stored):
    assert event_source_clean(line) == stored


@pytest.mark.parametrize(
    "line, words",
    [
        ("www.harbour-gazette.example", "not a valid link"),
        ("https://", "not a valid link"),
        ("https://bad host.example/a", "not a valid link"),
        ("ftp://files.example.org/a", "not a valid link"),
        ("javascript://alert(1)", "not a valid link"),
        ("Harbour\x07Gazette", "control character"),
        ("N" * 201, "longer than 200 characters"),
        ("   ", "must not be empty"),
    ],
)
def test_a_line_that_is_neither_is_refused_in_words(line, words):
    with pytest.raises(ArchiveError) as caught:
        event_source_clean(line)
    assert words in caught.value.message and caught.value.field == "sources"
    if line.strip() and "\x07" not in line:
        assert line.strip()[:40] in caught.value.message


def test_the_longest_name_allowed():
    assert event_source_clean("N" * 200) == "N" * 200


def test_field_splits_lines_drops_blanks_and_repeats_in_order():
    field = SourcesField()
    text = "Reuters\r\n\r\nhttps://a.example.org/x\n   \nReuters\nHarbour Gazette\nhttps://a.example.org/x\n"
    assert field.clean(text) == ["Reuters", "https://a.example.org/x", "Harbour Gazette"]
    assert field.clean("") == [] and field.clean("\n \n") == []
    assert field.help_text == SOURCES_HELP
    assert field.prepare_value(["BBC", "https://a.example.org/x"]) == "BBC\nhttps://a.example.org/x"


def test_field_names_each_bad_line():
    field = SourcesField()
    with pytest.raises(Exception) as caught:
        field.clean(
            "Reuters\nwww.gazette.example\n\nhttps://ok.example.org\nhttp://no spaces.example"
        )
    messages = caught.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("Line 2: \u201cwww.gazette.example\u201d is not a valid link")
    assert messages[1].startswith("Line 5: \u201chttp://no spaces.example\u201d")


def test_field_changed_only_when_the_list_changes():
    field = SourcesField()
    assert not field.has_changed(["BBC", "Reuters"], "BBC\n\nReuters\n")
    assert field.has_changed(["BBC"], "BBC\nReuters")
    assert field.has_changed(None, "BBC")
    assert not field.has_changed(None, "")


@pytest.mark.django_db
def test_services_refuse_what_the_form_refuses():
    with pytest.raises(ArchiveError) as caught:
        event_record(title="Ferry", occurred_on=DAY, sources=["BBC", "www.bbc.example"])
    assert caught.value.field == "sources"
    assert str(caught.value).startswith("sources: \u201cwww.bbc.example\u201d is not a valid link")
    assert Event.objects.count() == 0
    with pytest.raises(ArchiveError, match="not one string"):
        event_record(title="Ferry", occurred_on=DAY, sources="https://a.example.org")
    event = event_record(
        title="Ferry", occurred_on=DAY, sources=[" BBC ", "BBC", "", "https://a.example.org/b"]
    )
    assert event.sources == ["BBC", "https://a.example.org/b"]
    with pytest.raises(ArchiveError, match="control character"):
        event_update(event=event, sources=["Lake\x00Post"])
    event.refresh_from_db()
    assert event.sources == ["BBC", "https://a.example.org/b"]


@pytest.mark.django_db
def test_an_import_keeps_names_and_leaves_out_a_credit_that_breaks_the_rule():
    events_import(
        events=[
            EventData(
                "Bridge reopens",
                DAY,
                sources=("Harbour Gazette", "www.gazette.example", "https://ok.example.org/a"),
                external_id="bridge",
            )
        ]
    )
    assert Event.objects.get().sources == ["Harbour Gazette", "https://ok.example.org/a"]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def _post(**values):
    data = {"title": "Ferry withdrawn", "occurred_on": "2025-03-01", "description": ""}
    return data | values


@pytest.mark.django_db
def test_admin_add_and_change_round_trip(admin_client):
    add = reverse("admin:predictions_event_add")
    page = admin_client.get(add).content.decode()
    assert "<textarea" in page and "One per line: a link (https://" in page
    response = admin_client.post(
        add, _post(sources="https://example.org/a\n\nHarbour Gazette\nhttps://example.org/a\n")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.sources == ["https://example.org/a", "Harbour Gazette"]
    assert event.created_by.username == "chief"

    change = reverse("admin:predictions_event_change", args=[event.pk])
    response = admin_client.post(change, _post(occurred_on="2025-03-02", sources=""))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.occurred_on.isoformat() == "2025-03-02" and event.sources == []


@pytest.mark.django_db
def test_admin_refuses_a_bad_line_and_keeps_the_text(admin_client):
    typed = "Reuters\nwww.reuters.example"
    response = admin_client.post(reverse("admin:predictions_event_add"), _post(sources=typed))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 2: \u201cwww.reuters.example\u201d is not a valid link" in page
    assert ">\nReuters\nwww.reuters.example</textarea>" in page
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_an_imported_event_with_names_stays_editable(admin_client):
    events_import(
        events=[EventData("Dam opens", DAY, sources=("Lake Post", "Civic Radio via Wire"))]
    )
    event = Event.objects.get()
    change = reverse("admin:predictions_event_change", args=[event.pk])
    page = admin_client.get(change).content.decode()
    assert ">\nLake Post\nCivic Radio via Wire</textarea>" in page
    response = admin_client.post(
        change,
        _post(
            title="Dam opens on time",
            occurred_on=DAY.isoformat(),
            sources="Lake Post\nCivic Radio via Wire",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.title == "Dam opens on time"
    assert event.sources == ["Lake Post", "Civic Radio via Wire"]


@pytest.mark.django_db
def test_event_pages_link_urls_and_show_names_as_escaped_text(client):
    event = EventFactory(
        sources=["https://news.example.org/dam", "Lake <b>Post</b>", "javascript:alert(1)"]
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<a href="https://news.example.org/dam" rel="nofollow noopener">' in page
    assert "<li>Lake &lt;b&gt;Post&lt;/b&gt;</li>" in page
    assert "<li>javascript:alert(1)</li>" in page and 'href="javascript' not in page
