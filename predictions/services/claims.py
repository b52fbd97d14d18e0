"""Claims: create them, merge duplicates, and attach predictions to them.

A claim is the outcome many predictions share; each prediction keeps its own probability,
polarity, condition and deadline. Merging or moving predictions between claims must leave the
judgements consistent, so these services refuse what would mix two different resolutions and
judge predictions that join an already resolved claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from archive.errors import ResolutionError, ReviewError
from predictions.models import Claim, ClaimResolution, Prediction
from predictions.services.tags import tag_ids

PERMISSION = "predictions.review_prediction"


def _check_permission(by) -> None:
    if by is not None and not by.has_perm(PERMISSION):
        raise PermissionDenied(f"{by} may not edit claims (needs {PERMISSION}).")


@transaction.atomic
def claim_create(*, text: str, tags: Iterable[str] = (), description: str = "", by=None) -> Claim:
    """A new open claim stating ``text`` (positively, without hedges)."""
    _check_permission(by)
    claim = Claim.objects.create(text=_claim_text(text), description=description)
    ids = tag_ids(tags)
    if ids:
        claim.tags.add(*ids.values())
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, by=None, text: str | None = None, description: str | None = None
) -> Claim:
    """Reword a claim or its description; its state changes only through resolution."""
    _check_permission(by)
    fields = []
    if text is not None:
        claim.text = _claim_text(text)
        fields.append("text")
    if description is not None:
        claim.description = description
        fields.append("description")
    if fields:
        claim.save(update_fields=fields)
    return claim


def _claim_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ReviewError("text: a claim needs its text", field="text")
    if len(text) > Claim._meta.get_field("text").max_length:
        raise ReviewError("text: too long for a claim", field="text")
    return text


def _same_resolution(a: Claim, b: Claim) -> bool:
    return (a.state, a.resolved_on) == (b.state, b.resolved_on)


@transaction.atomic
def claim_merge(*, source: Claim, target: Claim, by=None) -> Claim:
    """Fold ``source`` into ``target`` and delete it; return ``target``.

    Predictions and condition references move to ``target``, and ``target`` gains the tags of
    ``source``. Two resolved claims merge only when they were resolved alike; an open claim's
    predictions joining a resolved one are judged by its resolution; a resolved ``source`` into
    an open ``target`` is refused (un-resolve it, or merge the other way).
    """
    _check_permission(by)
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
        from predictions.services.resolution import check_permission

        check_permission(by)

    now = timezone.now()
    moved = list(Prediction.objects.filter(claim=src).values_list("pk", flat=True))
    Prediction.objects.filter(pk__in=moved).update(claim=dst, updated_at=now)
    Prediction.objects.filter(condition_claim=src).update(condition_claim=dst, updated_at=now)
    dst.tags.add(*src.tags.all())
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
        from predictions.services.resolution import claim_judge_moved

        claim_judge_moved(
            claim=dst, prediction_ids=moved, note=f"merged from claim {source.pk}", by=by
        )
    return dst


@transaction.atomic
def prediction_assign_claim(*, prediction: Prediction, claim: Claim, by=None) -> Prediction:
    """Attach ``prediction`` to ``claim``; an accepted one joining a resolved claim is judged."""
    from predictions.services.review import lock_with_claims

    _check_permission(by)
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
    locked.save(update_fields=["claim", "updated_at"])
    if target.state != Claim.State.OPEN and locked.status == Prediction.Status.ACCEPTED:
        from predictions.services.resolution import check_permission, claim_judge_moved

        check_permission(by)
        claim_judge_moved(claim=target, prediction_ids=[locked.pk], note="assigned to claim", by=by)
    prediction.refresh_from_db()
    return prediction
