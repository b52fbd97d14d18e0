"""SVG geometry for the public site's charts: calibration plots, sparklines and score lines.

Pure functions over plain numbers. Templates turn the geometry into markup, so everything that
reaches an SVG attribute is a number computed here, never imported text.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CalibrationBin:
    """One bucket of forecasts: the mean probability given and how often the claim came true."""

    forecast: float
    observed: float
    count: int


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    title: str = ""


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A plot area inside a canvas, and what to draw in it (all in SVG user units)."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    path: str = ""
    dots: tuple[Dot, ...] = ()
    x_ticks: tuple[Tick, ...] = ()
    y_ticks: tuple[Tick, ...] = ()
    reference: tuple[float, float, float, float] | None = None
    reference_label: str = ""
    # A label written beside a lone point, which has no line to read it from.
    callout: tuple[float, float, str] | None = None

    @property
    def empty(self) -> bool:
        return not self.dots and not self.path


def bins_from_dicts(rows: Iterable[Mapping]) -> list[CalibrationBin]:
    """Read calibration bins from stored JSON rows, whatever the producer called the fields.

    Rows without a count or with nothing in them are dropped.
    """
    bins = []
    for row in rows or ():
        forecast = _first(
            row, "forecast", "mean_forecast", "mean_probability", "predicted", "p", "x"
        )
        observed = _first(row, "observed", "frequency", "observed_frequency", "actual", "y")
        count = _first(row, "count", "n", "total")
        if forecast is None or observed is None or not count:
            continue
        bins.append(
            CalibrationBin(
                forecast=_clamp(float(forecast)), observed=_clamp(float(observed)), count=int(count)
            )
        )
    return sorted(bins, key=lambda b: b.forecast)


def calibration_chart(bins: Sequence[CalibrationBin], *, size: float = 320) -> Chart:
    """A square calibration plot: forecast on x, observed frequency on y, dots sized by count.

    Dot area grows with the count so that a bucket of one forecast does not look as
    convincing as a bucket of fifty.
    """
    left, top, right, bottom = 44.0, 12.0, size - 20.0, size - 40.0
    biggest = max((b.count for b in bins), default=1)
    dots = tuple(
        Dot(
            x=_round(_scale(b.forecast, left, right)),
            y=_round(_scale(b.observed, bottom, top)),
            r=_round(3.0 + 9.0 * math.sqrt(b.count / biggest)),
            title=f"Said {b.forecast:.0%}, happened {b.observed:.0%} of {b.count}",
        )
        for b in bins
    )
    ticks = tuple(Tick(at=i / 4, label=f"{i * 25}%") for i in range(5))
    return Chart(
        width=size,
        height=size,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        path=_polyline([(d.x, d.y) for d in dots]),
        dots=dots,
        x_ticks=tuple(Tick(at=_round(_scale(t.at, left, right)), label=t.label) for t in ticks),
        y_ticks=tuple(Tick(at=_round(_scale(t.at, bottom, top)), label=t.label) for t in ticks),
        reference=(left, bottom, right, top),
        reference_label="Perfect calibration",
    )


def calibration_sparkline(bins: Sequence[CalibrationBin], *, size: float = 32) -> Chart:
    """A thumbnail calibration plot for a table row: the diagonal and the person's curve."""
    pad = 2.0
    low, high = pad, size - pad
    biggest = max((b.count for b in bins), default=1)
    dots = tuple(
        Dot(
            x=_round(_scale(b.forecast, low, high)),
            y=_round(_scale(b.observed, high, low)),
            r=_round(0.8 + 1.4 * math.sqrt(b.count / biggest)),
        )
        for b in bins
    )
    return Chart(
        width=size,
        height=size,
        left=low,
        top=low,
        right=high,
        bottom=high,
        path=_polyline([(d.x, d.y) for d in dots]),
        dots=dots,
        reference=(low, high, high, low),
    )


# The score line is drawn twice, and CSS shows one: at phone width the wide drawing would be
# scaled down until its 11-unit labels were 5 px tall, so the narrow one is drawn at about the
# width it is shown at.
NARROW_WIDTH = 360.0
# Points at least this far apart on the x axis per year label.
X_LABEL_SPACING = 64.0


def score_line(
    points: Sequence[tuple[datetime.date, float]], *, width: float = 640, height: float = 220
) -> Chart:
    """Running mean Brier score over time; lower is better, 0.25 is always saying 50%.

    A single point (one day of outcomes) is drawn large and labelled with its value, since
    there is no line to read it from.
    """
    left, top, right, bottom = 44.0, 12.0, width - 16.0, height - 30.0
    if not points:
        return Chart(width=width, height=height, left=left, top=top, right=right, bottom=bottom)
    points = sorted(points)
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(last - first, 1)
    ceiling = max(0.5, math.ceil(max(v for _, v in points) * 10) / 10)

    def x_of(day: datetime.date) -> float:
        if first == last:
            return (left + right) / 2
        return _scale((day.toordinal() - first) / span, left, right)

    def y_of(value: float) -> float:
        return _scale(value / ceiling, bottom, top)

    coords = [(_round(x_of(d)), _round(y_of(v))) for d, v in points]
    radius = 5.0 if len(points) == 1 else 4.0 if len(points) <= 3 else 2.5
    dots = tuple(
        Dot(x=x, y=y, r=radius, title=f"{d:%d %b %Y}: {v:.3f}")
        for (x, y), (d, v) in zip(coords, points, strict=True)
    )
    years = range(points[0][0].year, points[-1][0].year + 1)
    fit = max(1, int((right - left) // X_LABEL_SPACING))
    step = max(1, math.ceil(len(years) / fit))
    x_ticks = tuple(
        Tick(at=_round(x_of(datetime.date(year, 1, 1))), label=str(year))
        for year in years[::step]
        if first <= datetime.date(year, 1, 1).toordinal() <= last
    )
    if not x_ticks:
        x_ticks = (Tick(at=coords[0][0], label=f"{points[0][0]:%b %Y}"),)
    y_ticks = tuple(
        Tick(at=_round(y_of(v)), label=f"{v:.1f}") for v in _frange(0.0, ceiling + 1e-9, 0.1)
    )
    reference_y = _round(y_of(0.25))
    callout = None
    if len(points) == 1:
        (x, y), (_, value) = coords[0], points[0]
        callout = (_round(x + radius + 6), y, f"{value:.3f}")
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        path=_polyline(coords),
        dots=dots,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        reference=(left, reference_y, right, reference_y),
        reference_label="0.25: always saying 50%",
        callout=callout,
    )


def _first(row: Mapping, *keys: str):
    for key in keys:
        if row.get(key) is not None:
            return row[key]
    return None


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def _scale(fraction: float, start: float, end: float) -> float:
    return start + (end - start) * fraction


def _round(value: float) -> float:
    return round(value, 1)


def _polyline(coords: Sequence[tuple[float, float]]) -> str:
    if len(coords) < 2:
        return ""
    head, *rest = coords
    return f"M{head[0]} {head[1]}" + "".join(f" L{x} {y}" for x, y in rest)


def _frange(start: float, stop: float, step: float) -> list[float]:
    count = int((stop - start) / step) + 1
    return [round(start + i * step, 10) for i in range(count) if start + i * step <= stop]
