"""Save the extractor's candidates for stored articles and their comments.

The extraction itself is pure (``predictions.extraction``): a part of a document in, candidates
out. This module only reads the parts and writes the rows, so that the pure step can run in worker
processes (``extract_predictions --workers N``) or, later, as a queued task, changing nothing here.

Re-running replaces only candidates nobody has touched: a prediction a person accepted, rejected
or edited is never changed, and a new candidate overlapping its quote is not created again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from archive.importers.documents import Defaults, DocumentData
from archive.models import Article, Comment, Person
from archive.permissions import Actor, permission_require
from archive.selectors import people_find
from archive.services.documents import (
    FileImportReport,
    ImportOutcome,
    document_file_import,
    document_import,
)
from predictions.extraction import EXTRACTOR_VERSION, Candidate, Part, extract
from predictions.models import Prediction
from predictions.selectors.extraction import PartRef, article_parts

# Re-extraction replaces the candidates waiting for review: it is the reviewers' work.
EXTRACT_PERMISSION = "predictions.review_prediction"


@dataclass
class ExtractionResult:
    created: int = 0
    replaced: int = 0
    kept: int = 0

    def __add__(self, other: ExtractionResult) -> ExtractionResult:
        return ExtractionResult(
            self.created + other.created, self.replaced + other.replaced, self.kept + other.kept
        )


def extract_parts(parts: Sequence[tuple[PartRef, Part]]) -> list[tuple[PartRef, list[Candidate]]]:
    """Run the pure extractor; safe to call in a worker process (no database access)."""
    return [(ref, extract(part)) for ref, part in parts]


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < end and start < a[1] for start, end in spans)


@transaction.atomic
def article_save_candidates(
    *, article: Article, extracted: Sequence[tuple[PartRef, list[Candidate]]]
) -> ExtractionResult:
    """Replace the article's untouched candidates with ``extracted``; keep everything reviewed."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    existing = Prediction.objects.filter(article=article)
    untouched = existing.unreviewed()
    replaced = untouched.count()
    untouched.delete()
    kept_spans: dict[int | None, list[tuple[int, int]]] = {}
    kept = 0
    for comment_id, start, end in existing.values_list("comment_id", "start", "end"):
        kept_spans.setdefault(comment_id, []).append((start, end))
        kept += 1

    comments = {c.pk: c for c in Comment.objects.filter(article=article).select_related("author")}
    authors = list(article.authors.all())
    # Quoted speakers: the article's authors first, then the archive's people, in one query.
    by_author = {a.name.casefold(): a for a in authors}
    quoted_names = {
        c.speaker
        for _, candidates in extracted
        for c in candidates
        if c.speaker_role == Prediction.Role.QUOTED and c.speaker
    }
    quoted = people_find(names=[n for n in quoted_names if n.casefold() not in by_author])
    quoted.update(by_author)
    rows = []
    for ref, candidates in extracted:
        comment = comments.get(ref.comment_id) if ref.comment_id else None
        made_at = (comment.posted_at if comment else None) or article.published_at
        for c in candidates:
            if _overlaps((c.start, c.end), kept_spans.get(ref.comment_id, ())):
                continue
            rows.append(
                Prediction(
                    article=article,
                    comment=comment,
                    quote=c.quote,
                    start=c.start,
                    end=c.end,
                    speaker=_speaker(c, comment=comment, authors=authors, quoted=quoted),
                    speaker_name=(c.speaker or "")[:200],
                    speaker_role=c.speaker_role,
                    claim_text=c.claim[:1000],
                    polarity=c.polarity,
                    probability=c.probability,
                    hedge=(c.hedge or "")[:200],
                    condition_text=c.condition or "",
                    made_at=made_at,
                    deadline=c.deadline,
                    deadline_text=(c.deadline_text or "")[:300],
                    deadline_kind=c.deadline_kind,
                    status=Prediction.Status.CANDIDATE,
                    source=Prediction.Source.EXTRACTED,
                    extractor_version=EXTRACTOR_VERSION,
                )
            )
    Prediction.objects.bulk_create(rows, batch_size=500)
    article.extracted_at = timezone.now()
    article.save(update_fields=["extracted_at"])
    return ExtractionResult(created=len(rows), replaced=replaced, kept=kept)


def _speaker(
    c: Candidate, *, comment: Comment | None, authors: list[Person], quoted: dict[str, Person]
) -> Person | None:
    if c.speaker_role == Prediction.Role.COMMENTER:
        return comment.author if comment is not None else None
    if c.speaker_role == Prediction.Role.AUTHOR:
        for author in authors:
            if c.speaker and author.name.casefold() == c.speaker.casefold():
                return author
        return authors[0] if len(authors) == 1 else None
    return quoted.get((c.speaker or "").casefold())


def article_extract(*, article: Article, by: Actor = None) -> ExtractionResult:
    """Extract candidate predictions from an article and its comments, and save them.

    It replaces the article's unreviewed candidates, so it takes the reviewer's permission.
    """
    permission_require(by, EXTRACT_PERMISSION, to="extract predictions")
    return article_save_candidates(article=article, extracted=extract_parts(article_parts(article)))


@transaction.atomic
def document_import_extract(*, document: DocumentData, by: Actor = None) -> ImportOutcome:
    """``document_import``, then extract the new article's candidates, in one transaction."""
    outcome = document_import(document=document, by=by)
    if outcome.created:
        article_extract(article=outcome.article)
    return outcome


def document_file_import_extract(
    *, path: Path, defaults: Defaults, by: Actor = None, extract: bool = True
) -> Iterator[FileImportReport]:
    """``document_file_import``, extracting from each new article when ``extract`` is set."""
    return document_file_import(
        path=path,
        defaults=defaults,
        by=by,
        import_one=document_import_extract if extract else None,
    )
