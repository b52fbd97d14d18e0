"""A scratch database for benchmarks: SQLite in a temporary folder, or a test copy of DATABASE_URL."""

import os
import tempfile


def setup_django(sqlite_dir=None):
    """Configure Django on a scratch database; return a function that drops it.

    ``sqlite_dir`` keeps the SQLite file in that folder instead of a temporary one; on
    PostgreSQL ``BENCH_SCRATCH_DB`` names the scratch database (``test_`` + the name by default).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ARCHIVE_ALLOW_DEV_SECRET", "1")
    if not os.environ.get("DATABASE_URL"):
        os.environ["ARCHIVE_VAR_DIR"] = str(sqlite_dir or tempfile.mkdtemp(prefix="archive-bench-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    if os.environ.get("BENCH_SCRATCH_DB"):  # the scratch database's name, if not test_<NAME>
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.environ["BENCH_SCRATCH_DB"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)
