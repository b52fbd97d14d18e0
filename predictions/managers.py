"""Named reads over claims, predictions, events, judgements and leaderboard rows."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from predictions import judging
from predictions.deadlines import due_before_q, due_between_q, effective_deadline_expression
from predictions.scoring import EVEN

# The database's reading of ``predictions.scoring.is_correct``: the forecast leaned the way things
# went (a 50% forecast leans neither way). A test checks that the two agree.
CORRECT = Q(outcome=judging.YES, probability__gt=EVEN) | Q(outcome=judging.NO, probability__lt=EVEN)
WRONG = Q(outcome=judging.YES, probability__lt=EVEN) | Q(outcome=judging.NO, probability__gt=EVEN)


class ClaimQuerySet(models.QuerySet):
    def open(self) -> ClaimQuerySet:
        return self.filter(state=self.model.State.OPEN)

    def resolved(self) -> ClaimQuerySet:
        return self.exclude(state=self.model.State.OPEN)


class PredictionQuerySet(models.QuerySet):
    def candidates(self) -> PredictionQuerySet:
        return self.filter(status=self.model.Status.CANDIDATE)

    def accepted(self) -> PredictionQuerySet:
        return self.filter(status=self.model.Status.ACCEPTED)

    def unreviewed(self) -> PredictionQuerySet:
        """Candidates nobody has touched: the only rows re-extraction may replace."""
        return self.filter(
            status=self.model.Status.CANDIDATE, edited=False, reviewed_at__isnull=True
        )

    def judged(self) -> PredictionQuerySet:
        return self.filter(outcome__isnull=False)

    def scored(self) -> PredictionQuerySet:
        return self.filter(outcome__in=judging.SCORED_OUTCOMES, brier__isnull=False)

    def pending(self) -> PredictionQuerySet:
        return self.accepted().filter(outcome__isnull=True)

    def due_before(self, day: datetime.date) -> PredictionQuerySet:
        """Accepted, unjudged predictions whose effective deadline fell before ``day``."""
        return self.pending().filter(due_before_q(day))

    def due_between(self, start: datetime.date, end: datetime.date) -> PredictionQuerySet:
        """Accepted, unjudged predictions whose effective deadline falls from ``start`` to ``end``."""
        return self.pending().filter(due_between_q(start, end))

    def by_effective_deadline(self) -> PredictionQuerySet:
        """Soonest effective deadline first (``effective_on`` on each row)."""
        return self.annotate(effective_on=effective_deadline_expression()).order_by(
            "effective_on", "id"
        )

    def with_speaker(self) -> PredictionQuerySet:
        return self.select_related("speaker", "speaker__outlet")

    def with_relations(self) -> PredictionQuerySet:
        return self.select_related(
            "speaker", "speaker__outlet", "article", "article__outlet", "comment", "claim"
        )

    def for_person(self, person) -> PredictionQuerySet:
        return self.filter(speaker=person)

    def for_outlet(self, outlet) -> PredictionQuerySet:
        return self.filter(Q(article__outlet=outlet))


class EventQuerySet(models.QuerySet):
    def between(self, start: datetime.date, end: datetime.date) -> EventQuerySet:
        return self.filter(occurred_on__gte=start, occurred_on__lte=end)


class JudgementQuerySet(models.QuerySet):
    def with_relations(self) -> JudgementQuerySet:
        return self.select_related("prediction", "event", "judged_by")

    def current(self) -> JudgementQuerySet:
        """Each prediction's latest judgement: the one that counts (``withdrawn`` if reopened)."""
        later = self.model.objects.filter(prediction=OuterRef("prediction")).filter(
            Q(judged_at__gt=OuterRef("judged_at"))
            | Q(judged_at=OuterRef("judged_at"), pk__gt=OuterRef("pk"))
        )
        return self.filter(~Exists(later))

    def superseded(self) -> JudgementQuerySet:
        """Judgements a later one on the same prediction replaced (kept in the log)."""
        return self.exclude(pk__in=self.model.objects.current().values("pk"))


class LeaderboardEntryQuerySet(models.QuerySet):
    def shown(self) -> LeaderboardEntryQuerySet:
        """Rows with something resolved: the others only keep count of pending predictions."""
        return self.filter(resolved__gt=0)

    def board(self, *, scope: str, period: str = "all", tag=None) -> LeaderboardEntryQuerySet:
        """The shown rows of one board (scope, period, tag), in no particular order."""
        qs = self.shown().filter(scope=scope, period=period)
        qs = qs.filter(tag=tag) if tag is not None else qs.filter(tag__isnull=True)
        return qs.select_related("person", "outlet")
