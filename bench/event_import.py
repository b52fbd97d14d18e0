"""Import a year (or all) of Wikipedia's Current Events log and report the rate.

    python bench/event_import.py                 # 2014, scratch SQLite file
    python bench/event_import.py --year all      # 2002-2025, about 113,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/event_import.py

Runs ``import_events`` on a scratch database (see ``bench/resolve_claim.py``), then runs it a
second time over the same files to time the idempotent path (everything already recorded), and
finally times an event search and the claim suggestions for a new event.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from resolve_claim import setup_django  # noqa: E402

CORPUS_DIR = Path(
    os.environ.get("ARCHIVE_CORPUS_DIR", BENCH_DIR.parent.parent / "shared" / "corpus")
)
LOG_DIR = CORPUS_DIR / "events" / "wikipedia-current-events"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", default="2014", help='a year, or "all"')
    args = parser.parse_args()
    path = LOG_DIR if args.year == "all" else LOG_DIR / args.year
    if not path.is_dir():
        print(f"missing: {path}", file=sys.stderr)
        return 1

    teardown = setup_django()
    try:
        from django.core.management import call_command
        from django.db import connection

        from predictions.models import Event, Tag
        from predictions.selectors.events import events_search

        print(f"database: {connection.vendor}; {path}")
        for run in ("first import", "second import"):
            out = io.StringIO()
            started = time.perf_counter()
            call_command("import_events", str(path), stdout=out, verbosity=0)
            seconds = time.perf_counter() - started
            events = Event.objects.count()
            print(f"{run}: {seconds:6.1f} s; {out.getvalue().strip()}")
            if run == "first import":
                print(f"  {events / seconds:,.0f} events/s; {Tag.objects.count()} tags")
        for query in ("presidential election", "earthquake"):
            started = time.perf_counter()
            found = list(events_search(q=query)[:20])
            ms = (time.perf_counter() - started) * 1000
            print(f"events_search({query!r}): {len(found)} shown in {ms:.0f} ms")
        return 0
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
