import pytest
from django.db import IntegrityError, transaction

from predictions.models import Prediction
from tests.factories import (
    CandidateFactory,
    CommentFactory,
    JudgementFactory,
    PredictionFactory,
)


@pytest.mark.django_db
def test_factories_build_valid_rows():
    prediction = PredictionFactory()
    assert prediction.article.body[prediction.start : prediction.end] == prediction.quote
    assert CommentFactory().author.outlet_id is not None
    assert JudgementFactory().prediction.status == Prediction.Status.ACCEPTED


@pytest.mark.django_db
def test_database_refuses_quote_outside_body():
    with pytest.raises(IntegrityError), transaction.atomic():
        PredictionFactory(quote="Not in the body at all.", start=0)


@pytest.mark.django_db
def test_database_refuses_probability_at_the_bounds():
    for p in (0.0, 1.0, 1.5):
        with pytest.raises(IntegrityError), transaction.atomic():
            PredictionFactory(probability=p)


@pytest.mark.django_db
def test_database_refuses_judgement_of_a_candidate():
    with pytest.raises(IntegrityError), transaction.atomic():
        JudgementFactory(prediction=CandidateFactory())


@pytest.mark.django_db
def test_judgements_are_append_only():
    judgement = JudgementFactory()
    judgement.note = "rewritten"
    with pytest.raises(IntegrityError), transaction.atomic():
        judgement.save()
