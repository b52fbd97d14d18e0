"""Resolve one claim with 10,000 accepted predictions; compare with a naive per-row loop.

    python bench/resolve_claim.py                    # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/resolve_claim.py
    python bench/resolve_claim.py --predictions 20000 --distinct-probabilities 10000

Runs on a scratch database (a temporary SQLite file, or a ``test_`` database created beside
the one ``DATABASE_URL`` names and dropped afterwards). It times ``claim_resolve`` (everything
inside its transaction, the commit included; the leaderboard recomputation that follows the
commit is left out, it is measured by its own benchmark), then resolves a second, identical
claim the naive way: one ``Judgement.objects.create`` and one ``save()`` per prediction.
"""

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.scratch import setup_django  # noqa: E402

TARGET_SECONDS = 1.0


def make_claim(n: int, distinct: int, article, rng: random.Random):
    from django.utils import timezone

    from predictions.models import Claim, Prediction

    claim = Claim.objects.create(text=f"Benchmark outcome {Claim.objects.count()} happens")
    if distinct <= 20:
        values = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95][:distinct]
    else:
        values = [round(rng.uniform(0.01, 0.99), 6) for _ in range(distinct)]
    made = timezone.now() - datetime.timedelta(days=900)
    quote = article.body.split(".")[0] + "."
    rows = [
        Prediction(
            article=article,
            quote=quote,
            start=0,
            end=len(quote),
            speaker_name=f"Speaker {i}",
            claim=claim,
            claim_text=claim.text,
            probability=rng.choice(values),
            polarity=rng.choice(["positive", "negative"]),
            made_at=made,
            deadline=rng.choice([None, datetime.date(2014, 1, 1), datetime.date(2016, 1, 1)]),
            status="accepted",
        )
        for i in range(n)
    ]
    Prediction.objects.bulk_create(rows, batch_size=2000)
    return claim


def resolve_naively(claim, on):
    """The obvious loop: one INSERT and one UPDATE per prediction (the baseline)."""
    from django.db import transaction
    from django.utils import timezone

    from predictions import judging
    from predictions.models import Judgement
    from predictions.scoring import brier, log_score

    with transaction.atomic():
        claim.state, claim.resolved_on = "occurred", on
        claim.save()
        for prediction in claim.predictions.filter(status="accepted"):
            outcome = judging.outcome_for(state="occurred", on=on, deadline=prediction.deadline)
            Judgement.objects.create(prediction=prediction, outcome=outcome)
            prediction.outcome = outcome
            prediction.judged_at = timezone.now()
            prediction.brier = brier(prediction.probability, outcome == "yes")
            prediction.log_score = log_score(prediction.probability, outcome == "yes")
            prediction.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predictions", type=int, default=10_000)
    parser.add_argument(
        "--distinct-probabilities",
        type=int,
        default=12,
        help="how many different probabilities the predictions use (hedge words give ~12)",
    )
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    teardown = setup_django()
    try:
        from django.db import connection

        import predictions.services.resolution as resolution
        from archive.models import Article, Outlet
        from predictions.models import Judgement

        # The board recomputation after commit has its own benchmark.
        resolution._recompute_after_commit = lambda _judgements: None
        rng = random.Random(7)
        outlet = Outlet.objects.create(name="Bench Outlet", slug="bench-outlet")
        article = Article.objects.create(
            outlet=outlet,
            title="Bench",
            body="The committee will approve the plan by spring. Nothing else is said.",
            published_at=datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC),
            content_hash="0" * 64,
        )
        on = datetime.date(2015, 6, 1)
        n = args.predictions
        print(
            f"database: {connection.vendor}; {n} accepted predictions,"
            f" {args.distinct_probabilities} distinct probabilities"
        )

        claim = make_claim(n, args.distinct_probabilities, article, rng)
        started = time.perf_counter()
        judgements = resolution.claim_resolve(claim=claim, state="occurred", on=on, by=None)
        fast = time.perf_counter() - started
        assert len(judgements) == n, len(judgements)
        verdict = "ok" if fast < TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS:.0f} s"
        print(f"claim_resolve:        {fast:7.3f} s  ({n / fast:,.0f} predictions/s)  {verdict}")

        started = time.perf_counter()
        resolution.claim_unresolve(claim=claim, by=None)
        print(f"claim_unresolve:      {time.perf_counter() - started:7.3f} s")

        if not args.no_baseline:
            baseline_claim = make_claim(n, args.distinct_probabilities, article, rng)
            started = time.perf_counter()
            resolve_naively(baseline_claim, on)
            slow = time.perf_counter() - started
            print(f"naive per-row loop:   {slow:7.3f} s  ({slow / fast:.0f}x slower)")
        print(f"judgements written: {Judgement.objects.count()}")
        return 0 if fast < TARGET_SECONDS else 1
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
