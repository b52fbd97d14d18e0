"""Feeds: RSS and Atom of newly resolved predictions and of one person's forecasts, and an
iCalendar of upcoming deadlines.

Feed readers treat an item's description as HTML, so imported text is escaped into it here;
titles are plain text, which the feed generator escapes as XML.
"""

from __future__ import annotations

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from archive.models import Person
from predictions.models import Prediction
from predictions.selectors.pages import (
    person_get,
    predictions_due_between,
    predictions_of_person,
    predictions_recently_judged,
)
from predictions.templatetags.archive_site import OUTCOME_BADGES, percent

FEED_SIZE = 50
CALENDAR_DAYS = 366


def _speaker(prediction: Prediction) -> str:
    return (
        prediction.speaker.name if prediction.speaker_id else prediction.speaker_name or "Unknown"
    )


def _claim(prediction: Prediction) -> str:
    return prediction.claim.text if prediction.claim_id else prediction.claim_text


def _description(prediction: Prediction) -> str:
    outcome = OUTCOME_BADGES.get(prediction.outcome, ("Pending", ""))[0]
    return format_html(
        "<p>{} gave {} that {}.</p><blockquote>{}</blockquote><p>{}{}</p>",
        _speaker(prediction),
        percent(prediction.probability),
        _claim(prediction),
        prediction.quote,
        outcome,
        f" · Brier score {prediction.brier:.3f}" if prediction.brier is not None else "",
    )


class ResolvedFeed(Feed):
    title = "Prediction Archive: newly resolved forecasts"
    description = "Public forecasts whose outcome has just been judged, with the score each earned."

    def link(self) -> str:
        return reverse("site:home")

    def items(self):
        return predictions_recently_judged(limit=FEED_SIZE)

    def item_title(self, item: Prediction) -> str:
        outcome = OUTCOME_BADGES.get(item.outcome, ("Pending", ""))[0]
        return f"{_speaker(item)}: {_claim(item)} ({percent(item.probability)}) — {outcome}"

    def item_description(self, item: Prediction) -> str:
        return _description(item)

    def item_pubdate(self, item: Prediction):
        """The day the outcome became known: the claim's resolution day, where it has one.

        The moment of judging is when the archive recorded it (for a demo or an import, every
        item at once); the updated date keeps that.
        """
        day = item.claim.resolved_on if item.claim_id else None
        if day is None:
            return item.judged_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    def item_updateddate(self, item: Prediction):
        return item.judged_at


class ResolvedAtomFeed(ResolvedFeed):
    feed_type = Atom1Feed
    subtitle = ResolvedFeed.description


class PersonFeed(Feed):
    description_template = None

    def get_object(self, request: HttpRequest, slug: str) -> Person:
        return person_get(slug=slug)

    def title(self, obj: Person) -> str:
        return f"Forecasts by {obj.name} — Prediction Archive"

    def description(self, obj: Person) -> str:
        return f"Every forecast by {obj.name} in the archive, newest first."

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Person):
        return predictions_of_person(person=obj)[:FEED_SIZE]

    def item_title(self, item: Prediction) -> str:
        return f"{_claim(item)} ({percent(item.probability)})"

    def item_description(self, item: Prediction) -> str:
        return _description(item)

    def item_pubdate(self, item: Prediction):
        return item.made_at


class PersonAtomFeed(PersonFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Person) -> str:
        return self.description(obj)


def deadlines_calendar(request: HttpRequest) -> HttpResponse:
    """Open forecasts falling due over the next year, one all-day event on each deadline."""
    today = timezone.localdate()
    upcoming = predictions_due_between(
        start=today, end=today + datetime.timedelta(days=CALENDAR_DAYS), limit=1000
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Prediction Archive//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Prediction Archive: forecast deadlines")
    stamp = timezone.now()
    host = request.get_host().split(":")[0]
    for item in upcoming:
        entry = icalendar.Event()
        entry.add("uid", f"prediction-{item.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.effective_on)
        entry.add("dtend", item.effective_on + datetime.timedelta(days=1))
        entry.add("summary", f"Due: {_claim(item)} ({_speaker(item)}, {percent(item.probability)})")
        entry.add("description", f"“{item.quote}”")
        entry.add("url", request.build_absolute_uri(item.get_absolute_url()))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
