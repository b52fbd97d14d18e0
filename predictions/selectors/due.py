"""Predictions whose deadline has passed, or soon will, without a verdict.

Deadlines here are effective deadlines (``predictions.deadlines``): a forecast with no deadline
stated falls due when the archive's horizon from the day it was made ends.
"""

from __future__ import annotations

import datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from predictions.models import Claim, Prediction


def predictions_due(*, today: datetime.date | None = None) -> QuerySet[Prediction]:
    """Accepted predictions whose deadline fell before ``today`` and that nobody has judged."""
    today = today or timezone.localdate()
    return (
        Prediction.objects.due_before(today)
        .with_speaker()
        .select_related("claim")
        .by_effective_deadline()
    )


def predictions_due_soon(
    *, days: int = 30, today: datetime.date | None = None
) -> QuerySet[Prediction]:
    """Accepted, unjudged predictions whose deadline falls within the next ``days`` days."""
    today = today or timezone.localdate()
    return (
        Prediction.objects.due_between(today, today + datetime.timedelta(days=days))
        .with_speaker()
        .select_related("claim")
        .by_effective_deadline()
    )


def predictions_checked_not_occurred(*, today: datetime.date | None = None) -> QuerySet[Prediction]:
    """Due predictions whose claim an editor checked had not occurred by their deadline."""
    return predictions_due(today=today).filter(
        claim__state=Claim.State.OPEN,
        # ``predictions_due`` annotates each row with its effective deadline.
        claim__checked_not_occurred_on__gte=F("effective_on"),
    )
