"""Import a JSON Lines batch of invented documents, then the same batch again (all duplicates).

    python bench/import_documents.py                  # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/import_documents.py
    python bench/import_documents.py --documents 5000 --comments 20

Runs on a scratch database (a temporary SQLite file, or a ``test_`` database created beside the
one ``DATABASE_URL`` names and dropped afterwards). The documents are generated here from a few
invented sentences: a pool of outlets, authors and commenter handles, so that the run exercises
both creating and finding people. It times ``import_documents`` end to end (reading, parsing,
one transaction per document) and prints documents per second for each pass.
"""

import argparse
import io
import json
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=10)
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
            for label in ("first import", "second import (duplicates)"):
                seconds, summary = timed_import(batch)
                rate = args.documents / seconds
                print(f"  {label}: {seconds:.2f} s, {rate:.0f} documents/s  [{summary}]")
    finally:
        teardown()


if __name__ == "__main__":
    main()
