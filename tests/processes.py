"""For tests that run the archive as separate processes (a worker, gunicorn) with production
settings: the environment they get, a database they and the test both see, and ``manage``."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

PROJECT = Path(__file__).resolve().parents[1]


class SharedDatabase:
    """This test's PostgreSQL database (committed rows, emptied after the test), or a new SQLite
    file: the test suite's own SQLite database lives in memory, out of other processes' reach."""

    def __init__(self, request, tmp_path: Path):
        if connection.vendor == "postgresql":
            request.getfixturevalue("transactional_db")
            s = connection.settings_dict
            auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            self.env = {"DATABASE_URL": f"postgres://{auth}@{s['HOST']}:{s['PORT']}/{s['NAME']}"}
            self.sqlite = None
        else:
            self.env = {"ARCHIVE_VAR_DIR": str(tmp_path)}
            self.sqlite = tmp_path / "archive.sqlite3"

    def prepare(self, env: dict) -> None:
        """Create the tables where the test runner has not already."""
        if self.sqlite is not None:
            manage(env, "migrate", "--noinput", "--verbosity", "0")

    def count(self, sql: str) -> int:
        if self.sqlite is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        with sqlite3.connect(self.sqlite, timeout=20) as db:
            return db.execute(sql).fetchone()[0]


def production_env(database: SharedDatabase, **extra: str) -> dict:
    """The environment of a production process: config.settings, debug off, ``database``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "ARCHIVE_VAR_DIR", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG"}
        and not key.startswith("CELERY_")
    }
    env.update(
        database.env,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.urandom(24).hex(),
        **extra,
    )
    return env


def manage(env: dict, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout.strip()
