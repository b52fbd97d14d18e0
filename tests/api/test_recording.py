"""``POST /api/predictions/``: a forecast recorded by hand, from an article or from elsewhere."""

from __future__ import annotations

import pytest

from predictions.models import Prediction
from tests.api.conftest import grant
from tests.factories import ArticleFactory, CandidateFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = "The tram line will open before the end of 2027, the engineer promised. Nothing else."


def _payload(target, **changes):
    payload = {
        "article": target.pk,
        "quote": "The tram line will open before the end of 2027",
        "speaker": "Engineer Brook",
        "speaker_role": "quoted",
        "claim": "The tram line opens",
        "probability": 0.8,
        "deadline_text": "before the end of 2027",
    }
    payload.update(changes)
    return payload


def test_record_from_an_article_answers_201_as_get_shows_it(editor):
    article = ArticleFactory(body=BODY)
    response = editor.post("/api/predictions/", _payload(article), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data == editor.get(f"/api/predictions/{data['id']}/").json()
    assert BODY[data["start"] : data["end"]] == data["quote"]
    assert data["status"] == "accepted"
    assert data["source"] == "manual"
    assert data["deadline"] == "2027-12-31"
    assert data["speaker"]["name"] == "Engineer Brook"
    assert data["claim"]["text"] == "The tram line opens"


def test_record_from_a_comment_with_an_existing_speaker_and_claim(editor, archive):
    comment = CommentFactory(body="I reckon the ferry will be sold off within a year.")
    alice = archive["people"][0]
    claim = archive["claims"][1]
    response = editor.post(
        "/api/predictions/",
        {
            "article": comment.article_id,
            "comment": comment.pk,
            "quote": "the ferry will be sold off within a year",
            "speaker": alice.slug,
            "speaker_role": "commenter",
            "claim": claim.pk,
            "probability": 0.3,
            "polarity": "negative",
            "deadline": "2027-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["comment"] == comment.pk
    assert data["speaker"]["slug"] == alice.slug
    assert data["claim"]["id"] == claim.pk
    assert data["deadline"] == "2027-01-01"


def test_record_a_statement_with_no_article(editor):
    response = editor.post(
        "/api/predictions/",
        {
            "source_url": "https://radio.example.org/morning/2026-04-02",
            "made_at": "2026-04-02T08:15:00Z",
            "quote": "The strike will be over by May.",
            "speaker": "Union Leader Fenn",
            "claim": "The strike ends",
            "probability": 0.65,
            "deadline_text": "by May",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["article"] is None
    assert data["source_url"] == "https://radio.example.org/morning/2026-04-02"
    assert data["deadline"] == "2026-05-31"
    listed = editor.get("/api/predictions/", {"status": "accepted"}).json()["results"]
    assert [row for row in listed if row["id"] == data["id"]] == [data]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quote": "The tram line will close"}, "quote"),
        ({"probability": 1.0}, "probability"),
        ({"probability": "high"}, "probability"),
        ({"claim": ""}, "claim"),
        ({"claim": 99999999}, "claim"),
        ({"deadline_text": "whenever it suits"}, "deadline_text"),
        ({"article": 99999999}, "article"),
        ({"speaker_role": "narrator"}, "speaker_role"),
        ({"article": None}, "source_url"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor, changes, field):
    article = ArticleFactory(body=BODY)
    response = editor.post("/api/predictions/", _payload(article, **changes), format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"], response.json()
    assert not Prediction.objects.exists()


def test_a_reviewed_prediction_over_the_quote_is_a_400_naming_it(editor):
    taken = CandidateFactory(status="rejected")
    response = editor.post(
        "/api/predictions/",
        _payload(taken.article, quote="The council will approve the budget"),
        format="json",
    )
    assert response.status_code == 400
    assert f"prediction {taken.pk}" in response.json()["error"]["fields"]["quote"][0]


def test_anonymous_callers_get_401_and_readers_403(anon, reader):
    article = ArticleFactory(body=BODY)
    assert anon.post("/api/predictions/", _payload(article), format="json").status_code == 401
    assert reader.post("/api/predictions/", _payload(article), format="json").status_code == 403
    user = grant(UserFactory(username="resolver"), "resolve")
    reader.force_authenticate(user)
    assert reader.post("/api/predictions/", _payload(article), format="json").status_code == 403
    assert not Prediction.objects.exists()


def test_the_create_action_is_in_the_schema(anon):
    schema = anon.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/predictions/"]["post"]
    assert "201" in operation["responses"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert {"article", "comment", "source_url", "made_at", "quote", "speaker", "claim"} <= set(
        fields
    )
