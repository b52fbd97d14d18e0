"""The archive's write path: store a parsed document as an article with its people and comments.

``document_import`` is the only way documents enter the archive; the admin, the API, the
``import_documents`` command and the tests all call it. It is atomic per document and
idempotent: a document whose URL or content hash is already stored is reported as a duplicate and
nothing is written, even when two imports of the same document race each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from archive.errors import DocumentError
from archive.importers.documents import DocumentData, content_hash
from archive.models import Article, Comment, Outlet, Person

_SLUG_BASE_CHARS = 200
# Enough for any real run of name clashes; bounds the loop if something else is wrong.
_SLUG_ATTEMPTS = 1000

T = TypeVar("T")


@dataclass(frozen=True)
class ImportOutcome:
    article: Article
    created: bool


@transaction.atomic
def document_import(*, document: DocumentData, by=None, extract: bool = False) -> ImportOutcome:
    """Store ``document`` unless its URL or content is already archived; extract if asked."""
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
    if extract:
        from predictions.services.extraction import article_extract

        article_extract(article=article, by=by)
    return ImportOutcome(article=article, created=True)


def article_find_duplicate(*, url: str | None, digest: str) -> Article | None:
    match = Q(content_hash=digest)
    if url:
        match |= Q(url=url)
    return Article.objects.filter(match).order_by("pk").first()


def article_store(*, document: DocumentData, digest: str, by=None) -> Article:
    outlet = outlet_get_or_create(name=document_outlet_name(document))
    article = Article.objects.create(
        outlet=outlet,
        url=document.url,
        title=document.title,
        published_at=document.published,
        body=document.body,
        language=document.language,
        content_hash=digest,
        metadata=document.metadata,
        source_format=_source_format(document.source_format),
        imported_at=timezone.now(),
        imported_by=by if getattr(by, "pk", None) else None,
    )
    if document.authors:
        article.authors.set([person_get_or_create(name=name) for name in document.authors])
    comments_store(article=article, document=document)
    return article


def comments_store(*, article: Article, document: DocumentData) -> list[Comment]:
    """The document's comments, in order, each reply pointing at its stored parent."""
    stored: list[Comment] = []
    commenters: dict[str, Person] = {}
    for position, data in enumerate(document.comments):
        author = None
        if data.author:
            key = data.author.casefold()
            if key not in commenters:
                commenters[key] = commenter_get_or_create(name=data.author, outlet=article.outlet)
            author = commenters[key]
        stored.append(
            Comment.objects.create(
                article=article,
                author=author,
                parent=stored[data.parent] if data.parent is not None else None,
                position=position,
                posted_at=data.posted,
                body=data.body,
            )
        )
    return stored


def document_outlet_name(document: DocumentData) -> str:
    """The outlet named by the document, else the host of its URL; refuse when there is neither."""
    if document.outlet:
        return document.outlet
    host = urlsplit(document.url).hostname if document.url else None
    if host:
        return host.removeprefix("www.")
    raise DocumentError(
        "outlet: required when the document has no url (or give --outlet)", field="outlet"
    )


def outlet_get_or_create(*, name: str) -> Outlet:
    """The outlet called ``name`` (case-insensitively), created with a unique slug if new."""
    return _get_or_create(
        find=lambda: Outlet.objects.filter(name__iexact=name).first(),
        create=lambda: Outlet.objects.create(
            name=name, slug=unique_slug(Outlet, name, fallback="outlet")
        ),
    )


def person_get_or_create(*, name: str) -> Person:
    """The global person called ``name`` or with it as an alias, created as a pundit if new."""
    return _get_or_create(
        find=lambda: Person.objects.matching_name(name).order_by("pk").first(),
        create=lambda: Person.objects.create(
            name=name, slug=unique_slug(Person, name, fallback="person"), kind=Person.Kind.PUNDIT
        ),
    )


def commenter_get_or_create(*, name: str, outlet: Outlet) -> Person:
    """The reader called ``name`` on ``outlet``: a handle means nothing on other sites."""
    return _get_or_create(
        find=lambda: Person.objects.matching_name(name, outlet=outlet).order_by("pk").first(),
        create=lambda: Person.objects.create(
            name=name,
            slug=unique_slug(Person, f"{name} {outlet.slug}", fallback="commenter"),
            kind=Person.Kind.COMMENTER,
            outlet=outlet,
        ),
    )


def unique_slug(model: type[models.Model], text: str, *, fallback: str) -> str:
    """``slugify(text)``, or with ``-2``, ``-3``... when taken; ``fallback`` for unslugifiable text."""
    base = (slugify(text)[:_SLUG_BASE_CHARS].strip("-")) or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    for n in range(2, _SLUG_ATTEMPTS):
        if f"{base}-{n}" not in taken:
            return f"{base}-{n}"
    raise DocumentError(f"cannot find a free slug for {text!r}")


def _get_or_create(*, find: Callable[[], T | None], create: Callable[[], T]) -> T:
    """Find, else create in a savepoint; a concurrent creator winning the race is found again."""
    found = find()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found


def _source_format(name: str) -> str:
    return name if name in Article.Format.values else Article.Format.JSON
