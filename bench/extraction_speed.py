"""Throughput of forecast extraction beside dateparser's own date search, on one core.

Runs ``predictions.extraction.extract`` over the 2,225 BBC articles in
``../shared/corpus/bbc/`` (title line, then the body) and
``dateparser.search.search_dates(body, languages=['en'])`` over the same bodies, in the same
run and process. dateparser is slow, so by default it reads a sample (every Nth article,
``--baseline-every``); its MB/s is computed on the bytes it actually read, so the two
figures are comparable. Both run in this one process (one core); times are CPU time of the
process, so other load on the machine does not skew the ratio (wall time is printed too).

    python bench/extraction_speed.py [--baseline-every 10] [--limit N]
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from predictions.extraction import Part, extract  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
# The BBC files carry no dates; all of them are from 2004-05.
MADE_ON = datetime.date(2005, 1, 1)


def read_articles(limit: int | None) -> list[tuple[str, str]]:
    articles = []
    for path in sorted((CORPUS / "bbc").glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        title, _, body = raw.partition("\n")
        articles.append((title.strip(), body))
        if limit and len(articles) >= limit:
            break
    return articles


def megabytes(bodies) -> float:
    return sum(len(body.encode("utf-8")) for body in bodies) / 1_000_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline-every", type=int, default=10, help="dateparser reads every Nth article"
    )
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    args = parser.parse_args(argv)
    articles = read_articles(args.limit)
    bodies = [body for _, body in articles]

    # Warm both up outside the timing (first-use compilation of patterns and locale data).
    extract(
        Part(text="It will close in May.", made_on=MADE_ON, kind="article", authors=(), outlet=None)
    )
    from dateparser.search import search_dates

    search_dates("It will close in May.", languages=["en"])

    started = time.process_time()
    wall = time.perf_counter()
    found = 0
    for title, body in articles:
        part = Part(
            text=body, made_on=MADE_ON, kind="article", authors=(), outlet="BBC News", title=title
        )
        found += len(extract(part))
    ours_seconds = time.process_time() - started
    ours_wall = time.perf_counter() - wall
    ours_mb = megabytes(bodies)

    sample = bodies[:: args.baseline_every]
    started = time.process_time()
    wall = time.perf_counter()
    dates = 0
    for body in sample:
        dates += len(search_dates(body, languages=["en"]) or ())
    base_seconds = time.process_time() - started
    base_wall = time.perf_counter() - wall
    base_mb = megabytes(sample)

    ours_rate = ours_mb / ours_seconds
    base_rate = base_mb / base_seconds
    print(
        f"extract:      {len(bodies)} articles, {ours_mb:.2f} MB in {ours_seconds:.1f} s CPU "
        f"({ours_wall:.1f} s wall) = {ours_rate:.3f} MB/s ({found} candidates)"
    )
    print(
        f"search_dates: {len(sample)} articles (every {args.baseline_every}th), {base_mb:.2f} MB in "
        f"{base_seconds:.1f} s CPU ({base_wall:.1f} s wall) = {base_rate:.3f} MB/s ({dates} dates)"
    )
    print(
        f"ratio: {ours_rate / base_rate:.1f}x dateparser's throughput on CPU time "
        f"({(ours_mb / ours_wall) / (base_mb / base_wall):.1f}x on wall time)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
