"""Production mode is safe by default: HTTPS settings, a clean ``check --deploy``, no guessable
superuser, and exports that a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import CommenterFactory, CommentFactory, PredictionFactory

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ARCHIVE_ALLOW")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        ARCHIVE_VAR_DIR=os.environ.get("ARCHIVE_VAR_DIR", str(ROOT / "var")),
    )
    env.update(overrides)
    return env


def _settings(monkeypatch, **overrides: str) -> list[bool]:
    """The settings module evaluated afresh in the given environment (no Django set-up needed)."""
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in _production_env(**overrides).items():
        monkeypatch.setenv(key, value)
    s = runpy.run_path(str(ROOT / "config" / "settings.py"))
    return [
        s["SECURE_SSL_REDIRECT"],
        s["SECURE_HSTS_SECONDS"] > 0,
        s["SESSION_COOKIE_SECURE"],
        s["CSRF_COOKIE_SECURE"],
        "SECURE_PROXY_SSL_HEADER" in s,
    ]


def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, [True, True, True, True, False]),
        # Secure cookies no longer depend on which database is configured.
        (
            {"DATABASE_URL": "postgres://archive@db.example.org/archive"},
            [True, True, True, True, False],
        ),
        ({"DJANGO_DEBUG": "1"}, [False, False, False, False, False]),
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, [False, True, True, True, False]),
        ({"DJANGO_SECURE_HSTS_SECONDS": "0"}, [True, False, True, True, False]),
        ({"DJANGO_SECURE_COOKIES": "0"}, [True, True, False, False, False]),
        ({"DJANGO_SECURE_PROXY_SSL_HEADER": "1"}, [True, True, True, True, True]),
    ],
    ids=["defaults", "postgres", "debug", "no-redirect", "no-hsts", "no-secure-cookies", "proxy"],
)
def test_https_settings_default_on_and_each_is_settable(monkeypatch, overrides, expected):
    assert _settings(monkeypatch, **overrides) == expected


@pytest.mark.django_db
def test_csv_export_cells_cannot_become_formulas(client):
    commenter = CommenterFactory(name="=1+2")
    comment = CommentFactory(author=commenter, body="@SUM(A1:A9) the mayor will resign.")
    PredictionFactory(
        article=comment.article,
        comment=comment,
        speaker=commenter,
        speaker_name="=1+2",
        quote="@SUM(A1:A9) the mayor will resign.",
        start=0,
        claim_text="-2+3 the mayor resigns",
        hedge="\tsurely",
        condition_text="\rif asked",
        probability=0.2,
    )
    response = client.get("/api/export/predictions.csv")
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["speaker"] == "'=1+2"
    assert row["quote"] == "'@SUM(A1:A9) the mayor will resign."
    assert row["claim_text"] == "'-2+3 the mayor resigns"
    assert row["hedge"] == "'\tsurely"
    assert row["condition"] == "'\rif asked"
    # Numbers stay numbers, negative ones included.
    assert row["probability"] == "0.2"
    assert row["claim"].startswith("Outcome number")


@pytest.mark.django_db
def test_csv_export_keeps_negative_scores_as_numbers(client):
    from predictions.services.resolution import claim_resolve

    prediction = PredictionFactory(probability=0.9)
    claim_resolve(claim=prediction.claim, state="not_occurred", on=prediction.deadline, by=None)
    response = client.get("/api/export/predictions.csv")
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert float(row["log_score"]) < 0
    assert not row["log_score"].startswith("'")


def _tiny_story(tmp_path: Path) -> Path:
    (tmp_path / "documents").mkdir()
    for name, content in [
        ("events.json", "[]"),
        ("resolutions.json", "[]"),
        ("import_options.json", "{}"),
    ]:
        (tmp_path / name).write_text(content)
    return tmp_path


@pytest.mark.django_db
def test_demo_setup_refuses_the_well_known_login_with_debug_off(tmp_path, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing to create the superuser 'demo'"):
        call_command("demo_setup", "--no-seeds", "--examples", str(_tiny_story(tmp_path)))
    assert not get_user_model().objects.filter(username="demo").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("debug", "arguments"),
    [(True, []), (False, ["--allow-demo-login"]), (False, ["--password", "a chosen one"])],
    ids=["debug", "flag", "password"],
)
def test_demo_setup_creates_the_login_when_asked(tmp_path, settings, debug, arguments):
    settings.DEBUG = debug
    out = io.StringIO()
    story = str(_tiny_story(tmp_path))
    call_command("demo_setup", "--no-seeds", "--examples", story, *arguments, stdout=out)
    assert get_user_model().objects.get(username="demo").is_superuser
