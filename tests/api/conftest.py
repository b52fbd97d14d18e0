"""Fixtures for the API tests: clients with and without permissions, and a small archive."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from predictions.models import Claim, Prediction
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
    OutletFactory,
    PersonFactory,
    PredictionFactory,
    TagFactory,
    UserFactory,
    judge,
)

PERMISSIONS = {
    "import": ("archive", "import_document"),
    "review": ("predictions", "review_prediction"),
    "resolve": ("predictions", "resolve_claim"),
}


def grant(user, *names: str):
    for name in names:
        app_label, codename = PERMISSIONS[name]
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def reader(db):
    """A signed-in user without any permission."""
    client = APIClient()
    client.force_authenticate(UserFactory(username="reader"))
    return client


@pytest.fixture
def editor(db):
    """A user holding every API permission, authenticated by token as scripts are."""
    user = grant(UserFactory(username="editor"), "import", "review", "resolve")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client.user = user
    return client


@pytest.fixture
def archive(db):
    """Two outlets, three pundits, articles with comments, claims, predictions and judgements."""
    war, economy = TagFactory(name="war"), TagFactory(name="economy")
    herald, gazette = OutletFactory(name="Herald"), OutletFactory(name="Gazette")
    alice, bob, carol = (PersonFactory(name=n) for n in ("Alice Ames", "Bob Burns", "Carol Cole"))
    start = datetime.datetime(2014, 3, 1, tzinfo=datetime.UTC)
    articles = []
    for i in range(6):
        outlet = herald if i % 2 == 0 else gazette
        articles.append(
            ArticleFactory(
                outlet=outlet,
                title=f"Budget talks, part {i}",
                published_at=start + datetime.timedelta(days=10 * i),
                authors=[alice if i % 2 == 0 else bob],
            )
        )
    comment = CommentFactory(article=articles[0], position=0)
    invasion = ClaimFactory(text="The army crosses the river")
    invasion.tags.add(war)
    budget = ClaimFactory(text="The council approves the budget")
    budget.tags.add(economy)
    predictions = []
    for i, article in enumerate(articles):
        speaker = [alice, bob, carol][i % 3]
        predictions.append(
            PredictionFactory(
                article=article,
                speaker=speaker,
                claim=invasion if i < 3 else budget,
                probability=0.1 + 0.15 * i,
                deadline=datetime.date(2014, 6, 1) + datetime.timedelta(days=30 * i),
            )
        )
    candidate = PredictionFactory(
        article=articles[0],
        comment=comment,
        quote=comment.body[:20],
        speaker=comment.author,
        status=Prediction.Status.CANDIDATE,
        claim=None,
        claim_text="the mayor resigns",
    )
    event = EventFactory(title="The army crossed the river", occurred_on=datetime.date(2014, 5, 20))
    event.tags.add(war)
    invasion.state = Claim.State.OCCURRED
    invasion.resolved_on = event.occurred_on
    invasion.resolution_event = event
    invasion.save()
    for prediction in predictions[:3]:
        judge(prediction, outcome="yes", event=event)
        p = prediction.probability
        Prediction.objects.filter(pk=prediction.pk).update(
            outcome="yes", brier=(p - 1) ** 2, log_score=-0.5, judged_at=start
        )
    return {
        "tags": (war, economy),
        "outlets": (herald, gazette),
        "people": (alice, bob, carol),
        "articles": articles,
        "comment": comment,
        "claims": (invasion, budget),
        "predictions": predictions,
        "candidate": candidate,
        "event": event,
    }
