"""Hostile input gets a 400 (or a 413) in the API's error shape, never a server error.

Each case comes from probing a running server; on PostgreSQL most of them used to reach the
database and fail there (NUL and lone surrogates in JSON, dates beyond the calendar).
"""

from __future__ import annotations

import json

import pytest

from archive.models import Article
from tests.factories import CandidateFactory, ClaimFactory

pytestmark = pytest.mark.django_db

DOC = {"title": "A title", "body": "A body.", "published": "2014-01-01", "outlet": "The Courier"}


def _post(client, document):
    # Sent as raw JSON text so that lone surrogates travel as the escapes a client would send.
    body = json.dumps(document) if not isinstance(document, str) else document
    return client.generic("POST", "/api/documents/", body, content_type="application/json")


@pytest.mark.parametrize(
    ("extra", "stored"),
    [
        ({"extra": "a\u0000b"}, {"extra": "ab"}),
        ({"extra": "\ud800"}, {"extra": "\ufffd"}),
        ({"\ud800": 1}, {"\ufffd": 1}),
        ({"key\u0000": "value"}, {"key": "value"}),
        ({"nested": {"k\u0001": ["\udfff", "fine"]}}, {"nested": {"k": ["\ufffd", "fine"]}}),
    ],
    ids=["nul-value", "surrogate-value", "surrogate-key", "nul-key", "nested"],
)
def test_bad_characters_in_metadata_are_cleaned_as_every_text_is(editor, extra, stored):
    response = _post(editor, {**DOC, **extra})
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.metadata == stored


@pytest.mark.parametrize(
    ("change", "field", "year"),
    [
        ({"published": "9999-12-31"}, "published", 9999),
        ({"published": "0001-01-01T00:00:00+14:00"}, "published", 1),
        ({"published": "1899-12-31"}, "published", 1899),
        ({"published": "2201-01-01"}, "published", 2201),
        ({"comments": [{"body": "c", "posted": "9999-12-31"}]}, "comments[0].posted", 9999),
        (
            {"comments": [{"body": "c", "posted": "0001-01-01T00:00:00+14:00"}]},
            "comments[0].posted",
            1,
        ),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_clearly(editor, change, field, year):
    response = _post(editor, {**DOC, **change})
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["message"] == (
        f"{field}: the year {year} is outside the years the archive accepts (1900–2200)"
    )
    assert field in error["fields"]


@pytest.mark.parametrize("published", ["1900-01-01", "2200-12-31T23:59:59-12:00"])
def test_the_ends_of_the_accepted_years_are_accepted(editor, published):
    assert _post(editor, {**DOC, "published": published}).status_code == 201


def test_a_relative_deadline_far_beyond_the_calendar_is_no_error(editor):
    body = "The council will approve the budget within 9000 years. It will pass in 80000 years."
    response = _post(editor, {**DOC, "published": "2200-06-01", "body": body})
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("url", "payload", "field"),
    [
        ("correct", {"made_at": "9999-12-31T23:59:59-12:00"}, "made_at"),
        ("correct", {"made_at": "0001-01-01T00:00:00+14:00"}, "made_at"),
        ("correct", {"deadline": "9999-12-31"}, "deadline"),
        ("correct", {"deadline": "0001-01-01"}, "deadline"),
    ],
)
def test_prediction_dates_are_bounded_too(editor, url, payload, field):
    response = editor.post(
        f"/api/predictions/{CandidateFactory().pk}/{url}/", payload, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01"])
def test_a_resolution_day_is_bounded(editor, on):
    response = editor.post(
        f"/api/claims/{ClaimFactory().pk}/resolve/",
        {"state": "not_occurred", "on": on},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "on" in response.json()["error"]["fields"]


@pytest.mark.parametrize("resource", ["predictions", "events", "judgements"])
@pytest.mark.parametrize(
    "cursor",
    [
        "cD0yMDI0",  # p=2024: a position that is not a date-time
        "cD14eXo=",  # p=xyz
        "cj0xJnA9OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  # a position beyond 64 bits
        "garbage",
    ],
)
def test_forged_cursors_are_a_400(anon, resource, cursor):
    response = anon.get(f"/api/{resource}/?cursor={cursor}")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"] == {"cursor": ["Invalid cursor."]}


def test_a_cursor_the_api_made_still_works(anon):
    for _ in range(3):
        CandidateFactory(status="accepted")
    first = anon.get("/api/predictions/?page_size=2").json()
    second = anon.get(first["next"])
    assert second.status_code == 200
    assert len(second.json()["results"]) == 1


def test_a_document_up_to_the_documented_limit_is_accepted(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = settings.ARCHIVE_MAX_DOCUMENT_BYTES = 300_000
    body = "The committee met again today. " * 9000  # about 280 kB
    response = _post(editor, {**DOC, "body": body})
    assert response.status_code == 201, response.content[:300]


def test_a_document_over_the_limit_is_a_413_in_the_error_shape(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = settings.ARCHIVE_MAX_DOCUMENT_BYTES = 300_000
    response = _post(editor, {**DOC, "body": "word " * 70_000})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "300000 bytes" in error["message"]


def test_the_request_limit_agrees_with_the_document_limit(settings):
    from config import settings as archive_settings

    assert (
        archive_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == archive_settings.ARCHIVE_MAX_DOCUMENT_BYTES
    )
    assert archive_settings.ARCHIVE_MAX_DOCUMENT_BYTES == 5 * 1024 * 1024


def test_a_three_megabyte_document_is_accepted_with_the_default_limits(editor):
    response = _post(editor, {**DOC, "body": "word " * 600_000})
    assert response.status_code == 201, response.content[:300]
