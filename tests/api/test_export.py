"""The researchers' exports: predictions with outcomes and scores, as CSV and JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest

from predictions.api.export import COLUMNS
from predictions.api.export_rows import significant

pytestmark = pytest.mark.django_db


def content(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_csv_export_has_every_accepted_prediction(anon, archive):
    response = anon.get("/api/export/predictions.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(content(response))))
    assert len(rows) == 6
    assert set(rows[0]) == set(COLUMNS)
    judged = [r for r in rows if r["outcome"] == "yes"]
    assert len(judged) == 3
    first = archive["predictions"][0]
    row = next(r for r in rows if r["id"] == str(first.pk))
    assert row["speaker_slug"] == "alice-ames"
    assert row["outlet"] == "Herald"
    assert float(row["brier"]) == pytest.approx((first.probability - 1) ** 2)


def test_json_export_takes_the_list_filters(anon, archive):
    response = anon.get("/api/export/predictions.json?outlet=gazette")
    rows = json.loads(content(response))
    assert len(rows) == 3
    assert {r["outlet_slug"] for r in rows} == {"gazette"}
    candidates = json.loads(content(anon.get("/api/export/predictions.json?status=candidate")))
    assert len(candidates) == 1


def test_export_of_nothing_is_an_empty_list(anon, db):
    assert json.loads(content(anon.get("/api/export/predictions.json"))) == []
    assert content(anon.get("/api/export/predictions.csv")).strip() == ",".join(COLUMNS)


def test_export_with_bad_filters_is_a_json_400(anon, db):
    response = anon.get("/api/export/predictions.csv?status=whatever", HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_csv_and_json_carry_the_same_fields_and_values(anon, archive):
    rows = list(csv.DictReader(io.StringIO(content(anon.get("/api/export/predictions.csv")))))
    objects = json.loads(content(anon.get("/api/export/predictions.json")))
    assert [list(r) for r in rows][0] == list(objects[0]) == list(COLUMNS)
    for row, obj in zip(rows, objects, strict=True):
        for name, value in obj.items():
            assert row[name] == ("" if value is None else str(value)), name


def test_scores_are_rounded_and_times_are_iso_8601(anon, archive):
    first = archive["predictions"][0]
    first.probability = 0.15
    first.brier = 0.7224999999999999
    first.log_score = -1.8971199848858813
    first.save(update_fields=["probability", "brier", "log_score"])
    obj = next(
        o
        for o in json.loads(content(anon.get("/api/export/predictions.json")))
        if o["id"] == first.pk
    )
    assert obj["brier"] == 0.7225
    assert obj["log_score"] == -1.89712
    made = datetime.datetime.fromisoformat(obj["made_at"])
    assert made == first.made_at and obj["made_at"].endswith("+00:00")
    assert datetime.datetime.fromisoformat(obj["judged_at"]).tzinfo is not None


def test_rows_say_when_and_by_which_event_the_claim_was_settled(anon, archive):
    claim = archive["claims"][0]
    objects = json.loads(content(anon.get(f"/api/export/predictions.json?claim={claim.pk}")))
    assert objects
    for obj in objects:
        assert obj["claim_state"] == claim.state
        assert obj["claim_resolved_on"] == (claim.resolved_on and claim.resolved_on.isoformat())
        event = claim.resolution_event
        assert obj["resolution_event_id"] == (event and event.pk)
        assert obj["resolution_event"] == (event and event.title)
        assert obj["effective_deadline"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.7224999999999999, 0.7225), (0.1 + 0.2, 0.3), (1e-9 / 3, 3.33333e-10), (None, None)],
)
def test_six_significant_digits(value, expected):
    assert significant(value) == expected
