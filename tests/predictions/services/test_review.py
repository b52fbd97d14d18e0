import datetime

import pytest
from django.contrib.auth.models import Permission

from archive.errors import PermissionRequired
from predictions.errors import ReviewError
from predictions.models import Prediction
from predictions.services.review import (
    prediction_accept,
    prediction_correct,
    prediction_reject,
)
from tests.factories import CandidateFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="review_prediction"))
    return type(user).objects.get(pk=user.pk)


def test_accept_creates_a_claim_from_the_claim_text(editor):
    candidate = CandidateFactory(claim_text="the council approves the budget")
    accepted = prediction_accept(prediction=candidate, by=editor)
    assert accepted.status == Prediction.Status.ACCEPTED
    assert accepted.claim.text == "the council approves the budget"
    assert accepted.reviewed_by == editor
    assert accepted.reviewed_at is not None


def test_accept_into_an_existing_claim(editor):
    claim = ClaimFactory(text="The budget passes")
    accepted = prediction_accept(prediction=CandidateFactory(), by=editor, claim=claim)
    assert accepted.claim == claim


def test_reject_keeps_the_row_and_the_note(editor):
    rejected = prediction_reject(
        prediction=CandidateFactory(), by=editor, note="a plan, not a forecast"
    )
    rejected.refresh_from_db()
    assert rejected.status == Prediction.Status.REJECTED
    assert rejected.review_note == "a plan, not a forecast"


def test_review_needs_the_permission():
    with pytest.raises(PermissionRequired, match="may not review"):
        prediction_accept(prediction=CandidateFactory(), by=UserFactory())


def test_correct_marks_edited_and_validates(editor):
    candidate = CandidateFactory()
    corrected = prediction_correct(
        prediction=candidate, by=editor, probability=0.3, deadline=datetime.date(2016, 1, 1)
    )
    corrected.refresh_from_db()
    assert corrected.edited and corrected.probability == 0.3
    assert corrected.deadline == datetime.date(2016, 1, 1)
    with pytest.raises(ReviewError, match="probability"):
        prediction_correct(prediction=candidate, by=editor, probability=1.0)
    with pytest.raises(ReviewError, match="polarity"):
        prediction_correct(prediction=candidate, by=editor, polarity="sideways")
    with pytest.raises(ReviewError, match="cannot be corrected"):
        prediction_correct(prediction=candidate, by=editor, status="accepted")


def test_correcting_the_quote_finds_its_offsets(editor):
    candidate = CandidateFactory()
    body = candidate.article.body
    corrected = prediction_correct(prediction=candidate, by=editor, quote="approve the budget")
    assert body[corrected.start : corrected.end] == "approve the budget"
    with pytest.raises(ReviewError, match="not found"):
        prediction_correct(prediction=candidate, by=editor, quote="words that are not there")


def test_accepting_a_quoted_forecast_links_or_creates_its_speaker(editor):
    from archive.models import Person

    candidate = CandidateFactory(speaker=None, speaker_name="Mara Voss", speaker_role="quoted")
    accepted = prediction_accept(prediction=candidate, by=editor)
    assert accepted.speaker.name == "Mara Voss"
    assert accepted.speaker.kind == Person.Kind.OFFICIAL
    again = prediction_accept(
        prediction=CandidateFactory(speaker=None, speaker_name="mara voss", speaker_role="quoted"),
        by=editor,
    )
    assert again.speaker == accepted.speaker
