"""Recording a forecast by hand: the quote is found, speaker/claim/deadline read from words."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction

from archive.errors import ArchiveError, PermissionRequired
from archive.models import Person
from predictions.errors import ReviewError
from predictions.models import Claim, Judgement, Prediction
from predictions.services.recording import (
    SpanTakenError,
    prediction_record,
    probability_parse,
    quote_spans,
)
from tests.factories import (
    ArticleFactory,
    CandidateFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "The ferry will stop running by June 2027, the harbour master said. "
    "Fares rise again. Fares rise again."
)


@pytest.fixture
def editor():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="review_prediction"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def article():
    return ArticleFactory(
        body=BODY,
        published_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
        authors=[PersonFactory(name="Ines Row")],
    )


def test_quote_is_found_with_other_spacing_and_quotation_marks():
    body = "She said “the dam   will hold” and left."
    (span,) = quote_spans(body, '"the dam will hold"')
    assert body[span.start : span.end] == "“the dam   will hold”"
    assert quote_spans(body, "the dam will break") == []


@pytest.mark.parametrize(
    ("typed", "expected"), [("70", 0.7), ("70%", 0.7), (" 12.5 % ", 0.125), ("5,5", 0.055)]
)
def test_probability_is_read_from_a_percentage(typed, expected):
    assert probability_parse(typed) == pytest.approx(expected)


def test_probability_in_words_is_refused():
    with pytest.raises(ReviewError, match="percentage") as caught:
        probability_parse("likely")
    assert caught.value.field == "probability"


def test_record_from_an_article(editor, article):
    prediction = prediction_record(
        by=editor,
        article=article,
        quote="The ferry will stop running by June 2027",
        speaker="Harbour Master Quill",
        speaker_role="quoted",
        claim="The ferry stops running",
        probability=0.9,
        deadline_text="by June 2027",
    )
    assert BODY[prediction.start : prediction.end] == prediction.quote
    assert prediction.status == Prediction.Status.ACCEPTED
    assert prediction.source == Prediction.Source.MANUAL
    assert prediction.get_source_display() == "Recorded by hand"
    assert prediction.extractor_version == ""
    assert prediction.reviewed_by == editor
    assert prediction.deadline == datetime.date(2027, 6, 30)
    assert prediction.deadline_kind == "period_end"
    assert prediction.made_at == article.published_at
    assert prediction.claim.text == "The ferry stops running"
    assert prediction.speaker.name == "Harbour Master Quill"
    assert prediction.speaker.kind == Person.Kind.OFFICIAL


def test_author_by_default_and_existing_claim_by_id(editor, article):
    claim = ClaimFactory(text="Fares rise")
    prediction = prediction_record(
        by=editor,
        article=article,
        quote="Fares rise again.",
        occurrence=2,
        speaker=None,
        claim=claim.pk,
        probability=0.6,
    )
    assert prediction.speaker.name == "Ines Row"
    assert prediction.claim == claim
    assert prediction.start == BODY.rindex("Fares rise again.")


def test_several_occurrences_need_a_choice(editor, article):
    with pytest.raises(ReviewError, match="2 times") as caught:
        prediction_record(
            by=editor, article=article, quote="Fares rise again.", speaker=None, claim="x",
            probability=0.5,
        )  # fmt: skip
    assert caught.value.field == "occurrence"


def test_a_quote_not_in_the_text_is_an_error_on_quote(editor, article):
    with pytest.raises(ReviewError, match="not in the text") as caught:
        prediction_record(
            by=editor, article=article, quote="The bridge will fall", speaker=None, claim="x",
            probability=0.5,
        )  # fmt: skip
    assert caught.value.field == "quote"
    assert not Prediction.objects.exists()


@pytest.mark.parametrize("probability", [0.0, 1.0, 1.5, -0.1])
def test_probability_out_of_range_is_a_message_in_words(editor, article, probability):
    with pytest.raises(ReviewError, match="above 0% and below 100%"):
        prediction_record(
            by=editor, article=article, quote="Fares rise again.", occurrence=1, speaker=None,
            claim="x", probability=probability,
        )  # fmt: skip


def test_a_deadline_that_cannot_be_read_is_an_error_on_deadline_text(editor, article):
    with pytest.raises(ReviewError, match="no date can be read") as caught:
        prediction_record(
            by=editor, article=article, quote="Fares rise again.", occurrence=1, speaker=None,
            claim="x", probability=0.5, deadline_text="some day soonish",
        )  # fmt: skip
    assert caught.value.field == "deadline_text"


def test_a_new_commenter_is_scoped_to_the_outlet(editor):
    comment = CommentFactory(author=None, body="Mark my words, the pier will close this year.")
    prediction = prediction_record(
        by=editor,
        comment=comment,
        quote="the pier will close this year",
        speaker="pierwatcher",
        speaker_role="commenter",
        claim="The pier closes",
        probability=0.8,
    )
    assert prediction.article == comment.article
    assert prediction.speaker.kind == Person.Kind.COMMENTER
    assert prediction.speaker.outlet == comment.article.outlet


def test_an_unreviewed_candidate_over_the_span_is_replaced(editor):
    candidate = CandidateFactory()
    author = PersonFactory()
    candidate.article.authors.set([author])
    prediction = prediction_record(
        by=editor,
        article=candidate.article,
        quote="will approve the budget",
        speaker=None,
        claim="The council approves the budget",
        probability=0.7,
    )
    assert not Prediction.objects.filter(pk=candidate.pk).exists()
    assert prediction.speaker == author


def test_a_reviewed_prediction_over_the_span_is_an_error_naming_it(editor):
    candidate = CandidateFactory(edited=True)
    with pytest.raises(SpanTakenError, match=f"prediction {candidate.pk}") as caught:
        prediction_record(
            by=editor, article=candidate.article, quote="approve the budget",
            speaker="Someone Else", claim="x", probability=0.5,
        )  # fmt: skip
    assert caught.value.prediction == candidate
    assert caught.value.field == "quote"


def test_a_statement_with_no_article(editor):
    made_at = datetime.datetime(2026, 5, 1, 20, tzinfo=datetime.UTC)
    prediction = prediction_record(
        by=editor,
        source_url="https://tv.example.org/evening-news/2026-05-01",
        made_at=made_at,
        quote="Interest rates will be cut before the end of the year.",
        speaker="Governor Lark",
        claim="Interest rates are cut",
        probability=0.75,
        deadline_text="before the end of the year",
    )
    assert prediction.article is None
    assert (prediction.start, prediction.end) == (0, len(prediction.quote))
    assert prediction.deadline == datetime.date(2026, 12, 31)
    assert prediction.made_at == made_at


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"source_url": "", "made_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)}, "source_url"),
        ({"source_url": "not a url", "made_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)}, "source_url"),
        ({"source_url": "https://example.org/talk"}, "made_at"),
    ],
)  # fmt: skip
def test_a_statement_with_no_article_needs_its_source(editor, values, field):
    with pytest.raises(ReviewError) as caught:
        prediction_record(
            by=editor, quote="Rates will fall.", speaker="Governor Lark", claim="Rates fall",
            probability=0.6, **values,
        )  # fmt: skip
    assert caught.value.field == field


def test_the_database_refuses_an_articleless_extracted_prediction():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Prediction.objects.create(
            quote="x", start=0, end=1, claim=claim, claim_text="x", probability=0.5,
            made_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Prediction.objects.create(
            quote="x", start=0, end=1, claim=claim, claim_text="x", probability=0.5,
            source="manual", made_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )  # fmt: skip


def test_recording_into_a_resolved_claim_judges_it_at_once(editor, article):
    event = EventFactory(occurred_on=datetime.date(2027, 1, 10))
    claim = ClaimFactory(
        state=Claim.State.OCCURRED, resolved_on=event.occurred_on, resolution_event=event
    )
    prediction = prediction_record(
        by=editor, article=article, quote="The ferry will stop running by June 2027",
        speaker=None, claim=claim, probability=0.8, deadline_text="by June 2027",
    )  # fmt: skip
    assert prediction.outcome == "yes"
    assert Judgement.objects.filter(prediction=prediction).count() == 1


def test_recording_needs_the_review_permission(article):
    with pytest.raises(PermissionRequired):
        prediction_record(
            by=UserFactory(), article=article, quote="Fares rise again.", occurrence=1,
            speaker=None, claim="x", probability=0.5,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"deadline": datetime.date(2500, 1, 1)}, "deadline"),
        ({"deadline_text": "within 400 years"}, "deadline_text"),
        (
            {
                "article": None,
                "source_url": "https://example.org/talk",
                "made_at": datetime.datetime(1850, 1, 1, tzinfo=datetime.UTC),
            },
            "made_at",
        ),
    ],
)
def test_dates_outside_the_archive_years_are_refused_like_everywhere(
    editor, article, values, field
):
    values = {"article": article, "occurrence": 1, **values}
    with pytest.raises(ArchiveError, match="outside the years the archive accepts") as caught:
        prediction_record(
            by=editor, quote="Fares rise again.", speaker=None, claim="x", probability=0.5,
            **values,
        )  # fmt: skip
    assert caught.value.field == field
    assert not Prediction.objects.exists()
