"""Two editors resolving one claim at once: no double judgements, no lost update (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from predictions.errors import ResolutionError
from predictions.models import Claim, Judgement
from predictions.services.resolution import claim_resolve
from tests.factories import ClaimFactory, PredictionFactory

D = datetime.date(2014, 5, 25)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite serialises"
    ),
]


@pytest.fixture(autouse=True)
def _no_leaderboards(monkeypatch):
    # The boards are recomputed after each commit; their own tests cover that.
    import predictions.services.scores as scores

    monkeypatch.setattr(scores, "leaderboards_recompute_after_commit", lambda **_: None)


def _race(claim, first_state, second_state):
    """Run two resolutions; the first holds its lock until the second is waiting for it."""
    results = {}
    locked = threading.Event()
    from django.db import connections

    def first():
        try:
            with transaction.atomic():
                results["first"] = claim_resolve(
                    claim=Claim.objects.get(pk=claim.pk), state=first_state, on=D, by=None
                )
                locked.set()
                # Keep the row locked while the second editor's transaction tries to take it.
                threading.Event().wait(0.5)
        finally:
            connections.close_all()

    def second():
        locked.wait(5)
        try:
            results["second"] = claim_resolve(
                claim=Claim.objects.get(pk=claim.pk), state=second_state, on=D, by=None
            )
        except ResolutionError as error:
            results["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    return results


def test_same_resolution_at_once_judges_once():
    claim = ClaimFactory()
    for _ in range(5):
        PredictionFactory(claim=claim, deadline=datetime.date(2014, 12, 31))
    results = _race(claim, "occurred", "occurred")
    assert len(results["first"]) == 5
    assert results["second"] == []
    assert Judgement.objects.count() == 5


def test_conflicting_resolution_at_once_is_refused():
    claim = ClaimFactory()
    for _ in range(3):
        PredictionFactory(claim=claim, deadline=datetime.date(2014, 1, 1))
    results = _race(claim, "occurred", "not_occurred")
    assert isinstance(results["second"], ResolutionError)
    claim.refresh_from_db()
    assert claim.state == "occurred"
    assert Judgement.objects.count() == 3
