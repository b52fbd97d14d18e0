"""Queued import: batches of parsed documents stored by Celery workers (``import_documents --queue``).

The command reads and parses the files itself, so a worker on another machine needs no access to
them: each message carries its documents as JSON (``document_payload``). A worker stores the
batch as ``import_documents`` does in its own process (``documents_import``: one transaction for
the batch, and each document on its own should the batch fail), so a batch delivered twice (its
worker was killed before acknowledging it) only finds its finished documents again as
duplicates. A document that fails is logged and skipped; only a lost database connection makes
the batch retry, a bounded number of times.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from celery import shared_task
from django.db import InterfaceError, OperationalError

from archive.errors import ArchiveError
from archive.importers.documents import CommentData, DocumentData
from archive.importers.results import ReadResult
from archive.services.documents import ImportOutcome, documents_import

logger = logging.getLogger(__name__)

# A message stays well under RabbitMQ's size limit, and a batch is small enough to spread a
# file of thousands of documents over every worker.
BATCH_DOCUMENTS = 50
BATCH_CHARACTERS = 4_000_000
# Database errors worth another try: the connection dropped, the server restarted.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
RETRY = {"autoretry_for": TRANSIENT_ERRORS, "max_retries": 3, "retry_backoff": 5}


def document_payload(document: DocumentData, *, where: str = "") -> dict:
    """``document`` as JSON-safe data that ``document_from_payload`` turns back into it."""
    return {
        "where": where,
        "title": document.title,
        "body": document.body,
        "published": document.published.isoformat(),
        "url": document.url,
        "outlet": document.outlet,
        "authors": list(document.authors),
        "language": document.language,
        "comments": [
            [c.author, c.posted.isoformat() if c.posted else None, c.body, c.parent]
            for c in document.comments
        ],
        "metadata": document.metadata,
        "source_format": document.source_format,
    }


def document_from_payload(payload: dict) -> DocumentData:
    return DocumentData(
        title=payload["title"],
        body=payload["body"],
        published=datetime.datetime.fromisoformat(payload["published"]),
        url=payload["url"],
        outlet=payload["outlet"],
        authors=tuple(payload["authors"]),
        language=payload["language"],
        comments=tuple(
            CommentData(
                author=author,
                posted=datetime.datetime.fromisoformat(posted) if posted else None,
                body=body,
                parent=parent,
            )
            for author, posted, body, parent in payload["comments"]
        ),
        metadata=payload["metadata"],
        source_format=payload["source_format"],
    )


@dataclass
class BatchReport:
    imported: list[int] = field(default_factory=list)
    duplicates: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return {"imported": self.imported, "duplicates": self.duplicates, "failed": self.failed}


def documents_import_each(payloads: Iterable[dict], *, store: Callable) -> BatchReport:
    """Store each document with ``store(document=...)``; log and skip the ones that fail."""
    report = BatchReport()
    for payload in payloads:
        try:
            outcome = store(document=document_from_payload(payload))
        except TRANSIENT_ERRORS:
            raise
        except Exception as error:  # noqa: BLE001 - one document must not fail the batch
            _count(report, payload, error)
            continue
        _count(report, payload, outcome)
    return report


def documents_import_batch(payloads: list[dict]) -> BatchReport:
    """Store the batch in one transaction (``documents_import``); log and skip what fails.

    A lost connection is raised, so that the task retries the batch: what committed is then
    found again as duplicates.
    """
    report = BatchReport()
    documents = []
    readable = []
    for payload in payloads:
        try:
            documents.append(document_from_payload(payload))
        except (KeyError, TypeError, ValueError) as error:
            _count(report, payload, ArchiveError(f"not a document payload: {error}"))
            continue
        readable.append(payload)
    results = documents_import(documents=documents) if documents else []
    transient = [r for r in results if isinstance(r, TRANSIENT_ERRORS)]
    if transient:
        raise transient[0]
    for payload, result in zip(readable, results, strict=True):
        _count(report, payload, result)
    return report


def _count(report: BatchReport, payload: dict, result: ImportOutcome | Exception) -> None:
    where = payload.get("where") or str(payload.get("title", ""))[:80]
    if isinstance(result, ArchiveError):
        report.failed += 1
        logger.error("%s: %s", where, result.message)
    elif isinstance(result, Exception):
        report.failed += 1
        logger.error(
            "%s: not imported: %s: %s", where, type(result).__name__, result, exc_info=result
        )
    elif result.created:
        report.imported.append(result.article.pk)
    else:
        report.duplicates += 1


@shared_task(name="archive.import_documents", **RETRY)
def import_documents_batch(payloads: list[dict]) -> dict:
    """Import one batch of documents; answer the new articles' ids and the other counts."""
    return documents_import_batch(payloads).as_dict()


@dataclass
class QueueReport:
    documents: int = 0
    batches: int = 0
    unreadable: list[str] = field(default_factory=list)
    # Filled only when the batches ran in this process (no broker): what they did.
    done: BatchReport | None = None


def documents_enqueue(results: Iterable[ReadResult], *, task) -> QueueReport:
    """Send the readable documents of ``results`` to ``task`` in batches; list the unreadable."""
    report = QueueReport()
    eager = task.app.conf.task_always_eager
    if eager:
        report.done = BatchReport()
    for batch in _batches(results, report):
        sent = task.delay(batch)
        report.batches += 1
        report.documents += len(batch)
        if eager:
            done = sent.get()
            report.done.imported += done["imported"]
            report.done.duplicates += done["duplicates"]
            report.done.failed += done["failed"]
    return report


def _batches(results: Iterable[ReadResult], report: QueueReport) -> Iterator[list[dict]]:
    batch: list[dict] = []
    size = 0
    for result in results:
        if result.document is None:
            report.unreadable.append(result.describe())
            continue
        where = f"{result.source}: {result.position}" if result.position else result.source
        payload = document_payload(result.document, where=where)
        batch.append(payload)
        size += len(payload["body"]) + sum(len(c[2]) for c in payload["comments"])
        if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
