"""Extract candidate predictions from stored articles (CONTRACT §3).

The pure extraction runs in ``--workers`` processes; each article's candidates are then saved in
one transaction in this process, so a failure leaves no article half-extracted. With ``--queue``
the articles go to the Celery workers instead, ``--batch-size`` per task (each article still in
its own transaction there), and the command returns at once.
"""

import sys
from concurrent.futures import ProcessPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError as KombuOperationalError
from tqdm import tqdm

from archive.errors import ArchiveError
from archive.models import Article
from predictions.selectors.extraction import article_parts
from predictions.services.extraction import (
    ExtractionResult,
    article_save_candidates,
    extract_parts,
)
from predictions.tasks import extract_articles

BATCH_SIZE = 20


class Command(BaseCommand):
    help = "Extract candidate predictions from articles not yet extracted, or all, or some."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="Re-extract every article.")
        group.add_argument(
            "--article", type=int, nargs="+", metavar="ID", help="These articles only."
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="Extraction processes (default 1)."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the articles to the Celery workers (CELERY_BROKER_URL) and return.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            metavar="N",
            help=f"With --queue: articles per task (default {BATCH_SIZE}).",
        )

    def handle(self, *args, **options):
        workers = options["workers"]
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        articles = Article.objects.order_by("pk")
        if options["article"]:
            wanted = set(options["article"])
            missing = wanted - set(articles.filter(pk__in=wanted).values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
            articles = articles.filter(pk__in=wanted)
        elif not options["all"]:
            articles = articles.not_extracted()
        ids = list(articles.values_list("pk", flat=True))
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["queue"]:
            if workers > 1:
                raise CommandError("--workers applies without --queue: workers run the queue")
            try:
                self.stdout.write(articles_enqueue(ids, batch_size=options["batch_size"]))
            except KombuOperationalError as error:
                raise CommandError(
                    f"cannot queue the articles: the broker refused: {error}"
                ) from None
            return
        total = ExtractionResult()
        failed = 0
        progress = tqdm(
            total=len(ids),
            unit="article",
            file=sys.stderr,
            disable=len(ids) < 20 or not sys.stderr.isatty(),
        )
        pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
        try:
            for chunk in _chunks(ids, 50):
                batch = [
                    (a, article_parts(a))
                    for a in Article.objects.with_relations().filter(pk__in=chunk)
                ]
                if pool is not None:
                    results = pool.map(extract_parts, [parts for _, parts in batch])
                else:
                    results = map(extract_parts, [parts for _, parts in batch])
                for (article, _), extracted in zip(batch, results, strict=True):
                    try:
                        total += article_save_candidates(article=article, extracted=extracted)
                    except ArchiveError as exc:
                        failed += 1
                        self.stderr.write(f"article {article.pk}: {exc}")
                    progress.update()
        finally:
            progress.close()
            if pool is not None:
                pool.shutdown()
        self.stdout.write(
            f"Extracted {len(ids) - failed} articles: {total.created} candidates created, "
            f"{total.replaced} unreviewed candidates replaced, {total.kept} reviewed predictions kept."
        )
        if failed:
            raise CommandError(f"{failed} articles failed")


def articles_enqueue(ids: list[int], *, batch_size: int = BATCH_SIZE) -> str:
    """One extraction task per ``batch_size`` articles; in-process when no broker is configured."""
    batches = list(_chunks(ids, batch_size))
    progress = tqdm(batches, unit="task", file=sys.stderr, disable=not sys.stderr.isatty())
    results = [extract_articles.delay(batch) for batch in progress]
    if not extract_articles.app.conf.task_always_eager:
        return f"Queued {len(ids)} articles for extraction in {len(batches)} tasks."
    failed = sum(len(batch) for batch, r in zip(batches, results, strict=True) if r.failed())
    failed += sum(r.result["skipped"] for r in results if not r.failed())
    if failed:
        raise CommandError(f"{failed} articles failed (the log above says why)")
    return f"Extracted {len(ids)} articles in this process (no CELERY_BROKER_URL set)."


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]
