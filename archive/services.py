"""The archive's write path: store a parsed document as an article with its people and comments.

``document_import`` is the only way documents enter the archive; the admin, the API, the
``import_documents`` command and the tests all call it. It is atomic per document and
idempotent: a document whose URL or content hash is already stored is reported as a duplicate and
nothing is written, even when two imports of the same document race each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from django.db import IntegrityError, models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from archive.errors import ArchiveError, DocumentError
from archive.importers.documents import Defaults, DocumentData, content_hash
from archive.importers.readers import ReadResult, read_path
from archive.models import Article, Comment, Outlet, Person, PersonAlias

_SLUG_BASE_CHARS = 200
# Enough for any real run of name clashes; bounds the loop if something else is wrong.
_SLUG_ATTEMPTS = 1000
_SLUG_BATCH = 10

T = TypeVar("T")


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
    *, path: Path, defaults: Defaults, by=None, extract: bool = False
) -> Iterator[FileImportReport]:
    """Import each document of one file on its own: a bad one is reported, the others import."""
    for result in _read_each(path, defaults):
        if result.document is None:
            yield FileImportReport(read=result, outcome=None)
            continue
        try:
            outcome = document_import(document=result.document, by=by, extract=extract)
        except ArchiveError as error:
            result.error = error.message
        except Exception as error:  # noqa: BLE001 - reported per document, never a traceback
            result.error = f"not imported: {type(error).__name__}: {error}"
        else:
            yield FileImportReport(read=result, outcome=outcome)
            continue
        yield FileImportReport(read=result, outcome=None)


def _read_each(path: Path, defaults: Defaults) -> Iterator[ReadResult]:
    """The file's documents; a reader failing unexpectedly ends that file with one error."""
    try:
        yield from read_path(path, defaults=defaults)
    except Exception as error:  # noqa: BLE001 - one bad file must not end the run
        yield ReadResult(str(path), "", None, f"cannot read: {type(error).__name__}: {error}")


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


def people_find(*, names: Iterable[str], outlet: Outlet | None = None) -> dict[str, Person]:
    """People called one of ``names`` or with it as an alias, keyed by ``name.casefold()``.

    Global people when ``outlet`` is None, else the readers of that outlet. The same matches as
    ``Person.objects.matching_name``, in two queries for a whole list and through the
    case-insensitive unique indexes rather than a scan per name.
    """
    wanted = {name.casefold(): name for name in names}
    if not wanted:
        return {}
    lowered = [Lower(Value(name)) for name in wanted.values()]
    scope = Q(outlet__isnull=True) if outlet is None else Q(outlet=outlet)
    alias_scope = Q(person__outlet__isnull=True) if outlet is None else Q(person__outlet=outlet)
    found: dict[str, Person] = {}
    aliases = (
        PersonAlias.objects.alias(lname=Lower("name"))
        .filter(alias_scope, lname__in=lowered)
        .select_related("person")
        .order_by("person_id")
    )
    for alias in aliases:
        found.setdefault(alias.name.casefold(), alias.person)
    people = Person.objects.alias(lname=Lower("name")).filter(scope, lname__in=lowered)
    for person in people:
        found[person.name.casefold()] = person  # a name beats another person's alias
    return {key: found[key] for key in wanted if key in found}


def people_get_or_create(
    *, names: Iterable[str], outlet: Outlet | None = None
) -> dict[str, Person]:
    """``people_find``, creating whoever is missing: pundits globally, readers on ``outlet``."""
    names = list(names)
    people = people_find(names=names, outlet=outlet)
    missing: dict[str, str] = {}
    for name in names:  # the first spelling of a name is the one stored
        if name.casefold() not in people:
            missing.setdefault(name.casefold(), name)
    if not missing:
        return people
    try:
        with transaction.atomic():
            created = Person.objects.bulk_create(_people_new(list(missing.values()), outlet))
        people.update((person.name.casefold(), person) for person in created)
    except IntegrityError:
        # Someone created one of them meanwhile: fall back to one savepoint per person.
        for key, name in missing.items():
            people[key] = _get_or_create(
                find=lambda name=name: _person_matching(name, outlet),
                create=lambda name=name: _person_create(name, outlet),
            )
    if any(person.pk is None for person in people.values()):
        people = people_find(names=names, outlet=outlet)  # a backend without RETURNING
    return people


def person_get_or_create(*, name: str, kind: str = Person.Kind.PUNDIT) -> Person:
    """The global person called ``name`` or with it as an alias, created as ``kind`` if new."""
    return _get_or_create(
        find=lambda: _person_matching(name, None),
        create=lambda: _person_create(name, None, kind=kind),
    )


def commenter_get_or_create(*, name: str, outlet: Outlet) -> Person:
    """The reader called ``name`` on ``outlet``: a handle means nothing on other sites."""
    return _get_or_create(
        find=lambda: _person_matching(name, outlet), create=lambda: _person_create(name, outlet)
    )


def _person_matching(name: str, outlet: Outlet | None) -> Person | None:
    return Person.objects.matching_name(name, outlet=outlet).order_by("pk").first()


def _person_create(name: str, outlet: Outlet | None, *, kind: str | None = None) -> Person:
    (person,) = _people_new([name], outlet)
    if kind is not None:
        person.kind = kind
    person.save(force_insert=True)
    return person


def _people_new(names: list[str], outlet: Outlet | None) -> list[Person]:
    """Unsaved people with free slugs: global pundits, or readers scoped to ``outlet``."""
    if outlet is None:
        slugs = unique_slugs(Person, names, fallback="person")
        return [
            Person(name=name, slug=slug, kind=Person.Kind.PUNDIT)
            for name, slug in zip(names, slugs, strict=True)
        ]
    slugs = unique_slugs(Person, [f"{n} {outlet.slug}" for n in names], fallback="commenter")
    return [
        Person(name=name, slug=slug, kind=Person.Kind.COMMENTER, outlet=outlet)
        for name, slug in zip(names, slugs, strict=True)
    ]


def unique_slug(model: type[models.Model], text: str, *, fallback: str) -> str:
    """``slugify(text)``, or with ``-2``, ``-3``... when taken; ``fallback`` for unslugifiable text."""
    return unique_slugs(model, [text], fallback=fallback)[0]


def unique_slugs(model: type[models.Model], texts: list[str], *, fallback: str) -> list[str]:
    """A free slug for each of ``texts``, distinct from each other too; usually one query."""
    bases = [slugify(text)[:_SLUG_BASE_CHARS].strip("-") or fallback for text in texts]
    first = sorted({_numbered(base, n) for base in bases for n in range(1, _SLUG_BATCH + 1)})
    taken: set[str] = set()
    for i in range(0, len(first), 500):
        chunk = first[i : i + 500]
        taken.update(model.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    chosen = []
    for text, base in zip(texts, bases, strict=True):
        for n in range(1, _SLUG_ATTEMPTS):
            slug = _numbered(base, n)
            if slug in taken or (n > _SLUG_BATCH and model.objects.filter(slug=slug).exists()):
                continue
            taken.add(slug)
            chosen.append(slug)
            break
        else:
            raise DocumentError(f"cannot find a free slug for {text!r}")
    return chosen


def _numbered(base: str, n: int) -> str:
    return base if n == 1 else f"{base}-{n}"


def _get_or_create(
    *, find: Callable[[], T | None], create: Callable[[], T], known_missing: bool = False
) -> T:
    """Find, else create in a savepoint; a concurrent creator winning the race is found again."""
    found = None if known_missing else find()
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
