"""Record a forecast by hand: the one write path of the admin's "Add prediction" and the API.

An editor gives the words, not offsets: the quote is found in its article or comment (or, for a
statement made elsewhere, stands on its own with a source URL). The speaker, the claim and the
deadline may be given as typed text; they are looked up or created here, so that every
interface records the same prediction from the same input. A forecast recorded by hand is
accepted at once, with the editor as its reviewer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from archive.importers.documents import check_year
from archive.models import Article, Comment, Person
from archive.permissions import Actor, permission_require, stored_user
from archive.services.people import commenter_get_or_create, person_get_or_create
from predictions.errors import ReviewError
from predictions.extraction.deadlines import find_deadline
from predictions.models import Claim, Prediction
from predictions.services.claims import CLAIM_TEXT_MAX
from predictions.services.review import PERMISSION, prediction_accept, probability_check
from predictions.services.speakers import speaker_find, speaker_get_or_create
from predictions.services.text import one_line

QUOTE_MAX = 5000
_QUOTES = {"'": "'‘’`", '"': '"“”„', "-": "-–—"}
_WHITESPACE = re.compile(r"\s+")


class SpanTakenError(ReviewError):
    """The quote overlaps a prediction a person has already reviewed."""

    def __init__(self, message: str, *, prediction: Prediction) -> None:
        super().__init__(message, field="quote")
        self.prediction = prediction


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _pattern(quote: str) -> re.Pattern[str]:
    """The quote as a pattern that allows other whitespace and other kinds of quotation marks."""
    parts = []
    for word in quote.split():
        pieces = []
        for char in word:
            group = next((chars for chars in _QUOTES.values() if char in chars), None)
            pieces.append(f"[{re.escape(group)}]" if group else re.escape(char))
        parts.append("".join(pieces))
    return re.compile(r"\s+".join(parts))


def quote_spans(body: str, quote: str) -> list[Span]:
    """Where ``quote`` occurs in ``body``, in order (spacing and quotation marks may differ)."""
    if not quote.strip():
        return []
    return [Span(m.start(), m.end()) for m in _pattern(quote.strip()).finditer(body)]


def probability_parse(value: str | float) -> float:
    """A probability from a percentage as typed ("70", "70%", "12.5 %"); a number passes."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        percent = float(text)
    except ValueError:
        raise ReviewError(
            "give the probability as a percentage, such as 70 or 70%", field="probability"
        ) from None
    return percent / 100


@dataclass(frozen=True, slots=True)
class DeadlineReading:
    date: datetime.date | None
    text: str
    kind: str


def deadline_read(
    *, deadline: datetime.date | None, text: str, made_at: datetime.datetime
) -> DeadlineReading:
    """The deadline as given: a date, or words read against the day the statement was made."""
    text = " ".join(text.split())
    if not text:
        kind: str = Prediction.DeadlineKind.DATE if deadline else Prediction.DeadlineKind.NONE
        return DeadlineReading(deadline, "", kind)
    read = find_deadline(text, timezone.localdate(made_at))
    if deadline is not None:
        kind = read.kind if read.date == deadline else Prediction.DeadlineKind.DATE
        return DeadlineReading(deadline, text, kind)
    if read.date is None:
        raise ReviewError(
            f"no date can be read from “{text}”; give the deadline as a date",
            field="deadline_text",
        )
    return DeadlineReading(read.date, text, read.kind)


def _speaker(
    speaker: Person | str | None, *, role: str, article: Article | None, comment: Comment | None
) -> Person | None:
    """The speaker as given; left out, the comment's author or the article's one author."""
    if isinstance(speaker, Person):
        return speaker
    name = " ".join((speaker or "").split())
    if not name:
        if comment is not None and role == Prediction.Role.COMMENTER:
            return comment.author  # None: an anonymous reader
        if comment is None and article is not None and role == Prediction.Role.AUTHOR:
            authors = list(article.authors.all()[:2])
            if len(authors) == 1:
                return authors[0]
        raise ReviewError("say who made the forecast", field="speaker")
    by_slug = Person.objects.filter(slug=name).first()
    if by_slug is not None:
        return by_slug
    if len(name) > 200:
        raise ReviewError("the speaker's name is longer than 200 characters", field="speaker")
    if role == Prediction.Role.COMMENTER:
        if article is None:
            raise ReviewError(
                "a commenter comments on an article: choose the article", field="speaker_role"
            )
        return commenter_get_or_create(name=name, outlet=article.outlet)
    if role == Prediction.Role.QUOTED:
        return speaker_get_or_create(name=name, article=article)  # as accepting a candidate does
    return speaker_find(name=name, article=article) or person_get_or_create(name=name)


def _claim(claim: Claim | int | str | None) -> tuple[Claim | None, str]:
    if isinstance(claim, Claim):
        return claim, claim.text
    if isinstance(claim, int) and not isinstance(claim, bool):
        found = Claim.objects.filter(pk=claim).first()
        if found is None:
            raise ReviewError(f"there is no claim {claim}", field="claim")
        return found, found.text
    text = one_line(str(claim or ""), field="claim", max_length=CLAIM_TEXT_MAX, error=ReviewError)
    return None, text


def _choose(spans: list[Span], occurrence: int | None) -> Span:
    if not spans:
        raise ReviewError(
            "the quote is not in the text; paste it exactly as the text has it", field="quote"
        )
    if occurrence is None:
        if len(spans) > 1:
            raise ReviewError(
                f"the quote occurs {len(spans)} times in the text; choose which one is meant",
                field="occurrence",
            )
        return spans[0]
    if not 1 <= occurrence <= len(spans):
        raise ReviewError(
            f"the quote occurs {len(spans)} time{'s' if len(spans) > 1 else ''};"
            f" choose a number from 1 to {len(spans)}",
            field="occurrence",
        )
    return spans[occurrence - 1]


def _clear_span(article: Article, comment: Comment | None, span: Span) -> None:
    """Delete unreviewed candidates over the span; refuse if a reviewed prediction is there."""
    overlapping = Prediction.objects.select_for_update().filter(
        article=article, comment=comment, start__lt=span.end, end__gt=span.start
    )
    for existing in overlapping.order_by("pk"):
        if existing.is_reviewed:
            raise SpanTakenError(
                f"this quote overlaps prediction {existing.pk}, already"
                f" {existing.get_status_display().lower()}: “{existing.quote[:120]}”;"
                " correct that prediction instead",
                prediction=existing,
            )
    overlapping.filter(status=Prediction.Status.CANDIDATE, edited=False).delete()


@transaction.atomic
def prediction_record(
    *,
    by: Actor,
    quote: str,
    speaker: Person | str | None,
    claim: Claim | int | str,
    probability: float,
    article: Article | None = None,
    comment: Comment | None = None,
    source_url: str = "",
    made_at: datetime.datetime | None = None,
    occurrence: int | None = None,
    speaker_role: str = Prediction.Role.AUTHOR,
    polarity: str = Prediction.Polarity.POSITIVE,
    hedge: str = "",
    condition: str = "",
    deadline: datetime.date | None = None,
    deadline_text: str = "",
) -> Prediction:
    """Record a forecast an editor found, accepted at once with ``by`` as its reviewer.

    With an article (and optionally one of its comments) the quote is looked up in its text;
    ``occurrence`` (from 1) says which when it occurs more than once. Without one, the
    statement needs ``source_url`` and ``made_at``. Unreviewed candidates over the same words
    are replaced; a reviewed prediction there is an error (``SpanTakenError``).
    """
    permission_require(by, PERMISSION, to="record predictions")
    if speaker_role not in Prediction.Role.values:
        raise ReviewError(
            f"the role must be one of {', '.join(Prediction.Role.values)}", field="speaker_role"
        )
    if polarity not in Prediction.Polarity.values:
        raise ReviewError(
            f"the polarity must be one of {', '.join(Prediction.Polarity.values)}",
            field="polarity",
        )
    probability = probability_check(probability)
    quote = quote.strip()
    if not quote:
        raise ReviewError("paste the words of the forecast", field="quote")
    if len(quote) > QUOTE_MAX:
        raise ReviewError(f"the quote is longer than {QUOTE_MAX} characters", field="quote")
    if comment is not None:
        if article is None:
            article = comment.article
        elif comment.article_id != article.pk:
            raise ReviewError("the comment belongs to another article", field="comment")
    if article is not None:
        if source_url:
            raise ReviewError("give an article or a source URL, not both", field="source_url")
        made_at = (comment.posted_at if comment is not None else None) or article.published_at
        body = comment.body if comment is not None else article.body
        span = _choose(quote_spans(body, quote), occurrence)
        quote = body[span.start : span.end]
    else:
        if not source_url:
            raise ReviewError(
                "give the article, or the source URL of a statement made elsewhere",
                field="source_url",
            )
        try:
            URLValidator(schemes=["http", "https"])(source_url)
        except ValidationError:
            raise ReviewError(
                "the source URL must be a web address (https://…)", field="source_url"
            ) from None
        if len(source_url) > 1000:
            raise ReviewError("the source URL is longer than 1000 characters", field="source_url")
        if made_at is None:
            raise ReviewError("say when the statement was made", field="made_at")
        if timezone.is_naive(made_at):
            made_at = timezone.make_aware(made_at)
        check_year(made_at, "made_at")
        span = Span(0, len(quote))
    reading = deadline_read(deadline=deadline, text=deadline_text, made_at=made_at)
    if reading.date is not None:
        check_year(reading.date, "deadline_text" if deadline is None else "deadline")
    if reading.date is not None and reading.date < timezone.localdate(made_at):
        raise ReviewError(
            "the deadline is before the statement was made",
            field="deadline_text" if deadline is None else "deadline",
        )
    person = _speaker(speaker, role=speaker_role, article=article, comment=comment)
    existing_claim, claim_text = _claim(claim)
    if article is not None:
        _clear_span(article, comment, span)
    prediction = Prediction.objects.create(
        article=article,
        comment=comment,
        source_url=source_url,
        quote=quote,
        start=span.start,
        end=span.end,
        speaker=person,
        speaker_name=person.name if person is not None else "",
        speaker_role=speaker_role,
        claim_text=claim_text,
        polarity=polarity,
        probability=probability,
        hedge=" ".join(hedge.split()),
        condition_text=condition.strip(),
        made_at=made_at,
        deadline=reading.date,
        deadline_text=reading.text,
        deadline_kind=reading.kind,
        source=Prediction.Source.MANUAL,
        edited=True,
        reviewed_by=stored_user(by),
        reviewed_at=timezone.now(),
    )
    return prediction_accept(prediction=prediction, by=by, claim=existing_claim)
