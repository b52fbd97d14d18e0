"""The predictions list, represented straight from ``values()`` rows.

A page of a hundred predictions with their speaker, outlet, article and claim meant building
some five hundred model instances and walking ``PredictionSerializer`` over them: two thirds of
the request's time. The list reads the same columns as dictionaries and shapes them here into
exactly what the serializer produces (``PredictionSerializer`` stays the schema and the detail
view's representation; the schema tests validate every list response against it).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_urlconf
from django.utils import timezone

from archive.api.fields import url_template
from predictions.models import Claim

# The prediction's own columns, in the serializer's order, that are shown as they are.
_PLAIN = (
    "status",
    "source",
    "speaker_name",
    "speaker_role",
    "comment_id",
    "quote",
    "start",
    "end",
    "claim_text",
    "polarity",
    "probability",
    "hedge",
    "condition_text",
    "made_at",
    "deadline",
    "deadline_text",
    "deadline_kind",
    "outcome",
    "judged_at",
    "brier",
    "log_score",
    "edited",
    "reviewed_at",
    "extractor_version",
)

COLUMNS = (
    "id",
    *_PLAIN,
    "speaker__slug",
    "speaker__name",
    "speaker__kind",
    "article_id",
    "article__title",
    "article__published_at",
    "article__outlet__slug",
    "article__outlet__name",
    "claim_id",
    "claim__text",
    "claim__state",
)


def _page_url(origin: str, view_name: str, lookup: str):
    """A function from a key to the absolute URL of its public page (None without a route)."""
    try:
        prefix, suffix = url_template(get_urlconf(), view_name, lookup)
    except NoReverseMatch:
        return lambda key: None
    return lambda key: f"{origin}{prefix}{key}{suffix}"


def prediction_rows_represent(rows: list[dict], *, origin: str) -> list[dict]:
    """``PredictionSerializer``'s representation of each row of ``COLUMNS`` (order kept).

    ``origin`` is the scheme and host that page URLs start with.
    """
    tags = tag_slugs({row["claim_id"] for row in rows if row["claim_id"] is not None})
    zone = timezone.get_current_timezone()

    def when(value):
        # DRF's ISO 8601 rendering of an aware date-time in the current time zone.
        if value is None:
            return None
        if timezone.is_aware(value):
            value = value.astimezone(zone)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    prediction_url = _page_url(origin, "site:prediction", "pk")
    person_url = _page_url(origin, "site:person", "slug")
    outlet_url = _page_url(origin, "site:outlet", "slug")
    article_url = _page_url(origin, "site:article", "pk")
    claim_url = _page_url(origin, "site:claim", "pk")

    out = []
    for row in rows:
        speaker = row["speaker__slug"]
        outlet = row["article__outlet__slug"]
        article_id = row["article_id"]
        claim_id = row["claim_id"]
        deadline = row["deadline"]
        probability, brier, log_score = row["probability"], row["brier"], row["log_score"]
        out.append(
            {
                "id": row["id"],
                "url": prediction_url(row["id"]),
                "status": row["status"],
                "source": row["source"],
                "speaker": None
                if speaker is None
                else {
                    "slug": speaker,
                    "name": row["speaker__name"],
                    "kind": row["speaker__kind"],
                    "url": person_url(speaker),
                },
                "speaker_name": row["speaker_name"],
                "speaker_role": row["speaker_role"],
                "outlet": None
                if outlet is None
                else {
                    "slug": outlet,
                    "name": row["article__outlet__name"],
                    "url": outlet_url(outlet),
                },
                "article": None
                if article_id is None
                else {
                    "id": article_id,
                    "title": row["article__title"],
                    "published_at": when(row["article__published_at"]),
                    "url": article_url(article_id),
                },
                "comment": row["comment_id"],
                "quote": row["quote"],
                "start": row["start"],
                "end": row["end"],
                "claim": None
                if claim_id is None
                else {
                    "id": claim_id,
                    "text": row["claim__text"],
                    "state": row["claim__state"],
                    "url": claim_url(claim_id),
                },
                "claim_text": row["claim_text"],
                "tags": tags.get(claim_id, []) if claim_id is not None else [],
                "polarity": row["polarity"],
                "probability": None if probability is None else float(probability),
                "hedge": row["hedge"],
                "condition_text": row["condition_text"],
                "made_at": when(row["made_at"]),
                "deadline": None if deadline is None else deadline.isoformat(),
                "deadline_text": row["deadline_text"],
                "deadline_kind": row["deadline_kind"],
                "outcome": row["outcome"],
                "judged_at": when(row["judged_at"]),
                "brier": None if brier is None else float(brier),
                "log_score": None if log_score is None else float(log_score),
                "edited": row["edited"],
                "reviewed_at": when(row["reviewed_at"]),
                "extractor_version": row["extractor_version"],
            }
        )
    return out


def tag_slugs(claim_ids: set[int]) -> dict[int, list[str]]:
    """Each claim's tag slugs, by tag name, in one query."""
    slugs: dict[int, list[str]] = {}
    if claim_ids:
        rows = (
            Claim.tags.through.objects.filter(claim_id__in=claim_ids)
            .order_by("tag__name")
            .values_list("claim_id", "tag__slug")
        )
        for claim_id, slug in rows:
            slugs.setdefault(claim_id, []).append(slug)
    return slugs
