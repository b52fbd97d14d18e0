"""Open-ended forecasts are judged over the archive's horizon (ARCHIVE_OPEN_HORIZON_DAYS)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from predictions import judging
from predictions.deadlines import effective_deadline, horizon_words
from predictions.models import Prediction
from predictions.selectors.due import predictions_due, predictions_due_soon
from predictions.services.resolution import claim_resolve
from predictions.services.review import prediction_correct
from tests.factories import ClaimFactory, PredictionFactory

MADE = datetime.datetime(2014, 4, 1, 12, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("deadline", "made_on", "days", "expected"),
    [
        (datetime.date(2014, 5, 31), datetime.date(2014, 4, 1), 365, datetime.date(2014, 5, 31)),
        (None, datetime.date(2014, 4, 1), 365, datetime.date(2015, 4, 1)),
        (None, datetime.date(2014, 4, 1), 30, datetime.date(2014, 5, 1)),
        (None, None, 365, None),
        (None, datetime.date(9999, 6, 1), 365, datetime.date.max),
    ],
)
def test_effective_deadline_rule(deadline, made_on, days, expected):
    assert (
        judging.effective_deadline(deadline=deadline, made_on=made_on, horizon_days=days)
        == expected
    )


def test_horizon_in_words(settings):
    assert horizon_words() == "one-year"
    settings.ARCHIVE_OPEN_HORIZON_DAYS = 90
    assert horizon_words() == "90-day"


def test_horizon_follows_the_setting(settings):
    settings.ARCHIVE_OPEN_HORIZON_DAYS = 30
    assert effective_deadline(None, MADE) == datetime.date(2014, 5, 1)
    assert effective_deadline(datetime.date(2020, 1, 1), MADE) == datetime.date(2020, 1, 1)


def _open_ended(claim, **kwargs):
    return PredictionFactory(
        claim=claim, deadline=None, deadline_kind="none", deadline_text="", made_at=MADE, **kwargs
    )


@pytest.mark.django_db
def test_not_occurred_years_on_judges_an_open_ended_forecast_no():
    claim = ClaimFactory(text="A nuclear war breaks out")
    forecast = _open_ended(claim, probability=0.7)
    claim_resolve(claim=claim, state="not_occurred", on=datetime.date(2024, 1, 1), by=None)
    forecast.refresh_from_db()
    assert forecast.outcome == "no"
    assert forecast.brier == pytest.approx(0.49)


@pytest.mark.django_db
def test_not_occurred_within_the_horizon_leaves_it_running():
    claim = ClaimFactory()
    forecast = _open_ended(claim)
    claim_resolve(claim=claim, state="not_occurred", on=datetime.date(2014, 12, 1), by=None)
    forecast.refresh_from_db()
    assert forecast.outcome is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("occurred_on", "outcome"),
    [(datetime.date(2014, 9, 1), "yes"), (datetime.date(2022, 2, 24), "no")],
)
def test_occurred_counts_only_within_the_horizon(occurred_on, outcome):
    claim = ClaimFactory()
    forecast = _open_ended(claim)
    claim_resolve(claim=claim, state="occurred", on=occurred_on, by=None)
    forecast.refresh_from_db()
    assert forecast.outcome == outcome


@pytest.mark.django_db
def test_an_editor_can_state_a_real_deadline():
    claim = ClaimFactory()
    forecast = _open_ended(claim)
    forecast = prediction_correct(
        prediction=forecast, by=None, deadline=datetime.date(2022, 12, 31), deadline_kind="date"
    )
    assert forecast.effective_deadline == datetime.date(2022, 12, 31)
    claim_resolve(claim=claim, state="occurred", on=datetime.date(2022, 2, 24), by=None)
    forecast.refresh_from_db()
    assert forecast.outcome == "yes"


@pytest.mark.django_db
def test_a_made_at_correction_of_an_open_ended_forecast_judges_it_again():
    claim = ClaimFactory()
    forecast = _open_ended(claim)
    claim_resolve(claim=claim, state="occurred", on=datetime.date(2014, 9, 1), by=None)
    forecast.refresh_from_db()
    assert forecast.outcome == "yes"

    corrected = prediction_correct(
        prediction=forecast, by=None, made_at=datetime.datetime(2012, 1, 1, tzinfo=datetime.UTC)
    )
    assert corrected.outcome == "no"
    assert [j.outcome for j in corrected.judgements.order_by("id")] == ["yes", "no"]


@pytest.mark.django_db
def test_the_due_queue_uses_the_effective_deadline():
    today = timezone.localdate()
    now = timezone.now()
    claim = ClaimFactory()
    overdue = _open_ended(claim)
    overdue.made_at = now - datetime.timedelta(days=400)
    overdue.save(update_fields=["made_at"])
    soon = _open_ended(claim)
    soon.made_at = now - datetime.timedelta(days=355)
    soon.save(update_fields=["made_at"])
    running = _open_ended(claim)
    running.made_at = now - datetime.timedelta(days=100)
    running.save(update_fields=["made_at"])
    stated = PredictionFactory(claim=claim, deadline=today - datetime.timedelta(days=3))

    due = list(predictions_due(today=today))
    assert due == [overdue, stated]  # soonest effective deadline first
    assert [p.pk for p in predictions_due_soon(days=30, today=today)] == [soon.pk]
    assert list(Prediction.objects.due_before(today)) == [stated, overdue]


@pytest.mark.django_db
def test_resolve_due_marks_checked_open_ended_forecasts_no():
    claim = ClaimFactory(checked_not_occurred_on=datetime.date(2016, 1, 1))
    forecast = _open_ended(claim)
    still_running = PredictionFactory(claim=claim, deadline=datetime.date(2017, 1, 1), made_at=MADE)
    out = io.StringIO()
    call_command("resolve_due", "--as-of", "2018-01-01", "--mark-no", stdout=out)
    forecast.refresh_from_db()
    still_running.refresh_from_db()
    assert forecast.outcome == "no"
    assert still_running.outcome is None
    assert f"{forecast.pk}\t2015-04-01\t" in out.getvalue()
    assert "1 marked NO" in out.getvalue()


@pytest.mark.django_db
def test_the_prediction_page_names_the_horizon(client):
    forecast = _open_ended(ClaimFactory())
    page = client.get(forecast.get_absolute_url()).content.decode()
    assert "no deadline stated: judged over the archive's one-year horizon" in page
    assert "1 April 2015" in page


@pytest.mark.django_db
def test_the_claim_page_explains_a_no_on_a_claim_that_occurred(client):
    claim = ClaimFactory()
    late = _open_ended(claim)
    claim_resolve(claim=claim, state="occurred", on=datetime.date(2022, 2, 24), by=None)
    late.refresh_from_db()
    assert late.outcome == "no"
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "no deadline stated, judged by" in page
    assert "its deadline had passed before the claim occurred on 24 Feb 2022" in page


@pytest.mark.django_db
def test_the_api_shows_the_effective_deadline(client):
    forecast = _open_ended(ClaimFactory())
    detail = client.get(f"/api/predictions/{forecast.pk}/").json()
    assert (detail["deadline"], detail["effective_deadline"]) == (None, "2015-04-01")
    (row,) = client.get("/api/predictions/").json()["results"]
    assert row["effective_deadline"] == "2015-04-01"


@pytest.mark.django_db
def test_the_api_due_filters_use_the_effective_deadline(client):
    open_ended = _open_ended(ClaimFactory())
    stated = PredictionFactory(deadline=datetime.date(2015, 6, 30))

    def ids(query):
        return {row["id"] for row in client.get(f"/api/predictions/?{query}").json()["results"]}

    assert ids("due_before=2015-04-01") == {open_ended.pk}
    assert ids("due_before=2015-03-31") == set()
    assert ids("due_after=2015-04-02") == {stated.pk}
    assert ids("due_after=2015-04-01&due_before=2015-04-01") == {open_ended.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "made_at",
    [
        # Local midnight to one in the morning, on both sides of the clocks changing.
        datetime.datetime(2014, 3, 31, 0, 30),
        datetime.datetime(2014, 10, 26, 0, 30),
        datetime.datetime(2014, 10, 27, 0, 30),
        datetime.datetime(2014, 6, 1, 23, 30),
    ],
)
def test_sql_and_python_count_the_horizon_from_the_same_local_day(settings, made_at):
    settings.TIME_ZONE = "Europe/London"
    with timezone.override("Europe/London"):
        forecast = _open_ended(ClaimFactory())
        forecast.made_at = timezone.make_aware(made_at)
        forecast.save(update_fields=["made_at"])
        forecast.refresh_from_db()
        (in_sql,) = (
            Prediction.objects.filter(pk=forecast.pk)
            .by_effective_deadline()
            .values_list("effective_on", flat=True)
        )
        assert in_sql == forecast.effective_deadline == made_at.date() + datetime.timedelta(365)
