"""Claims: create them, merge duplicates, and attach predictions to them.

A claim is the outcome many predictions share; each prediction keeps its own probability,
polarity, condition and deadline. Merging or moving predictions between claims must leave the
judgements consistent, so these services refuse what would mix two different resolutions and
judge predictions that join an already resolved claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from archive.permissions import Actor, permission_require
from predictions.errors import ResolutionError, ReviewError
from predictions.models import Claim, ClaimResolution, Prediction
from predictions.services.board_changes import leaderboards_track
from predictions.services.locks import lock_with_claims
from predictions.services.resolution import PERMISSION as RESOLVE_PERMISSION
from predictions.services.resolution import claim_judge_moved
from predictions.services.tags import tag_ids
from predictions.services.text import one_line

PERMISSION = "predictions.review_prediction"
CLAIM_TEXT_MAX = Claim._meta.get_field("text").max_length or 0


@transaction.atomic
def claim_create(
    *, text: str, tags: Iterable[str] = (), description: str = "", by: Actor = None
) -> Claim:
    """A new open claim stating ``text`` (positively, without hedges)."""
    permission_require(by, PERMISSION, to="edit claims")
    claim = Claim.objects.create(
        text=one_line(text, field="text", max_length=CLAIM_TEXT_MAX, error=ReviewError),
        description=description,
    )
    ids = tag_ids(tags)
    if ids:
        claim.tags.add(*ids.values())
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, by: Actor = None, text: str | None = None, description: str | None = None
) -> Claim:
    """Reword a claim or its description; its state changes only through resolution."""
    permission_require(by, PERMISSION, to="edit claims")
    fields = []
    if text is not None:
        claim.text = one_line(text, field="text", max_length=CLAIM_TEXT_MAX, error=ReviewError)
        fields.append("text")
    if description is not None:
        claim.description = description
        fields.append("description")
    if fields:
        claim.save(update_fields=fields)
    return claim


def _same_resolution(a: Claim, b: Claim) -> bool:
    return (a.state, a.resolved_on) == (b.state, b.resolved_on)


@transaction.atomic
def claim_merge(*, source: Claim, target: Claim, by: Actor = None) -> Claim:
    """Fold ``source`` into ``target`` and delete it; return ``target``.

    Predictions and condition references move to ``target``, and ``target`` gains the tags of
    ``source``. Two resolved claims merge only when they were resolved alike; an open claim's
    predictions joining a resolved one are judged by its resolution; a resolved ``source`` into
    an open ``target`` is refused (un-resolve it, or merge the other way).
    """
    permission_require(by, PERMISSION, to="edit claims")
    if source.pk == target.pk:
        raise ReviewError("target: a claim cannot be merged into itself", field="target")
    # Lock both rows in a fixed order so that two crossing merges cannot deadlock.
    locked = {
        c.pk: c
        for c in Claim.objects.select_for_update()
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise ReviewError("source: the claim no longer exists", field="source")
    src, dst = locked[source.pk], locked[target.pk]
    src_open = src.state == Claim.State.OPEN
    dst_open = dst.state == Claim.State.OPEN
    if not src_open and not dst_open and not _same_resolution(src, dst):
        raise ResolutionError(
            f"claims {src.pk} ({src.state}) and {dst.pk} ({dst.state}) were resolved differently;"
            " un-resolve one of them first",
            field="target",
        )
    if not src_open and dst_open:
        raise ResolutionError(
            f"claim {src.pk} is resolved and {dst.pk} is open; merge {dst.pk} into {src.pk}"
            " or un-resolve it first",
            field="target",
        )
    if not src_open:
        permission_require(by, RESOLVE_PERMISSION, to="resolve claims")

    now = timezone.now()
    moved = list(Prediction.objects.filter(claim=src).values_list("pk", flat=True))
    kept = list(Prediction.objects.filter(claim=dst).values_list("pk", flat=True))
    # The moved predictions take the target's tags, the target's ones gain the source's.
    with leaderboards_track(moved + kept):
        Prediction.objects.filter(pk__in=moved).update(claim=dst, updated_at=now)
        dst.tags.add(*src.tags.all())
    Prediction.objects.filter(condition_claim=src).update(condition_claim=dst, updated_at=now)
    changed = []
    if not dst.description and src.description:
        dst.description = src.description
        changed.append("description")
    if src.checked_not_occurred_on and (
        dst.checked_not_occurred_on is None
        or src.checked_not_occurred_on > dst.checked_not_occurred_on
    ):
        dst.checked_not_occurred_on = src.checked_not_occurred_on
        changed.append("checked_not_occurred_on")
    if changed:
        dst.save(update_fields=changed)
    # The merged claim's resolution history is the target's now; it is moved, never dropped.
    ClaimResolution.objects.filter(claim=src).update(claim=dst)
    src.delete()

    if src_open and not dst_open:
        claim_judge_moved(
            claim=dst, prediction_ids=moved, note=f"merged from claim {source.pk}", by=by
        )
    return dst


@transaction.atomic
def prediction_assign_claim(
    *, prediction: Prediction, claim: Claim, by: Actor = None
) -> Prediction:
    """Attach ``prediction`` to ``claim``; an accepted one joining a resolved claim is judged."""
    permission_require(by, PERMISSION, to="edit claims")
    locked = lock_with_claims(prediction, claim)
    if locked.claim_id == claim.pk:
        return prediction
    if locked.outcome is not None:
        raise ResolutionError(
            f"prediction {locked.pk} is judged; un-resolve its claim before moving it",
            field="claim",
        )
    target = Claim.objects.get(pk=claim.pk)
    locked.claim = target
    with leaderboards_track([locked.pk]):  # it moves to the new claim's tag boards
        locked.save(update_fields=["claim", "updated_at"])
    if target.state != Claim.State.OPEN and locked.status == Prediction.Status.ACCEPTED:
        permission_require(by, RESOLVE_PERMISSION, to="resolve claims")
        claim_judge_moved(claim=target, prediction_ids=[locked.pk], note="assigned to claim", by=by)
    prediction.refresh_from_db()
    return prediction
