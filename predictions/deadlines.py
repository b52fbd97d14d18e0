"""Effective deadlines: every accepted forecast is judged by one, stated or not.

A forecast with a deadline is judged by it. One with none ("I'm predicting nuclear war") or
only a vague one ("anytime soon") is judged over the archive's horizon,
``settings.ARCHIVE_OPEN_HORIZON_DAYS`` (365 by default) counted from the day it was made: it
came true if the claim occurred within the horizon, and it failed if the horizon ended first.
Without a horizon such a forecast could only ever be judged right, however long it waited.

The rule itself is pure (``predictions.judging.effective_deadline``); this module reads the
setting, and gives the querysets the same rule as conditions on ``deadline`` and ``made_at``
so that the due lists stay index reads.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import DateField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from predictions import judging

DEFAULT_OPEN_HORIZON_DAYS = 365


def open_horizon_days() -> int:
    return int(getattr(settings, "ARCHIVE_OPEN_HORIZON_DAYS", DEFAULT_OPEN_HORIZON_DAYS))


def horizon_words(days: int | None = None) -> str:
    """The horizon as the pages say it: "one-year", "two-year", or "90-day"."""
    days = open_horizon_days() if days is None else days
    years = {365: "one", 730: "two", 1095: "three", 1825: "five", 3650: "ten"}
    return f"{years[days]}-year" if days in years else f"{days}-day"


def effective_deadline(
    deadline: datetime.date | None, made_at: datetime.datetime | None
) -> datetime.date | None:
    """The stated deadline, else the horizon counted from the local day ``made_at`` falls on."""
    made_on = timezone.localdate(made_at) if made_at is not None else None
    return judging.effective_deadline(
        deadline=deadline, made_on=made_on, horizon_days=open_horizon_days()
    )


def effective_deadline_expression():
    """``effective_deadline`` in SQL, for ordering and for comparing with other columns."""
    # The local day first, then the days: adding them to the instant would shift the day when a
    # daylight-saving change falls between.
    horizon = Value(datetime.timedelta(days=open_horizon_days()))
    # PostgreSQL's date + interval is a timestamp: cast back to the day.
    counted = Cast(
        ExpressionWrapper(TruncDate("made_at") + horizon, output_field=DateField()),
        output_field=DateField(),
    )
    return Coalesce(F("deadline"), counted, output_field=DateField())


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _made_before_horizon_reaches(day: datetime.date) -> Q:
    """Open-ended forecasts whose horizon ends before ``day``: made before ``day - horizon``."""
    try:
        boundary = day - datetime.timedelta(days=open_horizon_days())
    except OverflowError:
        return Q(pk__in=[])
    return Q(made_at__lt=_local_midnight(boundary))


def due_before_q(day: datetime.date) -> Q:
    """Forecasts whose effective deadline falls before ``day``."""
    return Q(deadline__lt=day) | Q(deadline__isnull=True) & _made_before_horizon_reaches(day)


def due_between_q(start: datetime.date, end: datetime.date) -> Q:
    """Forecasts whose effective deadline falls on ``start``, ``end`` or a day between."""
    stated = Q(deadline__gte=start, deadline__lte=end)
    open_ended = (
        Q(deadline__isnull=True)
        & ~_made_before_horizon_reaches(start)
        & _made_before_horizon_reaches(end + datetime.timedelta(days=1))
    )
    return stated | open_ended
