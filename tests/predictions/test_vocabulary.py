"""Each word of the domain is defined once: the models' choices are the pure cores' values."""

from __future__ import annotations

import pytest

from predictions import judging
from predictions.extraction.deadlines import KINDS
from predictions.managers import CORRECT, WRONG
from predictions.models import Claim, Judgement, Prediction
from predictions.scoring import EVEN, is_correct
from tests.factories import PredictionFactory


def test_deadline_kinds_are_the_extractors():
    assert list(Prediction.DeadlineKind.values) == list(KINDS)


def test_claim_states_and_outcomes_are_the_judging_rules():
    assert list(Claim.State.values) == list(judging.CLAIM_STATES)
    assert list(Prediction.Outcome.values) == list(judging.OUTCOMES)
    assert list(Judgement.Outcome.values) == [*judging.OUTCOMES, "withdrawn"]
    assert set(judging.OUTCOMES) == set(judging.SCORED_OUTCOMES) | set(judging.VOID_OUTCOMES)


@pytest.mark.django_db
def test_the_database_reads_correct_as_the_scoring_rule_does():
    table = [
        (p, outcome) for p in (0.05, 0.3, EVEN, 0.7, 0.95) for outcome in (judging.YES, judging.NO)
    ]
    made = {
        PredictionFactory(probability=p, outcome=outcome).pk: (p, outcome) for p, outcome in table
    }
    correct = set(Prediction.objects.filter(CORRECT).values_list("pk", flat=True))
    wrong = set(Prediction.objects.filter(WRONG).values_list("pk", flat=True))
    for pk, (p, outcome) in made.items():
        came_true = outcome == judging.YES
        assert (pk in correct) == is_correct(p, came_true), (p, outcome)
        assert (pk in wrong) == (p != EVEN and not is_correct(p, came_true)), (p, outcome)
