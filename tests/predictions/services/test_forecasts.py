"""Importing forecast records: the pure readers, the service, the command, and the PredictionBook check."""

import datetime
import json
import math
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.errors import ArchiveError
from archive.models import Outlet, Person
from predictions.importers.forecasts import (
    PROBABILITY_EPSILON,
    read_csv,
    read_forecasts,
    read_predictionbook,
)
from predictions.models import Claim, Judgement, LeaderboardEntry, Prediction
from predictions.services.forecasts import forecasts_import
from tests.corpus import corpus_path


def response(user, time, credence=None, **actions):
    if credence is not None:
        actions["credence"] = credence
    return {"user": user, "time": time, "actions": actions}


def entry(number, outcome="right", known="2020-03-01 12:00:00+00:00", responses=(), user="ada"):
    return {
        "number": number,
        "event": f"The village fete number {number} raises more than last year.",
        "user": user,
        "time_created": "2020-01-01 10:00:00+00:00",
        "time_known": known,
        "outcome": outcome,
        "responses": list(responses),
    }


EXPORT = [
    entry(
        1,
        "right",
        responses=[
            response("ada", "2020-01-01 10:00:01+00:00", 60),
            response("bo", "2020-01-02 10:00:00+00:00", 30),
            response("ada", "2020-01-05 10:00:00+00:00", 80),  # ada's last word before the deadline
            response("bo", "2020-01-06 10:00:00+00:00", comment="still sceptical"),
            response("bo", "2020-03-02 10:00:00+00:00", 100),  # hindsight: after time_known
        ],
    ),
    entry(2, "wrong", responses=[response("ada", "2020-01-01 10:00:00+00:00", 100)]),
    entry(3, "wrong", responses=[response("bo", "2020-01-01 10:00:00+00:00", 0)]),
    entry(4, "unknown", responses=[response("cy", "2020-01-01 10:00:00+00:00", 50)]),
    entry(5, "right", responses=[response("ada", "2020-03-05 10:00:00+00:00", 90)]),  # too late
]


# Pure reading ---------------------------------------------------------------------------------


def test_predictionbook_last_credence_before_time_known_is_the_prediction():
    results = list(read_predictionbook(EXPORT))
    assert [r.error for r in results] == [None] * 5
    first = {r.person: r for r in results[0].records}
    assert set(first) == {"ada", "bo"}
    assert first["ada"].probability == pytest.approx(0.8)
    assert first["ada"].made_at == datetime.datetime(2020, 1, 5, 10, tzinfo=datetime.UTC)
    assert first["bo"].probability == pytest.approx(0.3)
    assert first["ada"].deadline == datetime.date(2020, 3, 1)
    assert first["ada"].external_id == "predictionbook:1:ada"
    assert results[0].outcome is True and results[1].outcome is False and results[3].outcome is None
    assert results[4].records == ()


def test_certainties_become_valid_probabilities():
    results = list(read_predictionbook(EXPORT))
    assert results[1].records[0].probability == 1 - PROBABILITY_EPSILON
    assert results[2].records[0].probability == PROBABILITY_EPSILON
    for r in results:
        for record in r.records:
            assert 0 < record.probability < 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"number": "x"}, "number"),
        ({"event": ""}, "event"),
        ({"time_known": "soon"}, "time_known"),
        ({"responses": {}}, "responses"),
        ({"responses": [response("ada", "2020-01-01 10:00:00+00:00", 150)]}, "credence"),
        ({"responses": [response("", "2020-01-01 10:00:00+00:00", 50)]}, "user"),
        ({"responses": [response("ada", "yesterday", 50)]}, "time"),
    ],
)
def test_bad_entries_are_refused_with_their_position(bad, message):
    data = [
        entry(1, responses=[response("ada", "2020-01-01 10:00:00+00:00", 50)]),
        {**entry(7), **bad},
    ]
    results = list(read_predictionbook(data))
    assert results[0].error is None
    assert results[1].error is not None and message in results[1].error
    assert results[1].position.startswith("entry 1")


def test_a_predictionbook_export_must_be_a_list():
    with pytest.raises(ArchiveError):
        list(read_predictionbook({"number": 1}))


CSV_TEXT = """person,statement,made_at,deadline,probability,outcome,source_url
Dana Example,The harbour bridge reopens to traffic,2019-02-01,2019-12-31,0.7,yes,https://example.org/a
Eli Example,The harbour bridge reopens to traffic,2019-03-01T09:30:00Z,2019-06-30,20%,no,
Dana Example,The library extends its opening hours,2019-04-01,,0.4,,
Dana Example,Broken row,2019-04-01,,1.5,,
Dana Example,Another broken row,2019-04-01,,0.5,maybe,
"""


def test_csv_rows():
    results = list(read_csv(CSV_TEXT))
    assert [r.error is None for r in results] == [True, True, True, False, False]
    a, b, c = (r.records[0] for r in results[:3])
    assert (a.probability, a.outcome, a.deadline) == (0.7, True, datetime.date(2019, 12, 31))
    assert (b.probability, b.outcome) == (pytest.approx(0.2), False)
    assert c.deadline is None and c.outcome is None
    assert results[0].claim_key == results[1].claim_key != results[2].claim_key
    assert "probability" in results[3].error and results[3].position == "line 5"
    assert "outcome" in results[4].error


def test_csv_needs_its_header():
    with pytest.raises(ArchiveError, match="header"):
        list(read_csv("who,what\nx,y\n"))


def test_unreadable_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    with pytest.raises(ArchiveError, match="JSON"):
        list(read_forecasts(bad))
    with pytest.raises(ArchiveError, match="cannot read"):
        list(read_forecasts(tmp_path / "missing.json"))


# The service -----------------------------------------------------------------------------------


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(EXPORT))
    return path


@pytest.mark.django_db
def test_import_predictionbook(export_file, settings):
    settings.ARCHIVE_MIN_RESOLVED = 1
    result = forecasts_import(path=export_file)
    assert (result.claims_created, result.predictions_created, result.skipped) == (4, 5, 1)
    assert result.judged == 4 and result.errors == []

    platform = Outlet.objects.get(name="PredictionBook")
    assert platform.kind == Outlet.Kind.FORECASTING
    people = Person.objects.filter(outlet=platform)
    assert {p.name for p in people} == {"ada", "bo", "cy"}
    assert {p.kind for p in people} == {Person.Kind.FORECASTER}

    ada = Prediction.objects.get(external_id="predictionbook:1:ada")
    assert ada.source == "imported" and ada.article is None and ada.status == "accepted"
    assert ada.quote[ada.start : ada.end] == ada.claim_text
    assert ada.outcome == "yes" and ada.brier == pytest.approx(0.04)
    assert ada.claim.state == Claim.State.OCCURRED
    assert Prediction.objects.get(external_id="predictionbook:2:ada").outcome == "no"
    assert Prediction.objects.get(external_id="predictionbook:4:cy").outcome is None
    assert Judgement.objects.count() == 4

    board = {
        e.name: e for e in LeaderboardEntry.objects.filter(scope="person", period="all", tag=None)
    }
    assert board["ada"].resolved == 2
    assert board["ada"].brier == pytest.approx((0.04 + 1.0) / 2)
    assert board["bo"].pending == 0 and board["bo"].resolved == 2
    assert LeaderboardEntry.objects.filter(scope="outlet", outlet=platform, period="all").exists()


@pytest.mark.django_db
def test_import_is_safe_to_run_again(export_file):
    forecasts_import(path=export_file)
    again = forecasts_import(path=export_file)
    assert (again.claims_created, again.predictions_created, again.judged) == (0, 0, 0)
    assert again.duplicates == 5
    assert Prediction.objects.count() == 5 and Judgement.objects.count() == 4


@pytest.mark.django_db
def test_new_forecasts_on_a_resolved_claim_are_judged(export_file, tmp_path):
    forecasts_import(path=export_file)
    later = [
        dict(
            EXPORT[0],
            responses=[*EXPORT[0]["responses"], response("dee", "2020-02-01 10:00:00+00:00", 65)],
        )
    ]
    path = tmp_path / "later.json"
    path.write_text(json.dumps(later))
    result = forecasts_import(path=path)
    assert (result.predictions_created, result.duplicates, result.claims_created) == (1, 2, 0)
    dee = Prediction.objects.get(external_id="predictionbook:1:dee")
    assert dee.claim == Prediction.objects.get(external_id="predictionbook:1:ada").claim
    assert dee.outcome == "yes"


@pytest.mark.django_db
def test_import_csv(tmp_path):
    path = tmp_path / "record.csv"
    path.write_text(CSV_TEXT)
    result = forecasts_import(path=path)
    assert result.predictions_created == 3 and result.claims_created == 2 and result.judged == 2
    assert len(result.errors) == 2 and result.errors[0].startswith("line 5")
    dana = Person.objects.get(name="Dana Example")
    assert dana.outlet is None and dana.kind == Person.Kind.FORECASTER
    bridge = Prediction.objects.filter(claim_text__startswith="The harbour")
    assert bridge.values("claim").distinct().count() == 1
    assert sorted(bridge.values_list("outcome", flat=True)) == ["no", "yes"]
    assert forecasts_import(path=path).predictions_created == 0


@pytest.mark.django_db
def test_csv_people_join_existing_people(tmp_path):
    from tests.factories import PersonFactory

    known = PersonFactory(name="Dana Example")
    path = tmp_path / "record.csv"
    path.write_text(CSV_TEXT)
    forecasts_import(path=path)
    assert Prediction.objects.filter(speaker=known).count() == 2


@pytest.mark.django_db
def test_command_reports_bad_entries_and_fails(tmp_path):
    path = tmp_path / "record.csv"
    path.write_text(CSV_TEXT)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_forecasts", str(path), stdout=out, stderr=err)
    assert "3 predictions created" in out.getvalue()
    assert "line 5: probability" in err.getvalue()


@pytest.mark.django_db
def test_command_refuses_unreadable_input(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_forecasts", str(tmp_path / "nothing.json"), stderr=err)
    assert "no such file" in err.getvalue()


# The check on the real PredictionBook export ---------------------------------------------------


def independent_scores(entries):
    """Brier scores per person computed straight from the export, sharing no code with the app."""
    per_person = {}
    for item in entries:
        if item["outcome"] not in ("right", "wrong"):
            continue
        happened = 1.0 if item["outcome"] == "right" else 0.0
        known = datetime.datetime.fromisoformat(item["time_known"])
        latest = {}
        for r in item["responses"]:
            if "credence" not in r["actions"]:
                continue
            when = datetime.datetime.fromisoformat(r["time"])
            if when < known and (r["user"] not in latest or when >= latest[r["user"]][0]):
                latest[r["user"]] = (when, r["actions"]["credence"] / 100)
        for user, (_, p) in latest.items():
            per_person.setdefault(user, []).append((p - happened) ** 2)
    return per_person


@pytest.mark.corpus
@pytest.mark.django_db
def test_predictionbook_export_matches_an_independent_computation():
    path = corpus_path("forecasts", "predictionbook", "test-predictions.json")
    call_command("import_forecasts", str(path), stdout=StringIO())
    out = StringIO()
    call_command("leaderboard", "--json", "--min-resolved", "1", stdout=out, stderr=StringIO())
    board = json.loads(out.getvalue())

    expected = independent_scores(json.loads(path.read_text()))
    assert len(expected) > 400
    got = {row["name"]: row for row in board}
    assert set(got) == set(expected)
    for name, scores in expected.items():
        assert got[name]["resolved"] == len(scores), name
        assert got[name]["brier"] == pytest.approx(sum(scores) / len(scores), abs=1e-9), name
        assert math.isfinite(got[name]["log_score"]), name
    assert [row["rank"] for row in board] == list(range(1, len(board) + 1))
    adjusted = [row["adjusted_brier"] for row in board]
    assert adjusted == sorted(adjusted)
