"""Incremental board updates leave exactly the rows a full rebuild would, after every kind of
change that moves a score: resolving, un-resolving, judging one prediction, correcting the
speaker or the date of a judged prediction, and accepting into a resolved claim."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from predictions.models import LeaderboardEntry
from predictions.services.resolution import claim_resolve, claim_unresolve, prediction_judge
from predictions.services.review import prediction_accept, prediction_correct
from predictions.services.scores import (
    leaderboards_recompute,
    leaderboards_touched,
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


def rows():
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
            round(e.brier, 12),
            round(e.log_score, 12),
            round(e.adjusted_brier, 12),
            e.rank or 0,
            repr(e.calibration),
        )
        for e in LeaderboardEntry.objects.all()
    )


def rebuilt():
    leaderboards_recompute()
    return rows()


@pytest.fixture
def archive(settings):
    settings.ARCHIVE_MIN_RESOLVED = 2
    people = [PersonFactory(name=n) for n in ("Ada", "Bea", "Cal", "Dee", "Eli")]
    outlets = [ArticleFactory(), ArticleFactory()]
    war, trade = TagFactory(name="war"), TagFactory(name="trade")
    claims = [ClaimFactory() for _ in range(4)]
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
    return {"people": people, "claims": claims, "predictions": predictions}


def test_every_change_leaves_the_rows_a_rebuild_would(archive, django_capture_on_commit_callbacks):
    claims, people, predictions = archive["claims"], archive["people"], archive["predictions"]

    def step(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()
        incremental = rows()
        assert incremental == rebuilt()
        return incremental

    step(
        lambda: claim_resolve(
            claim=claims[0], state="occurred", on=datetime.date(2016, 1, 1), by=None
        )
    )
    first = step(
        lambda: claim_resolve(
            claim=claims[1], state="not_occurred", on=datetime.date(2016, 1, 1), by=None
        )
    )
    assert any(r[12] for r in first)  # someone is ranked
    step(
        lambda: claim_resolve(
            claim=claims[2], state="occurred", on=datetime.date(2016, 1, 1), by=None
        )
    )
    step(lambda: claim_unresolve(claim=claims[1], by=None))
    step(lambda: prediction_judge(prediction=predictions[3], outcome="no", by=None))
    # A judged prediction moves to another speaker, and to another year.
    step(lambda: prediction_correct(prediction=predictions[0], speaker=people[4], by=None))
    step(
        lambda: prediction_correct(
            prediction=predictions[4],
            made_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC),
            by=None,
        )
    )
    candidate = CandidateFactory(speaker=people[1], deadline=datetime.date(2030, 1, 1))
    step(lambda: prediction_accept(prediction=candidate, claim=claims[0], by=None))
    step(lambda: claim_unresolve(claim=claims[0], by=None))
    assert rows()  # the boards are not simply empty


def test_an_update_touches_only_the_rows_of_its_subjects(
    archive, django_capture_on_commit_callbacks
):
    claims = archive["claims"]
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claims[0], state="occurred", on=datetime.date(2016, 1, 1), by=None)
        claim_resolve(claim=claims[2], state="occurred", on=datetime.date(2016, 1, 1), by=None)
    leaderboards_recompute()
    before = {e.pk: e.computed_at for e in LeaderboardEntry.objects.all()}
    touched = leaderboards_touched([archive["predictions"][0].pk])
    assert touched.people == {archive["people"][0].pk}
    written = leaderboards_update(**touched.as_kwargs())
    after = {e.pk: e.computed_at for e in LeaderboardEntry.objects.all()}
    kept = before.keys() & after.keys()
    assert len(after) - len(kept) == written  # the rewritten rows are new ones
    assert 0 < written < len(before)
    assert rows() == rebuilt()


def test_an_update_is_a_fixed_number_of_queries(archive, django_capture_on_commit_callbacks):
    claims, predictions = archive["claims"], archive["predictions"]
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claims[0], state="occurred", on=datetime.date(2016, 1, 1), by=None)

    def queries(ids):
        touched = leaderboards_touched(ids)
        with CaptureQueriesContext(connection) as ctx:
            leaderboards_update(**touched.as_kwargs())
        return len(ctx.captured_queries)

    assert queries([predictions[0].pk]) == queries([p.pk for p in predictions])


def test_the_rebuild_command_repairs_stale_rows(archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(
            claim=archive["claims"][0], state="occurred", on=datetime.date(2016, 1, 1), by=None
        )
    good = rows()
    LeaderboardEntry.objects.filter(period="all").update(resolved=99, rank=None)
    err = StringIO()
    call_command("leaderboard", "--rebuild", "--json", stdout=StringIO(), stderr=err)
    assert "Rebuilt the leaderboards" in err.getvalue()
    assert rows() == good
