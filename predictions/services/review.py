"""Review: an editor accepts, rejects or corrects a prediction (recording one: ``recording``).

Only accepted predictions are ever judged and scored. A prediction a person has touched is never
changed again by re-extraction (see ``predictions.services.extraction``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from archive.importers.documents import check_year
from archive.models import Person
from archive.permissions import Actor, permission_require
from predictions import judging
from predictions.errors import ReviewError
from predictions.models import Claim, Prediction
from predictions.services.board_changes import leaderboards_track
from predictions.services.claims import claim_create
from predictions.services.locks import lock_with_claims
from predictions.services.resolution import claim_judge_moved
from predictions.services.speakers import speaker_get_or_create

PERMISSION = "predictions.review_prediction"

# Fields an editor may correct, and the types they must have.
CORRECTABLE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "quote": str,
    "start": int,
    "end": int,
    "speaker": (Person, type(None)),
    "speaker_name": str,
    "speaker_role": str,
    "claim_text": str,
    "polarity": str,
    "probability": (float, int),
    "hedge": str,
    "condition_text": str,
    "condition_claim": (Claim, type(None)),
    "deadline": (datetime.date, type(None)),
    "deadline_text": str,
    "deadline_kind": str,
    "made_at": datetime.datetime,
}
# What a verdict is computed from, and what places a scored prediction on the boards.
_JUDGING_FIELDS = frozenset({"deadline", "made_at", "condition_claim"})
_BOARD_FIELDS = frozenset({"speaker", "made_at"})
_CHOICES = {
    "speaker_role": Prediction.Role.values,
    "polarity": Prediction.Polarity.values,
    "deadline_kind": Prediction.DeadlineKind.values,
}


def _judge(prediction: Prediction, *, note: str, by: Actor) -> None:
    """Judge an accepted prediction by its claim's resolution as it now stands (if it changed).

    Only a resolution (of the claim, or the failure of its condition) gives a verdict here; on
    an open claim a verdict an editor recorded by hand (``resolve_due --mark-no``) is kept.
    """
    if prediction.status != Prediction.Status.ACCEPTED or prediction.claim_id is None:
        return
    claim = Claim.objects.select_related("resolution_event").get(pk=prediction.claim_id)
    condition = None
    if prediction.condition_claim_id is not None:
        condition = (
            Claim.objects.filter(pk=prediction.condition_claim_id)
            .values_list("state", flat=True)
            .first()
        )
    if claim.state == Claim.State.OPEN and condition not in judging.FAILED_CONDITION_STATES:
        return
    claim_judge_moved(claim=claim, prediction_ids=[prediction.pk], note=note, by=by)
    prediction.refresh_from_db(fields=["outcome", "judged_at", "brier", "log_score", "updated_at"])


def probability_check(probability: float) -> float:
    """``probability`` as a float, refused unless strictly between 0 and 1."""
    if not 0 < probability < 1:
        raise ReviewError("the probability must be above 0% and below 100%", field="probability")
    return float(probability)


def _validate(values: dict[str, Any]) -> None:
    for name, value in values.items():
        expected = CORRECTABLE_FIELDS.get(name)
        if expected is None:
            raise ReviewError(f"{name}: cannot be corrected", field=name)
        if isinstance(value, bool) or not isinstance(value, expected):
            raise ReviewError(f"{name}: wrong type {type(value).__name__}", field=name)
        if name in _CHOICES and value not in _CHOICES[name]:
            raise ReviewError(f"{name}: must be one of {', '.join(_CHOICES[name])}", field=name)
    if values.get("probability") is not None:
        probability_check(values["probability"])
    for name in ("deadline", "made_at"):
        if values.get(name) is not None:
            check_year(values[name], name)
    if "claim_text" in values and not values["claim_text"].strip():
        raise ReviewError("claim_text: must not be empty", field="claim_text")


def _check_quote(prediction: Prediction) -> None:
    body = prediction.body
    if not 0 <= prediction.start <= prediction.end <= len(body):
        raise ReviewError("start/end: outside the text", field="start")
    if body[prediction.start : prediction.end] != prediction.quote:
        raise ReviewError("quote: does not match the text at start/end", field="quote")


def _claim_for(prediction: Prediction, claim: Claim | None) -> Claim:
    if claim is not None:
        return claim
    if prediction.claim is not None:
        return prediction.claim

    return claim_create(text=prediction.claim_text)


@transaction.atomic
def prediction_accept(
    *, prediction: Prediction, by: Actor, claim: Claim | None = None
) -> Prediction:
    """Accept a prediction for scoring, attaching it to ``claim`` (or a new claim of its text)."""
    permission_require(by, PERMISSION, to="review predictions")
    prediction = lock_with_claims(prediction, claim)
    if prediction.outcome is not None and claim is not None and claim.pk != prediction.claim_id:
        raise ReviewError(
            "claim: un-resolve the prediction's claim before moving it", field="claim"
        )
    prediction.claim = _claim_for(prediction, claim)
    if (
        prediction.speaker_id is None
        and prediction.speaker_name
        and prediction.speaker_role == "quoted"
    ):
        prediction.speaker = speaker_get_or_create(
            name=prediction.speaker_name, article=prediction.article
        )
    prediction.status = Prediction.Status.ACCEPTED
    prediction.reviewed_by = by
    prediction.reviewed_at = timezone.now()
    with leaderboards_track([prediction.pk]):  # it now counts as pending (or as it was judged)
        prediction.save(
            update_fields=["claim", "speaker", "status", "reviewed_by", "reviewed_at", "updated_at"]
        )
    # A claim resolved before this prediction joined it (or while it waited as a candidate)
    # judges it now, as it judged the others.
    _judge(prediction, note="accepted into a resolved claim", by=by)
    return prediction


@transaction.atomic
def prediction_reject(*, prediction: Prediction, by: Actor, note: str = "") -> Prediction:
    """Reject a prediction: it stays on record (so re-extraction never brings it back) unscored."""
    permission_require(by, PERMISSION, to="review predictions")
    prediction = lock_with_claims(prediction)
    if prediction.outcome is not None:
        raise ReviewError(
            "status: a judged prediction cannot be rejected; un-resolve its claim first"
        )
    prediction.status = Prediction.Status.REJECTED
    prediction.reviewed_by = by
    prediction.reviewed_at = timezone.now()
    prediction.review_note = note
    with leaderboards_track([prediction.pk]):  # an accepted one no longer counts as pending
        prediction.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
        )
    return prediction


@transaction.atomic
def prediction_correct(*, prediction: Prediction, by: Actor, **changes: Any) -> Prediction:
    """Correct what the extractor found; the prediction is marked as edited by a person."""
    permission_require(by, PERMISSION, to="review predictions")
    _validate(changes)
    prediction = lock_with_claims(prediction, changes.get("condition_claim"))
    if prediction.outcome is not None and {"probability", "polarity", "deadline"} & changes.keys():
        raise ReviewError("a judged prediction's probability, polarity and deadline are frozen")
    if "quote" in changes and not ({"start", "end"} & changes.keys()):
        body = prediction.body
        index = body.find(changes["quote"])
        if index < 0:
            raise ReviewError("quote: not found in the text", field="quote")
        changes["start"], changes["end"] = index, index + len(changes["quote"])
    old = {name: getattr(prediction, name) for name in changes}
    moves_boards = bool(_BOARD_FIELDS & changes.keys())
    for name, value in changes.items():
        setattr(prediction, name, float(value) if name == "probability" else value)
    if {"start", "end"} & changes.keys() and "quote" not in changes:
        prediction.quote = prediction.body[prediction.start : prediction.end]
    _check_quote(prediction)
    prediction.edited = True
    prediction.reviewed_by = by
    prediction.reviewed_at = timezone.now()
    # Its old speaker and year lose what it adds to the boards, the new ones gain it.
    with leaderboards_track([prediction.pk] if moves_boards else []):
        prediction.save(
            update_fields=[
                *changes.keys(),
                "quote",
                "edited",
                "reviewed_by",
                "reviewed_at",
                "updated_at",
            ]
        )
    touched = {name for name in changes if old[name] != getattr(prediction, name)}
    if prediction.status == Prediction.Status.ACCEPTED and touched & _JUDGING_FIELDS:
        _judge(prediction, note=f"corrected {', '.join(sorted(touched & _JUDGING_FIELDS))}", by=by)
    return prediction
