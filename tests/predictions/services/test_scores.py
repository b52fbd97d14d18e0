"""Stored leaderboards: recomputing the rows, reading them, and the ``leaderboard`` command."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from predictions.models import LeaderboardEntry, Prediction
from predictions.scoring import brier, log_score
from predictions.selectors.leaderboards import (
    leaderboard,
    leaderboard_ranks,
    person_calibration,
    person_score_history,
)
from predictions.services.resolution import prediction_judge
from predictions.services.scores import leaderboards_recompute
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def judged(person, p, outcome, *, article=None, made=2014, claim=None):
    kwargs = {"article": article} if article else {}
    prediction = PredictionFactory(
        speaker=person,
        probability=p,
        made_at=datetime.datetime(made, 6, 1, tzinfo=datetime.UTC),
        claim=claim or ClaimFactory(),
        **kwargs,
    )
    if outcome is not None:
        prediction_judge(prediction=prediction, outcome=outcome, by=None)
    return prediction


@pytest.fixture
def archive(settings):
    settings.ARCHIVE_MIN_RESOLVED = 3
    ann, bob, cy = (PersonFactory(name=n) for n in ("Ann", "Bob", "Cy"))
    article = ArticleFactory()
    war = TagFactory(name="war")
    tagged = ClaimFactory()
    tagged.tags.add(war)
    for p, o in [(0.9, "yes"), (0.8, "yes"), (0.2, "no"), (0.1, "no")]:
        judged(ann, p, o, article=article)
    judged(ann, 0.6, "yes", made=2015, claim=tagged)
    judged(ann, 0.6, None)  # pending
    judged(ann, 0.6, "ambiguous")  # neither scored nor pending
    judged(bob, 0.95, "yes")  # one lucky call
    for p, o in [(0.5, "yes"), (0.5, "no"), (0.6, "no")]:
        judged(cy, p, o, claim=tagged)
    return {"ann": ann, "bob": bob, "cy": cy, "article": article, "war": war}


def expected_mean(pairs, score):
    return sum(score(p, o == "yes") for p, o in pairs) / len(pairs)


def test_recompute_writes_person_rows(archive):
    written = leaderboards_recompute()
    assert written == LeaderboardEntry.objects.count()
    ann = LeaderboardEntry.objects.get(
        scope="person", person=archive["ann"], period="all", tag=None
    )
    pairs = [(0.9, "yes"), (0.8, "yes"), (0.2, "no"), (0.1, "no"), (0.6, "yes")]
    assert ann.name == "Ann"
    assert (ann.resolved, ann.correct, ann.pending) == (5, 5, 1)
    assert ann.brier == pytest.approx(expected_mean(pairs, brier))
    assert ann.log_score == pytest.approx(expected_mean(pairs, log_score))
    assert ann.brier_low < ann.brier < ann.brier_high
    assert sum(b["count"] for b in ann.calibration) == 5
    # Per year of the statements, and per tag of the claim.
    years = LeaderboardEntry.objects.filter(scope="person", person=archive["ann"], tag=None)
    assert {e.period: e.resolved for e in years} == {"all": 5, "2014": 4, "2015": 1}
    tagged = LeaderboardEntry.objects.get(scope="person", person=archive["ann"], tag=archive["war"])
    assert tagged.resolved == 1 and tagged.period == "all"


def test_ranking_shrinks_small_samples_and_ranks_only_enough_resolved(archive):
    leaderboards_recompute()
    rows = {
        e.name: e for e in LeaderboardEntry.objects.filter(scope="person", period="all", tag=None)
    }
    leaderboard_ranks(list(rows.values()), min_resolved=1)
    bob = rows["Bob"]
    assert bob.brier == pytest.approx(0.0025)
    assert bob.rank is None  # one prediction is below the minimum of three
    assert bob.adjusted_brier > bob.brier
    assert {rows["Ann"].rank, rows["Cy"].rank} == {1, 2}
    assert rows["Ann"].rank == 1  # 0.052 over five beats a string of coin flips
    assert rows["Ann"].adjusted_brier < bob.adjusted_brier


def test_outlet_rows(archive):
    leaderboards_recompute()
    row = LeaderboardEntry.objects.get(
        scope="outlet", outlet=archive["article"].outlet, period="all", tag=None
    )
    assert row.resolved == 4


def test_recompute_replaces_rows(archive):
    first = leaderboards_recompute()
    assert leaderboards_recompute() == first == LeaderboardEntry.objects.count()


def test_selector_default_minimum_and_lower(archive):
    leaderboards_recompute()
    assert [e.name for e in leaderboard(scope="person")] == ["Ann", "Cy"]
    everyone = [e.name for e in leaderboard(scope="person", min_resolved=1)]
    assert set(everyone) == {"Ann", "Bob", "Cy"} and everyone[0] == "Ann"
    assert {e.name for e in leaderboard(scope="person", tag="war", min_resolved=1)} == {"Ann", "Cy"}
    assert [e.name for e in leaderboard(scope="person", tag=archive["war"], min_resolved=3)] == [
        "Cy"
    ]
    assert list(leaderboard(scope="person", tag="no-such-tag")) == []
    assert [e.name for e in leaderboard(scope="person", period=2015, min_resolved=1)] == ["Ann"]


def test_selector_reads_the_board_in_one_query(archive):
    leaderboards_recompute()
    with CaptureQueriesContext(connection) as queries:
        rows = list(leaderboard(scope="person", min_resolved=1)[:50])
        [(r.name, r.person.slug) for r in rows]
    assert len(queries) == 1


def test_person_calibration_and_history(archive):
    live = person_calibration(person=archive["ann"])  # before any recompute: from predictions
    leaderboards_recompute()
    stored = person_calibration(person=archive["ann"])
    assert len(stored) == 10
    assert [b["count"] for b in stored] == [b["count"] for b in live]
    top = stored[9]
    assert top["count"] == 1 and top["mean_probability"] == pytest.approx(0.9)
    assert stored[6]["observed_frequency"] == 1.0 and stored[5]["count"] == 0
    history = person_score_history(person=archive["ann"])
    today = timezone.localdate()
    assert history[-1]["date"] == today
    assert history[-1]["resolved"] == 5
    assert history[-1]["brier"] == pytest.approx(
        LeaderboardEntry.objects.get(
            scope="person", person=archive["ann"], period="all", tag=None
        ).brier
    )


def test_command_json_and_table(archive):
    out, err = StringIO(), StringIO()
    call_command("leaderboard", "--json", stdout=out, stderr=err)
    rows = json.loads(out.getvalue())
    assert [r["name"] for r in rows] == ["Ann", "Cy"]
    assert {
        "name",
        "resolved",
        "brier",
        "log_score",
        "correct",
        "interval",
        "adjusted_brier",
        "rank",
    } <= set(rows[0])
    assert "at least 3 resolved" in err.getvalue()

    out = StringIO()
    call_command("leaderboard", "--min-resolved", "1", "--by", "person", stdout=out)
    text = out.getvalue()
    assert "at least 1 resolved prediction," in text and "Bob" in text

    out = StringIO()
    call_command(
        "leaderboard",
        "--by",
        "outlet",
        "--min-resolved",
        "1",
        "--json",
        stdout=out,
        stderr=StringIO(),
    )
    assert json.loads(out.getvalue())[0]["resolved"] == 4


def test_command_recomputes_when_no_rows_exist(archive):
    assert not LeaderboardEntry.objects.exists()
    out = StringIO()
    call_command("leaderboard", "--json", stdout=out, stderr=StringIO())
    assert len(json.loads(out.getvalue())) == 2


@pytest.mark.parametrize(
    "args", [["--period", "last"], ["--min-resolved", "-1"], ["--tag", "nothing"]]
)
def test_command_refuses_bad_arguments(archive, args):
    with pytest.raises(CommandError):
        call_command("leaderboard", *args, stdout=StringIO())


def test_scores_follow_an_unjudged_prediction(archive):
    leaderboards_recompute()
    prediction = Prediction.objects.filter(speaker=archive["bob"]).get()
    prediction_judge(prediction=prediction, outcome="withdrawn", by=None)
    leaderboards_recompute()
    assert not LeaderboardEntry.objects.shown().filter(person=archive["bob"]).exists()
