"""The resolution service: judging every accepted prediction of a claim, un-resolving, permissions."""

import datetime
import math

import pytest
from django.contrib.auth.models import Permission

from archive.errors import PermissionRequired
from predictions.errors import ResolutionError
from predictions.models import Claim, Judgement, LeaderboardChange, Prediction
from predictions.services.resolution import claim_resolve, claim_unresolve, prediction_judge
from tests.factories import (
    CandidateFactory,
    ClaimFactory,
    EventFactory,
    PredictionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date(2014, 5, 25)


def _resolver():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="resolve_claim"))
    return user


def _prediction(claim, **kwargs):
    return PredictionFactory(claim=claim, claim_text=claim.text, **kwargs)


def test_occurred_judges_each_prediction_against_its_own_deadline():
    claim = ClaimFactory()
    event = EventFactory(occurred_on=D)
    before = _prediction(claim, deadline=datetime.date(2014, 6, 1), probability=0.8)
    on_day = _prediction(claim, deadline=D, probability=0.3)
    late = _prediction(claim, deadline=datetime.date(2014, 5, 1), probability=0.9)
    open_ended = _prediction(claim, deadline=None, probability=0.6)
    negative = _prediction(
        claim, deadline=datetime.date(2014, 12, 31), probability=0.2, polarity="negative"
    )
    candidate = CandidateFactory(claim=claim)
    user = _resolver()

    judgements = claim_resolve(claim=claim, state="occurred", on=D, event=event, note="n", by=user)

    assert len(judgements) == 5
    for prediction, outcome in [
        (before, "yes"),
        (on_day, "yes"),
        (late, "no"),
        (open_ended, "yes"),
        # "Will not happen" at P(claim)=0.2: the claim came true, so the outcome is yes.
        (negative, "yes"),
    ]:
        prediction.refresh_from_db()
        assert prediction.outcome == outcome
        assert prediction.judged_at is not None
        came_true = outcome == "yes"
        assert prediction.brier == pytest.approx((prediction.probability - came_true) ** 2)
        expected_log = math.log(prediction.probability if came_true else 1 - prediction.probability)
        assert prediction.log_score == pytest.approx(expected_log)
        latest = prediction.judgements.latest()
        assert (latest.outcome, latest.event, latest.note, latest.judged_by) == (
            outcome,
            event,
            "n",
            user,
        )
    candidate.refresh_from_db()
    assert candidate.outcome is None and not candidate.judgements.exists()
    claim.refresh_from_db()
    assert (claim.state, claim.resolved_on, claim.resolution_event, claim.resolved_by) == (
        "occurred",
        D,
        event,
        user,
    )
    assert claim.resolved_at is not None


def test_not_occurred_leaves_running_and_open_ended_predictions_open():
    claim = ClaimFactory()
    passed = _prediction(claim, deadline=datetime.date(2014, 5, 1))
    running = _prediction(claim, deadline=datetime.date(2014, 12, 31))
    open_ended = _prediction(claim, deadline=None)

    claim_resolve(claim=claim, state="not_occurred", on=D, by=None)

    outcomes = dict(Prediction.objects.filter(claim=claim).values_list("pk", "outcome"))
    assert outcomes == {passed.pk: "no", running.pk: None, open_ended.pk: None}
    assert Judgement.objects.count() == 1


def test_failed_condition_annuls_and_annulled_claim_annuls():
    condition = ClaimFactory()
    claim = ClaimFactory()
    conditioned = _prediction(claim, deadline=None, condition_claim=condition)
    plain = _prediction(claim, deadline=None)

    claim_resolve(claim=condition, state="not_occurred", on=D, by=None)
    conditioned.refresh_from_db()
    assert conditioned.outcome == "annulled"  # annulled as soon as its condition failed

    claim_resolve(claim=claim, state="occurred", on=D, by=None)
    conditioned.refresh_from_db()
    plain.refresh_from_db()
    assert (conditioned.outcome, plain.outcome) == ("annulled", "yes")
    assert conditioned.brier is None and conditioned.log_score is None
    assert conditioned.judgements.count() == 1

    other = ClaimFactory()
    p = _prediction(other)
    claim_resolve(claim=other, state="annulled", on=None, by=None)
    p.refresh_from_db()
    assert p.outcome == "annulled" and p.brier is None


def test_condition_still_open_waits_and_is_judged_when_it_holds():
    condition = ClaimFactory()
    claim = ClaimFactory()
    p = _prediction(claim, deadline=None, condition_claim=condition)
    claim_resolve(claim=claim, state="occurred", on=D, by=None)
    p.refresh_from_db()
    assert p.outcome is None
    claim_resolve(claim=condition, state="occurred", on=datetime.date(2014, 4, 1), by=None)
    p.refresh_from_db()
    assert p.outcome == "yes"


def test_ambiguous():
    claim = ClaimFactory()
    p = _prediction(claim)
    claim_resolve(claim=claim, state="ambiguous", on=None, by=None)
    p.refresh_from_db()
    assert p.outcome == "ambiguous" and p.brier is None


def test_unresolve_then_resolve_again_latest_judgement_counts():
    claim = ClaimFactory()
    p = _prediction(claim, deadline=datetime.date(2014, 6, 1), probability=0.25)
    claim_resolve(claim=claim, state="occurred", on=D, by=None)

    withdrawn = claim_unresolve(claim=claim, note="wrong event", by=None)
    assert [j.outcome for j in withdrawn] == ["withdrawn"]
    p.refresh_from_db()
    claim.refresh_from_db()
    assert (p.outcome, p.brier, p.log_score, p.judged_at) == (None, None, None, None)
    assert (claim.state, claim.resolved_on, claim.resolution_event) == ("open", None, None)

    claim_resolve(claim=claim, state="occurred", on=datetime.date(2014, 7, 1), by=None)
    p.refresh_from_db()
    assert p.outcome == "no"
    assert p.brier == pytest.approx(0.25**2)
    assert list(p.judgements.order_by("judged_at", "id").values_list("outcome", flat=True)) == [
        "yes",
        "withdrawn",
        "no",
    ]
    assert p.judgements.latest().outcome == "no"


def test_resolving_twice_is_a_no_op_or_a_clear_error():
    claim = ClaimFactory()
    _prediction(claim)
    assert len(claim_resolve(claim=claim, state="occurred", on=D, by=None)) == 1
    assert claim_resolve(claim=claim, state="occurred", on=D, by=None) == []
    with pytest.raises(ResolutionError, match="already resolved"):
        claim_resolve(claim=claim, state="not_occurred", on=D, by=None)
    # A stale instance in memory does not fool the service: the row is re-read under lock.
    stale = Claim.objects.get(pk=claim.pk)
    stale.state = "open"
    with pytest.raises(ResolutionError, match="already resolved"):
        claim_resolve(claim=stale, state="occurred", on=datetime.date(2014, 1, 1), by=None)
    assert Judgement.objects.count() == 1


def test_the_event_gives_the_day_when_none_is_given():
    claim = ClaimFactory()
    p = _prediction(claim, deadline=datetime.date(2014, 5, 1))
    claim_resolve(
        claim=claim, state="occurred", on=None, event=EventFactory(occurred_on=D), by=None
    )
    claim.refresh_from_db()
    p.refresh_from_db()
    assert claim.resolved_on == D and p.outcome == "no"


def test_bad_input_is_refused():
    claim = ClaimFactory()
    with pytest.raises(ResolutionError, match="needs a day"):
        claim_resolve(claim=claim, state="occurred", on=None, by=None)
    with pytest.raises(ResolutionError, match="state"):
        claim_resolve(claim=claim, state="open", on=D, by=None)
    with pytest.raises(ResolutionError, match="not resolved"):
        claim_unresolve(claim=claim, by=None)


def test_permission_refused_without_resolve_claim():
    claim = ClaimFactory()
    p = _prediction(claim)
    nobody = UserFactory()
    with pytest.raises(PermissionRequired):
        claim_resolve(claim=claim, state="occurred", on=D, by=nobody)
    with pytest.raises(PermissionRequired):
        prediction_judge(prediction=p, outcome="no", by=nobody)
    claim.refresh_from_db()
    assert claim.state == "open" and not Judgement.objects.exists()
    claim_resolve(claim=claim, state="occurred", on=D, by=_resolver())
    with pytest.raises(PermissionRequired):
        claim_unresolve(claim=claim, by=nobody)


def test_prediction_judge_single_and_no_duplicate():
    p = PredictionFactory(probability=0.9)
    j = prediction_judge(prediction=p, outcome="no", note="deadline passed", by=None)
    assert j.outcome == "no" and p.outcome == "no"
    assert p.brier == pytest.approx(0.81)
    again = prediction_judge(prediction=p, outcome="no", by=None)
    assert again.pk == j.pk
    assert p.judgements.count() == 1
    prediction_judge(prediction=p, outcome="withdrawn", by=None)
    p.refresh_from_db()
    assert p.outcome is None and p.brier is None
    with pytest.raises(ResolutionError, match="only accepted"):
        prediction_judge(prediction=CandidateFactory(), outcome="yes", by=None)


def test_resolution_runs_few_queries(django_assert_max_num_queries):
    claim = ClaimFactory()
    for probability in (0.1, 0.2, 0.3) * 10:
        _prediction(claim, probability=probability)
    # lock, update claim, read predictions, insert judgements, one update per probability,
    # dependents read (plus savepoints)
    with django_assert_max_num_queries(12):
        claim_resolve(claim=claim, state="occurred", on=D, by=None)
    assert Judgement.objects.count() == 30


def test_leaderboards_are_recomputed_only_once_the_resolution_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    import predictions.tasks as tasks

    calls = []
    # The update runs as a task (in-process here: no broker is configured in the tests).
    monkeypatch.setattr(tasks, "leaderboards_update", lambda: calls.append(1) or 0)
    claim = ClaimFactory()
    prediction = _prediction(claim)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim_resolve(claim=claim, state="occurred", on=D, by=None)
        assert calls == []  # nothing is recomputed inside the transaction
    assert calls == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(calls) == 1
    # The resolution's difference waits, committed with it, for the update to add it.
    assert LeaderboardChange.objects.get().delta[0][1] in {
        prediction.speaker_id,
        prediction.article.outlet_id,
    }
