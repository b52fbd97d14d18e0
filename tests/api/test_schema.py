"""The OpenAPI schema cannot drift from the code.

* it generates and validates with no warning;
* every GET list endpoint's real responses (over a populated archive) match it;
* schemathesis fuzzes every operation in-process (the WSGI app, no network) and finds no
  server error and no response outside the schema, and every write refuses anonymous callers.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from predictions.models import Judgement
from tests.api.conftest import grant
from tests.factories import UserFactory

SCHEMA_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FUZZ_EXAMPLES = 12


def test_schema_generates_and_validates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    text = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/predictions/{id}/accept/", "/api/claims/{id}/resolve/", "/api/documents/"):
        assert f"{path}:" in text


@pytest.fixture
def wsgi_app(db):
    """The project's WSGI application, sharing the test's database transaction.

    Django's handler closes stale connections around each request; inside a test that would
    end the test's transaction, so, as Django's own test client does, the test turns that off.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)


def list_operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET" and "{" not in operation.path:
            yield operation


def test_every_list_response_matches_the_schema(api_schema, archive):
    checked = []
    for operation in list_operations(api_schema):
        case = operation.Case()
        response = case.call()
        assert response.status_code == 200, (operation.path, response.text[:500])
        case.validate_response(response, checks=SCHEMA_CHECKS)
        checked.append(operation.path)
    assert "/api/predictions/" in checked and "/api/leaderboards/people/" in checked
    assert len(checked) >= 12


def test_every_detail_response_matches_the_schema(api_schema, archive):
    ids = {
        "/api/outlets/{slug}/": {"slug": "herald"},
        "/api/people/{slug}/": {"slug": "alice-ames"},
        "/api/people/{slug}/calibration/": {"slug": "alice-ames"},
        "/api/people/{slug}/score-history/": {"slug": "alice-ames"},
        "/api/articles/{id}/": {"id": archive["articles"][0].pk},
        "/api/comments/{id}/": {"id": archive["comment"].pk},
        "/api/claims/{id}/": {"id": archive["claims"][0].pk},
        "/api/predictions/{id}/": {"id": archive["predictions"][0].pk},
        "/api/events/{id}/": {"id": archive["event"].pk},
    }
    ids["/api/judgements/{id}/"] = {"id": Judgement.objects.values_list("pk", flat=True).first()}
    for path, parameters in ids.items():
        case = api_schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call()
        assert response.status_code == 200, (path, response.text[:500])
        case.validate_response(response, checks=SCHEMA_CHECKS)


def generated_schema() -> dict:
    """The schema as the code generates it (read once, at collection, with no database)."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


OPERATIONS = [
    (method.upper(), path)
    for path, item in generated_schema()["paths"].items()
    for method in item
    if method in {"get", "post", "put", "patch", "delete"}
]


def fuzz(
    operation, wsgi_app, *, headers: dict | None = None, path_parameters: dict | None = None
) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        if path_parameters:
            case.path_parameters = {**(case.path_parameters or {}), **path_parameters}
        response = case.call(app=wsgi_app, headers=headers)
        case.validate_response(response, checks=SCHEMA_CHECKS)
        if headers is None and case.method.upper() in WRITE_METHODS:
            assert response.status_code in (401, 403), (
                case.method,
                case.path,
                response.status_code,
            )

    run()


@pytest.fixture
def editor_token(db):
    user = grant(UserFactory(username="fuzzing-editor"), "import", "review", "resolve")
    return Token.objects.create(user=user).key


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_fuzz_as_anonymous(api_schema, wsgi_app, archive, method, path):
    """No input gets a server error or an undocumented answer; writes refuse anonymous callers."""
    fuzz(api_schema[path][method], wsgi_app)


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op[0] in WRITE_METHODS])
def test_fuzz_as_editor(api_schema, wsgi_app, archive, editor_token, method, path):
    """An editor's malformed writes get a 4xx in the error shape, never a server error."""
    # Aim at objects that exist, so that the bodies (not the lookups) are what gets fuzzed.
    existing = {
        "/api/predictions/": archive["candidate"].pk,
        "/api/claims/": archive["claims"][1].pk,
    }
    ids = {
        "id": pk for prefix, pk in existing.items() if path.startswith(prefix) and "{id}" in path
    }
    fuzz(
        api_schema[path][method],
        wsgi_app,
        headers={"Authorization": f"Token {editor_token}"},
        path_parameters=ids,
    )
