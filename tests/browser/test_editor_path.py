"""An editor's whole path through the admin in headless Chromium: import a document, review its
candidates (accept, reject, correct), record a missed forecast by hand, record an event, resolve
the claim with it, and un-resolve it with a reason; a screenshot of every page.

Chromium comes from Debian's package, as for the site walkthrough; nothing downloads a browser.
"""

import json
import re

import pytest

from archive.models import Article
from predictions.models import Claim, Event, Judgement, Prediction
from tests.browser.test_site_walkthrough import CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, _chromium
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "editor path password 42"
DOCUMENT = {
    "title": "The harbour board looks ahead",
    "url": "https://courier.example.org/2026/03/harbour-board",
    "outlet": "The Example Courier",
    "authors": ["Ines Row"],
    "published": "2026-03-01",
    "body": "\n".join(
        [
            "The harbour board met on Monday to discuss the ferry.",
            "The ferry will probably stop running by June 2027, the harbour master said.",
            "The board is unlikely to approve the new pier before the end of the year.",
            "I am fairly sure the toll will be doubled within two years.",
            "The mayor expects the tunnel to open next spring, although nobody has checked.",
            "A second bridge: finished by the end of 2027, the engineer told us.",
        ]
    ),
    "comments": [
        {
            "author": "pierwatcher",
            "posted": None,
            "body": "The ferry will certainly keep running, mark my words.",
            "parent": None,
        }
    ],
}
MISSED = "A second bridge: finished by the end of 2027"


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


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"editor-{name}.png"), full_page=True)


def _go(page, selector: str) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def _message(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def _candidate_pks(article) -> list[int]:
    return list(
        Prediction.objects.filter(article=article, status="candidate")
        .order_by("comment__position", "start")
        .values_list("pk", flat=True)
    )


def test_editor_imports_reviews_records_resolves_and_unresolves(browser, live_server):
    UserFactory(username="editor", password=PASSWORD, is_staff=True, is_superuser=True)
    context = browser.new_context(viewport=DESKTOP)
    # The admin's navigation sidebar closed, as an editor reviewing at length keeps it.
    context.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    _go(page, "input[type=submit]")
    assert "Review queue" in page.inner_text("#content")
    _shoot(page, "01-index")

    # 1. Import a document: the page shows the format, and the result links to the candidates.
    page.goto(f"{base}/admin/archive/article/import/")
    assert "The document format" in page.inner_text("#content")
    page.fill("textarea[name=document]", json.dumps(DOCUMENT, indent=2))
    _shoot(page, "02-import")
    _go(page, "#import_form input[type=submit]")
    assert "Imported" in _message(page)
    article = Article.objects.get()
    waiting = _candidate_pks(article)
    assert len(waiting) >= 3, "the extractor should find the document's forecasts"
    _go(page, "ul.messagelist a:has-text('to review')")
    assert re.search(r"Review queue: \d+ candidates? waiting", page.inner_text("#content"))
    _shoot(page, "03-queue")

    # 2. Accept, reject and correct candidates, stepping through the queue.
    first, second, third = waiting[:3]
    page.goto(f"{base}/admin/predictions/prediction/{first}/change/")
    _shoot(page, "04-candidate")
    _go(page, "input[name=_accept_next]")
    assert "Accepted" in _message(page)
    assert page.url.endswith(f"/prediction/{second}/change/")
    _go(page, "input[name=_reject_next]")
    assert "Rejected" in _message(page)
    assert page.url.endswith(f"/prediction/{third}/change/")
    page.fill("input[name=probability]", "40%")
    _go(page, "input[name=_continue]")
    corrected = Prediction.objects.get(pk=third)
    assert corrected.probability == pytest.approx(0.4) and corrected.edited
    assert page.locator(".errornote").count() == 0
    assert Prediction.objects.get(pk=first).status == "accepted"
    assert Prediction.objects.get(pk=second).status == "rejected"

    # 3. Add the forecast the extractor missed, from the article's page.
    page.goto(f"{base}/admin/archive/article/{article.pk}/change/")
    _go(page, "a:has-text('Add prediction')")
    page.fill("textarea[name=quote]", MISSED)
    page.fill("input[name=new_speaker]", "Engineer Brook")
    page.select_option("select[name=speaker_role]", "quoted")
    page.fill("input[name=new_claim]", "The second harbour bridge is finished")
    page.fill("input[name=probability]", "75")
    page.fill("input[name=deadline_text]", "by the end of 2027")
    _shoot(page, "05-add-prediction")
    _go(page, "#prediction_record_form input[type=submit]")
    if page.locator("input[name=claim_choice][value=new]").count():
        page.check("input[name=claim_choice][value=new]")
        _go(page, "#prediction_record_form input[type=submit]")
    assert "Recorded and accepted" in _message(page), page.inner_text("#content")[:2000]
    assert "was read as 31 December 2027" in _message(page)
    _shoot(page, "06-recorded")
    recorded = Prediction.objects.get(source="manual")
    assert recorded.status == "accepted" and recorded.speaker.name == "Engineer Brook"

    # 4. Record the event that settles it.
    page.goto(f"{base}/admin/predictions/event/add/")
    page.fill("input[name=title]", "The second harbour bridge is finished and opens to traffic")
    page.fill("input[name=occurred_on]", "2026-11-15")
    _shoot(page, "07-event")
    _go(page, "input[name=_save]")
    event = Event.objects.get()

    # 5. Resolve the claim from its page, with the suggested event.
    claim = recorded.claim
    page.goto(f"{base}/admin/predictions/claim/{claim.pk}/change/")
    _go(page, "a.resolve-link")
    suggestion = page.locator(f"button[name=pick_event][value='{event.pk}']")
    assert suggestion.count() == 1, page.inner_text("#content")[:2000]
    _shoot(page, "08-resolve")
    with page.expect_navigation():
        suggestion.click()
    assert "Resolved as occurred on 15 November 2026: 1 prediction judged" in _message(page)
    _shoot(page, "09-resolved")
    claim.refresh_from_db()
    assert claim.state == Claim.State.OCCURRED and claim.resolution_event == event
    assert Prediction.objects.get(pk=recorded.pk).outcome == "yes"

    # 6. Un-resolve it, confirming and giving a reason.
    _go(page, "a.unresolve-link")
    page.fill("textarea[name=reason]", "The bridge opened only for pedestrians.")
    _shoot(page, "10-unresolve")
    _go(page, "#claim_unresolve_form input[type=submit]")
    assert page.locator(".errornote, .errorlist").count() >= 1  # not confirmed yet
    page.fill("textarea[name=reason]", "The bridge opened only for pedestrians.")
    page.check("input[name=confirm]")
    _go(page, "#claim_unresolve_form input[type=submit]")
    assert "Opened again: 1 verdict withdrawn" in _message(page)
    _shoot(page, "11-unresolved")
    claim.refresh_from_db()
    assert claim.state == Claim.State.OPEN
    withdrawn = Judgement.objects.get(prediction=recorded, outcome="withdrawn")
    assert withdrawn.note == "The bridge opened only for pedestrians."
    assert not problems, problems
