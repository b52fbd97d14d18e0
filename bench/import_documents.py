"""Import a JSON Lines batch of invented documents beside PostgreSQL's COPY of the same texts.

    python bench/import_documents.py                  # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/import_documents.py
    python bench/import_documents.py --documents 5000 --comments 20
    python bench/import_documents.py --read-mb 1000   # and the peak memory of reading 1 GB

Runs on a scratch database (a temporary SQLite file, or a ``test_`` database created beside the
one ``DATABASE_URL`` names and dropped afterwards). The documents are generated here from a few
invented sentences: a pool of outlets, authors and commenter handles, so that the run exercises
both creating and finding people. It times ``import_documents`` end to end (reading, parsing,
storing in batches), then the same file again (all duplicates), and prints documents per second
beside the baseline measured in the same run: on PostgreSQL, ``COPY`` of the same texts (every
article's title and body and every comment) into a bare table, the ceiling no import can pass.
It also prints the peak resident memory of the run and, with ``--read-mb``, of a separate
process reading a generated JSON Lines file of that size (the file lives in a temporary folder).
"""

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.scratch import setup_django  # noqa: E402

SENTENCES = [
    "The council will probably approve the harbour bridge before the winter.",
    "Nobody expects the ferry strike to last beyond the weekend.",
    "The mill is unlikely to find a buyer by September.",
    "Tolls will almost certainly be charged from the first day.",
    "The regatta may move to the autumn if the sea wall is not finished.",
]


def make_batch(path: Path, *, documents: int, comments: int, rng: random.Random) -> None:
    outlets = [f"Bench Outlet {i}" for i in range(20)]
    authors = [f"Bench Author {i}" for i in range(200)]
    handles = [f"reader{i}" for i in range(2000)]
    with path.open("w", encoding="utf-8") as fh:
        for n in range(documents):
            body = "\n\n".join(rng.choice(SENTENCES) for _ in range(30)) + f"\n\nDocument {n}."
            thread = []
            for i in range(comments):
                thread.append(
                    {
                        "author": rng.choice(handles) if rng.random() > 0.1 else None,
                        "posted": None,
                        "body": rng.choice(SENTENCES),
                        "parent": rng.randrange(i) if i and rng.random() > 0.5 else None,
                    }
                )
            doc = {
                "title": f"Bench document {n}",
                "url": f"https://bench.example.org/{n}" if n % 2 else None,
                "outlet": rng.choice(outlets),
                "authors": rng.sample(authors, rng.randrange(3)),
                "published": f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "body": body,
                "comments": thread,
            }
            fh.write(json.dumps(doc) + "\n")


def timed_import(path: Path) -> tuple[float, str]:
    from django.core.management import call_command

    out = io.StringIO()
    start = time.perf_counter()
    call_command("import_documents", str(path), stdout=out, stderr=io.StringIO())
    return time.perf_counter() - start, out.getvalue().strip()


def timed_copy(path: Path) -> float:
    """COPY every text of the file's documents into a bare table; the parsing is not timed."""
    from django.db import connection

    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            doc = json.loads(line)
            rows.append((n, -1, doc["title"], doc["body"]))
            rows.extend((n, i, c["author"], c["body"]) for i, c in enumerate(doc["comments"]))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_copy (doc integer, part integer, name text, body text)"
        )
        start = time.perf_counter()
        with (
            connection.cursor() as inner,
            inner.cursor.copy("COPY bench_copy (doc, part, name, body) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return seconds


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_READ_ONLY = """
import os, resource, sys
import django
django.setup()
from archive.importers.readers import read_path
count = sum(1 for r in read_path(sys.argv[1]) if r.document is not None)
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def read_rss(path: Path) -> tuple[int, float, float]:
    """Documents read, seconds and peak RSS (MB) of a fresh process reading ``path``."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.setdefault("ARCHIVE_ALLOW_DEV_SECRET", "1")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _READ_ONLY, str(path)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), time.perf_counter() - start, float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=10)
    parser.add_argument(
        "--read-mb", type=int, default=0, help="Also read a JSON Lines file of this size."
    )
    args = parser.parse_args()
    teardown = setup_django()
    try:
        from django.db import connection

        with tempfile.TemporaryDirectory() as tmp:
            batch = Path(tmp) / "batch.jsonl"
            make_batch(
                batch, documents=args.documents, comments=args.comments, rng=random.Random(3)
            )
            size = batch.stat().st_size / 1e6
            print(
                f"{connection.vendor}: {args.documents} documents, {args.comments} comments each, "
                f"{size:.1f} MB"
            )
            rss_before = peak_rss_mb()
            results = {}
            for label in ("first import", "second import (duplicates)"):
                seconds, summary = timed_import(batch)
                results[label] = rate = args.documents / seconds
                print(f"  {label}: {seconds:.2f} s, {rate:.0f} documents/s  [{summary}]")
            print(f"  peak RSS: {peak_rss_mb():.0f} MB (before importing: {rss_before:.0f} MB)")
            if connection.vendor == "postgresql":
                seconds = timed_copy(batch)
                copy_rate = args.documents / seconds
                share = results["first import"] / copy_rate
                print(
                    f"  baseline, COPY of the same texts into a bare table: {seconds:.2f} s, "
                    f"{copy_rate:.0f} documents/s (the import runs at 1/{1 / share:.0f} of it)"
                )
            batch.unlink()
            if args.read_mb:
                big = Path(tmp) / "big.jsonl"
                per_doc = size * 1e6 / args.documents
                make_batch(
                    big,
                    documents=int(args.read_mb * 1e6 / per_doc),
                    comments=args.comments,
                    rng=random.Random(4),
                )
                count, seconds, rss = read_rss(big)
                print(
                    f"  reading {big.stat().st_size / 1e6:.0f} MB of JSON Lines ({count} documents) "
                    f"in a fresh process: {seconds:.0f} s, peak RSS {rss:.0f} MB"
                )
    finally:
        teardown()


if __name__ == "__main__":
    main()
