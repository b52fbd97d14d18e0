"""RSS and Atom of resolved forecasts and of one person's, and the deadlines calendar."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from predictions.models import Prediction
from tests.factories import PredictionFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_resolved_rss_lists_judged_forecasts_newest_first(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get(reverse("site:resolved-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    judged = Prediction.objects.judged().count()
    assert len(items) == min(judged, 50)
    assert all(" — " in item.findtext("title") for item in items)
    assert items[0].findtext("link").endswith("/")


def test_resolved_atom(client, demo):
    root = ET.fromstring(client.get(reverse("site:resolved-atom")).content)
    assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry")


def test_person_feeds(client, demo, django_assert_max_num_queries):
    person = demo["people"]["Priya Natarajan"]
    with django_assert_max_num_queries(5):
        response = client.get(reverse("site:person-rss", kwargs={"slug": person.slug}))
    channel = ET.fromstring(response.content).find("channel")
    assert "Priya Natarajan" in channel.findtext("title")
    assert len(channel.findall("item")) == Prediction.objects.filter(speaker=person).count()
    atom = client.get(reverse("site:person-atom", kwargs={"slug": person.slug}))
    assert ET.fromstring(atom.content).tag == f"{ATOM}feed"
    assert client.get(reverse("site:person-rss", kwargs={"slug": "nobody"})).status_code == 404


def test_calendar_has_one_all_day_event_per_upcoming_open_forecast(
    client, db, django_assert_max_num_queries
):
    today = timezone.localdate()
    upcoming = PredictionFactory(deadline=today + datetime.timedelta(days=10))
    PredictionFactory(deadline=today - datetime.timedelta(days=10))  # overdue: not in the calendar
    judged = PredictionFactory(deadline=today + datetime.timedelta(days=3))
    Prediction.objects.filter(pk=judged.pk).update(outcome="yes", brier=0.04, log_score=-0.2)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("site:deadlines-ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    (event,) = events
    assert event.decoded("dtstart") == upcoming.deadline
    assert str(event["uid"]).startswith(f"prediction-{upcoming.pk}@")
    assert upcoming.claim.text in str(event["summary"])
    assert str(event["url"]).endswith(upcoming.get_absolute_url())


def test_each_resolved_item_is_dated_the_day_its_claim_was_resolved(client, demo):
    root = ET.fromstring(client.get(reverse("site:resolved-atom")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    judged = {
        p.get_absolute_url(): p
        for p in Prediction.objects.judged().select_related("claim")
        if p.claim_id and p.claim.resolved_on
    }
    checked = 0
    for entry in root.findall("a:entry", ns):
        link = entry.find("a:link", ns).get("href")
        path = "/" + link.split("/", 3)[3]
        if path in judged:
            published = datetime.datetime.fromisoformat(entry.find("a:published", ns).text)
            assert published.date() == judged[path].claim.resolved_on
            checked += 1
    assert checked
