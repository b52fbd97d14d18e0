"""History is never lost: claims keep their resolutions, and what judged cannot vanish."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from archive.models import Article
from predictions.models import ClaimResolution, Judgement
from predictions.services.claims import claim_merge
from predictions.services.resolution import claim_resolve, claim_unresolve
from tests.api.conftest import grant
from tests.factories import ClaimFactory, PredictionFactory, UserFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2015, 1, 1)


@pytest.fixture
def chief(client):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_a_claim_resolved_then_opened_again_keeps_a_trace():
    editor = grant(UserFactory(username="resolver"), "resolve")
    claim = ClaimFactory()  # no predictions at all
    claim_resolve(claim=claim, state="not_occurred", on=ON, note="checked the log", by=editor)
    claim_unresolve(claim=claim, note="the log was incomplete", by=editor)

    first, second = ClaimResolution.objects.filter(claim=claim).order_by("changed_at", "id")
    assert (first.state, first.resolved_on, first.note, first.changed_by) == (
        "not_occurred",
        ON,
        "checked the log",
        editor,
    )
    assert (second.state, second.resolved_on, second.note) == (
        "open",
        None,
        "the log was incomplete",
    )
    claim.refresh_from_db()
    assert claim.state == "open"


def test_the_claim_page_and_admin_show_the_history(client, chief):
    claim = ClaimFactory()
    claim_resolve(claim=claim, state="occurred", on=ON, by=None)
    claim_unresolve(claim=claim, by=None)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Resolution history" in page
    assert "occurred (on 1 Jan 2015)" in page
    assert "opened again" in page
    admin_page = chief.get(f"/admin/predictions/claim/{claim.pk}/change/").content.decode()
    assert "opened again" in admin_page


def test_merging_claims_moves_the_history():
    source, target = ClaimFactory(), ClaimFactory()
    for claim in (source, target):
        claim_resolve(claim=claim, state="occurred", on=ON, by=None)
    claim_merge(source=source, target=target, by=None)
    assert ClaimResolution.objects.filter(claim=target).count() == 2


def test_deleting_a_user_who_judged_is_refused_in_words(chief):
    judge = grant(UserFactory(username="judge"), "resolve")
    claim = ClaimFactory()
    PredictionFactory(claim=claim)
    claim_resolve(claim=claim, state="occurred", on=ON, by=judge)

    response = chief.post(f"/admin/auth/user/{judge.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "deactivate the account" in page
    assert get_user_model().objects.filter(pk=judge.pk).exists()
    assert Judgement.objects.filter(judged_by=judge).count() == 1


def test_a_user_who_never_judged_can_still_be_deleted(chief):
    bystander = UserFactory(username="bystander")
    response = chief.post(f"/admin/auth/user/{bystander.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=bystander.pk).exists()


def test_deleting_an_article_with_judged_predictions_is_refused_in_words(chief):
    claim = ClaimFactory()
    prediction = PredictionFactory(claim=claim)
    claim_resolve(claim=claim, state="occurred", on=ON, by=None)
    article = prediction.article

    response = chief.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "Cannot delete article" in response.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
