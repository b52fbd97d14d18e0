"""Every refusal has the same JSON shape; bad input is a 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import PredictionFactory

pytestmark = pytest.mark.django_db


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"])
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_unknown_filter_values_are_400_naming_the_filter(anon):
    error = error_of(anon.get("/api/predictions/?status=maybe"), 400)
    assert error["code"] == "invalid"
    assert "status" in error["fields"]
    error = error_of(anon.get("/api/predictions/?made_after=yesterday-ish"), 400)
    assert "made_after" in error["fields"]


def test_bad_leaderboard_parameters_are_400(anon):
    assert "period" in error_of(anon.get("/api/leaderboards/people/?period=forever"), 400)["fields"]
    assert (
        "min_resolved"
        in error_of(anon.get("/api/leaderboards/people/?min_resolved=-1"), 400)["fields"]
    )


def test_missing_objects_and_unknown_paths_are_404(anon):
    assert error_of(anon.get("/api/predictions/424242/"), 404)["code"] == "not_found"
    assert error_of(anon.get("/api/people/nobody-at-all/"), 404)["code"] == "not_found"
    assert error_of(anon.get("/api/predictions/not-a-number/"), 404)["code"] == "not_found"
    assert error_of(anon.get("/api/no-such-thing/"), 404)["code"] == "not_found"
    assert error_of(anon.get("/api/predictions/?cursor=garbage"), 400)["code"] == "invalid"


def test_wrong_method_is_405(anon, editor):
    prediction = PredictionFactory()
    assert (
        error_of(anon.get(f"/api/predictions/{prediction.pk}/accept/"), 405)["code"]
        == "method_not_allowed"
    )
    error = error_of(editor.delete(f"/api/predictions/{prediction.pk}/"), 405)
    assert error["code"] == "method_not_allowed"


def test_bad_token_is_401(anon):
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    error = error_of(anon.get("/api/predictions/"), 401)
    assert error["code"] == "not_authenticated"


def test_throttled_callers_get_429(anon, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"}
    )
    cache.clear()
    try:
        assert anon.get("/api/outlets/").status_code == 200
        assert anon.get("/api/outlets/").status_code == 200
        error = error_of(anon.get("/api/outlets/"), 429)
        assert error["code"] == "throttled"
    finally:
        cache.clear()


def test_form_encoded_document_is_415(editor):
    response = editor.post("/api/documents/", {"title": "x"}, format="multipart")
    assert error_of(response, 415)["code"] == "unsupported_media_type"


def test_a_service_refusing_a_permission_is_a_403_naming_it():
    from archive.errors import PermissionRequired
    from config.exceptions import exception_handler

    refusal = PermissionRequired(
        "editor may not review predictions (needs predictions.review_prediction).",
        permission="predictions.review_prediction",
    )
    response = exception_handler(refusal, {})
    assert response.status_code == 403
    assert response.data["error"]["code"] == "permission_denied"
    assert "predictions.review_prediction" in response.data["error"]["message"]
