"""Incremental board updates leave exactly the rows a full rebuild would, after every kind of
change that moves a score: resolving, un-resolving, judging one prediction, correcting the
speaker or the date of a judged prediction, accepting (into an open or a resolved claim),
rejecting, moving a prediction to another claim and merging claims.

"Exactly" means: every row's sums and what is computed from them equal a rebuild's; adjusted
scores and ranks equal those of a rebuild that keeps the stored priors; every prior is within
``ARCHIVE_PRIOR_TOLERANCE`` of its board's mean; and refreshing every prior makes the rows equal
to a plain rebuild's, rank for rank.
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from predictions.models import LeaderboardChange, LeaderboardEntry, LeaderboardPrior
from predictions.selectors.leaderboards import (
    board_places,
    leaderboard,
    leaderboard_ranks,
)
from predictions.services.board_priors import board_mean
from predictions.services.claims import claim_merge, prediction_assign_claim
from predictions.services.resolution import claim_resolve, claim_unresolve, prediction_judge
from predictions.services.review import prediction_accept, prediction_correct, prediction_reject
from predictions.services.scores import (
    leaderboards_recompute,
    leaderboards_refresh,
    leaderboards_update,
)
from tests.factories import (
    ArticleFactory,
    CandidateFactory,
    ClaimFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2016, 1, 1)


def ranks() -> dict[int, int | None]:
    """Every shown row's rank as the boards' readers number them, by row id."""
    found: dict[int, int | None] = {}
    boards = LeaderboardEntry.objects.shown().values_list("scope", "period", "tag").distinct()
    for scope, period, tag in boards:
        listed = list(leaderboard(scope=scope, period=period, tag=tag, min_resolved=1))
        leaderboard_ranks(listed, min_resolved=1)
        column = "person_id" if scope == "person" else "outlet_id"
        counted = board_places(
            scope=scope, period=period, tag=tag, subjects=[getattr(e, column) for e in listed]
        )
        for e in listed:
            assert e.rank == counted.get(getattr(e, column))  # a page agrees with a count
            found[e.pk] = e.rank
    return found


def rows():
    numbered = ranks()
    return sorted(
        (
            e.scope,
            e.person_id or 0,
            e.outlet_id or 0,
            e.tag_id or 0,
            e.period,
            e.name,
            e.resolved,
            e.correct,
            e.pending,
            e.sum_brier,
            e.sum_brier_sq,
            e.sum_log,
            repr(e.bin_sums),
            e.brier,
            e.log_score,
            e.brier_low,
            e.brier_high,
            e.adjusted_brier,
            numbered.get(e.pk) or 0,
            repr(e.calibration),
        )
        for e in LeaderboardEntry.objects.all()
    )


def priors():
    return sorted(
        (p.scope, p.period, p.tag_id or 0, p.resolved, p.sum_brier, p.prior)
        for p in LeaderboardPrior.objects.all()
    )


def rebuilt(*, keep_priors=False):
    """The rows a rebuild would leave, without keeping them."""
    with transaction.atomic():
        leaderboards_recompute(keep_priors=keep_priors)
        result = rows(), priors()
        transaction.set_rollback(True)
    return result


def assert_equal_to_a_rebuild(tolerance: float) -> None:
    incremental = rows(), priors()
    assert not LeaderboardChange.objects.exists()  # every change was added
    assert incremental == rebuilt(keep_priors=True)
    for p in LeaderboardPrior.objects.all():
        assert abs(board_mean(p.resolved, p.sum_brier) - p.prior) <= tolerance
    with transaction.atomic():
        leaderboards_refresh(tolerance=0)
        refreshed = rows(), priors()
        transaction.set_rollback(True)
    assert refreshed == rebuilt()


@pytest.fixture
def archive(settings):
    settings.ARCHIVE_MIN_RESOLVED = 2
    people = [PersonFactory(name=n) for n in ("Ada", "Bea", "Cal", "Dee", "Eli")]
    outlets = [ArticleFactory(), ArticleFactory()]
    war, trade = TagFactory(name="war"), TagFactory(name="trade")
    claims = [ClaimFactory() for _ in range(5)]
    claims[0].tags.add(war)
    claims[1].tags.add(war, trade)
    claims[3].tags.add(trade)
    probabilities = [0.9, 0.7, 0.3, 0.2, 0.6, 0.55, 0.8, 0.1]
    predictions = []
    for i in range(24):
        predictions.append(
            PredictionFactory(
                speaker=people[i % 5],
                article=outlets[i % 2],
                claim=claims[i % 4],
                probability=probabilities[i % 8],
                made_at=datetime.datetime(2014 + i % 3, 3, 1, tzinfo=datetime.UTC),
                deadline=datetime.date(2030, 1, 1),
            )
        )
    leaderboards_recompute()  # the predictions were created without the services
    return {"people": people, "claims": claims, "predictions": predictions}


def _changes(archive):
    claims, people, predictions = archive["claims"], archive["people"], archive["predictions"]
    yield lambda: claim_resolve(claim=claims[0], state="occurred", on=DAY, by=None)
    yield lambda: claim_resolve(claim=claims[1], state="not_occurred", on=DAY, by=None)
    yield lambda: claim_resolve(claim=claims[2], state="occurred", on=DAY, by=None)
    yield lambda: claim_unresolve(claim=claims[1], by=None)
    yield lambda: prediction_judge(prediction=predictions[3], outcome="no", by=None)
    # A judged prediction moves to another speaker, and to another year.
    yield lambda: prediction_correct(prediction=predictions[0], speaker=people[4], by=None)
    yield lambda: prediction_correct(
        prediction=predictions[4],
        made_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC),
        by=None,
    )
    resolved = CandidateFactory(speaker=people[1], deadline=datetime.date(2030, 1, 1))
    yield lambda: prediction_accept(prediction=resolved, claim=claims[0], by=None)
    waiting = CandidateFactory(speaker=people[2], deadline=datetime.date(2030, 1, 1))
    yield lambda: prediction_accept(prediction=waiting, claim=claims[3], by=None)  # pending
    yield lambda: prediction_reject(prediction=predictions[7], by=None)  # no longer pending
    # An open prediction moves to a claim with other tags; two open claims merge.
    yield lambda: prediction_assign_claim(prediction=predictions[11], claim=claims[4], by=None)
    yield lambda: claim_merge(source=claims[3], target=claims[1], by=None)
    yield lambda: claim_resolve(claim=claims[1], state="occurred", on=DAY, by=None)
    yield lambda: claim_unresolve(claim=claims[0], by=None)


def test_every_change_leaves_the_rows_a_rebuild_would(
    archive, settings, django_capture_on_commit_callbacks
):
    for change in _changes(archive):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert_equal_to_a_rebuild(settings.ARCHIVE_PRIOR_TOLERANCE)
    assert any(r[18] for r in rows())  # someone is ranked
    assert LeaderboardEntry.objects.shown().exists()  # the boards are not simply empty


def test_with_priors_never_refreshed_reads_follow_the_stored_priors(
    archive, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_PRIOR_TOLERANCE = 1.0  # no board is refreshed on its own
    before = priors()
    for change in _changes(archive):
        with django_capture_on_commit_callbacks(execute=True):
            change()
    kept = {(s, p, t): prior for s, p, t, _, _, prior in before}
    now = {(s, p, t): prior for s, p, t, _, _, prior in priors()}
    assert all(now[board] == prior for board, prior in kept.items() if board in now)
    assert rows() != rebuilt()[0]  # the priors have drifted from the boards' means
    assert_equal_to_a_rebuild(1.0)
    assert leaderboards_refresh(tolerance=0) > 0
    assert (rows(), priors()) == rebuilt()


def test_a_change_is_added_once_however_often_the_update_runs(
    archive, django_capture_on_commit_callbacks
):
    claims = archive["claims"]
    with django_capture_on_commit_callbacks(execute=False):
        claim_resolve(claim=claims[0], state="occurred", on=DAY, by=None)
    assert LeaderboardChange.objects.count() == 1  # stored with the resolution
    assert leaderboards_update() > 0
    after = rows()
    assert leaderboards_update() == 0
    assert rows() == after
    assert_equal_to_a_rebuild(1.0)


def test_a_rolled_back_change_leaves_nothing_to_add(archive):
    claims = archive["claims"]
    with transaction.atomic():
        claim_resolve(claim=claims[0], state="occurred", on=DAY, by=None)
        transaction.set_rollback(True)
    assert not LeaderboardChange.objects.exists()


def test_an_update_writes_only_the_rows_of_its_subjects(
    archive, django_capture_on_commit_callbacks
):
    claims, people = archive["claims"], archive["people"]
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claims[0], state="occurred", on=DAY, by=None)
        claim_resolve(claim=claims[2], state="occurred", on=DAY, by=None)
    before = {e.pk: e.computed_at for e in LeaderboardEntry.objects.all()}
    with django_capture_on_commit_callbacks(execute=False):
        prediction_judge(prediction=archive["predictions"][1], outcome="no", by=None)
    written = leaderboards_update()
    after = {e.pk: e for e in LeaderboardEntry.objects.all()}
    new = [e for pk, e in after.items() if pk not in before]
    assert len(new) == written
    assert 0 < written < len(before)
    assert {e.person_id for e in new if e.scope == "person"} == {people[1].pk}
    assert_equal_to_a_rebuild(1.0)


def test_an_update_is_a_fixed_number_of_queries(archive, django_capture_on_commit_callbacks):
    claims, predictions = archive["claims"], archive["predictions"]

    def queries(change):
        with django_capture_on_commit_callbacks(execute=False):
            change()
        with CaptureQueriesContext(connection) as ctx:
            leaderboards_update()
        return len(ctx.captured_queries)

    one = queries(lambda: prediction_judge(prediction=predictions[0], outcome="yes", by=None))
    many = queries(lambda: claim_resolve(claim=claims[1], state="occurred", on=DAY, by=None))
    assert one == many


def test_the_rebuild_command_repairs_stale_rows(archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=archive["claims"][0], state="occurred", on=DAY, by=None)
    good = rebuilt()
    LeaderboardEntry.objects.filter(period="all").update(resolved=99, sum_brier=1)
    err = StringIO()
    call_command("leaderboard", "--rebuild", "--json", stdout=StringIO(), stderr=err)
    assert "Rebuilt the leaderboards" in err.getvalue()
    assert (rows(), priors()) == good


def test_rows_stored_stale_by_writes_past_the_services_are_recomputed(
    archive, django_capture_on_commit_callbacks
):
    claims = archive["claims"]
    newcomer = PersonFactory(name="Fay")
    # Written straight to the table: no difference is recorded for them, so the resolution's
    # takes the newcomer's (and the new outlets') pending count below zero.
    for probability in (0.2, 0.4, 0.7):
        PredictionFactory(
            speaker=newcomer,
            claim=claims[2],
            probability=probability,
            made_at=datetime.datetime(2015, 3, 1, tzinfo=datetime.UTC),
            deadline=datetime.date(2030, 1, 1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claims[2], state="occurred", on=DAY, by=None)
    assert_equal_to_a_rebuild(1.0)
