"""The order in which reviews and resolutions lock rows, so that neither judges a stale row."""

from __future__ import annotations

from predictions.models import Claim, Prediction


def lock_with_claims(prediction: Prediction, *claims: Claim | None) -> Prediction:
    """Lock the claims that judge ``prediction`` (in id order), then the prediction itself.

    Resolution locks a claim and then its predictions; taking the same locks in the same order
    makes a review wait for a resolution in progress (and the other way round), so that every
    verdict is computed from the prediction as it is stored. The claims are its own claim and
    condition claim and any in ``claims`` it is about to join; if another transaction moved it
    to other claims meanwhile, the locks are taken again.
    """
    extra = {c.pk for c in claims if c is not None}
    while True:
        current = (
            Prediction.objects.filter(pk=prediction.pk)
            .values_list("claim_id", "condition_claim_id")
            .get()
        )
        wanted = sorted(({*current} | extra) - {None})
        if wanted:
            list(Claim.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
        locked = Prediction.objects.select_for_update().get(pk=prediction.pk)
        if (locked.claim_id, locked.condition_claim_id) == current:
            return locked
