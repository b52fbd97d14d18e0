"""List endpoints run the same number of queries whatever the page size (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import PersonAlias
from predictions.models import LeaderboardEntry
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
    judge,
)

pytestmark = pytest.mark.django_db

ROWS = 12


@pytest.fixture
def many(db):
    tags = [TagFactory(), TagFactory()]
    for i in range(ROWS):
        person = PersonFactory()
        PersonAlias.objects.create(person=person, name=f"alias {i}")
        article = ArticleFactory(authors=[person, PersonFactory()])
        comment = CommentFactory(article=article)
        claim = ClaimFactory()
        claim.tags.set(tags)
        prediction = PredictionFactory(article=article, speaker=person, claim=claim)
        PredictionFactory(
            article=article,
            comment=comment,
            quote=comment.body[:10],
            speaker=comment.author,
            claim=claim,
        )
        judge(prediction, event=EventFactory())
        EventFactory().tags.set(tags)
        for scope, subject in (
            ("person", {"person": person}),
            ("outlet", {"outlet": article.outlet}),
        ):
            LeaderboardEntry.objects.create(
                scope=scope,
                name=f"{scope} {i}",
                resolved=10,
                brier=0.2,
                log_score=-0.5,
                adjusted_brier=0.2 + i / 100,
                **subject,
            )


LISTS = [
    "/api/outlets/",
    "/api/people/",
    "/api/articles/",
    "/api/comments/",
    "/api/claims/",
    "/api/predictions/",
    "/api/events/",
    "/api/judgements/",
    "/api/leaderboards/people/",
    "/api/leaderboards/outlets/",
]


@pytest.mark.parametrize("path", LISTS)
def test_list_queries_do_not_grow_with_the_page(anon, many, path, django_assert_num_queries):
    with CaptureQueriesContext(connection) as small:
        response = anon.get(f"{path}?page_size=2")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
    with django_assert_num_queries(len(small.captured_queries)):
        response = anon.get(f"{path}?page_size={ROWS}")
    assert len(response.json()["results"]) >= ROWS


def test_article_detail_queries_do_not_grow_with_its_predictions(
    anon, many, django_assert_num_queries
):
    small, large = ArticleFactory(), ArticleFactory()
    PredictionFactory(article=small)
    for _ in range(6):
        comment = CommentFactory(article=large)
        PredictionFactory(
            article=large, comment=comment, quote=comment.body[:10], speaker=comment.author
        )
    with CaptureQueriesContext(connection) as queries:
        anon.get(f"/api/articles/{small.pk}/")
    with django_assert_num_queries(len(queries.captured_queries)):
        body = anon.get(f"/api/articles/{large.pk}/").json()
    assert len(body["predictions"]) == 6
