"""Reading the archive through the API: resources, filters, search, ordering and pagination."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_root_lists_every_resource(anon):
    body = anon.get("/api/").json()
    for name in ("outlets", "people", "articles", "comments", "claims", "predictions", "events"):
        assert body[name].endswith(f"/api/{name}/")
    assert body["leaderboards/people"].endswith("/api/leaderboards/people/")
    assert body["documents"].endswith("/api/documents/")


def test_outlets_by_slug_with_article_counts(anon, archive):
    rows = results(anon.get("/api/outlets/"))
    assert [(r["slug"], r["article_count"]) for r in rows] == [("gazette", 3), ("herald", 3)]
    detail = anon.get("/api/outlets/herald/").json()
    assert detail["name"] == "Herald"


def test_people_count_accepted_predictions(anon, archive):
    rows = {r["slug"]: r for r in results(anon.get("/api/people/?kind=pundit"))}
    assert rows["alice-ames"]["prediction_count"] == 2
    assert anon.get("/api/people/alice-ames/").json()["name"] == "Alice Ames"


def test_article_detail_has_comments_and_predictions(anon, archive):
    article = archive["articles"][0]
    body = anon.get(f"/api/articles/{article.pk}/").json()
    assert body["body"] == article.body
    assert body["outlet"]["slug"] == "herald"
    assert [c["position"] for c in body["comments"]] == [0]
    statuses = sorted(p["status"] for p in body["predictions"])
    assert statuses == ["accepted", "candidate"]


def test_article_filters(anon, archive):
    assert len(results(anon.get("/api/articles/?outlet=gazette"))) == 3
    assert len(results(anon.get("/api/articles/?author=alice-ames"))) == 3
    rows = results(anon.get("/api/articles/?published_after=2014-03-15T00:00:00Z"))
    assert len(rows) == 4


def test_predictions_list_and_detail(anon, archive):
    rows = results(anon.get("/api/predictions/"))
    assert len(rows) == 7
    made = [r["made_at"] for r in rows]
    assert made == sorted(made, reverse=True)
    first = archive["predictions"][0]
    body = anon.get(f"/api/predictions/{first.pk}/").json()
    assert body["speaker"]["slug"] == "alice-ames"
    assert body["outlet"]["slug"] == "herald"
    assert body["claim"]["id"] == archive["claims"][0].pk
    assert body["tags"] == ["war"]
    assert body["outcome"] == "yes"


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("speaker=alice-ames", 2),
        ("outlet=gazette", 3),
        ("status=candidate", 1),
        ("status=accepted", 6),
        ("outcome=yes", 3),
        ("outcome=none", 4),
        ("tag=war", 3),
        ("tag=economy", 3),
        ("made_after=2014-03-20T00:00:00Z", 4),
        ("made_before=2014-03-20T00:00:00Z", 3),
        ("due_after=2014-08-01", 4),
        ("due_before=2014-07-01", 2),
        ("q=approve", 6),
        ("q=mayor", 1),
        ("q=nothing-like-this", 0),
        ("speaker=nobody", 0),
    ],
)
def test_prediction_filters(anon, archive, query, count):
    assert len(results(anon.get(f"/api/predictions/?{query}"))) == count


def test_prediction_filter_by_claim(anon, archive):
    claim = archive["claims"][1]
    assert len(results(anon.get(f"/api/predictions/?claim={claim.pk}"))) == 3


def test_prediction_ordering(anon, archive):
    rows = results(anon.get("/api/predictions/?ordering=probability"))
    probabilities = [r["probability"] for r in rows]
    assert probabilities == sorted(probabilities)


def test_prediction_cursor_pages_cover_everything_once(anon, archive):
    seen, url = [], "/api/predictions/?page_size=2"
    while url:
        body = anon.get(url).json()
        assert len(body["results"]) <= 2
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 7


def test_page_size_is_capped(anon, archive):
    response = anon.get("/api/outlets/?page_size=100000")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_claims_events_judgements_comments(anon, archive):
    claims = results(anon.get("/api/claims/?state=occurred"))
    assert [c["text"] for c in claims] == ["The army crosses the river"]
    assert claims[0]["prediction_count"] == 3
    assert claims[0]["tags"] == ["war"]
    events = results(anon.get("/api/events/?tag=war"))
    assert events[0]["title"] == "The army crossed the river"
    judgements = results(anon.get("/api/judgements/?outcome=yes"))
    assert len(judgements) == 3
    comments = results(anon.get(f"/api/comments/?article={archive['articles'][0].pk}"))
    assert len(comments) == 1


def test_url_fields_point_to_public_pages_or_are_null(anon, archive):
    body = anon.get("/api/outlets/herald/").json()
    assert body["url"] is None or body["url"].startswith("http://testserver/")


def test_search_on_claims_and_events(anon, archive):
    assert len(results(anon.get("/api/claims/?q=budget"))) == 1
    assert len(results(anon.get("/api/events/?q=river"))) == 1
