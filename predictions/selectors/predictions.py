"""The API's reads of claims, predictions and judgements."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from predictions.models import Claim, Judgement, Prediction
from predictions.selectors.sources import accepted_count


def prediction_list() -> QuerySet[Prediction]:
    """Every prediction; the API reads ``predictions.api.rows.COLUMNS`` of it."""
    return Prediction.objects.all()


def judgement_list() -> QuerySet[Judgement]:
    return Judgement.objects.all()


def judgements_get(*, ids: Iterable[int]) -> QuerySet[Judgement]:
    return Judgement.objects.filter(pk__in=list(ids))


def claim_list() -> QuerySet[Claim]:
    """Claims with their tags and ``prediction_count``, their accepted predictions."""
    return Claim.objects.annotate(prediction_count=accepted_count()).prefetch_related("tags")


def claim_get(*, pk: int) -> Claim:
    return claim_list().get(pk=pk)
