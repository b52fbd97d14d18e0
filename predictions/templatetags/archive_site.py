"""Template tags of the public site: numbers as readers expect them, badges, charts, quotes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from predictions import charts, highlighting, judging
from predictions.deadlines import horizon_words
from predictions.models import Prediction
from predictions.scoring import EVEN, is_correct

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.853 → "85%"; keeps one decimal near the ends, where 0% and 100% would be false."""
    if value is None or value == "":
        return "–"
    share = float(value) * 100
    if 0 < share < 1 or 99 < share < 100:
        return f"{share:.1f}%"
    return f"{share:.0f}%"


@register.filter
def score(value, digits: int = 3) -> str:
    """A Brier or log score with a fixed number of decimals, or a dash."""
    if value is None or value == "":
        return "–"
    return f"{float(value):.{int(digits)}f}"


@register.filter
def verdict(prediction) -> str:
    """ "right", "wrong", "even" (a 50% forecast) or "" while it is open or void."""
    outcome = getattr(prediction, "outcome", None)
    if outcome not in judging.SCORED_OUTCOMES:
        return ""
    p = prediction.probability
    if p == EVEN:
        return "even"
    return "right" if is_correct(p, outcome == judging.YES) else "wrong"


@register.filter
def leaning(prediction) -> str:
    """Whether the forecast says the claim will happen ("for") or will not ("against")."""
    p = prediction.probability
    return "for" if p > 0.5 else "against" if p < 0.5 else "even"


@register.filter
def safe_url(value) -> str:
    """The URL if it is http(s), else "": imported links must not run script when clicked."""
    url = str(value or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.simple_tag
def admin_change_url(obj) -> str:
    """The admin page for ``obj``, or "" when its model is not in the admin."""
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


OUTCOME_BADGES = {
    "yes": ("Came true", "yes"),
    "no": ("Did not happen", "no"),
    "ambiguous": ("Ambiguous", "void"),
    "annulled": ("Annulled", "void"),
    "withdrawn": ("Reopened", "void"),
}


@register.inclusion_tag("site/tags/badge.html")
def outcome_badge(prediction_or_outcome, today: datetime.date | None = None) -> dict:
    """The claim's outcome for a prediction (or an outcome string) as a coloured badge."""
    if isinstance(prediction_or_outcome, str) or prediction_or_outcome is None:
        outcome, deadline = prediction_or_outcome, None
    else:
        outcome = prediction_or_outcome.outcome
        deadline = prediction_or_outcome.deadline
    if outcome in OUTCOME_BADGES:
        label, css = OUTCOME_BADGES[outcome]
    elif deadline and deadline < (today or timezone.localdate()):
        label, css = "Overdue", "due"
    else:
        label, css = "Pending", "open"
    return {"label": label, "css": css}


@register.inclusion_tag("site/tags/verdict.html")
def verdict_badge(prediction) -> dict:
    return {"verdict": verdict(prediction)}


@register.inclusion_tag("site/tags/claim_state.html")
def claim_state(claim) -> dict:
    css = {"occurred": "yes", "not_occurred": "no", "open": "open"}.get(claim.state, "void")
    return {"label": claim.get_state_display(), "css": css, "claim": claim}


@register.inclusion_tag("site/tags/probability.html")
def probability_bar(probability) -> dict:
    """The probability as a number and a thin bar, so a column of them reads at a glance."""
    share = max(0.0, min(1.0, float(probability)))
    return {"probability": share, "width": round(share * 100, 1)}


@register.inclusion_tag("site/charts/calibration.html")
def calibration_chart(bins, size: int = 320) -> dict:
    return {"chart": charts.calibration_chart(_bins(bins), size=size)}


@register.inclusion_tag("site/charts/sparkline.html")
def calibration_sparkline(bins, size: int = 32) -> dict:
    return {"chart": charts.calibration_sparkline(_bins(bins), size=size)}


@register.inclusion_tag("site/charts/score_line.html")
def score_chart(points: Sequence[tuple[datetime.date, float]]) -> dict:
    return {
        "chart": charts.score_line(points),
        "narrow": charts.score_line(points, width=charts.NARROW_WIDTH),
    }


@register.simple_tag
def quote_in_context(prediction) -> SafeString:
    """The paragraph(s) around a prediction's quote, with the quote marked."""
    body = prediction.body
    span = highlighting.locate(body, prediction.start, prediction.end, prediction.quote)
    if span is None:
        return highlighting.render(prediction.quote, [highlighting.Mark(0, len(prediction.quote))])
    mark = highlighting.Mark(span[0], span[1], css="q-focus")
    return highlighting.render(body, [mark], around=span)


@register.simple_tag
def highlighted_text(text: str, predictions: Iterable) -> SafeString:
    """A whole body with each prediction's quote marked and followed by its probability."""
    marks = []
    for prediction in predictions:
        span = highlighting.locate(text, prediction.start, prediction.end, prediction.quote)
        if span is None:
            continue
        candidate = prediction.status != Prediction.Status.ACCEPTED
        marks.append(
            highlighting.Mark(
                span[0],
                span[1],
                href=reverse("site:prediction", kwargs={"pk": prediction.pk}),
                label=("candidate " if candidate else "") + percent(prediction.probability),
                css="q-candidate" if candidate else "",
                anchor=f"q-{prediction.pk}",
            )
        )
    return highlighting.render(text, marks)


def _bins(bins) -> list[charts.CalibrationBin]:
    bins = list(bins or ())
    if bins and isinstance(bins[0], charts.CalibrationBin):
        return bins
    return charts.bins_from_dicts(bins)


@register.simple_tag
def open_horizon() -> str:
    """The archive's horizon for forecasts with no deadline, in words ("one-year")."""
    return horizon_words()


@register.inclusion_tag("site/parts/speaker.html")
def speaker(prediction, hide_outlet: bool = False) -> dict:
    """Who said it, and where, each named once.

    An unsigned article's statements belong to its outlet's staff: they are shown as such and
    link to the outlet, not to a person page that does not exist. A speaker who shares the
    outlet's name (a blog called after its author) is not named twice. An unnamed reader is
    "an anonymous reader".
    """
    article = prediction.article if prediction.article_id else None
    outlet = article.outlet if article is not None else None
    person = prediction.speaker if prediction.speaker_id else None
    name = person.name if person is not None else (prediction.speaker_name or "")
    same = outlet is not None and name.casefold() == outlet.name.casefold()
    staff = person is None and outlet is not None and prediction.speaker_role == "author"
    staff = staff and (same or not name)
    if person is None and not name and prediction.speaker_role == "commenter":
        name = "An anonymous reader"
    return {
        "person": person,
        "name": name or "Unknown",
        "staff": staff,
        "outlet": outlet,
        "show_outlet": outlet is not None and not hide_outlet and not same and not staff,
    }
