"""Claims, the predictions made about them, the events that settle them, judgements and scores."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from predictions import judging
from predictions.deadlines import effective_deadline
from predictions.managers import (
    ClaimQuerySet,
    EventQuerySet,
    JudgementQuerySet,
    LeaderboardEntryQuerySet,
    PredictionQuerySet,
)


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """Something that happened on a known day, with the sources that report it."""

    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    occurred_on = models.DateField(db_index=True)
    sources = models.JSONField(default=list, blank=True, help_text="A list of source URLs.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="events")
    external_id = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Identity in the file it was imported from; re-importing it changes nothing.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("site:event", kwargs={"pk": self.pk})


class Claim(models.Model):
    """An outcome that one or more predictions are about, stated positively."""

    class State(models.TextChoices):
        OPEN = judging.OPEN, "Open"
        OCCURRED = judging.OCCURRED, "Occurred"
        NOT_OCCURRED = judging.NOT_OCCURRED, "Did not occur"
        ANNULLED = judging.ANNULLED, "Annulled"
        AMBIGUOUS = judging.AMBIGUOUS, "Ambiguous"

    text = models.CharField(max_length=1000)
    description = models.TextField(blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    state = models.CharField(max_length=16, choices=State, default=State.OPEN, db_index=True)
    resolved_on = models.DateField(
        null=True, blank=True, help_text="The day it occurred, or the day as of which it had not."
    )
    resolution_event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="resolved_claims"
    )
    resolution_note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_not_occurred_on = models.DateField(
        null=True,
        blank=True,
        help_text="An editor checked that the claim had not occurred as of this day.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("resolve_claim", "Can resolve and un-resolve claims")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=[judging.OCCURRED, judging.NOT_OCCURRED])
                | Q(resolved_on__isnull=False),
                name="predictions_claim_resolved_has_date",
                violation_error_message="a claim that occurred, or did not, needs the day it was resolved on",
            ),
            models.CheckConstraint(
                condition=~Q(state=judging.OPEN) | Q(resolved_on__isnull=True),
                name="predictions_claim_open_has_no_date",
                violation_error_message="an open claim has no resolution day",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("site:claim", kwargs={"pk": self.pk})


# Module level, so that the constraints in ``Prediction.Meta`` can name them too.
class PredictionStatus(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class PredictionSource(models.TextChoices):
    EXTRACTED = "extracted", "Extracted from text"
    MANUAL = "manual", "Recorded by hand"
    IMPORTED = "imported", "Imported forecast record"


class Prediction(models.Model):
    """One statement that a claim will (or will not) come true, by whom, how sure, by when."""

    Status = PredictionStatus

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        COMMENTER = "commenter", "Commenter"
        QUOTED = "quoted", "Quoted"

    class Polarity(models.TextChoices):
        POSITIVE = "positive", "Will happen"
        NEGATIVE = "negative", "Will not happen"

    class DeadlineKind(models.TextChoices):
        DATE = "date", "Date"
        PERIOD_END = "period_end", "End of a period"
        RELATIVE = "relative", "Relative to the statement"
        EVENT = "event", "A scheduled event"
        VAGUE = "vague", "Vague"
        NONE = "none", "None"

    Source = PredictionSource

    class Outcome(models.TextChoices):
        YES = judging.YES, "Came true"
        NO = judging.NO, "Did not come true"
        AMBIGUOUS = judging.AMBIGUOUS, "Ambiguous"
        ANNULLED = judging.ANNULLED, "Annulled"

    article = models.ForeignKey(
        "archive.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="predictions",
        help_text="Empty for imported forecast records and for statements made elsewhere"
        " (a broadcast, a speech, a post), which name their source URL instead.",
    )
    source_url = models.URLField(
        max_length=1000,
        blank=True,
        help_text="Where a statement with no article in the archive was made.",
    )
    comment = models.ForeignKey(
        "archive.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="predictions",
        help_text="Empty when the article itself says it.",
    )
    quote = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the quote in its body (characters).")
    end = models.PositiveIntegerField()
    speaker = models.ForeignKey(
        "archive.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predictions",
    )
    speaker_name = models.CharField(max_length=200, blank=True, help_text="As the text names them.")
    speaker_role = models.CharField(max_length=12, choices=Role, default=Role.AUTHOR)
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="predictions"
    )
    claim_text = models.CharField(
        max_length=1000, help_text="The outcome as this statement puts it."
    )
    polarity = models.CharField(max_length=10, choices=Polarity, default=Polarity.POSITIVE)
    probability = models.FloatField(help_text="Probability that the claim comes true, 0 < p < 1.")
    hedge = models.CharField(
        max_length=200, blank=True, help_text="The words the probability came from."
    )
    condition_text = models.TextField(blank=True)
    condition_claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conditioned_predictions",
    )
    made_at = models.DateTimeField(db_index=True)
    deadline = models.DateField(null=True, blank=True, db_index=True)
    deadline_text = models.CharField(max_length=300, blank=True)
    deadline_kind = models.CharField(max_length=12, choices=DeadlineKind, default=DeadlineKind.NONE)
    status = models.CharField(
        max_length=10, choices=Status, default=Status.CANDIDATE, db_index=True
    )
    source = models.CharField(max_length=10, choices=Source, default=Source.EXTRACTED)
    edited = models.BooleanField(
        default=False, help_text="A person changed what the extractor found."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(
        max_length=200, unique=True, null=True, blank=True, editable=False
    )

    # The latest judgement, kept here so that scoring and leaderboards never join the log.
    # Null, not "", for no judgement yet: the constraints test ``outcome IS NULL``.
    outcome = models.CharField(  # noqa: DJ001
        max_length=10, choices=Outcome, null=True, blank=True, editable=False
    )
    judged_at = models.DateTimeField(null=True, blank=True, editable=False)
    brier = models.FloatField(null=True, blank=True, editable=False)
    log_score = models.FloatField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PredictionQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at", "-id"]
        permissions = [("review_prediction", "Can accept, reject and correct predictions")]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gt=0) & Q(probability__lt=1),
                name="predictions_probability_open_interval",
                violation_error_message="the probability must be above 0% and below 100%",
            ),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")),
                name="predictions_quote_matches_offsets",
                violation_error_message="the quote must be exactly the words between its start and end",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False)
                | Q(source=PredictionSource.IMPORTED)
                | (Q(source=PredictionSource.MANUAL) & ~Q(source_url="")),
                name="predictions_article_or_source_url",
                violation_error_message="a forecast needs its article, or the source URL of where it was said",
            ),
            models.CheckConstraint(
                condition=Q(comment__isnull=True) | Q(article__isnull=False),
                name="predictions_comment_needs_article",
                violation_error_message="a comment’s forecast needs the comment’s article",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True) | Q(status=PredictionStatus.ACCEPTED),
                name="predictions_outcome_only_when_accepted",
                violation_error_message="only an accepted prediction can have an outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="predictions_due_idx"),
            models.Index(fields=["speaker", "status"], name="predictions_speaker_idx"),
            models.Index(fields=["claim", "status"], name="predictions_claim_idx"),
        ]

    def __str__(self) -> str:
        who = self.speaker_name or (self.speaker.name if self.speaker_id else "unknown")
        return f"{who}: {self.claim_text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("site:prediction", kwargs={"pk": self.pk})

    @property
    def body(self) -> str:
        """The text the quote's offsets point into."""
        if self.comment_id:
            return self.comment.body
        if self.article_id:
            return self.article.body
        return self.quote

    @property
    def made_on(self) -> datetime.date:
        return timezone.localdate(self.made_at)

    @property
    def effective_deadline(self) -> datetime.date | None:
        """The day this forecast is judged by: its deadline, or the archive's horizon."""
        return effective_deadline(self.deadline, self.made_at)

    @property
    def is_reviewed(self) -> bool:
        return self.status != self.Status.CANDIDATE or self.edited


class Judgement(models.Model):
    """One verdict on one accepted prediction. Never updated: a new judgement supersedes it."""

    class Outcome(models.TextChoices):
        YES = judging.YES, "Came true"
        NO = judging.NO, "Did not come true"
        AMBIGUOUS = judging.AMBIGUOUS, "Ambiguous"
        ANNULLED = judging.ANNULLED, "Annulled"
        WITHDRAWN = "withdrawn", "Withdrawn (open again)"

    # PROTECT, not CASCADE or SET NULL: the log is never rewritten, so deleting what it names
    # is refused with a message rather than by the database's append-only trigger.
    prediction = models.ForeignKey(Prediction, on_delete=models.PROTECT, related_name="judgements")
    outcome = models.CharField(max_length=10, choices=Outcome)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="judgements"
    )
    note = models.TextField(blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = JudgementQuerySet.as_manager()

    class Meta:
        ordering = ["-judged_at", "-id"]
        get_latest_by = ["judged_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.judged_at:%Y-%m-%d})"


class ClaimResolution(models.Model):
    """One change of a claim's resolution: resolved (how, as of when) or opened again.

    Written by the resolution service beside the claim's own fields, never changed after, so a
    claim resolved and un-resolved keeps the trace even when no prediction was judged.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="resolutions")
    state = models.CharField(max_length=16, choices=Claim.State)
    resolved_on = models.DateField(null=True, blank=True)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        get_latest_by = ["changed_at", "id"]

    def __str__(self) -> str:
        day = f" on {self.resolved_on:%Y-%m-%d}" if self.resolved_on else ""
        return f"{self.get_state_display()}{day} ({self.changed_at:%Y-%m-%d})"


class LeaderboardEntry(models.Model):
    """A stored leaderboard row: one subject's sums on one board (scope, period, tag).

    The integer sums (``sum_*``, ``bin_sums``, in units of ``predictions.scoring.SCALE``) are
    what updates add to; the means, the interval and the calibration are computed from them.
    A row with nothing resolved only keeps count of its pending predictions: boards never show
    it (``LeaderboardEntryQuerySet.board``). Ranks are not stored: they are the row's place in
    its board's order (``predictions.selectors.leaderboards``).
    """

    class Scope(models.TextChoices):
        PERSON = "person", "Person"
        OUTLET = "outlet", "Outlet"

    scope = models.CharField(max_length=10, choices=Scope)
    person = models.ForeignKey(
        "archive.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    outlet = models.ForeignKey(
        "archive.Outlet", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(
        max_length=10, default="all", help_text='"all", or a year ("2014") of the statements.'
    )
    name = models.CharField(max_length=200)
    resolved = models.PositiveIntegerField()
    correct = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    brier = models.FloatField(null=True, blank=True)
    log_score = models.FloatField(null=True, blank=True)
    brier_low = models.FloatField(null=True, blank=True)
    brier_high = models.FloatField(null=True, blank=True)
    adjusted_brier = models.FloatField(
        null=True, blank=True, help_text="Brier score shrunk towards the board's stored prior."
    )
    calibration = models.JSONField(default=list, blank=True)
    sum_brier = models.BigIntegerField(default=0)
    sum_brier_sq = models.BigIntegerField(default=0)
    sum_log = models.BigIntegerField(default=0)
    bin_sums = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    objects = LeaderboardEntryQuerySet.as_manager()
    # Not stored: the row's place on its board, set by the selectors that number rows.
    rank: int | None = None

    class Meta:
        ordering = ["scope", "period", "tag_id", "adjusted_brier", "-resolved", "name"]
        verbose_name_plural = "leaderboard entries"
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="person") & Q(person__isnull=False) & Q(outlet__isnull=True))
                | (Q(scope="outlet") & Q(outlet__isnull=False) & Q(person__isnull=True)),
                name="predictions_leaderboard_subject_matches_scope",
            ),
        ]
        indexes = [
            # A board in order: its top read off the index, a row's place counted through it
            # (``resolved`` included, so that counting the ranked rows needs no table reads).
            models.Index(
                fields=["scope", "period", "tag", "adjusted_brier", "resolved"],
                name="predictions_board_order_idx",
            ),
        ]

    def __str__(self) -> str:
        if self.brier is None:
            return f"{self.name}: {self.pending} pending"
        return f"{self.name}: {self.brier:.3f} over {self.resolved}"


class LeaderboardPrior(models.Model):
    """One board's prior (the mean its rows are shrunk towards) and the exact sums behind it.

    ``resolved`` and ``sum_brier`` always describe the board's rows as stored; ``prior`` is the
    mean they gave when it was last refreshed, which ``predictions.services.board_priors`` keeps
    within ``ARCHIVE_PRIOR_TOLERANCE`` of the current mean.
    """

    scope = models.CharField(max_length=10, choices=LeaderboardEntry.Scope)
    period = models.CharField(max_length=10, default="all")
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    resolved = models.BigIntegerField(default=0)
    sum_brier = models.BigIntegerField(default=0)
    prior = models.FloatField()
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "period"],
                condition=Q(tag__isnull=True),
                name="predictions_prior_board_unique",
            ),
            models.UniqueConstraint(
                fields=["scope", "period", "tag"],
                condition=Q(tag__isnull=False),
                name="predictions_prior_tag_board_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.period} {self.tag_id or ''}: {self.prior:.4f}"


class LeaderboardChange(models.Model):
    """What one committed change of verdicts, speakers or dates adds to the board rows.

    Written in the same transaction as the change itself, so it is exactly that change's
    difference; ``leaderboards_update`` adds it to the rows and deletes it in one transaction,
    so it counts once however often the update runs. ``delta`` is a list of
    ``[scope, subject id, period, tag id, sums]`` with ``sums`` as ``RowSums.as_list()``.
    """

    delta = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"board change {self.pk} ({len(self.delta)} rows)"
