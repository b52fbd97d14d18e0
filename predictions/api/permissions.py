"""The permissions the predictions API's write actions need."""

from __future__ import annotations

from archive.api.permissions import ModelPermission


class CanReviewPredictions(ModelPermission):
    permission = "predictions.review_prediction"
    message = "Reviewing predictions needs the predictions.review_prediction permission."


class CanResolveClaims(ModelPermission):
    permission = "predictions.resolve_claim"
    message = "Resolving claims needs the predictions.resolve_claim permission."
