"""The researchers' exports: predictions with outcomes and scores, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from predictions.api.export import COLUMNS

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
