"""Leaderboards, calibration and score history through the API, read from stored rows."""

from __future__ import annotations

import datetime

import pytest

from predictions.models import LeaderboardEntry
from tests.factories import (
    ClaimFactory,
    OutletFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def entry(*, person=None, outlet=None, resolved, tag=None, period="all", brier=0.2):
    return LeaderboardEntry.objects.create(
        scope="person" if person else "outlet",
        person=person,
        outlet=outlet,
        tag=tag,
        period=period,
        name=(person or outlet).name,
        resolved=resolved,
        brier=brier,
        log_score=-0.6,
        adjusted_brier=brier,
        calibration=[
            {
                "low": 0.0,
                "high": 0.1,
                "count": 1,
                "mean_probability": 0.05,
                "observed_frequency": 0.0,
            }
        ],
    )


@pytest.fixture
def boards(db):
    war = TagFactory(name="war")
    alice, bob, carol = (
        PersonFactory(name="Alice"),
        PersonFactory(name="Bob"),
        PersonFactory(name="Carol"),
    )
    entry(person=alice, resolved=12, brier=0.1)
    entry(person=bob, resolved=8, brier=0.2)
    entry(person=carol, resolved=2, brier=0.05)
    entry(person=bob, resolved=6, tag=war)
    entry(person=alice, resolved=5, period="2014")
    entry(outlet=OutletFactory(name="Herald"), resolved=20)
    return {"people": (alice, bob, carol), "war": war}


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_people_board_ranks_those_with_enough_resolved(anon, boards):
    assert names(anon.get("/api/leaderboards/people/")) == ["Alice", "Bob"]
    row = anon.get("/api/leaderboards/people/").json()["results"][0]
    assert row["person"]["slug"] == "alice"
    assert row["rank"] == 1 and row["resolved"] == 12


def test_board_filters(anon, boards):
    assert names(anon.get("/api/leaderboards/people/?tag=war")) == ["Bob"]
    assert anon.get("/api/leaderboards/people/?tag=no-such-tag").status_code == 400
    assert names(anon.get("/api/leaderboards/people/?period=2014")) == ["Alice"]
    assert "Carol" in names(anon.get("/api/leaderboards/people/?min_resolved=1"))


def test_outlet_board(anon, boards):
    response = anon.get("/api/leaderboards/outlets/")
    assert names(response) == ["Herald"]
    assert response.json()["results"][0]["outlet"]["slug"] == "herald"


def test_calibration_and_score_history(anon, db):
    person = PersonFactory(name="Dora")
    claim = ClaimFactory(state="occurred", resolved_on=datetime.date(2015, 1, 10))
    for p, outcome in [(0.8, "yes"), (0.3, "no")]:
        prediction = PredictionFactory(speaker=person, claim=claim, probability=p)
        prediction.outcome = outcome
        prediction.brier = (p - (outcome == "yes")) ** 2
        prediction.log_score = -0.3
        prediction.judged_at = datetime.datetime(2015, 1, 11, tzinfo=datetime.UTC)
        prediction.save()
    bins = anon.get("/api/people/dora/calibration/").json()
    assert len(bins) == 10
    assert sum(b["count"] for b in bins) == 2
    history = anon.get("/api/people/dora/score-history/").json()
    assert history[-1]["resolved"] == 2
    assert history[-1]["date"] == "2015-01-10"
    assert anon.get("/api/people/nobody/calibration/").status_code == 404


def test_ranks_agree_across_pages_minimums_the_command_and_person_pages(anon, settings):
    import json
    from io import StringIO

    from django.core.management import call_command

    from predictions.selectors.pages import leaderboard_entry
    from predictions.services.scores import leaderboards_recompute

    settings.ARCHIVE_MIN_RESOLVED = 2
    claim = ClaimFactory(state="occurred", resolved_on=datetime.date(2015, 1, 10))
    people = [PersonFactory(name=f"P{i:02d}") for i in range(12)]
    for i, person in enumerate(people):
        for k in range(1 + i % 4):  # some below the minimum, ties in the adjusted score
            p = (0.5 + (i % 5) / 10) if k % 2 else 0.9
            PredictionFactory(
                speaker=person,
                claim=claim,
                probability=p,
                outcome="yes",
                brier=(1 - p) ** 2,
                log_score=-0.2,
                judged_at=datetime.datetime(2015, 1, 11, tzinfo=datetime.UTC),
            )
    leaderboards_recompute()
    pages = []
    for page in (1, 2, 3):
        response = anon.get(f"/api/leaderboards/people/?page_size=4&page={page}")
        pages += response.json()["results"]
    assert len(pages) == 9  # three of the twelve have a single resolved prediction
    assert [row["rank"] for row in pages] == list(range(1, len(pages) + 1))
    out = StringIO()
    call_command("leaderboard", "--json", stdout=out, stderr=StringIO())
    printed = json.loads(out.getvalue())
    assert [(r["name"], r["rank"]) for r in printed] == [(r["name"], r["rank"]) for r in pages]
    by_name = {row["name"]: row["rank"] for row in pages}
    for person in people:
        entry = leaderboard_entry(person=person)
        assert entry.rank == by_name.get(person.name)  # None below the minimum
    # A higher minimum lists fewer rows, each still at its place on the board.
    higher = anon.get("/api/leaderboards/people/?min_resolved=3").json()["results"]
    assert higher and all(row["rank"] == by_name[row["name"]] for row in higher)
    # A lower one lists the unranked too, without a rank.
    lower = anon.get("/api/leaderboards/people/?min_resolved=1").json()["results"]
    assert {row["name"]: row["rank"] for row in lower if row["rank"]} == by_name
    assert any(row["rank"] is None for row in lower)
