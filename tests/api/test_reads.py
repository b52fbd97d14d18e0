"""Reading the archive through the API: resources, filters, search, ordering and pagination."""

from __future__ import annotations

import datetime

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


@pytest.mark.parametrize("path", ["/api/outlets/", "/api/predictions/"])
@pytest.mark.parametrize("size", ["0", "-5", "100000", "ten"])
def test_a_page_size_out_of_range_is_refused_with_the_maximum(anon, archive, path, size):
    response = anon.get(f"{path}?page_size={size}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["page_size"]
    assert "from 1 to" in error["message"]


def test_the_largest_page_size_is_served(anon, archive):
    assert anon.get("/api/outlets/?page_size=500").json()["count"] == 2
    assert anon.get("/api/predictions/?page_size=1000").status_code == 200


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/predictions/", "speaker=nobody"),
        ("/api/predictions/", "outlet=no-such-outlet"),
        ("/api/predictions/", "tag=no-such-tag"),
        ("/api/predictions/", "claim=999999"),
        ("/api/predictions/", "article=999999"),
        ("/api/claims/", "tag=no-such-tag"),
        ("/api/events/", "tag=no-such-tag"),
        ("/api/articles/", "outlet=no-such-outlet"),
        ("/api/articles/", "author=nobody"),
        ("/api/people/", "outlet=no-such-outlet"),
        ("/api/comments/", "author=nobody"),
        ("/api/judgements/", "prediction=999999"),
        ("/api/leaderboards/people/", "tag=no-such-tag"),
    ],
)
def test_a_filter_naming_nothing_is_a_400_naming_the_filter(anon, archive, path, query):
    response = anon.get(f"{path}?{query}")
    assert response.status_code == 400, response.content
    name = query.split("=")[0]
    error = response.json()["error"]
    assert list(error["fields"]) == [name]
    assert "in the archive" in error["message"]


@pytest.mark.parametrize(
    "path", ["/api/predictions/", "/api/claims/", "/api/outlets/", "/api/judgements/"]
)
def test_an_unknown_ordering_is_a_400_listing_the_choices(anon, archive, path):
    response = anon.get(f"{path}?ordering=-colour")
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["ordering"]
    assert "Cannot order by “-colour”" in error["message"] and "choose from" in error["message"]


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


def test_current_judgements_are_one_per_prediction_the_latest(anon, archive):
    from tests.factories import JudgementFactory

    judged = [p for p in archive["predictions"] if p.judgements.exists()]
    first = judged[0]
    later = JudgementFactory(
        prediction=first,
        outcome="withdrawn",
        judged_at=first.judgements.latest().judged_at + datetime.timedelta(days=1),
    )
    current = results(anon.get("/api/judgements/?current=true"))
    assert len(current) == len({row["prediction"] for row in current}) == len(judged)
    assert later.pk in {row["id"] for row in current}
    superseded = results(anon.get("/api/judgements/?current=false"))
    assert [row["prediction"] for row in superseded] == [first.pk]
