"""Store many parsed documents at once: the bulk form of ``document_import``.

A file of a hundred thousand articles cannot afford a transaction, a duplicate lookup and a
people lookup per document. ``documents_import`` stores a batch in one transaction: duplicates
found with one query for all the batch's URLs and hashes, outlets and people resolved once for
the batch, articles inserted together, comments copied in (``COPY`` on PostgreSQL, multi-row
inserts elsewhere). Should anything in the batch fail (a concurrent import winning the race for a
URL, a deadlock, a slug that cannot be found), the batch is undone and each of its documents is
imported on its own by ``document_import``, so that every document stays all or nothing, a
duplicate is still a duplicate under concurrency, and a bad document gets its own error.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone

from archive.importers.documents import DocumentData
from archive.models import Article, Comment, Outlet, Person
from archive.permissions import Actor
from archive.services.articles import article_new
from archive.services.people import outlet_get_or_create, people_get_or_create

# Keeps each IN (...) list well under SQLite's limit on bound parameters.
_CHUNK = 500


@dataclass
class PendingDocument:
    """A document of a batch about to be stored, with what ``documents_import`` worked out."""

    document: DocumentData
    digest: str
    outlet_name: str
    outlet_kind: str | None  # for a new outlet only (``document_outlet_kind``)
    article: Article | None = None
    duplicate_of: int | None = None  # index of an earlier document of the batch


def batch_store(
    pending: dict[int, PendingDocument], *, by: Actor
) -> dict[int, tuple[Article, bool]]:
    """Store the batch (the caller holds the transaction): per index, the article and whether new."""
    existing = _duplicates(pending.values())
    seen_urls: dict[str, int] = {}
    seen_digests: dict[str, int] = {}
    new: set[int] = set()
    for index, item in pending.items():
        url, digest = item.document.url, item.digest
        by_url = existing.get(("url", url)) if url else None
        found = [a for a in (by_url, existing.get(("hash", digest))) if a is not None]
        if found:
            item.article = min(found, key=lambda a: a.pk)
            continue
        earlier = seen_urls.get(url) if url else None
        earlier = earlier if earlier is not None else seen_digests.get(digest)
        if earlier is not None:
            item.duplicate_of = earlier
            continue
        if url:
            seen_urls[url] = index
        seen_digests[digest] = index
        new.add(index)

    if new:
        _store_new([item for index, item in pending.items() if index in new], by=by)
    stored: dict[int, tuple[Article, bool]] = {}
    for index, item in pending.items():
        article = (
            pending[item.duplicate_of].article if item.duplicate_of is not None else item.article
        )
        assert article is not None
        stored[index] = (article, index in new)
    return stored


def _duplicates(items) -> dict[tuple[str, str], Article]:
    """Stored articles sharing a URL or a content hash with the batch, in two indexed lookups."""
    items = list(items)
    urls = sorted({item.document.url for item in items if item.document.url})
    digests = sorted({item.digest for item in items})
    found: dict[tuple[str, str], Article] = {}
    for key, field, values in (("url", "url", urls), ("hash", "content_hash", digests)):
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            for article in Article.objects.filter(**{f"{field}__in": chunk}).order_by("-pk"):
                found[(key, getattr(article, field))] = article  # the oldest one wins
    return found


def _store_new(items: list[PendingDocument], *, by: Actor) -> None:
    # The first document naming a new outlet sets its name and kind, as when imported one by one.
    wanted: dict[str, tuple[str, str | None]] = {}
    for item in items:
        wanted.setdefault(item.outlet_name.casefold(), (item.outlet_name, item.outlet_kind))
    outlets = _outlets(wanted)
    authors = people_get_or_create(names=[name for item in items for name in item.document.authors])
    now = timezone.now()
    articles = Article.objects.bulk_create(
        article_new(
            document=item.document,
            digest=item.digest,
            outlet=outlets[item.outlet_name.casefold()],
            by=by,
            now=now,
        )
        for item in items
    )
    if any(article.pk is None for article in articles):  # a backend without RETURNING
        by_digest = Article.objects.in_bulk([i.digest for i in items], field_name="content_hash")
        articles = [by_digest[item.digest] for item in items]
    for item, article in zip(items, articles, strict=True):
        item.article = article
    Through = Article.authors.through
    Through.objects.bulk_create(
        Through(article_id=article.pk, person_id=authors[name.casefold()].pk)
        for item, article in zip(items, articles, strict=True)
        for name in item.document.authors
    )
    _comments_store(items)


def _outlets(wanted: dict[str, tuple[str, str | None]]) -> dict[str, Outlet]:
    """The batch's outlets keyed by ``name.casefold()``, found together; the missing ones are
    created with the name and kind ``wanted`` gives for that key."""
    found: dict[str, Outlet] = {
        outlet.name.casefold(): outlet
        for outlet in Outlet.objects.alias(lname=Lower("name")).filter(
            lname__in=[Lower(Value(name)) for name, _kind in wanted.values()]
        )
    }
    for key, (name, kind) in wanted.items():
        if key not in found:
            found[key] = outlet_get_or_create(name=name, kind=kind)
    return found


def _comments_store(items: list[PendingDocument]) -> None:
    """Every comment of the batch, replies pointing at their parents, commenters per outlet."""
    handles: dict[int, tuple[Outlet, list[str]]] = {}
    for item in items:
        assert item.article is not None
        outlet = item.article.outlet
        names = handles.setdefault(outlet.pk, (outlet, []))[1]
        names.extend(c.author for c in item.document.comments if c.author)
    commenters = {
        outlet_pk: people_get_or_create(names=names, outlet=outlet) if names else {}
        for outlet_pk, (outlet, names) in handles.items()
    }
    rows: list[tuple[Article, int, int | None, object, str, int | None]] = []
    for item in items:
        assert item.article is not None
        people: dict[str, Person] = commenters[item.article.outlet_id]
        for position, data in enumerate(item.document.comments):
            author = people[data.author.casefold()].pk if data.author else None
            rows.append((item.article, position, author, data.posted, data.body, data.parent))
    if not rows:
        return
    if connection.vendor == "postgresql":
        _comments_copy(rows)
    else:
        _comments_insert(rows)


def _comments_copy(rows) -> None:
    """PostgreSQL: keys drawn from the sequence first, so parents are known while copying."""
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        columns = "id, article_id, position, author_id, posted_at, body, parent_id"
        # ``connection.cursor()`` wraps psycopg's cursor; COPY is only on the raw one.
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            row_keys = _row_keys(keys, rows)
            for key, (article, position, author, posted, body, parent) in zip(
                keys, rows, strict=True
            ):
                parent_key = None if parent is None else row_keys[(article.pk, parent)]
                copy.write_row((key, article.pk, position, author, posted, body, parent_key))


def _row_keys(keys: list[int], rows) -> dict[tuple[int, int], int]:
    return {(row[0].pk, row[1]): key for key, row in zip(keys, rows, strict=True)}


def _comments_insert(rows) -> None:
    stored = Comment.objects.bulk_create(
        Comment(article=article, position=position, author_id=author, posted_at=posted, body=body)
        for article, position, author, posted, body, _parent in rows
    )
    if any(comment.pk is None for comment in stored):  # a backend without RETURNING
        articles = {row[0].pk for row in rows}
        by_place = {
            (c.article_id, c.position): c for c in Comment.objects.filter(article_id__in=articles)
        }
        stored = [by_place[(row[0].pk, row[1])] for row in rows]
    by_place = {(c.article_id, c.position): c for c in stored}
    replies = []
    for comment, (article, _position, _a, _p, _b, parent) in zip(stored, rows, strict=True):
        if parent is not None:
            comment.parent = by_place[(article.pk, parent)]
            replies.append(comment)
    if replies:
        Comment.objects.bulk_update(replies, ["parent"], batch_size=_CHUNK)
