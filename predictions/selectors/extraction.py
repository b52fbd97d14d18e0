"""The reads extraction needs: a stored article as pure extraction inputs, and the events it knows.

``document_parts`` shapes any document (stored, or a file being previewed) into the pure
extractor's ``Part``s; ``article_parts`` reads a stored article's; ``known_events_for`` reads
the scheduled occasions a deadline can be tied to ("before the election in May").
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Q
from django.utils import timezone

from archive.models import Article
from predictions.extraction import KnownEvent, Part
from predictions.models import Event

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
            (c.pk, c.author.name if c.author is not None else None, c.posted_at, c.body)
            for c in comments
        ),
        known_events=known_events_for(timezone.localdate(article.published_at)),
    )
    return [(PartRef(article.pk, comment_id), part) for comment_id, part in parts]
