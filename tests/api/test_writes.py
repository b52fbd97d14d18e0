"""Writing through the API: document intake, review and resolution, and who may do them."""

from __future__ import annotations

import datetime

import pytest

from archive.models import Article
from predictions.models import Claim, Judgement, Prediction
from tests.api.conftest import grant
from tests.factories import (
    CandidateFactory,
    ClaimFactory,
    EventFactory,
    PredictionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "title": "Bridges and ballots",
    "url": "https://example.org/2014/04/bridges-and-ballots",
    "outlet": "The Riverside Courier",
    "authors": ["Dana Doyle"],
    "published": "2014-04-01",
    "body": (
        "The bridge has been closed for a year. It is most unlikely the bridge will reopen "
        "before the election in May. The mayor will probably resign by the end of the year."
    ),
    "comments": [
        {
            "author": "riverwatcher",
            "posted": None,
            "body": "I bet the mayor stays on.",
            "parent": None,
        },
        {"author": None, "posted": "2014-04-02T10:00:00Z", "body": "We will see.", "parent": 0},
    ],
}


def test_document_import_creates_the_article_with_candidates(editor):
    response = editor.post("/api/documents/", DOCUMENT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Bridges and ballots"
    assert body["outlet"]["name"] == "The Riverside Courier"
    assert [a["name"] for a in body["authors"]] == ["Dana Doyle"]
    assert len(body["comments"]) == 2
    assert body["comments"][1]["parent"] == body["comments"][0]["id"]
    assert all(p["status"] == "candidate" for p in body["predictions"])
    assert Article.objects.get(pk=body["id"]).source_format == "api"


def test_document_import_of_a_duplicate_answers_200_with_the_stored_article(editor):
    first = editor.post("/api/documents/", DOCUMENT, format="json").json()
    again = editor.post("/api/documents/", DOCUMENT, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"published": "not a date"}, "published"),
        ({"published": None}, "published"),
        ({"title": None}, "title"),
        ({"body": 12}, "body"),
        ({"authors": "Dana Doyle"}, "authors"),
        ({"comments": [{"body": 3}]}, "comments"),
    ],
)
def test_bad_documents_get_400_naming_the_field(editor, change, field):
    response = editor.post("/api/documents/", {**DOCUMENT, **change}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert any(name.startswith(field) for name in error.get("fields", {})), error
    assert Article.objects.count() == 0


def test_a_document_that_is_not_an_object_is_a_400(editor):
    response = editor.post("/api/documents/", [DOCUMENT], format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_malformed_json_is_a_400(editor):
    response = editor.post("/api/documents/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_accept_reject_correct(editor):
    candidate = CandidateFactory()
    response = editor.post(f"/api/predictions/{candidate.pk}/accept/", {}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["claim"]["text"] == candidate.claim_text

    response = editor.post(
        f"/api/predictions/{candidate.pk}/correct/",
        {"probability": 0.3, "deadline": "2015-06-30", "polarity": "negative"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["probability"], body["deadline"], body["polarity"], body["edited"]) == (
        0.3,
        "2015-06-30",
        "negative",
        True,
    )

    other = CandidateFactory()
    response = editor.post(
        f"/api/predictions/{other.pk}/reject/", {"note": "Not a forecast."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"


def test_accept_onto_an_existing_claim(editor):
    candidate, claim = CandidateFactory(), ClaimFactory()
    response = editor.post(
        f"/api/predictions/{candidate.pk}/accept/", {"claim": claim.pk}, format="json"
    )
    assert response.json()["claim"]["id"] == claim.pk


def test_correct_rejects_bad_values_naming_the_field(editor):
    candidate = CandidateFactory()
    for payload, field in [
        ({"probability": 1.5}, "probability"),
        ({"speaker_role": "oracle"}, "speaker_role"),
        ({"deadline": "someday"}, "deadline"),
        ({"quote": "words that are not in the text"}, "quote"),
        ({}, "non_field_errors"),
    ]:
        response = editor.post(f"/api/predictions/{candidate.pk}/correct/", payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert (
            field in response.json()["error"].get("fields", {})
            or field in response.json()["error"]["message"]
        )


def test_resolve_and_unresolve_a_claim(editor):
    prediction = PredictionFactory(probability=0.8, deadline=datetime.date(2015, 3, 31))
    claim, event = prediction.claim, EventFactory(occurred_on=datetime.date(2015, 1, 10))
    response = editor.post(
        f"/api/claims/{claim.pk}/resolve/",
        {"state": "occurred", "on": "2015-01-10", "event": event.pk, "note": "Reported widely."},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["claim"]["state"] == "occurred"
    assert [j["outcome"] for j in body["judgements"]] == ["yes"]
    prediction.refresh_from_db()
    assert prediction.outcome == "yes"
    assert prediction.brier == pytest.approx(0.04)

    again = editor.post(
        f"/api/claims/{claim.pk}/resolve/",
        {"state": "not_occurred", "on": "2015-01-10"},
        format="json",
    )
    assert again.status_code == 400
    assert again.json()["error"]["fields"] == {"state": [again.json()["error"]["message"]]}

    response = editor.post(
        f"/api/claims/{claim.pk}/unresolve/", {"note": "Wrong event."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["claim"]["state"] == "open"
    assert Judgement.objects.filter(prediction=prediction).count() == 2
    prediction.refresh_from_db()
    assert prediction.outcome is None


def test_resolve_needs_a_valid_state(editor):
    claim = ClaimFactory()
    response = editor.post(f"/api/claims/{claim.pk}/resolve/", {"state": "open"}, format="json")
    assert response.status_code == 400
    assert "state" in response.json()["error"]["fields"]
    assert Claim.objects.get(pk=claim.pk).state == "open"


def test_actions_on_missing_objects_are_404(editor):
    response = editor.post("/api/predictions/999999/accept/", {}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


WRITES = [
    ("/api/documents/", DOCUMENT, "import"),
    ("/api/predictions/{prediction}/accept/", {}, "review"),
    ("/api/predictions/{prediction}/reject/", {}, "review"),
    ("/api/predictions/{prediction}/correct/", {"probability": 0.4}, "review"),
    ("/api/claims/{claim}/resolve/", {"state": "annulled"}, "resolve"),
    ("/api/claims/{claim}/unresolve/", {}, "resolve"),
]


@pytest.mark.parametrize(("path", "payload", "permission"), WRITES)
def test_writes_refuse_anonymous_with_401(anon, path, payload, permission):
    candidate = CandidateFactory()
    response = anon.post(
        path.format(prediction=candidate.pk, claim=ClaimFactory().pk), payload, format="json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert Prediction.objects.get(pk=candidate.pk).status == "candidate"


@pytest.mark.parametrize(("path", "payload", "permission"), WRITES)
def test_writes_need_their_own_permission(reader, path, payload, permission):
    candidate = CandidateFactory()
    claim = ClaimFactory(state="annulled" if "unresolve" in path else "open")
    url = path.format(prediction=candidate.pk, claim=claim.pk)
    response = reader.post(url, payload, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"

    # Another action's permission is not enough.
    other = {"import": "review", "review": "resolve", "resolve": "import"}[permission]
    user = grant(UserFactory(username=f"holder-of-{other}"), other)
    reader.force_authenticate(user)
    assert reader.post(url, payload, format="json").status_code == 403

    grant(user, permission)
    user = type(user).objects.get(pk=user.pk)  # drop the permission cache
    reader.force_authenticate(user)
    assert reader.post(url, payload, format="json").status_code in (200, 201)
