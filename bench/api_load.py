"""Load test of the REST API on loopback, beside a bare Django view serving the same rows.

    .venv/bin/python bench/api_load.py [--predictions 5000] [--people 500] [--requests 400] [--threads 4]

Builds a throw-away SQLite archive (or uses ``--database-url`` for a scratch PostgreSQL database:
its tables are emptied and filled), seeds it, and serves the project's WSGI application from a
child process on 127.0.0.1 with a threaded wsgiref server. The parent drives, in one run:

* ``/api/predictions/`` (cursor page of 100, every relation embedded) and
  ``/api/leaderboards/people/`` (page of 50 stored rows);
* the anchors: plain Django views answering ``JsonResponse`` from ``values()`` over the same rows,
  with no serializer, filter, pagination, authentication or throttling.

It prints requests/s and p50/p99 latency for each and the API's share of its anchor's
throughput (goal: at least 0.5). Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREDICTION_PAGE = 100
BOARD_PAGE = 50


# The URLconf the server runs: the project's URLs plus the two anchors.
def _anchor_predictions(_request):
    from django.http import JsonResponse

    from predictions.api.rows import COLUMNS
    from predictions.models import Prediction

    # The very columns the API list reads, with no serializer, filters or pagination.
    rows = Prediction.objects.order_by("-made_at", "-id").values(*COLUMNS)[:PREDICTION_PAGE]
    return JsonResponse({"results": list(rows)})


def _anchor_board(_request):
    from django.http import JsonResponse

    from predictions.models import LeaderboardEntry

    rows = (
        LeaderboardEntry.objects.filter(
            scope="person", period="all", tag__isnull=True, resolved__gte=5
        )
        .order_by("adjusted_brier", "-resolved", "name", "person_id")
        .values(
            "name",
            "person__slug",
            "person__name",
            "person__kind",
            "resolved",
            "correct",
            "pending",
            "brier",
            "log_score",
            "brier_low",
            "brier_high",
            "adjusted_brier",
            "calibration",
            "period",
            "computed_at",
        )[:BOARD_PAGE]
    )
    return JsonResponse({"results": list(rows)})


def _urlpatterns():
    from django.urls import include, path

    return [
        path("anchor/predictions/", _anchor_predictions),
        path("anchor/leaderboard/", _anchor_board),
        path("", include("config.urls")),
    ]


urlpatterns: list = []


def configure(database_url: str | None, var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ARCHIVE_ALLOW_DEV_SECRET"] = "1"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["ARCHIVE_VAR_DIR"] = var_dir
    os.environ["API_ANON_RATE"] = "10000000/minute"
    os.environ["API_USER_RATE"] = "10000000/minute"
    os.environ["LOG_LEVEL"] = "ERROR"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    globals()["urlpatterns"] = _urlpatterns()


def seed(*, predictions: int, people: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from archive.models import Article, Outlet, Person
    from predictions.models import Claim, LeaderboardEntry, Prediction, Tag

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        for model in (LeaderboardEntry, Prediction, Claim, Tag, Article, Person, Outlet):
            model.objects.all().delete()
        outlets = Outlet.objects.bulk_create(
            Outlet(name=f"Bench outlet {i}", slug=f"bench-outlet-{i}") for i in range(20)
        )
        persons = Person.objects.bulk_create(
            Person(name=f"Bench person {i}", slug=f"bench-person-{i}") for i in range(people)
        )
        start = datetime.datetime(2012, 1, 1, tzinfo=datetime.UTC)
        body = "The committee will publish its report before the autumn recess. Few expect delays."
        quote = body.split(". ")[0] + "."
        article_count = max(1, predictions // 5)
        articles = Article.objects.bulk_create(
            Article(
                outlet=outlets[i % len(outlets)],
                url=f"https://bench.example.org/{i}",
                title=f"Bench article {i}",
                published_at=start + datetime.timedelta(hours=7 * i),
                body=body,
                content_hash=f"{i:064x}",
            )
            for i in range(article_count)
        )
        claims = Claim.objects.bulk_create(
            Claim(text=f"Bench outcome {i} happens") for i in range(max(1, predictions // 10))
        )
        tags = Tag.objects.bulk_create(
            Tag(name=f"bench tag {i}", slug=f"bench-tag-{i}") for i in range(5)
        )
        Claim.tags.through.objects.bulk_create(
            Claim.tags.through(claim=claim, tag=tags[i % len(tags)])
            for i, claim in enumerate(claims)
        )
        rows = []
        for i in range(predictions):
            article = articles[i % article_count]
            p = 0.05 + 0.9 * ((i * 37) % 100) / 100
            judged = i % 3 == 0
            outcome = ("yes" if i % 2 else "no") if judged else None
            rows.append(
                Prediction(
                    article=article,
                    quote=quote,
                    start=0,
                    end=len(quote),
                    speaker=persons[i % people],
                    speaker_name=persons[i % people].name,
                    claim=claims[i % len(claims)],
                    claim_text=claims[i % len(claims)].text,
                    probability=p,
                    made_at=article.published_at,
                    deadline=datetime.date(2013, 1, 1) + datetime.timedelta(days=i % 700),
                    deadline_kind="date",
                    status="accepted",
                    outcome=outcome,
                    judged_at=start if judged else None,
                    brier=(p - (outcome == "yes")) ** 2 if judged else None,
                    log_score=-0.5 if judged else None,
                )
            )
        Prediction.objects.bulk_create(rows, batch_size=1000)
        LeaderboardEntry.objects.bulk_create(
            LeaderboardEntry(
                scope="person",
                person=person,
                name=person.name,
                resolved=10 + i % 40,
                brier=0.1 + (i % 50) / 200,
                log_score=-0.5,
                adjusted_brier=0.1 + i / (10 * people),
                calibration=[
                    {
                        "low": b / 10,
                        "high": (b + 1) / 10,
                        "count": 3,
                        "mean_probability": b / 10 + 0.05,
                        "observed_frequency": 0.5,
                    }
                    for b in range(10)
                ],
            )
            for i, person in enumerate(persons)
        )


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128


def serve(port_queue, database_url: str | None, var_dir: str) -> None:
    configure(database_url, var_dir)
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        0,
        get_wsgi_application(),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    port_queue.put(server.server_address[1])
    server.serve_forever()


def drive(port: int, path: str, *, requests: int, threads: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = requests // threads

    def worker() -> None:
        nonlocal errors
        mine = []
        bad = 0
        for _ in range(per_thread):
            began = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
            connection.close()
            mine.append(time.perf_counter() - began)
            bad += response.status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    for _ in range(10):  # warm up: imports, URL resolver, first connections
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--predictions", type=int, default=5000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--database-url", help="a scratch PostgreSQL database (its rows are replaced)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="api-load-") as var_dir:
        configure(args.database_url, var_dir)
        from django.db import connections

        began = time.perf_counter()
        seed(predictions=args.predictions, people=args.people)
        connections.close_all()
        vendor = connections["default"].vendor
        print(
            f"seeded {args.predictions} predictions, {args.people} leaderboard rows on {vendor} "
            f"in {time.perf_counter() - began:.1f}s; {args.requests} requests per endpoint, "
            f"{args.threads} client threads"
        )

        context = multiprocessing.get_context("fork")
        ports = context.Queue()
        server = context.Process(
            target=serve, args=(ports, args.database_url, var_dir), daemon=True
        )
        server.start()
        try:
            port = ports.get(timeout=60)
            pairs = [
                ("predictions", "/api/predictions/", "/anchor/predictions/"),
                ("leaderboard", "/api/leaderboards/people/", "/anchor/leaderboard/"),
            ]
            print(f"{'endpoint':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
            for name, api_path, anchor_path in pairs:
                api = drive(port, api_path, requests=args.requests, threads=args.threads)
                anchor = drive(port, anchor_path, requests=args.requests, threads=args.threads)
                for label, row in ((api_path, api), (f"{anchor_path} (anchor)", anchor)):
                    print(
                        f"{label:<34}{row['rps']:>9.1f}{row['p50']:>9.1f}{row['p99']:>9.1f}{row['errors']:>8}"
                    )
                print(
                    f"{name}: API throughput / anchor = {api['rps'] / anchor['rps']:.2f} (goal >= 0.5)"
                )
        finally:
            server.terminate()
            server.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
