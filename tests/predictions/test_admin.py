"""The editors' admin: every page loads, saves go through the services, provenance is read-only."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from archive.models import Article
from predictions.models import Claim, Event, Judgement, Prediction
from tests.factories import (
    CandidateFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
    PredictionFactory,
    UserFactory,
    judge,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def populated():
    prediction = PredictionFactory()
    CandidateFactory(article=prediction.article)
    CommentFactory(article=prediction.article)
    judge(prediction)
    EventFactory()
    return prediction


MODELS = [
    "archive/outlet",
    "archive/person",
    "archive/article",
    "archive/comment",
    "predictions/claim",
    "predictions/prediction",
    "predictions/event",
    "predictions/judgement",
    "predictions/tag",
    "predictions/leaderboardentry",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_search_load(admin_client, populated, model):
    url = f"/admin/{model}/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "budget"}).status_code == 200


def test_change_pages_load(admin_client, populated):
    for url in [
        reverse("admin:archive_article_change", args=[populated.article.pk]),
        reverse("admin:predictions_prediction_change", args=[populated.pk]),
        reverse("admin:predictions_claim_change", args=[populated.claim.pk]),
        reverse("admin:archive_person_change", args=[populated.speaker.pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_prediction_page_shows_the_quote_in_its_paragraph_escaped(admin_client):
    prediction = PredictionFactory(
        article__body="<script>alert(1)</script> The council will approve the budget by March.",
        quote="The council will approve the budget by March.",
        start=26,
    )
    page = admin_client.get(reverse("admin:predictions_prediction_change", args=[prediction.pk]))
    html = page.content.decode()
    assert '<mark class="q">The council will approve the budget by March.</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_accept_action_goes_through_the_review_service(admin_client):
    candidate = CandidateFactory()
    response = admin_client.post(
        reverse("admin:predictions_prediction_changelist"),
        {"action": "accept", "_selected_action": [candidate.pk]},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == Prediction.Status.ACCEPTED
    assert candidate.claim is not None and candidate.reviewed_by.username == "chief"


def test_correcting_in_the_change_form_marks_the_prediction_edited(admin_client):
    candidate = CandidateFactory()
    url = reverse("admin:predictions_prediction_change", args=[candidate.pk])
    form = {
        "quote": candidate.quote,
        "start": candidate.start,
        "end": candidate.end,
        "speaker": candidate.speaker.pk,
        "speaker_name": candidate.speaker_name,
        "speaker_role": candidate.speaker_role,
        "claim_text": candidate.claim_text,
        "polarity": candidate.polarity,
        "probability": "35%",
        "hedge": "",
        "condition_text": "",
        "deadline": "2015-03-31",
        "deadline_text": "by March",
        "deadline_kind": "period_end",
        "review_note": "",
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
        "_reject": "Reject",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    candidate.refresh_from_db()
    assert candidate.probability == 0.35 and candidate.edited
    assert candidate.status == Prediction.Status.REJECTED


def test_judgements_are_read_only_in_the_admin(admin_client, populated):
    judgement = Judgement.objects.get()
    assert admin_client.get(reverse("admin:predictions_judgement_add")).status_code == 403
    page = admin_client.get(reverse("admin:predictions_judgement_change", args=[judgement.pk]))
    assert b'name="outcome"' not in page.content


def test_add_article_opens_the_import_page_which_imports_through_the_service(admin_client):
    assert admin_client.get(reverse("admin:archive_article_add")).status_code == 302
    document = {
        "title": "Harbour bridge delayed",
        "url": "https://example.org/bridge",
        "outlet": "Harbour Herald",
        "authors": ["Ada Quill"],
        "published": "2023-04-02",
        "body": "The bridge will open before the end of next year, the mayor said.",
        "comments": [],
    }
    response = admin_client.post(
        reverse("admin:archive_article_import"), {"document": json.dumps(document), "extract": ""}
    )
    assert response.status_code == 302
    article = Article.objects.get(url="https://example.org/bridge")
    assert article.outlet.name == "Harbour Herald"
    # Importing the same document again is reported as a duplicate and changes nothing.
    admin_client.post(reverse("admin:archive_article_import"), {"document": json.dumps(document)})
    assert Article.objects.count() == 1


def test_import_page_needs_the_import_permission(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:archive_article_import")).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="import_document"))
    assert client.get(reverse("admin:archive_article_import")).status_code == 200


def test_resolve_page_resolves_through_the_service(admin_client):
    prediction = PredictionFactory()
    event = EventFactory()
    url = reverse("admin:predictions_claim_resolve", args=[prediction.claim.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"state": "occurred", "on": "2015-01-10", "event": event.pk, "note": "reported"}
    )
    assert response.status_code == 302
    prediction.refresh_from_db()
    assert prediction.claim.state == Claim.State.OCCURRED
    assert prediction.outcome == "yes"


def test_merge_action(admin_client):
    first, second = ClaimFactory(), ClaimFactory()
    PredictionFactory(claim=second)
    admin_client.post(
        reverse("admin:predictions_claim_changelist"),
        {"action": "merge", "_selected_action": [first.pk, second.pk]},
    )
    assert Prediction.objects.get().claim == first


def test_adding_and_editing_claims_and_events_goes_through_the_services(admin_client):
    response = admin_client.post(
        reverse("admin:predictions_claim_add"),
        {"text": "  The   ferry stops  ", "description": "Ferrywharf line", "predictions-TOTAL_FORMS": "0",
         "predictions-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Claim.objects.get()
    assert (claim.text, claim.description) == ("The ferry stops", "Ferrywharf line")
    admin_client.post(
        reverse("admin:predictions_claim_change", args=[claim.pk]),
        {"text": "The  ferry stops running", "description": "Ferrywharf line",
         "predictions-TOTAL_FORMS": "0", "predictions-INITIAL_FORMS": "0"},
    )  # fmt: skip
    claim.refresh_from_db()
    assert claim.text == "The ferry stops running"

    response = admin_client.post(
        reverse("admin:predictions_event_add"),
        {"title": " Ferry  withdrawn ", "occurred_on": "2025-03-01", "description": "",
         "sources": "https://example.org/a\n \n"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.title == "Ferry withdrawn" and event.sources == ["https://example.org/a"]
    assert event.created_by.username == "chief"
    admin_client.post(
        reverse("admin:predictions_event_change", args=[event.pk]),
        {
            "title": "Ferry withdrawn",
            "occurred_on": "2025-03-02",
            "description": "",
            "sources": "",
        },
    )
    event.refresh_from_db()
    assert event.occurred_on.isoformat() == "2025-03-02" and event.sources == []


def test_import_page_fills_in_a_missing_date(admin_client):
    document = {"title": "Undated", "outlet": "Harbour Herald", "body": "The tolls will rise."}
    admin_client.post(
        reverse("admin:archive_article_import"),
        {"document": json.dumps(document), "published": "2023-04-02"},
    )
    assert Article.objects.get().published_on.isoformat() == "2023-04-02"


def test_tags_are_added_and_renamed_through_the_service(admin_client, monkeypatch):
    import predictions.admin
    from predictions.models import Tag

    created, updated = [], []
    real_create, real_update = predictions.admin.tag_create, predictions.admin.tag_update
    monkeypatch.setattr(
        predictions.admin, "tag_create", lambda **kw: created.append(kw) or real_create(**kw)
    )
    monkeypatch.setattr(
        predictions.admin, "tag_update", lambda **kw: updated.append(kw) or real_update(**kw)
    )
    response = admin_client.post(
        reverse("admin:predictions_tag_add"), {"name": "Harbour works", "slug": "harbour"}
    )
    assert response.status_code == 302, response.content
    tag = Tag.objects.get(slug="harbour")
    response = admin_client.post(
        reverse("admin:predictions_tag_change", args=[tag.pk]),
        {"name": "Harbour building works", "slug": "harbour"},
    )
    assert response.status_code == 302, response.content
    assert [c["name"] for c in created] == ["Harbour works"]
    assert updated and updated[0]["name"] == "Harbour building works"
    tag.refresh_from_db()
    assert tag.name == "Harbour building works"
