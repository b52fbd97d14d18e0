"""Queued work of the predictions app, run by ``celery -A config worker`` (or in-process).

- ``extract_article``: one article's candidates;
- ``extract_articles``: a batch of articles, each in its own transaction
  (``extract_predictions --queue`` sends ``--batch-size`` articles per task);
- ``import_and_extract_documents``: one batch of documents, each imported and extracted in one
  transaction (``import_documents --extract --queue``);
- ``recompute_leaderboards``: the board rows a resolution touched, after it commits.

Every task may run twice or be killed midway: each write is one transaction of a service that is
idempotent (extraction replaces only untouched candidates, an imported document is found again as
a duplicate, a recompute rewrites the boards whole). A task that fails on its input is logged and
dropped; only a lost database connection is retried, and only a few times. The leaderboards are
the exception: the resolution that asked for them is committed whatever happens, so their task
keeps trying for a while, since stale boards would otherwise stay stale until the next one.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from celery import shared_task
from django.db import connection, transaction

from archive.errors import ArchiveError
from archive.models import Article
from archive.tasks import RETRY, documents_import_each
from predictions.services.extraction import (
    ExtractionResult,
    article_extract,
    document_import_extract,
)
from predictions.services.scores import leaderboards_recompute, leaderboards_update

logger = logging.getLogger(__name__)

LEADERBOARD_RETRY = {
    "autoretry_for": (Exception,),
    "max_retries": 8,
    "retry_backoff": 10,
    "retry_backoff_max": 600,
}


@shared_task(name="predictions.extract_article", **RETRY)
def extract_article(article_id: int) -> dict | None:
    """Extract one article's candidates; an article gone or refused is logged and skipped."""
    article = Article.objects.with_relations().filter(pk=article_id).first()
    if article is None:
        logger.warning("article %s: not in the archive (deleted?); nothing extracted", article_id)
        return None
    result = _extract_one(article)
    return None if result is None else asdict(result)


@shared_task(name="predictions.extract_articles", **RETRY)
def extract_articles(article_ids: list[int]) -> dict:
    """Extract a batch of articles, each in its own transaction, read in one query.

    One message per batch instead of per article saves the broker's round trip and the worker's
    bookkeeping around each task. An article gone or refused is logged and skipped; the others
    are still extracted. Run twice (a redelivery after a killed worker), the batch gives the same
    candidates: each article's extraction replaces only its untouched candidates.
    """
    articles = {a.pk: a for a in Article.objects.with_relations().filter(pk__in=article_ids)}
    total = ExtractionResult()
    extracted = skipped = 0
    for article_id in article_ids:
        article = articles.get(article_id)
        if article is None:
            logger.warning(
                "article %s: not in the archive (deleted?); nothing extracted", article_id
            )
            skipped += 1
            continue
        result = _extract_one(article)
        if result is None:
            skipped += 1
            continue
        total += result
        extracted += 1
    return {"extracted": extracted, "skipped": skipped, **asdict(total)}


def _extract_one(article: Article) -> ExtractionResult | None:
    try:
        with transaction.atomic():
            _commit_without_waiting_for_the_disk()
            return article_extract(article=article)
    except ArchiveError as error:
        logger.error("article %s: %s", article.pk, error.message)
        return None


def _commit_without_waiting_for_the_disk() -> None:
    """Let this transaction's commit return before PostgreSQL has flushed it to disk.

    An extraction lost in a database crash is only an article still to extract, and
    ``extract_predictions`` (without ``--all``) queues exactly those; nothing is ever half-written.
    Not waiting for the flush saves about a quarter of each task's time on a busy disk.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@shared_task(name="predictions.import_and_extract_documents", **RETRY)
def import_and_extract_documents(payloads: list[dict]) -> dict:
    """``archive.import_documents``, extracting each new article in its import's transaction."""
    return documents_import_each(payloads, store=document_import_extract).as_dict()


@shared_task(name="predictions.recompute_leaderboards", **LEADERBOARD_RETRY)
def recompute_leaderboards(touched: dict | None = None) -> int:
    """Update the board rows ``touched`` names (``Touched.as_kwargs()``), or rebuild them all.

    Retried on failure; the change that asked for it stays committed whatever happens here.
    """
    try:
        if touched is None:
            return leaderboards_recompute()
        return leaderboards_update(**touched)
    except Exception:
        logger.exception("leaderboard recompute failed; the stored boards are stale until it runs")
        raise
