"""The archive's write path: store a parsed document as an article with its people and comments.

``document_import`` is the only way documents enter the archive; the admin, the API, the
``import_documents`` command and the tests all call it (extraction, when asked for, wraps it).
It is atomic per document and idempotent: a document whose URL or content hash is already stored
is reported as a duplicate and nothing is written, even when two imports of the same document
race each other. Files are imported in batches (``documents_import``): one transaction per batch,
and one transaction per document only for a batch in which something failed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.errors import ArchiveError, DocumentError
from archive.importers.documents import Defaults, DocumentData, content_hash
from archive.importers.readers import ReadResult, read_path_or_error
from archive.models import Article, Comment, Outlet, Person
from archive.permissions import Actor, permission_require
from archive.selectors import article_find_duplicate
from archive.services.articles import article_new
from archive.services.document_batches import PendingDocument, batch_store
from archive.services.people import (
    checked_fields,
    outlet_get_or_create,
    people_get_or_create,
    update_fields,
)

DEFAULT_BATCH_SIZE = 250
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportOutcome:
    article: Article
    created: bool


@dataclass(frozen=True)
class FileImportReport:
    """One document of a file: imported (``outcome``), or not, with ``read.describe()`` saying why."""

    read: ReadResult
    outcome: ImportOutcome | None

    @property
    def failed(self) -> bool:
        return self.outcome is None


def document_file_import(
    *,
    path: Path,
    defaults: Defaults,
    by: Actor = None,
    import_one: Callable[..., ImportOutcome] | None = None,
) -> Iterator[FileImportReport]:
    """Import each document of one file on its own: a bad one is reported, the others import.

    Documents are read as they are needed and stored in batches (``documents_import``), so
    that a file of any size is imported in bounded memory. ``import_one(document=..., by=...)``
    stores one document instead; a caller that does more per document (extraction) passes its
    own, still atomic per document.
    """
    results = read_path_or_error(path, defaults=defaults)
    if import_one is not None:
        for result in results:
            outcome = _store_one(result, import_one, by=by) if result.document else None
            yield FileImportReport(read=result, outcome=outcome)
        return
    size = getattr(settings, "ARCHIVE_IMPORT_BATCH_SIZE", DEFAULT_BATCH_SIZE)
    for batch in _batches(results, size):
        readable = [result for result in batch if result.document is not None]
        stored = documents_import(documents=[r.document for r in readable], by=by)  # type: ignore[misc]
        outcomes = dict(zip(map(id, readable), stored, strict=True))
        for result in batch:
            got = outcomes.get(id(result))
            if isinstance(got, Exception):
                result.error = _message(got)
                got = None
            yield FileImportReport(read=result, outcome=got)


def documents_import(
    *, documents: Sequence[DocumentData], by: Actor = None
) -> list[ImportOutcome | Exception]:
    """Store ``documents`` in one transaction; one result per document, in order.

    A result is an ``ImportOutcome`` or the exception that kept that document out
    (``ArchiveError`` for a bad document). A document already archived, or repeated within the
    batch, is a duplicate and writes nothing. If anything fails, the batch is undone and every
    document is imported again on its own, each with its own outcome or error.
    """
    results: list[ImportOutcome | Exception | None] = [None] * len(documents)
    pending: dict[int, PendingDocument] = {}
    for index, document in enumerate(documents):
        try:
            name = document_outlet_name(document)
        except ArchiveError as error:
            results[index] = error
            continue
        pending[index] = PendingDocument(
            document, content_hash(document), name, document_outlet_kind(document, name)
        )
    try:
        with transaction.atomic():
            stored = batch_store(pending, by=by)
    except Exception as error:  # noqa: BLE001 - every document is tried again on its own
        logger.info("batch of %d documents failed (%s); importing one by one", len(pending), error)
        for index, item in pending.items():
            try:
                results[index] = document_import(document=item.document, by=by)
            except Exception as failure:  # noqa: BLE001 - reported for this document only
                results[index] = failure
    else:
        for index, (article, created) in stored.items():
            results[index] = ImportOutcome(article=article, created=created)
    return [result for result in results if result is not None]


def _store_one(result: ReadResult, import_one, *, by: Actor) -> ImportOutcome | None:
    try:
        return import_one(document=result.document, by=by)
    except Exception as error:  # noqa: BLE001 - reported per document, never a traceback
        result.error = _message(error)
        return None


def _message(error: Exception) -> str:
    if isinstance(error, ArchiveError):
        return error.message
    return f"not imported: {type(error).__name__}: {error}"


def _batches(results: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    iterator = iter(results)
    while batch := list(itertools.islice(iterator, max(1, size))):
        yield batch


@transaction.atomic
def document_import(*, document: DocumentData, by: Actor = None) -> ImportOutcome:
    """Store ``document`` unless its URL or content is already archived."""
    digest = content_hash(document)
    existing = article_find_duplicate(url=document.url, digest=digest)
    if existing is not None:
        return ImportOutcome(article=existing, created=False)
    try:
        # A savepoint: if a concurrent import stored the same article first, the unique URL or
        # hash refuses ours and everything this import wrote (outlet, people) is undone with it.
        with transaction.atomic():
            article = article_store(document=document, digest=digest, by=by)
    except IntegrityError:
        existing = article_find_duplicate(url=document.url, digest=digest)
        if existing is None:
            raise
        return ImportOutcome(article=existing, created=False)
    return ImportOutcome(article=article, created=True)


def article_store(*, document: DocumentData, digest: str, by: Actor = None) -> Article:
    name = document_outlet_name(document)
    outlet = outlet_get_or_create(name=name, kind=document_outlet_kind(document, name))
    article = article_new(
        document=document, digest=digest, outlet=outlet, by=by, now=timezone.now()
    )
    article.save(force_insert=True)
    if document.authors:
        people = people_get_or_create(names=document.authors)
        article.authors.set([people[name.casefold()] for name in document.authors])
    comments_store(article=article, document=document)
    return article


def comments_store(*, article: Article, document: DocumentData) -> list[Comment]:
    """The document's comments, in order, each reply pointing at its stored parent.

    Two statements whatever the thread's length: insert every comment, then set the parents,
    which only exist once their rows have keys.
    """
    if not document.comments:
        return []
    handles = [c.author for c in document.comments if c.author]
    commenters = people_get_or_create(names=handles, outlet=article.outlet) if handles else {}
    stored = Comment.objects.bulk_create(
        Comment(
            article=article,
            author=commenters[data.author.casefold()] if data.author else None,
            position=position,
            posted_at=data.posted,
            body=data.body,
        )
        for position, data in enumerate(document.comments)
    )
    if any(c.pk is None for c in stored):  # a backend that cannot return keys from bulk inserts
        stored = list(article.comments.order_by("position"))
    replies = []
    for comment, data in zip(stored, document.comments, strict=True):
        if data.parent is not None:
            comment.parent = stored[data.parent]
            replies.append(comment)
    if replies:
        Comment.objects.bulk_update(replies, ["parent"])
    return stored


def document_outlet_name(document: DocumentData) -> str:
    """The outlet named by the document, else the host of its URL; refuse when there is neither."""
    if document.outlet:
        return document.outlet
    host = urlsplit(document.url).hostname if document.url else None
    if host:
        return host.removeprefix("www.")
    raise DocumentError(
        "outlet: required when the document has no url (or a default outlet for documents that lack one)",
        field="outlet",
    )


def document_outlet_kind(document: DocumentData, outlet_name: str) -> str | None:
    """The kind of outlet the document's ``outlet_kind`` names; else "blog" for an outlet named
    after the document's only author (a personal blog); else None (the default kind)."""
    kind = document.metadata.get("outlet_kind")
    if isinstance(kind, str) and kind.lower() in Outlet.Kind.values:
        return kind.lower()
    if len(document.authors) == 1 and document.authors[0].casefold() == outlet_name.casefold():
        return Outlet.Kind.BLOG
    return None


# What an editor may change on a stored article (its text and origin stay as imported).
ARTICLE_FIELDS = frozenset({"title", "outlet", "published_at", "language", "metadata"})


@transaction.atomic
def article_update(
    *,
    article: Article,
    by: Actor = None,
    authors: Iterable[Person] | None = None,
    **changes: Any,
) -> Article:
    """Change the given fields of ``article``, and its authors when ``authors`` is given."""
    permission_require(by, "archive.change_article", to="edit articles")
    update_fields(article, checked_fields(changes, ARTICLE_FIELDS))
    if authors is not None:
        article.authors.set(authors)
    return article


@transaction.atomic
def comment_update(*, comment: Comment, by: Actor = None, author: Person | None) -> Comment:
    """Attribute ``comment`` to ``author`` (None: an anonymous reader); its text stays as imported."""
    permission_require(by, "archive.change_comment", to="edit comments")
    return update_fields(comment, {"author": author})
