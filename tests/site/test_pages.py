"""Every public page renders what it promises, in a bounded number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from predictions.models import Prediction
from tests.factories import CandidateFactory, ClaimFactory, EventFactory, PredictionFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def get(client, django_assert_max_num_queries, url, *, status=200):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response


def text(response) -> str:
    return response.content.decode()


def test_home_shows_board_due_soon_resolved_and_articles(
    client, demo, django_assert_max_num_queries
):
    page = text(get(client, django_assert_max_num_queries, reverse("site:home")))
    assert "Who turned out right?" in page
    assert "Margaret Holloway" in page
    assert "The two sides will sign a ceasefire within three weeks" in page  # due soon
    assert "Came true" in page or "Did not happen" in page  # recently resolved
    assert "what comes next" in page  # latest articles


@pytest.mark.parametrize("by", ["person", "outlet"])
def test_leaderboard_ranks_and_states_the_minimum(client, demo, by, django_assert_max_num_queries):
    page = text(
        get(client, django_assert_max_num_queries, reverse("site:leaderboard") + f"?by={by}")
    )
    assert "Only" in page and "at least 5 resolved forecasts" in page
    assert '<svg class="spark"' in page
    name = "Margaret Holloway" if by == "person" else "The Daily Ledger"
    assert name in page


def test_leaderboard_filters_by_tag_and_period(client, demo, django_assert_max_num_queries):
    url = reverse("site:leaderboard") + "?tag=economy&period=2022"
    page = text(get(client, django_assert_max_num_queries, url))
    assert 'value="economy" selected' in page
    assert 'value="2022" selected' in page


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?tag=nonsense", "no topic “nonsense”"),
        ("?period=abc", "“abc” is not a period"),
        ("?period=1999", "No forecasts made in 1999"),
        ("?by=xyz", "no board by “xyz”"),
    ],
)
def test_leaderboard_names_a_filter_it_cannot_honour(
    client, demo, django_assert_max_num_queries, query, named
):
    url = reverse("site:leaderboard") + query
    page = text(get(client, django_assert_max_num_queries, url, status=400))
    assert named in page
    assert 'class="board"' not in page  # not the whole board passed off as the filtered one


def test_leaderboard_shows_and_explains_the_adjusted_score(
    client, demo, django_assert_max_num_queries
):
    page = text(get(client, django_assert_max_num_queries, reverse("site:leaderboard")))
    assert ">Adjusted</th>" in page and "which sets the order" in page


def test_person_page_shows_record_charts_and_forecasts(client, demo, django_assert_max_num_queries):
    person = demo["people"]["Margaret Holloway"]
    page = text(get(client, django_assert_max_num_queries, person.get_absolute_url()))
    assert "Margaret Holloway" in page
    assert 'class="stat__label">right' in page and "pending" in page
    assert "chart--calibration" in page and "chart__diagonal" in page
    assert "chart--line" in page
    assert page.count('class="fc ') == Prediction.objects.filter(speaker=person).count()


def test_person_page_paginates(client, db, django_assert_max_num_queries):
    first = PredictionFactory()
    for _ in range(30):
        PredictionFactory(speaker=first.speaker)
    page = text(
        get(client, django_assert_max_num_queries, first.speaker.get_absolute_url() + "?page=2")
    )
    assert page.count('class="fc ') == 6 and "Page 2 of 2" in page


def test_unknown_person_is_404(client, db):
    assert client.get(reverse("site:person", kwargs={"slug": "nobody"})).status_code == 404


def test_outlet_page(client, demo, django_assert_max_num_queries):
    outlet = demo["outlets"]["The Daily Ledger"]
    page = text(get(client, django_assert_max_num_queries, outlet.get_absolute_url()))
    assert "The Daily Ledger" in page and "Henrik Lund" in page


def test_prediction_page_shows_quote_in_context_words_judgements_and_others(
    client, demo, django_assert_max_num_queries
):
    prediction = next(
        p
        for p in demo["predictions"]
        if p.claim == demo["claims"]["rates"] and p.comment_id is None
    )
    page = text(get(client, django_assert_max_num_queries, prediction.get_absolute_url()))
    assert f'<mark class="q q-focus">{prediction.quote}</mark>' in page
    assert "Officials spent the week" in page  # the rest of its paragraph
    assert f'<q class="words">{prediction.hedge}</q>' in page
    assert f'<q class="words">{prediction.deadline_text}</q>' in page
    assert "Evidence:" in page and demo["events"]["rates"].title in page
    assert "Said it would happen" in page and "Said it would not" in page
    assert "quietobserver" in page


def test_prediction_with_condition_and_no_judgement(client, db, django_assert_max_num_queries):
    prediction = PredictionFactory(condition_text="if the council meets", hedge="")
    page = text(get(client, django_assert_max_num_queries, prediction.get_absolute_url()))
    assert "if the council meets" in page and "Not judged yet" in page
    assert "no hedge" in page


def test_candidates_are_hidden_from_the_public_and_shown_to_editors(client, staff_client, db):
    candidate = CandidateFactory()
    assert client.get(candidate.get_absolute_url()).status_code == 404
    assert staff_client.get(candidate.get_absolute_url()).status_code == 200
    assert (
        "candidate"
        not in text(client.get(candidate.article.get_absolute_url()))
        .lower()
        .split("forecasts here")[1]
    )
    assert "q-candidate" in text(staff_client.get(candidate.article.get_absolute_url()))


def test_article_page_highlights_forecasts_and_threads_comments(
    client, demo, django_assert_max_num_queries
):
    article = demo["article"]
    page = text(get(client, django_assert_max_num_queries, article.get_absolute_url()))
    accepted = Prediction.objects.filter(article=article, status="accepted")
    for prediction in accepted:
        assert f'id="q-{prediction.pk}"' in page
        assert f'href="{prediction.get_absolute_url()}"' in page
    assert "2 comments" in page
    assert 'class="comment depth-1"' in page  # the reply sits under its parent
    assert "Anonymous" in page


def test_claim_page_splits_for_and_against(client, demo, django_assert_max_num_queries):
    claim = demo["claims"]["rates"]
    page = text(get(client, django_assert_max_num_queries, claim.get_absolute_url()))
    assert "Occurred" in page and "Said it would not" in page


def test_events_timeline_and_event_page(client, demo, django_assert_max_num_queries):
    page = text(get(client, django_assert_max_num_queries, reverse("site:events")))
    event = demo["events"]["rates"]
    assert event.title in page and "2023" in page
    page = text(get(client, django_assert_max_num_queries, event.get_absolute_url()))
    assert demo["claims"]["rates"].text in page
    assert "https://records.example.org/rates" in page


def test_search_finds_claims_people_predictions_and_articles(
    client, demo, django_assert_max_num_queries
):
    page = text(
        get(client, django_assert_max_num_queries, reverse("site:search") + "?q=central+bank")
    )
    assert "The central bank will raise interest rates" in page
    page = text(get(client, django_assert_max_num_queries, reverse("site:search") + "?q=holloway"))
    assert "Margaret Holloway" in page
    page = text(get(client, django_assert_max_num_queries, reverse("site:search") + "?q=x"))
    assert "result" not in page


def test_due_queue_is_for_editors_and_links_into_the_admin(
    client, staff_client, db, django_assert_max_num_queries
):
    today = timezone.localdate()
    overdue = PredictionFactory(deadline=today - datetime.timedelta(days=3))
    soon = PredictionFactory(deadline=today + datetime.timedelta(days=3), claim=ClaimFactory())
    assert client.get(reverse("site:due")).status_code == 302
    page = text(get(staff_client, django_assert_max_num_queries, reverse("site:due")))
    assert overdue.claim.text in page and soon.claim.text in page
    if "Admin</a>" in page:  # the admin may register predictions later than the site
        assert reverse("admin:predictions_prediction_change", args=[overdue.pk]) in page


def test_editors_see_which_open_claims_an_event_may_settle(client, staff_client, db):
    claim = ClaimFactory(text="The harbour bridge reopens to traffic")
    PredictionFactory(claim=claim, claim_text=claim.text)
    event = EventFactory(
        title="Harbour bridge reopens to traffic", occurred_on=datetime.date(2030, 1, 5)
    )
    assert "Open claims it may settle" not in text(client.get(event.get_absolute_url()))
    page = text(staff_client.get(event.get_absolute_url()))
    assert "Open claims it may settle" in page and claim.get_absolute_url() in page
    page = text(staff_client.get(claim.get_absolute_url()))
    assert "Events that may settle it" in page and event.get_absolute_url() in page
