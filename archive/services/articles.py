"""The stored article a document becomes: built here for the one-by-one and the batch import."""

from __future__ import annotations

import datetime

from archive.importers.documents import DocumentData
from archive.models import Article, Outlet
from archive.permissions import Actor, stored_user


def article_new(
    *, document: DocumentData, digest: str, outlet: Outlet, by: Actor, now: datetime.datetime
) -> Article:
    """The unsaved article of ``document`` (its authors and comments are stored apart)."""
    source_format = document.source_format
    return Article(
        outlet=outlet,
        url=document.url,
        title=document.title,
        published_at=document.published,
        body=document.body,
        language=document.language,
        content_hash=digest,
        metadata=document.metadata,
        source_format=source_format
        if source_format in Article.Format.values
        else Article.Format.JSON,
        imported_at=now,
        imported_by=stored_user(by),
    )
