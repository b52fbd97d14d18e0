"""Hostile input found by fuzzing, kept as regressions: a 4xx answer, never a server error.

NUL characters (which PostgreSQL text refuses), ids beyond 64 bits (which SQLite refuses) and
dates at the ends of the calendar must all be caught before they reach the database.
"""

from __future__ import annotations

import pytest

from tests.factories import CandidateFactory, ClaimFactory

pytestmark = pytest.mark.django_db

DOC = {"title": "A title", "body": "A body.", "published": "2014-01-01"}


@pytest.mark.parametrize(
    "payload", [{"claim": 2**70}, {"claim": "x"}, {"claim": -1}, {"claim": 1.5}]
)
def test_accept_with_a_bad_claim(editor, payload):
    response = editor.post(
        f"/api/predictions/{CandidateFactory().pk}/accept/", payload, format="json"
    )
    assert response.status_code == 400
    assert "claim" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "payload",
    [
        {"start": 2**70},
        {"speaker": "\x00"},
        {"speaker": "no such person"},
        {"made_at": "9999-12-31T23:59:59-12:00"},
        {"deadline": "0001-01-01"},
        {"condition_claim": 2**70},
        {"quote": "\x00"},
        {"claim_text": "\x00abc"},
        {"end": 3},
        {"start": 5, "end": 2},
    ],
)
def test_correct_with_odd_values(editor, payload):
    response = editor.post(
        f"/api/predictions/{CandidateFactory().pk}/correct/", payload, format="json"
    )
    assert response.status_code in (200, 400), response.content


@pytest.mark.parametrize(
    "payload",
    [
        {"state": "occurred", "on": "0001-01-01"},
        {"state": "occurred", "event": 2**70},
        {"state": "occurred", "on": None},
        {"state": "not_occurred", "on": "9999-12-31"},
        {"state": "ambiguous", "note": "\x00"},
    ],
)
def test_resolve_with_odd_values(editor, payload):
    response = editor.post(f"/api/claims/{ClaimFactory().pk}/resolve/", payload, format="json")
    assert response.status_code in (200, 400), response.content


@pytest.mark.parametrize(
    "change",
    [
        {"title": "a\x00"},
        {"body": "b\x00"},
        {"published": "0001-01-01"},
        {"published": "9999-12-31T23:59:59-12:00"},
        {"url": "http://" + "x" * 3000 + ".com"},
        {"outlet": "\x00"},
        {"authors": ["x" * 500]},
        {"comments": [{"body": "c", "parent": 5}]},
        {"language": "x" * 50},
        {"extra": "\x00"},
        {"comments": [{"body": "c", "author": "-"}]},
        {"outlet": "---"},
    ],
)
def test_documents_with_odd_values(editor, change):
    response = editor.post("/api/documents/", {**DOC, **change}, format="json")
    assert response.status_code in (200, 201, 400), response.content


@pytest.mark.parametrize(
    "path",
    [
        "/api/people/%00/",
        "/api/outlets/%00/calibration/",
        "/api/predictions/?speaker=%00",
        "/api/predictions/?q=%00",
        "/api/predictions/?claim=99999999999999999999999",
        "/api/predictions/?made_after=0001-01-01T00:00:00-12:00",
        "/api/predictions/?made_after=0001-01-01T00:00:00%2B12:00",
        "/api/articles/?published_before=0382-03-06T05:08:05-17:23",
        "/api/judgements/?judged_after=9999-12-31T23:59:59-12:00",
        "/api/leaderboards/people/?tag=%00",
        "/api/export/predictions.csv?article=-5",
    ],
)
def test_odd_reads(anon, path):
    response = anon.get(path)
    assert response.status_code in (200, 400, 404), response.content
    if response.status_code != 200:
        assert "error" in response.json()
