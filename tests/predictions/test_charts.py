"""SVG geometry of the site's charts, without a database."""

import datetime

import pytest

from predictions import charts


def test_calibration_chart_puts_a_perfect_bin_on_the_diagonal():
    chart = charts.calibration_chart([charts.CalibrationBin(0.5, 0.5, 4)], size=300)
    (dot,) = chart.dots
    x1, y1, x2, y2 = chart.reference
    # On the line from (left, bottom) to (right, top).
    assert (dot.x - x1) / (x2 - x1) == pytest.approx((dot.y - y1) / (y2 - y1), abs=0.01)
    assert chart.left < dot.x < chart.right and chart.top < dot.y < chart.bottom


def test_calibration_dots_grow_with_their_count():
    chart = charts.calibration_chart(
        [charts.CalibrationBin(0.1, 0.0, 1), charts.CalibrationBin(0.9, 1.0, 50)]
    )
    small, big = chart.dots
    assert big.r > small.r
    assert chart.path.startswith("M") and " L" in chart.path


def test_empty_charts_say_so():
    assert charts.calibration_chart([]).empty
    assert charts.score_line([]).empty
    assert charts.calibration_sparkline([]).dots == ()


def test_bins_from_dicts_reads_the_scoring_modules_field_names_and_drops_empty_bins():
    rows = [
        {"low": 0.0, "high": 0.1, "count": 0, "mean_probability": None, "observed_frequency": None},
        {"mean_probability": 0.75, "observed_frequency": 0.5, "count": 2},
        {"forecast": 0.2, "observed": 1.4, "count": 1},
    ]
    assert charts.bins_from_dicts(rows) == [
        charts.CalibrationBin(0.2, 1.0, 1),
        charts.CalibrationBin(0.75, 0.5, 2),
    ]


def test_score_line_scales_dates_left_to_right_and_marks_the_coin_flip_line():
    day = datetime.date(2020, 1, 1)
    points = [(day, 0.1), (day + datetime.timedelta(days=400), 0.3)]
    chart = charts.score_line(points, width=600, height=200)
    first, last = chart.dots
    assert first.x == chart.left and last.x == chart.right
    assert last.y < first.y  # a worse score is drawn higher up
    assert chart.reference[1] == chart.reference[3]
    assert [t.label for t in chart.x_ticks] == ["2020", "2021"]


def test_score_line_with_one_point_centres_it():
    chart = charts.score_line([(datetime.date(2021, 5, 1), 0.2)], width=600)
    (dot,) = chart.dots
    assert dot.x == pytest.approx((chart.left + chart.right) / 2, abs=0.1)
    assert chart.path == ""


def test_a_lone_point_is_drawn_large_and_labelled_with_its_value():
    chart = charts.score_line([(datetime.date(2021, 5, 1), 0.2)])
    assert chart.dots[0].r >= 5
    assert chart.callout is not None and chart.callout[2] == "0.200"
    two = charts.score_line([(datetime.date(2021, 5, 1), 0.2), (datetime.date(2022, 5, 1), 0.3)])
    assert two.callout is None


def test_the_narrow_score_line_keeps_its_year_labels_apart():
    points = [(datetime.date(year, 6, 1), 0.2) for year in range(2000, 2026)]
    narrow = charts.score_line(points, width=charts.NARROW_WIDTH)
    # Drawn at about the width a phone shows it, so an 11-unit label stays about 11 px tall.
    assert narrow.width <= 390
    gaps = [b.at - a.at for a, b in zip(narrow.x_ticks, narrow.x_ticks[1:], strict=False)]
    assert gaps and min(gaps) >= charts.X_LABEL_SPACING * 0.9
