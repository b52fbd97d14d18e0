"""Corrections and resolutions at the same moment, and recomputes racing commits (PostgreSQL).

Each race is made certain rather than likely: the first transaction holds its locks until the
second is known to be running, so the outcome checked is the one the locks must produce.
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from archive.errors import ArchiveError
from predictions import judging
from predictions.models import Claim, LeaderboardChange, LeaderboardEntry, Prediction
from predictions.services.resolution import claim_resolve
from predictions.services.review import prediction_correct
from predictions.services.scores import leaderboards_recompute, leaderboards_update
from tests.factories import ClaimFactory, PersonFactory, PredictionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite serialises"
    ),
]

ON = datetime.date(2024, 6, 1)
OLD_DEADLINE = datetime.date(2024, 1, 1)
NEW_DEADLINE = datetime.date(2024, 12, 31)


@pytest.fixture(autouse=True)
def _no_leaderboards(monkeypatch):
    import predictions.services.scores as scores

    monkeypatch.setattr(scores, "leaderboards_recompute_after_commit", lambda **_: None)


def _run(first, second, *, hold: float = 0.5) -> dict:
    """Run ``first`` in a transaction kept open ``hold`` seconds, ``second`` once it is inside."""
    results: dict = {}
    inside = threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                results["first"] = first()
                inside.set()
                threading.Event().wait(hold)
        except ArchiveError as error:
            results["first"] = error
        finally:
            inside.set()
            connections.close_all()

    def run_second():
        inside.wait(5)
        try:
            results["second"] = second()
        except ArchiveError as error:
            results["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    return results


def _assert_verdict_matches_stored_facts(pk: int) -> None:
    prediction = Prediction.objects.select_related("claim").get(pk=pk)
    claim = prediction.claim
    assert prediction.outcome == judging.outcome_for(
        state=claim.state, on=claim.resolved_on, deadline=prediction.deadline
    )


def _setup():
    claim = ClaimFactory()
    prediction = PredictionFactory(claim=claim, deadline=OLD_DEADLINE)
    return claim, prediction


def _correct(pk):
    return lambda: prediction_correct(
        prediction=Prediction.objects.get(pk=pk), by=None, deadline=NEW_DEADLINE
    )


def _resolve(pk):
    return lambda: claim_resolve(claim=Claim.objects.get(pk=pk), state="occurred", on=ON, by=None)


def test_a_resolution_waits_for_a_correction_in_progress():
    claim, prediction = _setup()
    results = _run(_correct(prediction.pk), _resolve(claim.pk))
    assert not isinstance(results["second"], Exception), results
    prediction.refresh_from_db()
    assert prediction.deadline == NEW_DEADLINE
    assert prediction.outcome == "yes"
    _assert_verdict_matches_stored_facts(prediction.pk)


def test_a_correction_waits_for_a_resolution_in_progress():
    claim, prediction = _setup()
    results = _run(_resolve(claim.pk), _correct(prediction.pk))
    # The resolution judged first; the judged deadline is frozen, so the correction is refused.
    assert isinstance(results["second"], ArchiveError), results
    prediction.refresh_from_db()
    assert (prediction.deadline, prediction.outcome) == (OLD_DEADLINE, "no")
    _assert_verdict_matches_stored_facts(prediction.pk)


def test_many_races_never_leave_a_verdict_against_its_deadline():
    for _ in range(8):
        claim, prediction = _setup()
        _run(_correct(prediction.pk), _resolve(claim.pk), hold=0.05)
        _assert_verdict_matches_stored_facts(prediction.pk)


@pytest.mark.parametrize("first", ["accept", "resolve"])
def test_accepting_while_the_claim_resolves_is_judged_either_way(first):
    from predictions.services.review import prediction_accept
    from tests.factories import CandidateFactory

    claim = ClaimFactory()
    candidate = CandidateFactory(deadline=NEW_DEADLINE)

    def accept():
        return prediction_accept(
            prediction=Prediction.objects.get(pk=candidate.pk),
            claim=Claim.objects.get(pk=claim.pk),
            by=None,
        )

    steps = (accept, _resolve(claim.pk)) if first == "accept" else (_resolve(claim.pk), accept)
    results = _run(*steps)
    assert not any(isinstance(r, Exception) for r in results.values()), results
    candidate.refresh_from_db()
    assert (candidate.status, candidate.outcome) == ("accepted", "yes")
    assert candidate.judgements.count() == 1


def test_a_recompute_reads_one_snapshot_while_resolutions_commit(monkeypatch):
    """A resolution committed between the recompute's queries must not break or skew it."""
    import predictions.services.scores as scores

    speaker = PersonFactory()
    claims = [ClaimFactory() for _ in range(2)]
    for claim in claims:
        for p in (0.9, 0.3):
            PredictionFactory(claim=claim, speaker=speaker, probability=p)
    claim_resolve(claim=claims[0], state="occurred", on=datetime.date(2015, 1, 1), by=None)

    leaderboards_update()
    collect = scores.contributions_all

    def collect_then_commit_elsewhere():
        found = collect()
        # Another editor's resolution commits between the recompute's read of the predictions
        # and its deletion of the waiting changes.
        thread = threading.Thread(target=_resolve_elsewhere, args=(claims[1].pk,))
        thread.start()
        thread.join(10)
        return found

    monkeypatch.setattr(scores, "contributions_all", collect_then_commit_elsewhere)
    leaderboards_recompute()

    assert Claim.objects.get(pk=claims[1].pk).state == "occurred"
    for entry in LeaderboardEntry.objects.all():
        assert entry.resolved == sum(b["count"] for b in entry.calibration)
    # Every board was computed from the moment before the other resolution committed.
    boards = LeaderboardEntry.objects.filter(period="all", tag=None)
    assert [e.resolved for e in boards.filter(scope="person")] == [2]
    assert sum(e.resolved for e in boards.filter(scope="outlet")) == 2
    # The other resolution's difference was not in that moment, so it still waits; added, it
    # gives what a rebuild now gives.
    assert LeaderboardChange.objects.count() == 1
    leaderboards_update()
    assert [e.resolved for e in boards.filter(scope="person")] == [4]


def _resolve_elsewhere(pk):
    try:
        claim_resolve(
            claim=Claim.objects.get(pk=pk), state="occurred", on=datetime.date(2015, 1, 1), by=None
        )
    finally:
        connections.close_all()
