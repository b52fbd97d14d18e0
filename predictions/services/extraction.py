"""Save the extractor's candidates for stored articles and their comments.

The extraction itself is pure (``predictions.extraction``): a part of a document in, candidates
out. This module only reads the parts and writes the rows, so that the pure step can run in worker
processes (``extract_predictions --workers N``) or, later, as a queued task, changing nothing here.

Re-running replaces only candidates nobody has touched: a prediction a person accepted, rejected
or edited is never changed, and a new candidate overlapping its quote is not created again.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from archive.models import Article, Comment
from archive.services import people_find
from predictions.extraction import EXTRACTOR_VERSION, Candidate, KnownEvent, Part, extract
from predictions.models import Event, Prediction

# Events that are scheduled occasions a forecast can be tied to ("before the election in May").
_SCHEDULED_WORDS = (
    "election", "vote", "voting", "referendum", "summit", "debate", "inauguration", "ballot",
    "primary", "primaries", "caucus", "conference", "meeting", "talks", "hearing", "verdict",
    "budget", "final", "championship", "olympics", "cup",
)  # fmt: skip
_SCHEDULED = re.compile(r"\b(" + "|".join(_SCHEDULED_WORDS) + r")\b", re.IGNORECASE)
# The database narrows the log to titles containing one of the words; the pattern then keeps
# whole words only. Without it, every article would read the whole log of the next two years.
_SCHEDULED_FILTER = functools.reduce(
    operator.or_, (Q(title__icontains=word) for word in _SCHEDULED_WORDS)
)
_KNOWN_EVENT_HORIZON = datetime.timedelta(days=800)
_KNOWN_EVENT_LIMIT = 400

K = TypeVar("K")


@dataclass(frozen=True)
class PartRef:
    """Where a part's candidates belong: the article itself, or one of its comments."""

    article_id: int
    comment_id: int | None


@dataclass
class ExtractionResult:
    created: int = 0
    replaced: int = 0
    kept: int = 0

    def __add__(self, other: ExtractionResult) -> ExtractionResult:
        return ExtractionResult(
            self.created + other.created, self.replaced + other.replaced, self.kept + other.kept
        )


def known_events_for(day: datetime.date) -> tuple[KnownEvent, ...]:
    """Scheduled occasions recorded in the event log in the months after ``day``."""
    rows = (
        Event.objects.between(day, day + _KNOWN_EVENT_HORIZON)
        .filter(_SCHEDULED_FILTER)
        .order_by("occurred_on")
        .values_list("title", "occurred_on")
    )
    events = []
    for title, occurred_on in rows.iterator(chunk_size=2000):
        if _SCHEDULED.search(title):
            events.append(KnownEvent(title=title, on=occurred_on))
            if len(events) >= _KNOWN_EVENT_LIMIT:
                break
    return tuple(events)


def document_parts(
    *,
    title: str,
    body: str,
    published_at: datetime.datetime,
    authors: Sequence[str],
    outlet: str | None,
    comments: Iterable[tuple[K, str | None, datetime.datetime | None, str]],
    known_events: tuple[KnownEvent, ...] = (),
) -> list[tuple[K | None, Part]]:
    """A document as pure extraction inputs: the article (key None), then each non-empty comment.

    ``comments`` are ``(key, author, posted_at, body)``; a comment without a date was made on
    the article's day.
    """
    made_on = timezone.localdate(published_at)
    parts: list[tuple[K | None, Part]] = [
        (
            None,
            Part(
                text=body,
                made_on=made_on,
                kind="article",
                authors=tuple(authors),
                outlet=outlet,
                title=title,
                known_events=known_events,
            ),
        )
    ]
    for key, author, posted_at, text in comments:
        if not text.strip():
            continue
        part = Part(
            text=text,
            made_on=timezone.localdate(posted_at) if posted_at else made_on,
            kind="comment",
            authors=(author,) if author else (),
            outlet=outlet,
            article_text=body,
            known_events=known_events,
        )
        parts.append((key, part))
    return parts


def article_parts(article: Article) -> list[tuple[PartRef, Part]]:
    """A stored article and each non-empty comment as pure extraction inputs."""
    comments = article.comments.select_related("author").order_by("position")
    parts = document_parts(
        title=article.title,
        body=article.body,
        published_at=article.published_at,
        authors=[a.name for a in article.authors.all()],
        outlet=article.outlet.name,
        comments=(
            (c.pk, c.author.name if c.author_id else None, c.posted_at, c.body) for c in comments
        ),
        known_events=known_events_for(timezone.localdate(article.published_at)),
    )
    return [(PartRef(article.pk, comment_id), part) for comment_id, part in parts]


def extract_parts(parts: Sequence[tuple[PartRef, Part]]) -> list[tuple[PartRef, list[Candidate]]]:
    """Run the pure extractor; safe to call in a worker process (no database access)."""
    return [(ref, extract(part)) for ref, part in parts]


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < end and start < a[1] for start, end in spans)


@transaction.atomic
def article_save_candidates(
    *, article: Article, extracted: Sequence[tuple[PartRef, list[Candidate]]], by=None
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


def _speaker(c: Candidate, *, comment: Comment | None, authors: list, quoted: dict):
    if c.speaker_role == Prediction.Role.COMMENTER:
        return comment.author if comment is not None else None
    if c.speaker_role == Prediction.Role.AUTHOR:
        for author in authors:
            if c.speaker and author.name.casefold() == c.speaker.casefold():
                return author
        return authors[0] if len(authors) == 1 else None
    return quoted.get((c.speaker or "").casefold())


def article_extract(*, article: Article, by=None) -> ExtractionResult:
    """Extract candidate predictions from an article and its comments, and save them."""
    return article_save_candidates(
        article=article, extracted=extract_parts(article_parts(article)), by=by
    )
