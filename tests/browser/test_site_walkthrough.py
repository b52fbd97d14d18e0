"""A reader's walk through the public site in headless Chromium: home → leaderboard → a person →
one of their forecasts → its article, checking each page and saving a screenshot of it.

Chromium comes from Debian's package (``make browser``); nothing here downloads a browser. The
test skips when it is missing on a developer's machine and fails under CI=true.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands

from tests.site.builders import build_demo_archive

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chromium() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# The demo ranks people from this many resolved forecasts (the Makefile's DEMO_ENV), so the
# pictures show its board as `make demo` serves it.
DEMO_MIN_RESOLVED = 3
# With README_SCREENSHOTS=1 the walk also redraws the README's pictures.
README_SHOTS = {"01-home": "home.png", "03-person": "person.png"}
README_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


@pytest.fixture
def demo_archive(settings):
    """The demo story when its loader is there (without third-party seeds), else invented data."""
    settings.ARCHIVE_MIN_RESOLVED = DEMO_MIN_RESOLVED
    if "demo_setup" in get_commands():
        call_command("demo_setup", "--no-seeds", "--password", "demo-browser-test", verbosity=0)
    else:
        build_demo_archive()


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    if name in README_SHOTS and os.environ.get("README_SCREENSHOTS") == "1":
        page.screenshot(path=str(README_SCREENSHOTS / README_SHOTS[name]), full_page=True)


def test_reader_walks_from_home_to_an_article(browser, live_server, demo_archive):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # Home: the one-sentence promise, the top of the board, recent outcomes, latest articles.
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Who turned out right?"
    assert page.locator(".panel--board table.board tbody tr").count() >= 5  # the demo's board
    assert page.locator(".forecasts .fc").count() >= 1
    assert page.locator(".articles li").count() >= 1
    _shoot(page, "01-home")

    # Leaderboard: ranked rows with a calibration thumbnail, and the minimum-count rule.
    page.click("text=Full leaderboard →")
    page.wait_for_url("**/leaderboard/")
    assert f"at least {settings.ARCHIVE_MIN_RESOLVED} resolved forecasts" in page.inner_text(
        ".note"
    )
    top = page.locator("table.board tbody tr").first
    assert top.locator("svg.spark").count() == 1
    name = top.locator("td.name a").inner_text()
    _shoot(page, "02-leaderboard")

    # A person: record, both charts, every forecast.
    top.locator("td.name a").click()
    page.wait_for_url("**/people/**")
    assert page.locator("h1").inner_text() == name
    assert page.locator(".record .stat").count() == 5
    assert page.locator(".chart--calibration svg circle.chart__dot").count() >= 1
    assert page.locator(".chart--line svg:visible").count() == 1
    assert page.locator(".forecasts .fc").count() >= 1
    _shoot(page, "03-person")

    # One of their forecasts: the quote marked in its paragraph, probability, outcome.
    page.locator(".forecasts .fc .fc__claim").first.click()
    page.wait_for_url("**/predictions/**")
    assert name in page.locator(".kicker").text_content()
    assert page.locator(".context mark.q-focus").inner_text().strip()
    assert page.inner_text(".fact__value.big").endswith("%")
    _shoot(page, "04-prediction")

    # Its article (or, for a reader comment, the article it was posted under).
    page.locator(".source a[href*='/articles/']").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("article.article h1").inner_text()
    assert page.locator("mark.q").count() >= 1
    assert page.locator(".mini-forecasts li").count() >= 1
    _shoot(page, "05-article")

    assert problems == []  # nothing blocked by the Content-Security-Policy, no script errors

    # The same pages at a phone's width must not scroll sideways.
    phone = browser.new_context(viewport=PHONE).new_page()
    for path, shot in (
        ("/", "01-home-phone"),
        (page.url.replace(live_server.url, ""), "05-article-phone"),
    ):
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _shoot(phone, shot)
    phone.goto(live_server.url + "/leaderboard/")
    phone.locator("table.board td.name a").first.click()
    phone.wait_for_url("**/people/**")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shoot(phone, "03-person-phone")


def test_a_reader_finds_their_way_through_the_indexes_and_search(
    browser, live_server, demo_archive
):
    page = browser.new_context(viewport=DESKTOP).new_page()
    phone = browser.new_context(viewport=PHONE).new_page()
    for path, heading in (
        ("/people/", "People"),
        ("/outlets/", "Outlets"),
        ("/articles/", "Articles"),
        ("/claims/", "Claims"),
    ):
        page.goto(live_server.url + path)
        assert page.locator("h1").inner_text() == heading
        assert page.locator(".index-nav a").count() >= 5
        _shoot(page, f"06-index-{heading.lower()}")
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.goto(live_server.url + "/search/?q=Harbourlight")
    assert page.locator("section.panel h2", has_text="Outlets").count() == 1
    page.goto(live_server.url + "/search/?q=Castelane")
    page.click("text=Castellane")
    assert page.locator("section.panel h2", has_text="People").count() == 1
    _shoot(page, "07-search")

    # At a phone's width the board shows the adjusted score, and the note explains no column
    # that is hidden there.
    phone.goto(live_server.url + "/leaderboard/")
    assert phone.locator("th", has_text="Adjusted").is_visible()
    assert not phone.locator("text=The thumbnail plots").is_visible()
    assert not phone.locator("text=The interval is").is_visible()
    _shoot(phone, "02-leaderboard-phone")
    # The score chart's labels stay legible at that width.
    phone.locator("table.board td.name a").first.click()
    phone.wait_for_url("**/people/**")
    sizes = phone.evaluate(
        "[...document.querySelectorAll('.chart--line svg text')]"
        ".filter(t => t.getBoundingClientRect().height > 0)"
        ".map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 9
