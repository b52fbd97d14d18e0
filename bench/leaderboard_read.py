"""Serve the top of a leaderboard of 100,000 people (1,000,000 predictions) from its stored rows.

    python bench/leaderboard_read.py                      # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/leaderboard_read.py
    python bench/leaderboard_read.py --people 20000 --baseline-predictions 50000

Runs on a scratch database (a temporary SQLite file, or a ``test_`` database created beside
the one ``DATABASE_URL`` names and dropped afterwards). It bulk-inserts the stored rows a
recompute over a million predictions by 100,000 people would leave (the all-time board plus three
yearly boards), then times reading the top 50 through ``predictions.selectors.leaderboards``
and rendering them as the ``leaderboard --json`` objects, at the archive's minimum of resolved
predictions and at a minimum of 1 (which also lists the unranked rows). The baseline, measured in
the same run, is what the stored rows replace: computing the board on the fly with an aggregate
over a predictions table (``--baseline-predictions``, 100,000 by default), plus one
``leaderboards_recompute()`` over that table.
"""

import argparse
import datetime
import json
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.scratch import setup_django  # noqa: E402

TARGET_MS = 50.0
BATCH = 5000


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered), p99


def make_people(n: int):
    from archive.models import Person

    Person.objects.bulk_create(
        [Person(name=f"Forecaster {i:06d}", slug=f"forecaster-{i:06d}") for i in range(n)],
        batch_size=BATCH,
    )
    return list(Person.objects.order_by("pk").values_list("pk", "name"))


def make_rows(people, predictions: int, rng: random.Random) -> int:
    """Stored rows shaped like a recompute's: counts summing to ``predictions`` per board."""
    from django.utils import timezone

    from predictions.models import LeaderboardEntry
    from predictions.scoring import mean_interval, shrunk_mean

    mean_count = predictions / len(people)
    now = timezone.now()
    written = 0
    for period in ("all", "2014", "2015", "2016"):
        share = 1.0 if period == "all" else 1 / 3
        stats = []
        for pk, name in people:
            # Long-tailed: most people have a few resolved predictions, some hundreds.
            n = max(1, int(rng.expovariate(1 / (mean_count * share))))
            skill = rng.uniform(0.08, 0.3)
            total = sum(min(1.0, max(0.0, rng.gauss(skill, 0.15))) for _ in range(min(n, 30)))
            mean = total / min(n, 30)
            stats.append((pk, name, n, mean, mean * mean + 0.02))
        prior = sum(n * m for _, _, n, m, _ in stats) / sum(n for _, _, n, _, _ in stats)
        adjusted = {pk: shrunk_mean(n=n, mean=m, prior=prior) for pk, _, n, m, _ in stats}
        rows = []
        for pk, name, n, mean, square in stats:
            interval = mean_interval(n, mean * n, square * n)
            rows.append(
                LeaderboardEntry(
                    scope="person",
                    person_id=pk,
                    period=period,
                    name=name,
                    resolved=n,
                    correct=int(n * (1 - mean)),
                    brier=mean,
                    log_score=-2 * mean - 0.1,
                    brier_low=interval.low,
                    brier_high=interval.high,
                    adjusted_brier=adjusted[pk],
                    calibration=[
                        {
                            "low": 0.7,
                            "high": 0.8,
                            "count": n,
                            "mean_probability": 0.75,
                            "observed_frequency": 0.7,
                            "observed_low": 0.5,
                            "observed_high": 0.9,
                        }
                    ],
                    computed_at=now,
                )
            )
        LeaderboardEntry.objects.bulk_create(rows, batch_size=BATCH)
        written += len(rows)
    return written


def render(rows) -> str:
    return json.dumps(
        [
            {
                "name": r.name,
                "resolved": r.resolved,
                "brier": r.brier,
                "log_score": r.log_score,
                "correct": r.correct,
                "interval": [r.brier_low, r.brier_high],
                "adjusted_brier": r.adjusted_brier,
                "rank": i,
                "slug": r.person.slug,
            }
            for i, r in enumerate(rows, 1)
        ]
    )


def time_read(min_resolved, repeats: int) -> tuple[float, float]:
    from predictions.selectors.leaderboards import leaderboard

    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        rows = list(leaderboard(scope="person", min_resolved=min_resolved)[:50])
        render(rows)
        samples.append((time.perf_counter() - started) * 1000)
        assert len(rows) == 50
    return percentiles(samples)


def make_predictions(people, n: int, rng: random.Random) -> None:
    from predictions.models import Prediction
    from predictions.scoring import brier, log_score

    quote = "An invented statement about the future."
    batch = []
    for i in range(n):
        p = rng.choice([0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95])
        yes = rng.random() < p
        batch.append(
            Prediction(
                quote=quote,
                start=0,
                end=len(quote),
                speaker_id=people[i % len(people)][0],
                claim_text=quote,
                probability=p,
                made_at=datetime.datetime(2014 + i % 3, 6, 1, tzinfo=datetime.UTC),
                status="accepted",
                source="imported",
                outcome="yes" if yes else "no",
                brier=brier(p, yes),
                log_score=log_score(p, yes),
            )
        )
        if len(batch) == BATCH:
            Prediction.objects.bulk_create(batch)
            batch = []
    Prediction.objects.bulk_create(batch)


def time_on_the_fly(repeats: int) -> tuple[float, float]:
    """The board computed from the predictions at every read: group, average, sort, top 50."""
    from django.conf import settings
    from django.db.models import Avg, Count

    from predictions.models import Prediction

    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        rows = list(
            Prediction.objects.scored()
            .values("speaker_id", "speaker__name", "speaker__slug")
            .annotate(resolved=Count("id"), brier=Avg("brier"), log_score=Avg("log_score"))
            .filter(resolved__gte=settings.ARCHIVE_MIN_RESOLVED)
            .order_by("brier", "speaker__name")[:50]
        )
        json.dumps(rows)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--predictions", type=int, default=1_000_000)
    parser.add_argument("--baseline-predictions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    teardown = setup_django()
    try:
        from django.conf import settings
        from django.db import connection

        from predictions.models import LeaderboardEntry
        from predictions.services.scores import leaderboards_recompute

        rng = random.Random(11)
        print(
            f"database: {connection.vendor}; {args.people:,} people, {args.predictions:,} "
            f"predictions' worth of stored rows; minimum {settings.ARCHIVE_MIN_RESOLVED} resolved"
        )
        started = time.perf_counter()
        people = make_people(args.people)
        written = make_rows(people, args.predictions, rng)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"built {written:,} stored rows in {time.perf_counter() - started:.1f} s")

        ok = True
        for label, minimum in (("stored, default minimum", None), ("stored, --min-resolved 1", 1)):
            time_read(minimum, 5)  # warm up
            p50, p99 = time_read(minimum, args.repeats)
            verdict = "ok" if p99 < TARGET_MS else f"SLOWER than {TARGET_MS:.0f} ms"
            ok = ok and p99 < TARGET_MS
            print(f"top 50, {label:<26} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  {verdict}")

        LeaderboardEntry.objects.all().delete()
        n = args.baseline_predictions
        started = time.perf_counter()
        make_predictions(people[: max(1, n // 10)], n, rng)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"baseline: {n:,} scored predictions by {max(1, n // 10):,} people "
            f"({time.perf_counter() - started:.1f} s to insert)"
        )
        p50, p99 = time_on_the_fly(max(5, args.repeats // 20))
        print(f"top 50, computed on the fly        p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
        started = time.perf_counter()
        rows = leaderboards_recompute()
        print(
            f"leaderboards_recompute():          {time.perf_counter() - started:7.2f} s "
            f"({rows:,} rows)"
        )
        p50, p99 = time_read(None, args.repeats)
        print(f"top 50 of those rows, stored       p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")
        return 0 if ok else 1
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
