"""Do the suggestions on a claim's resolve page find the event that settled it?

    .venv/bin/python bench/event_suggestions.py [--years 2012-2024] [--verbose]
    .venv/bin/python bench/event_suggestions.py --check
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench .venv/bin/python bench/event_suggestions.py

Imports Wikipedia's Current Events log for the years the claims span (by default 2012-2024,
about 55,000 events: an archive that holds years of log) into a scratch database, then records
each claim of ``bench/event_claims.jsonl``, ``bench/event_claims_fresh.jsonl`` and
``bench/event_claims_fresh2.jsonl`` (or of the files given with ``--claims``) as an editor would
find it: an open claim with one accepted forecast made on the claim's day, with its deadline. It
asks ``events_for_claim`` (the selector the resolve page calls) for five suggestions, and the
frozen copy of the matcher as it was before (``event_suggestions_baseline.py``) in the same run,
and reports how often an event that settles the claim comes first and how often it is among the
five, for each part apart: the first file's claims by split, another file's by its name and
split ("fresh (tuning)": written after the matcher, measured untouched on 2 December 2026, then
tuned on; "fresh2 (untouched)": written by an author who neither read nor ran the matcher, and
never used to change it); and how long a suggestion takes (the mean and the slowest claim).

A claim's settling events are named by day, story heading, index and the first 12 hex digits
of the sha1 of the item's sentence (as the importer reads it, sources stripped), so the log's
text never enters the project. Before anything is imported every locator is checked against
the log's files (the day's file, then exactly one item with that sha1 under that heading and
nested heading, at that index); a locator that no longer finds its item is reported and the
script fails. ``--check`` does only that.

``--keep DIR`` keeps the SQLite scratch file in DIR and skips the import when it is already
there (for repeated runs while changing the matcher).
"""

import argparse
import datetime
import hashlib
import io
import json
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

CORPUS_DIR = Path(
    os.environ.get("ARCHIVE_CORPUS_DIR", BENCH_DIR.parent.parent / "shared" / "corpus")
)
LOG_DIR = CORPUS_DIR / "events" / "wikipedia-current-events"
CLAIMS = (
    BENCH_DIR / "event_claims.jsonl",
    BENCH_DIR / "event_claims_fresh.jsonl",
    BENCH_DIR / "event_claims_fresh2.jsonl",
)
# Tags the importer drops, as ``predictions.importers.events`` does.
UNTAGGED = frozenset({"", "uncategorized", "uncategorised"})
SHOWN = 5


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]  # noqa: S324 (a locator, not security)


def part_of(path: Path, split: str) -> str:
    """The first file's claims report by split; another file's by its name, then its split."""
    name = path.stem.removeprefix("event_claims").strip("_")
    return f"{name} ({split})" if name else split


def load_claims(paths) -> list[dict]:
    claims: list[dict] = []
    for path in map(Path, paths):
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        claims += [{**row, "part": part_of(path, row["split"])} for row in rows]
    ids = [claim["id"] for claim in claims]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise SystemExit(f"claim ids given twice: {', '.join(repeated)}")
    return claims


def stale_locators(claims: list[dict]) -> list[str]:
    """The locators that do not find their item in the log's files, read as the importer reads."""
    from predictions.importers.events import read_event_file

    days: dict[str, list] = {}
    problems = []
    for claim in claims:
        for where in claim["events"]:
            path = LOG_DIR / where["file"]
            if where["file"] not in days:
                days[where["file"]] = read_event_file(path) if path.is_file() else []
            heading, story = where["heading"] or "", where["story"]
            tags: tuple[str, ...] = (heading,) if heading.casefold() not in UNTAGGED else ()
            tags += (story,) if story and story not in tags else ()
            under = [e for e in days[where["file"]] if e.tags == tags]
            at = [
                i
                for i, e in enumerate(under)
                if fingerprint(e.description or e.title) == where["sha1"]
            ]
            if at != [where["index"]]:
                found = f"at {at}" if at else "not found"
                problems.append(f"{claim['id']}: {where['file']} {tags} #{where['index']} {found}")
    return problems


def settling_ids(claim: dict) -> set[int]:
    """The ids of the imported events the claim's locators name; fails on a stale locator."""
    from predictions.models import Event

    found = set()
    for where in claim["events"]:
        day = datetime.date.fromisoformat(Path(where["file"]).stem)
        matches = [
            pk
            for pk, title, description in Event.objects.filter(occurred_on=day).values_list(
                "pk", "title", "description"
            )
            if fingerprint(description or title) == where["sha1"]
        ]
        if len(matches) != 1:
            raise SystemExit(f"{claim['id']}: {where['file']} #{where['index']} not found")
        found.add(matches[0])
    return found


def record_claim(claim: dict, article):
    from django.utils import timezone

    from predictions.models import Claim, Prediction

    made = timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(claim["made_at"]), datetime.time(12))
    )
    row = Claim.objects.create(text=claim["claim"])
    quote = article.body.split(".")[0] + "."
    deadline = claim["deadline"] and datetime.date.fromisoformat(claim["deadline"])
    Prediction.objects.create(
        article=article,
        quote=quote,
        start=0,
        end=len(quote),
        speaker_name="A forecaster",
        claim=row,
        claim_text=claim["claim"],
        probability=0.7,
        made_at=made,
        deadline=deadline or None,
        deadline_kind="date" if deadline else "none",
        status="accepted",
    )
    return row


def position(ranked, wanted: set[int]) -> int | None:
    for i, (event, _score) in enumerate(ranked, start=1):
        if event.pk in wanted:
            return i
    return None


def import_log(years: range) -> None:
    from django.core.management import call_command
    from django.db import connection

    paths = [str(LOG_DIR / str(year)) for year in years if (LOG_DIR / str(year)).is_dir()]
    started = time.perf_counter()
    out = io.StringIO()
    call_command("import_events", *paths, stdout=out, verbosity=0)
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a large import: without the table's statistics the
        # planner reads every event of a period instead of using the full-text index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE predictions_event, predictions_tag, predictions_event_tags")
    print(f"import: {time.perf_counter() - started:.0f} s; {out.getvalue().strip()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2012-2024", help="first-last year of log to import")
    parser.add_argument("--keep", help="keep the SQLite scratch file in this folder")
    parser.add_argument("--verbose", action="store_true", help="one line per claim")
    parser.add_argument("--claim", help="run only the claim with this id, showing its ranking")
    parser.add_argument(
        "--part",
        choices=("tuning", "untouched", "fresh", "fresh2", "all"),
        default="all",
        help="which claims to run (untouched: the first file's; fresh, fresh2: the second's, third's)",
    )
    parser.add_argument(
        "--claims", nargs="+", type=Path, default=CLAIMS, help="claim files (JSON lines)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that every locator finds its item"
    )
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    years = range(int(first), int(last or first) + 1)
    if not LOG_DIR.is_dir():
        print(f"missing: {LOG_DIR}", file=sys.stderr)
        return 1
    claims = [c for c in load_claims(args.claims) if args.part in (c["part"].split()[0], "all")]
    if args.claim:
        claims = [c for c in claims if c["id"] == args.claim]
    problems = stale_locators(claims)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    located = sum(len(c["events"]) for c in claims)
    print(f"locators: {located}, of {len(claims)} claims, all find their items")
    if args.check:
        return 0
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)

    from scratch import setup_django

    teardown = setup_django(sqlite_dir=args.keep)
    try:
        import event_suggestions_baseline as baseline
        from django.db import connection, transaction

        from archive.models import Article, Outlet
        from predictions.models import Event
        from predictions.selectors.claims import events_for_claim

        if not Event.objects.exists():
            import_log(years)
        print(f"database: {connection.vendor}; {Event.objects.count():,} events in the log")
        tally: dict[
            tuple[str, str], list
        ] = {}  # (part, matcher) -> [top-1, top-5, count, s, slowest]
        with transaction.atomic():
            outlet = Outlet.objects.create(name="Bench Outlet", slug="bench-outlet-suggestions")
            article = Article.objects.create(
                outlet=outlet,
                title="Bench",
                body="The committee will approve the plan by spring. Nothing else is said.",
                published_at=datetime.datetime(2012, 1, 1, tzinfo=datetime.UTC),
                content_hash="e" * 64,
            )
            for claim in claims:
                wanted = settling_ids(claim)
                row = record_claim(claim, article)
                line = [f"{claim['part']:17} {claim['id']:28}"]
                for name, select in (
                    ("baseline", baseline.events_for_claim),
                    ("now", events_for_claim),
                ):
                    started = time.perf_counter()
                    ranked = select(claim=row, limit=SHOWN)
                    seconds = time.perf_counter() - started
                    at = position(ranked, wanted)
                    counts = tally.setdefault((claim["part"], name), [0, 0, 0, 0.0, 0.0])
                    counts[0] += at == 1
                    counts[1] += at is not None
                    counts[2] += 1
                    counts[3] += seconds
                    counts[4] = max(counts[4], seconds)
                    line.append(f"{name} {at or '-'} ({seconds * 1000:.0f} ms)")
                    if args.claim:
                        print(f"{name}: settling {sorted(wanted)}")
                        for event, score in select(claim=row, limit=10):
                            print(
                                f"  {score:.3f} {event.pk} {event.occurred_on} {event.title[:90]}"
                            )
                    if args.verbose and name == "now" and at != 1:
                        top = ranked[0][0] if ranked else None
                        line.append(f"(first: {top.occurred_on} {top.title[:60]!r})" if top else "")
                if args.verbose:
                    print("  ".join(line))
            transaction.set_rollback(True)

        print(
            f"\n{'part':18} {'matcher':9} {'claims':>6} {'top 1':>12} {'top 5':>12}"
            f" {'ms/claim':>9} {'slowest':>8}"
        )
        for part in [*dict.fromkeys(c["part"] for c in claims), "all"]:
            for name in ("baseline", "now"):
                rows = [v for (p, n), v in tally.items() if n == name and part in (p, "all")]
                if not rows:
                    continue
                one, five, count, seconds, _ = (sum(col) for col in zip(*rows, strict=True))
                slowest = max(row[4] for row in rows)
                print(
                    f"{part:18} {name:9} {count:6} {one:4} ({one / count:4.0%})"
                    f" {five:4} ({five / count:4.0%}) {seconds / count * 1000:9.0f}"
                    f" {slowest * 1000:8.0f}"
                )
        return 0
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
