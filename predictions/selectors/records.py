"""A person's or an outlet's track record: counts of right, wrong and pending forecasts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from predictions.managers import PredictionQuerySet
from predictions.models import Prediction

# A forecast is right when it leaned the way things went; exactly 50% leans neither way.
RIGHT = Q(outcome="yes", probability__gt=0.5) | Q(outcome="no", probability__lt=0.5)
WRONG = Q(outcome="yes", probability__lt=0.5) | Q(outcome="no", probability__gt=0.5)
SCORED = Q(outcome__in=["yes", "no"], brier__isnull=False)


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
        right=Count("id", filter=RIGHT),
        wrong=Count("id", filter=WRONG),
        pending=Count("id", filter=Q(outcome__isnull=True)),
        void=Count("id", filter=Q(outcome__in=["ambiguous", "annulled"])),
        scored=Count("id", filter=SCORED),
        brier=Avg("brier", filter=SCORED),
    )
    return Record(**row)


def person_record(*, person) -> Record:
    return record_of(Prediction.objects.for_person(person))


def outlet_record(*, outlet) -> Record:
    return record_of(Prediction.objects.for_outlet(outlet))
