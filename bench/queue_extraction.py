"""Extraction of the BBC corpus through the Celery queue, with one worker process and with two.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_bench python bench/queue_extraction.py
    python bench/queue_extraction.py --limit 500 --workers 1 2 4 --batch-sizes 1 20

Imports the 2,225 BBC articles (``../shared/corpus/bbc``: title line, then the body) as documents
into a scratch database (a temporary SQLite file, or a ``test_`` database beside the one
``DATABASE_URL`` names, dropped afterwards). Then, for each count of workers, it clears every
extraction, starts that many ``celery -A config worker --concurrency 1`` processes on the broker
(``CELERY_BROKER_URL``, default the local RabbitMQ) and a queue of this run's own, waits until
they answer, queues the articles as ``extract_predictions --queue`` does (``--batch-size``
articles per ``predictions.extract_articles`` task; a batch size of 1 queues one
``predictions.extract_article`` task per article) and times until every article is extracted.

The baseline, in the same run: ``extract_predictions --all`` in this one process, no queue.
Figures are articles per second, wall clock; the speed-up is against one worker.
"""

import argparse
import datetime
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.scratch import setup_django  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
BROKER = os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//"
READY_SECONDS = 180


def import_corpus(limit: int | None) -> int:
    from archive.importers.documents import parse_document
    from archive.services.documents import document_import

    paths = sorted((CORPUS / "bbc").glob("*/*.txt"))[:limit]
    for n, path in enumerate(paths):
        title, _, body = path.read_bytes().decode("utf-8", errors="replace").partition("\n")
        document = parse_document(
            {
                "title": title.strip() or path.stem,
                "body": body,
                # The files carry no dates; all of them are from 2004-05.
                "published": (datetime.date(2004, 6, 1) + datetime.timedelta(days=n % 300)),
                "outlet": "BBC News",
                "url": f"https://bbc.example/{path.parent.name}/{path.stem}",
            }
        )
        document_import(document=document)
    return len(paths)


def clear_extraction() -> None:
    from archive.models import Article
    from predictions.models import Prediction

    Prediction.objects.all().delete()
    Article.objects.update(extracted_at=None)


def database_env() -> dict:
    from django.db import connection

    env = dict(os.environ, CELERY_BROKER_URL=BROKER, DJANGO_SETTINGS_MODULE="config.settings")
    env.setdefault("ARCHIVE_ALLOW_DEV_SECRET", "1")
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    return env


def children_cpu() -> float:
    """CPU seconds of the child processes waited for so far (workers and their pools)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def through_queue(
    ids: list[int], workers: int, env: dict, batch_size: int
) -> tuple[float, float, int]:
    """Seconds from queueing the first article to the last one extracted, seconds spent inside
    the tasks (summed over the workers, from their logs), and the candidates stored."""
    from archive.models import Article
    from config.celery import app
    from predictions.models import Prediction
    from predictions.tasks import extract_article, extract_articles

    queue = f"bench-{uuid.uuid4().hex[:10]}"
    env = dict(env, CELERY_TASK_DEFAULT_QUEUE=queue)
    names = [f"{queue}-{i}@bench" for i in range(workers)]
    folder = Path(tempfile.mkdtemp(prefix="archive-bench-workers-"))
    logs = [folder / f"worker-{i}.log" for i in range(workers)]
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", queue]
    command += ["--concurrency", "1", "--without-gossip", "--without-mingle", "-l", "INFO"]
    processes = [
        subprocess.Popen(
            [*command, "--hostname", name, "--logfile", str(log)],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name, log in zip(names, logs, strict=True)
    ]
    app.conf.update(task_always_eager=False, broker_url=BROKER, task_default_queue=queue)
    try:
        deadline = time.monotonic() + READY_SECONDS
        while len(app.control.ping(destination=names, timeout=1.0)) < workers:
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                raise SystemExit(f"the {workers} workers did not start")
        started = time.perf_counter()
        if batch_size == 1:
            for pk in ids:
                extract_article.apply_async((pk,), queue=queue)
        else:
            for i in range(0, len(ids), batch_size):
                extract_articles.apply_async((ids[i : i + batch_size],), queue=queue)
        while Article.objects.not_extracted().exists():
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        candidates = Prediction.objects.count()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
    inside = 0.0
    for log in logs:
        inside += sum(float(m) for m in re.findall(r"succeeded in ([0-9.]+)s", log.read_text()))
    shutil.rmtree(folder)
    return seconds, inside, candidates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--batch-sizes",
        type=int,
        nargs="+",
        default=None,
        help="articles per task, each measured (default: extract_predictions' own batch size)",
    )
    args = parser.parse_args(argv)
    drop = setup_django()
    try:
        from django.core.management import call_command
        from django.db import connection

        from archive.models import Article

        started = time.perf_counter()
        import_corpus(args.limit)
        count = Article.objects.count()  # the corpus repeats some articles word for word
        print(
            f"{connection.vendor}: imported {count} articles in {time.perf_counter() - started:.0f} s"
        )
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))

        clear_extraction()
        out = io.StringIO()
        started, cpu = time.perf_counter(), time.process_time()
        call_command("extract_predictions", "--all", stdout=out)
        baseline, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"in this process, no queue: {count / baseline:6.1f} articles/s ({baseline:.1f} s; "
            f"per article {1000 * cpu / count:.0f} ms CPU)"
        )
        print(f"  {out.getvalue().strip()}")

        from predictions.management.commands.extract_predictions import BATCH_SIZE

        env = database_env()
        for batch_size in args.batch_sizes or [BATCH_SIZE]:
            rates = {}
            for workers in args.workers:
                clear_extraction()
                cpu = children_cpu()
                seconds, inside, candidates = through_queue(ids, workers, env, batch_size)
                cpu = children_cpu() - cpu
                rates[workers] = count / seconds
                print(
                    f"queue, {batch_size} per task, {workers} worker process"
                    f"{'es' if workers > 1 else ''}: "
                    f"{rates[workers]:6.1f} articles/s ({seconds:.1f} s, {candidates} candidates; "
                    f"per article {1000 * inside / count:.0f} ms inside the tasks, "
                    f"{1000 * cpu / count:.0f} ms CPU in the workers)"
                )
            one = rates.get(1)
            for workers, rate in rates.items():
                if one and workers != 1:
                    print(f"  speed-up with {workers} workers: {rate / one:.2f}x over one worker")
            if one:
                print(f"  one worker against the in-process run: {one * baseline / count:.2f}x")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        connection.close()
        drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
