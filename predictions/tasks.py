"""Queued work of the predictions app, run by ``celery -A config worker`` (or in-process).

- ``extract_article``: one article's candidates;
- ``extract_articles``: a batch of articles, each in its own transaction
  (``extract_predictions --queue`` sends ``--batch-size`` articles per task);
- ``import_and_extract_documents``: one batch of documents, each imported and extracted in one
  transaction (``import_documents --extract --queue``);
- ``recompute_leaderboards``: the board rows a resolution touched, after it commits;
- ``refresh_leaderboard_priors``: the boards whose mean moved from their stored prior.

Every task may run twice or be killed midway: each write is one transaction of a service that is
idempotent (extraction replaces only untouched candidates, an imported document is found again as
a duplicate, a board update deletes the changes it adds in the same transaction). A task that fails on its input is logged and
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
from predictions.services.board_priors import priors_drifted
from predictions.services.extraction import (
    ExtractionResult,
    article_extract,
    document_import_extract,
)
from predictions.services.scores import (
    leaderboards_recompute,
    leaderboards_refresh,
    leaderboards_update,
)

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
def recompute_leaderboards(rebuild: bool = False) -> int:
    """Add the waiting board changes to their rows (or ``rebuild`` every row); then queue the
    refresh of any board whose mean moved past the tolerance from its prior.

    Retried on failure; the change that asked for it stays committed whatever happens here, and
    its difference waits in the table until an update adds it.
    """
    try:
        written = leaderboards_recompute() if rebuild else leaderboards_update()
    except Exception:
        logger.exception("leaderboard update failed; the stored boards are stale until it runs")
        raise
    if priors_drifted():
        refresh_leaderboard_priors.delay()
    return written


@shared_task(name="predictions.refresh_leaderboard_priors", **LEADERBOARD_RETRY)
def refresh_leaderboard_priors() -> int:
    """Refresh the priors that moved past ``ARCHIVE_PRIOR_TOLERANCE`` (idempotent)."""
    try:
        return leaderboards_refresh()
    except Exception:
        logger.exception("leaderboard prior refresh failed; it is retried")
        raise
