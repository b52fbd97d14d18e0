"""Verdicts follow the stored facts: accepting into a resolved claim, corrections of judged
predictions, and the leaderboards after either (races are in test_judging_races.py)."""

from __future__ import annotations

import datetime
import logging

import pytest
from rest_framework.test import APIClient

from predictions.models import Judgement, LeaderboardEntry
from predictions.services.resolution import claim_resolve
from predictions.services.review import prediction_accept, prediction_correct, prediction_reject
from predictions.services.scores import leaderboards_recompute
from tests.api.conftest import grant
from tests.factories import (
    CandidateFactory,
    ClaimFactory,
    PersonFactory,
    PredictionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OCCURRED_ON = datetime.date(2024, 9, 14)


def _board_rows():
    return sorted(
        (
            e.scope,
            e.person_id,
            e.outlet_id,
            e.tag_id,
            e.period,
            e.resolved,
            e.pending,
            round(e.brier, 9),
        )
        for e in LeaderboardEntry.objects.all()
    )


def _fresh_board_rows():
    leaderboards_recompute()
    return _board_rows()


def test_accepting_into_an_occurred_claim_judges_at_once(django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    PredictionFactory(claim=claim, deadline=datetime.date(2024, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claim, state="occurred", on=OCCURRED_ON, by=None)
    candidate = CandidateFactory(deadline=datetime.date(2024, 12, 31))

    with django_capture_on_commit_callbacks(execute=True):
        accepted = prediction_accept(prediction=candidate, claim=claim, by=None)

    assert accepted.outcome == "yes"
    assert accepted.brier == pytest.approx((0.8 - 1) ** 2)
    (judgement,) = Judgement.objects.filter(prediction=candidate)
    assert judgement.outcome == "yes"
    # The boards count it as soon as it is judged.
    assert _board_rows() == _fresh_board_rows()
    assert LeaderboardEntry.objects.get(scope="person", person=candidate.speaker, period="all")


def test_accepting_into_a_claim_that_occurred_after_the_deadline_judges_no():
    claim = ClaimFactory()
    claim_resolve(claim=claim, state="occurred", on=OCCURRED_ON, by=None)
    candidate = CandidateFactory(deadline=datetime.date(2024, 6, 30))
    assert prediction_accept(prediction=candidate, claim=claim, by=None).outcome == "no"


def test_a_rejected_prediction_accepted_after_its_claim_resolved_is_judged():
    claim = ClaimFactory()
    rejected = PredictionFactory(claim=claim, deadline=datetime.date(2024, 12, 31))
    rejected = prediction_reject(prediction=rejected, by=None)
    claim_resolve(claim=claim, state="occurred", on=OCCURRED_ON, by=None)
    rejected.refresh_from_db()
    assert rejected.outcome is None

    accepted = prediction_accept(prediction=rejected, by=None)
    assert accepted.outcome == "yes"
    assert accepted.judgements.get().outcome == "yes"


def test_accepting_into_an_open_claim_judges_nothing():
    candidate = CandidateFactory()
    accepted = prediction_accept(prediction=candidate, claim=ClaimFactory(), by=None)
    assert accepted.outcome is None
    assert not Judgement.objects.exists()


def test_accept_over_the_api_answers_with_the_verdict():
    user = grant(UserFactory(username="reviewer"), "review")
    client = APIClient()
    client.force_authenticate(user)
    claim = ClaimFactory()
    claim_resolve(claim=claim, state="occurred", on=OCCURRED_ON, by=None)
    candidate = CandidateFactory(deadline=datetime.date(2024, 12, 31))

    response = client.post(
        f"/api/predictions/{candidate.pk}/accept/", {"claim": claim.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "yes"


@pytest.mark.parametrize(
    "change",
    [
        lambda _p: {"speaker": PersonFactory(name="Someone Else")},
        lambda p: {"made_at": p.made_at - datetime.timedelta(days=800)},
    ],
    ids=["speaker", "made_at"],
)
def test_correcting_a_judged_prediction_recomputes_the_boards(
    change, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    predictions = [PredictionFactory(claim=claim, probability=p) for p in (0.9, 0.7, 0.2)]
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claim, state="occurred", on=datetime.date(2015, 1, 1), by=None)
    before = _board_rows()

    with django_capture_on_commit_callbacks(execute=True):
        prediction_correct(prediction=predictions[0], by=None, **change(predictions[0]))

    after = _board_rows()
    assert after != before
    assert after == _fresh_board_rows()


def test_a_failed_recompute_after_commit_is_logged_not_answered(monkeypatch, caplog):
    """The resolution has committed: the client must hear so, not get a 500 to retry."""
    import predictions.services.scores as scores

    def broken(*args, **kwargs):
        raise KeyError(("outlet", 3, "all", 32))

    monkeypatch.setattr(scores, "_apply", broken)
    user = grant(UserFactory(username="resolver"), "resolve")
    client = APIClient()
    client.force_authenticate(user)
    claim = ClaimFactory()
    PredictionFactory(claim=claim)

    with caplog.at_level(logging.ERROR, logger="predictions.services.scores"):
        response = _post_committing(
            client, f"/api/claims/{claim.pk}/resolve/", {"state": "occurred", "on": "2015-01-01"}
        )
    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert claim.state == "occurred"
    assert "leaderboard update failed" in caplog.text


def _post_committing(client, url, data):
    """POST as a server would: the on-commit work runs before the answer goes out."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, format="json")


def test_a_correction_keeps_a_verdict_recorded_by_hand_on_an_open_claim():
    from predictions.services.resolution import prediction_judge

    prediction = PredictionFactory(claim=ClaimFactory())
    prediction_judge(prediction=prediction, outcome="no", note="deadline passed", by=None)
    corrected = prediction_correct(
        prediction=prediction, by=None, made_at=prediction.made_at - datetime.timedelta(days=3)
    )
    assert corrected.outcome == "no"
    assert corrected.judgements.count() == 1


def test_a_condition_that_failed_annuls_a_prediction_corrected_onto_it():
    condition = ClaimFactory()
    claim_resolve(claim=condition, state="not_occurred", on=datetime.date(2015, 1, 1), by=None)
    prediction = PredictionFactory(claim=ClaimFactory())
    corrected = prediction_correct(prediction=prediction, by=None, condition_claim=condition)
    assert corrected.outcome == "annulled"
