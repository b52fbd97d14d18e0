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
from predictions.api.serializers import PredictionSerializer
from predictions.deadlines import effective_deadline
from predictions.models import Claim, Prediction

# Fields the serializer embeds or derives; every other field of ``PredictionSerializer`` is one
# of the prediction's own columns, read from the row under its own name.
_EMBEDDED = frozenset(
    {"id", "url", "speaker", "outlet", "article", "comment", "claim", "tags", "effective_deadline"}
)
_FIELDS = tuple(PredictionSerializer.Meta.fields)
_PLAIN = tuple(name for name in _FIELDS if name not in _EMBEDDED)
_TYPES = {name: Prediction._meta.get_field(name).get_internal_type() for name in _PLAIN}

COLUMNS = (
    "id",
    *_PLAIN,
    "comment_id",
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
        return lambda _key: None
    return lambda key: f"{origin}{prefix}{key}{suffix}"


def _when(zone):
    def when(value):
        # DRF's ISO 8601 rendering of an aware date-time in the current time zone.
        if value is None:
            return None
        if timezone.is_aware(value):
            value = value.astimezone(zone)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return when


def _plain_getter(name: str, when):
    """Read one column as the serializer renders its model field type."""
    kind = _TYPES[name]
    if kind == "DateTimeField":
        return lambda row: when(row[name])
    if kind == "DateField":
        return lambda row: None if row[name] is None else row[name].isoformat()
    if kind == "FloatField":
        return lambda row: None if row[name] is None else float(row[name])
    return lambda row: row[name]


def prediction_rows_represent(rows: list[dict], *, origin: str) -> list[dict]:
    """``PredictionSerializer``'s representation of each row of ``COLUMNS`` (order kept).

    ``origin`` is the scheme and host that page URLs start with.
    """
    tags = tag_slugs({row["claim_id"] for row in rows if row["claim_id"] is not None})
    when = _when(timezone.get_current_timezone())
    prediction_url = _page_url(origin, "site:prediction", "pk")
    person_url = _page_url(origin, "site:person", "slug")
    outlet_url = _page_url(origin, "site:outlet", "slug")
    article_url = _page_url(origin, "site:article", "pk")
    claim_url = _page_url(origin, "site:claim", "pk")

    def speaker(row):
        slug = row["speaker__slug"]
        if slug is None:
            return None
        return {
            "slug": slug,
            "name": row["speaker__name"],
            "kind": row["speaker__kind"],
            "url": person_url(slug),
        }

    def outlet(row):
        slug = row["article__outlet__slug"]
        if slug is None:
            return None
        return {"slug": slug, "name": row["article__outlet__name"], "url": outlet_url(slug)}

    def article(row):
        pk = row["article_id"]
        if pk is None:
            return None
        return {
            "id": pk,
            "title": row["article__title"],
            "published_at": when(row["article__published_at"]),
            "url": article_url(pk),
        }

    def claim(row):
        pk = row["claim_id"]
        if pk is None:
            return None
        return {
            "id": pk,
            "text": row["claim__text"],
            "state": row["claim__state"],
            "url": claim_url(pk),
        }

    def effective(row):
        day = effective_deadline(row["deadline"], row["made_at"])
        return None if day is None else day.isoformat()

    embedded = {
        "id": lambda row: row["id"],
        "url": lambda row: prediction_url(row["id"]),
        "speaker": speaker,
        "outlet": outlet,
        "article": article,
        "comment": lambda row: row["comment_id"],
        "claim": claim,
        "tags": lambda row: tags.get(row["claim_id"], []) if row["claim_id"] is not None else [],
        "effective_deadline": effective,
    }
    getters = [
        (name, embedded[name] if name in _EMBEDDED else _plain_getter(name, when))
        for name in _FIELDS
    ]
    return [{name: get(row) for name, get in getters} for row in rows]


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
