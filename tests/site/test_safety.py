"""Imported text is hostile until escaped: titles, bodies, names, links and feeds."""

import datetime
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommenterFactory,
    CommentFactory,
    EventFactory,
    OutletFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
    judge,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(1)">click</a>'
RAW = (SCRIPT, IMG, LINK)


class _Dangers(HTMLParser):
    """Collect what a browser would run: script elements, handler attributes, script URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{tag} {name}={value}")


def assert_harmless(page: str, where: str = "") -> None:
    for raw in RAW:
        assert raw not in page, (where, raw)
    parser = _Dangers()
    parser.feed(page)
    assert parser.found == [], (where, parser.found)


@pytest.fixture
def hostile(db):
    outlet = OutletFactory(name=f"Outlet {IMG}", slug="bad-outlet", homepage="javascript:alert(1)")
    person = PersonFactory(name=f"Pundit {SCRIPT}", slug="bad-pundit", description=LINK)
    quote = f"The vote {SCRIPT} will pass."
    body = f"Intro {IMG} here.\n{quote} Then {LINK}."
    article = ArticleFactory(
        outlet=outlet,
        title=f"Title {SCRIPT}",
        body=body,
        url="javascript:alert(1)",
        authors=[person],
    )
    claim = ClaimFactory(text=f"Claim {IMG}", description=LINK)
    claim.tags.set([TagFactory(name=f"tag {SCRIPT}", slug="bad-tag")])
    prediction = PredictionFactory(
        article=article,
        quote=quote,
        start=body.index(quote),
        speaker=person,
        claim=claim,
        hedge=f"surely {IMG}",
        deadline_text=f"by {LINK}",
        condition_text=f"if {SCRIPT}",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    reader = CommenterFactory(name=f"reader {IMG}", outlet=outlet, slug="bad-reader")
    CommentFactory(article=article, author=reader, position=0, body=f"Reply {SCRIPT} {LINK}")
    event = EventFactory(
        title=f"Event {SCRIPT}",
        description=IMG,
        sources=["javascript:alert(1)", "https://ok.example.org/a"],
    )
    judge(prediction, event=event, note=f"Note {LINK}")
    prediction.outcome = "yes"
    prediction.brier = 0.04
    prediction.log_score = -0.2
    prediction.judged_at = timezone.now()
    prediction.save()
    return {
        "person": person,
        "article": article,
        "prediction": prediction,
        "event": event,
        "claim": claim,
    }


def _pages(h):
    return [
        reverse("site:home"),
        reverse("site:leaderboard"),
        h["person"].get_absolute_url(),
        reverse("site:outlet", kwargs={"slug": "bad-outlet"}),
        h["article"].get_absolute_url(),
        h["prediction"].get_absolute_url(),
        h["claim"].get_absolute_url(),
        reverse("site:events"),
        h["event"].get_absolute_url(),
        reverse("site:search") + "?q=" + "pundit",
        reverse("site:search") + "?q=" + "%3Cscript%3E",
    ]


def test_no_page_lets_imported_markup_through(client, hostile):
    for url in _pages(hostile):
        assert_harmless(client.get(url).content.decode(), url)


def test_escaped_text_is_still_shown(client, hostile):
    page = client.get(hostile["prediction"].get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    assert '<mark class="q q-focus">The vote &lt;script&gt;' in page
    assert 'href="https://ok.example.org/a"' in page


def test_staff_pages_escape_too(admin_client, hostile):
    page = admin_client.get(reverse("site:due")).content.decode()
    page += admin_client.get(hostile["article"].get_absolute_url()).content.decode()
    assert_harmless(page)


def test_every_page_sends_a_content_security_policy_and_needs_no_inline_script(client, hostile):
    for url in _pages(hostile):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        page = response.content.decode()
        assert "<script" not in page and " style=" not in page and " on" + "click=" not in page


@pytest.mark.parametrize("name", ["site:resolved-rss", "site:resolved-atom"])
def test_feed_descriptions_are_escaped_html(client, hostile, name):
    response = client.get(reverse(name))
    root = ET.fromstring(response.content)
    texts = [el.text or "" for el in root.iter()]
    # After XML parsing a reader sees HTML; imported text in it must be escaped HTML.
    html = next(t for t in texts if "The vote" in t and "<p>" in t)
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_person_feed_and_calendar_carry_text_not_markup(client, hostile):
    feed = client.get(reverse("site:person-atom", kwargs={"slug": "bad-pundit"}))
    assert feed.status_code == 200 and b"<script>" not in feed.content
    calendar = client.get(reverse("site:deadlines-ics"))
    assert calendar.status_code == 200


def test_the_checker_catches_what_it_looks_for():
    for raw in (IMG, LINK, SCRIPT):
        parser = _Dangers()
        parser.feed(raw)
        assert parser.found
