"""Bring the boards up to date after one resolution, beside the full recompute, at 1,000,000 predictions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/leaderboard_incremental.py
    python bench/leaderboard_incremental.py --people 10000 --claims 100   # smaller, or on SQLite
    python bench/leaderboard_incremental.py --check   # and compare with a rebuild, row by row

Runs on a scratch database (a temporary SQLite file, or a ``test_`` database created beside the
one ``DATABASE_URL`` names and dropped afterwards). It inserts, in SQL, ``--claims`` claims of
1,000 accepted predictions each by ``--people`` people (each scoped to one of 20 outlets, so the
outlet boards fill too), made over three years, the claims tagged with ten tags, seven in ten
claims already judged. Then it times, in the same run:

- the baseline: ``leaderboards_recompute()``, every row rewritten (what each resolution cost
  before boards were updated incrementally);
- ``claim_resolve`` of one open claim of 1,000 predictions, and within it the update of the boards
  after commit (``leaderboards_update``: the resolution's stored difference added to the rows it
  names), and, reported apart, the refresh of any board whose mean moved past the tolerance
  from its stored prior (the task queued after the update);
- reading the top 50 of the all-time person board afterwards, and one person's rank.

With ``--check`` it also compares the rows with a rebuild that keeps the stored priors, then
refreshes every prior and compares them with a plain rebuild.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.leaderboard_read import time_read  # noqa: E402
from bench.scratch import setup_django  # noqa: E402

TARGET_SECONDS = 2.0
TARGET_MS = 50.0
PER_CLAIM = 1000
OUTLETS = 20
TAGS = 10


def build(people: int, claims: int) -> None:
    from django.db import connection

    from archive.models import Outlet, Person
    from predictions.models import Claim, Prediction, Tag

    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Bench Outlet {i}", slug=f"bench-outlet-{i}") for i in range(OUTLETS)
    )
    Person.objects.bulk_create(
        (
            Person(
                name=f"Forecaster {i:06d}", slug=f"forecaster-{i:06d}", outlet=outlets[i % OUTLETS]
            )
            for i in range(people)
        ),
        batch_size=5000,
    )
    tags = Tag.objects.bulk_create(Tag(name=f"topic {i}", slug=f"topic-{i}") for i in range(TAGS))
    stored = Claim.objects.bulk_create(
        Claim(text=f"Bench outcome {i} happens") for i in range(claims)
    )
    Through = Claim.tags.through
    Through.objects.bulk_create(
        Through(claim_id=c.pk, tag_id=tags[k].pk)
        for i, c in enumerate(stored)
        for k in sorted({i % TAGS, (3 * i + 1) % TAGS} if i % 2 else {i % TAGS})
    )
    quote = "An invented statement about the future."
    template = Prediction.objects.create(
        quote=quote,
        start=0,
        end=len(quote),
        claim_text=quote,
        probability=0.5,
        made_at=datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC),
        status="accepted",
        source="imported",
    )
    first_person = Person.objects.order_by("pk").values_list("pk", flat=True)[0]
    first_claim = stored[0].pk
    fields = [
        connection.ops.quote_name(f.column)
        for f in Prediction._meta.concrete_fields
        if f.column not in {"id", "speaker_id", "claim_id", "probability", "made_at"}
    ]
    # Every column copied from one valid row; only who, what, how sure and when vary.
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO predictions_prediction ({", ".join(fields)},
                speaker_id, claim_id, probability, made_at)
            SELECT {", ".join("t." + f for f in fields)},
                %s + (g::bigint * 7919) %% %s, %s + (g - 1) / {PER_CLAIM},
                0.05 + ((g * 37) %% 91) / 100.0,
                TIMESTAMP WITH TIME ZONE '2014-01-01 12:00+00' + ((g %% 1095) || ' days')::interval
            FROM predictions_prediction t, generate_series(1, %s) g
            WHERE t.id = %s
            """,  # noqa: S608 - only column names are interpolated
            [first_person, people, first_claim, claims * PER_CLAIM, template.pk],
        )
        template.delete()
        judged = int(claims * 0.7)
        cursor.execute(
            """
            UPDATE predictions_prediction SET
                outcome = CASE WHEN random() < probability THEN 'yes' ELSE 'no' END,
                judged_at = now()
            WHERE claim_id < %s
            """,
            [first_claim + judged],
        )
        cursor.execute(
            """
            UPDATE predictions_prediction SET
                brier = power(probability - CASE WHEN outcome = 'yes' THEN 1 ELSE 0 END, 2),
                log_score = CASE WHEN outcome = 'yes' THEN ln(probability) ELSE ln(1 - probability) END
            WHERE outcome IS NOT NULL
            """
        )
        cursor.execute(
            "UPDATE predictions_claim SET state = 'occurred', resolved_on = '2016-06-01' WHERE id < %s",
            [first_claim + judged],
        )
        cursor.execute("ANALYZE")


def snapshot() -> list[tuple]:
    from predictions.models import LeaderboardEntry, LeaderboardPrior

    columns = [
        "scope", "person_id", "outlet_id", "tag_id", "period", "name", "resolved", "correct",
        "pending", "sum_brier", "sum_brier_sq", "sum_log", "brier", "log_score", "brier_low",
        "brier_high", "adjusted_brier",
    ]  # fmt: skip
    rows = LeaderboardEntry.objects.values_list(*columns).iterator(chunk_size=20000)
    entries = sorted(tuple(0 if v is None else v for v in row) for row in rows)
    priors = sorted(
        (p.scope, p.period, p.tag_id or 0, p.resolved, p.sum_brier, p.prior)
        for p in LeaderboardPrior.objects.all()
    )
    return entries + priors


def load() -> str:
    import os

    return f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1000, help=f"of {PER_CLAIM} predictions each")
    parser.add_argument("--repeats", type=int, default=100)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    teardown = setup_django()
    try:
        from django.db import connection

        if connection.vendor != "postgresql":
            print("this benchmark builds its data with PostgreSQL's generate_series")
            return 2
        import predictions.tasks as tasks
        from predictions.models import Claim, LeaderboardChange, LeaderboardEntry, Prediction
        from predictions.selectors.leaderboards import leaderboard, leaderboard_place
        from predictions.services import scores
        from predictions.services.resolution import claim_resolve

        started = time.perf_counter()
        build(args.people, args.claims)
        print(
            f"database: {connection.vendor}; {Prediction.objects.count():,} predictions by "
            f"{args.people:,} people in {args.claims:,} claims, "
            f"{Prediction.objects.scored().count():,} scored "
            f"(built in {time.perf_counter() - started:.0f} s)"
        )

        started = time.perf_counter()
        rows = scores.leaderboards_recompute()
        full = time.perf_counter() - started
        print(f"baseline, leaderboards_recompute(): {full:7.2f} s  ({rows:,} rows; {load()})")

        timings: dict[str, list] = {"update": [], "refresh": []}

        def timed(name, function):
            def run(**kwargs):
                begun = time.perf_counter()
                result = function(**kwargs)
                timings[name].append((time.perf_counter() - begun, result))
                return result

            return run

        real = tasks.leaderboards_update, tasks.leaderboards_refresh
        tasks.leaderboards_update = timed("update", scores.leaderboards_update)
        tasks.leaderboards_refresh = timed("refresh", scores.leaderboards_refresh)
        claim = Claim.objects.filter(state="open").order_by("pk").first()
        started = time.perf_counter()
        judgements = claim_resolve(
            claim=claim, state="occurred", on=datetime.date(2016, 1, 1), by=None
        )
        total = time.perf_counter() - started
        tasks.leaderboards_update, tasks.leaderboards_refresh = real
        ((seconds, written),) = timings["update"]
        refreshed = sum(t for t, _ in timings["refresh"])
        moved = sum(n for _, n in timings["refresh"])
        verdict = "ok" if seconds < TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS:.0f} s"
        print(
            f"claim_resolve of {len(judgements):,} predictions: {total:7.2f} s in all, of which "
            f"the boards' update after commit {seconds:.2f} s  {verdict}  ({full / seconds:.0f}x "
            f"faster than the recompute; {written:,} rows written; {load()})"
        )
        if timings["refresh"]:
            print(
                f"  then the queued refresh of the priors that moved past the tolerance: "
                f"{refreshed:.2f} s, {moved:,} adjusted scores rewritten"
            )
        else:
            print("  no board's mean moved past the tolerance: nothing else to refresh")
        assert not LeaderboardChange.objects.exists()
        # A second resolution, of the next open claim (not_occurred this time), on the
        # refreshed boards: the same update, timed again.
        tasks.leaderboards_update = timed("update", scores.leaderboards_update)
        tasks.leaderboards_refresh = timed("refresh", scores.leaderboards_refresh)
        again = Claim.objects.filter(state="open").order_by("pk").first()
        claim_resolve(claim=again, state="not_occurred", on=datetime.date(2016, 1, 1), by=None)
        tasks.leaderboards_update, tasks.leaderboards_refresh = real
        second, second_written = timings["update"][1]
        seconds = max(seconds, second)
        print(
            f"a second resolution: the boards' update {second:.2f} s ({second_written:,} rows); "
            f"refresh {sum(t for t, _ in timings['refresh']) - refreshed:.2f} s ({load()})"
        )
        time_read(None, 5)
        p50, p99 = time_read(None, args.repeats)
        read_ok = p99 < TARGET_MS
        print(
            f"top 50 of the person board afterwards: p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
            f"{'ok' if read_ok else f'SLOWER than {TARGET_MS:.0f} ms'} ({load()})"
        )
        board = leaderboard(scope="person")
        middle = board[board.count() // 2]
        samples = []
        for _ in range(20):
            begun = time.perf_counter()
            place = leaderboard_place(middle)
            samples.append((time.perf_counter() - begun) * 1000)
        samples.sort()
        print(
            f"rank of the person in the middle of the board (#{place:,}): "
            f"p50 {samples[len(samples) // 2]:.1f} ms  max {samples[-1]:.1f} ms"
        )
        same = True
        if args.check:
            incremental = snapshot()
            scores.leaderboards_recompute(keep_priors=True)
            kept = incremental == snapshot()
            scores.leaderboards_refresh(tolerance=0)
            refreshed_rows = snapshot()
            scores.leaderboards_recompute()
            fresh = refreshed_rows == snapshot()
            same = kept and fresh
            print(
                f"rebuild keeping the stored priors: {'the same' if kept else 'DIFFERENT'}; "
                f"after refreshing every prior, a plain rebuild: "
                f"{'the same' if fresh else 'DIFFERENT'} "
                f"({LeaderboardEntry.objects.count():,} rows)"
            )
        return 0 if seconds < TARGET_SECONDS and read_ok and same else 1
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
