"""The index pages (articles, people, outlets, claims), the error pages, and their links."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from archive.models import Article
from predictions.models import Claim
from predictions.selectors.leaderboards import leaderboard
from tests.factories import PredictionFactory
from tests.site.test_pages import get, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["articles", "people", "outlets", "claims"])
def test_every_index_answers_and_links_to_the_others(
    client, demo, django_assert_max_num_queries, name
):
    page = text(get(client, django_assert_max_num_queries, reverse(f"site:{name}")))
    for other in ("articles", "people", "outlets", "claims", "events"):
        assert f'href="{reverse(f"site:{other}")}"' in page


def test_articles_index_filters_by_outlet_and_dates(client, demo, django_assert_max_num_queries):
    outlet = demo["outlets"]["The Daily Ledger"]
    url = reverse("site:articles")
    everything = text(get(client, django_assert_max_num_queries, url))
    assert f"{Article.objects.count()} articles." in everything
    mine = text(get(client, django_assert_max_num_queries, f"{url}?outlet={outlet.slug}"))
    assert f"{outlet.articles.count()} article" in mine
    assert all(escape(a.title) in mine for a in outlet.articles.all())
    others = Article.objects.exclude(outlet=outlet)
    assert not any(f">{escape(a.title)}</a>" in mine for a in others)

    day = Article.objects.order_by("published_at").first().published_at.date()
    window = f"{url}?published_from={day}&published_to={day}"
    one_day = text(get(client, django_assert_max_num_queries, window))
    count = Article.objects.filter(published_at__date=day).count()
    assert f"{count} article{'s' if count != 1 else ''}." in one_day


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?outlet=no-such-outlet", "No outlet “no-such-outlet”"),
        ("?published_from=yesterday", "Published from: Enter a valid date."),
        ("?published_from=2020-02-02&published_to=2020-01-01", "first day comes after the last"),
    ],
)
def test_articles_index_names_a_bad_filter(
    client, demo, django_assert_max_num_queries, query, named
):
    page = text(
        get(client, django_assert_max_num_queries, reverse("site:articles") + query, status=400)
    )
    assert named in page
    assert "articles--index" not in page


def test_articles_index_pages_keep_the_filter(client, db, django_assert_max_num_queries):
    first = PredictionFactory()
    outlet = first.article.outlet
    for _ in range(55):
        PredictionFactory(article__outlet=outlet)
    page = text(get(client, django_assert_max_num_queries, f"/articles/?outlet={outlet.slug}"))
    assert f'href="?outlet={outlet.slug}&amp;page=2"' in page


def test_people_index_lists_ranked_then_unranked_with_counts(
    client, demo, django_assert_max_num_queries
):
    reader = demo["reader"]
    url = reverse("site:people")
    page = text(get(client, django_assert_max_num_queries, url))
    best = leaderboard(scope="person").first()
    assert page.index(best.name) < page.index(reader.name)

    unranked = text(get(client, django_assert_max_num_queries, url + "?standing=unranked"))
    assert reader.name in unranked and best.name not in unranked
    only_ranked = text(get(client, django_assert_max_num_queries, url + "?standing=ranked"))
    assert best.name in only_ranked and reader.name not in only_ranked
    get(client, django_assert_max_num_queries, url + "?standing=sideways", status=400)


def test_the_leaderboards_people_below_the_minimum_are_a_link_away(
    client, demo, django_assert_max_num_queries
):
    page = text(get(client, django_assert_max_num_queries, reverse("site:leaderboard")))
    assert f'href="{reverse("site:people")}?standing=unranked"' in page


def test_claims_index_shows_open_or_resolved(client, demo, django_assert_max_num_queries):
    url = reverse("site:claims")
    open_claim = Claim.objects.filter(state=Claim.State.OPEN, predictions__isnull=False).first()
    settled = Claim.objects.exclude(state=Claim.State.OPEN).first()
    both = text(get(client, django_assert_max_num_queries, url))
    assert open_claim.text in both and settled.text in both
    opened = text(get(client, django_assert_max_num_queries, url + "?state=open"))
    assert open_claim.text in opened and settled.text not in opened
    resolved = text(get(client, django_assert_max_num_queries, url + "?state=resolved"))
    assert settled.text in resolved and open_claim.text not in resolved
    get(client, django_assert_max_num_queries, url + "?state=maybe", status=400)


def test_outlets_index_counts_articles_and_links_to_them(
    client, demo, django_assert_max_num_queries
):
    page = text(get(client, django_assert_max_num_queries, reverse("site:outlets")))
    for outlet in demo["outlets"].values():
        assert outlet.get_absolute_url() in page
        assert f"/articles/?outlet={outlet.slug}" in page


@override_settings(DEBUG=False)
def test_a_missing_page_is_the_sites_own_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = text(response)
    assert "Nothing here" in page and 'class="masthead"' in page
    assert 'action="/search/"' in page


def test_the_500_page_needs_no_request_and_wears_the_sites_style():
    page = render_to_string("500.html")
    assert "Something went wrong" in page and 'class="masthead"' in page


def test_index_queries_stay_flat_as_the_archive_grows(client, db, django_assert_max_num_queries):
    for _ in range(30):
        PredictionFactory()
    for name in ("articles", "people", "outlets", "claims"):
        get(client, django_assert_max_num_queries, reverse(f"site:{name}"))
