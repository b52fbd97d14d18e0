"""A person's or an outlet's track record: counts of right, wrong and pending forecasts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from predictions import judging
from predictions.managers import CORRECT, WRONG, PredictionQuerySet
from predictions.models import Prediction

SCORED = Q(outcome__in=judging.SCORED_OUTCOMES, brier__isnull=False)


@dataclass(frozen=True)
class Record:
    total: int
    right: int
    wrong: int
    pending: int
    void: int
    scored: int
    brier: float | None

    @property
    def even(self) -> int:
        """Scored forecasts of exactly 50%: neither right nor wrong."""
        return self.scored - self.right - self.wrong


def record_of(predictions: PredictionQuerySet) -> Record:
    """Summarise accepted predictions in one query."""
    row = predictions.accepted().aggregate(
        total=Count("id"),
        right=Count("id", filter=CORRECT),
        wrong=Count("id", filter=WRONG),
        pending=Count("id", filter=Q(outcome__isnull=True)),
        void=Count("id", filter=Q(outcome__in=judging.VOID_OUTCOMES)),
        scored=Count("id", filter=SCORED),
        brier=Avg("brier", filter=SCORED),
    )
    return Record(**row)


def person_record(*, person) -> Record:
    return record_of(Prediction.objects.for_person(person))


def outlet_record(*, outlet) -> Record:
    return record_of(Prediction.objects.for_outlet(outlet))
