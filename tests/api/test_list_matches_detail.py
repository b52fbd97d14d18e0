"""The predictions list is built from ``values()`` rows; it must say exactly what the serializer says."""

import pytest

from tests.factories import (
    CandidateFactory,
    CommentFactory,
    JudgementFactory,
    PredictionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def test_every_listed_prediction_equals_its_detail(client):
    judged = PredictionFactory(outcome="yes", brier=0.04, log_score=-0.22)
    judged.claim.tags.add(TagFactory(name="harbour"), TagFactory(name="budget"))
    JudgementFactory(prediction=judged)
    comment = CommentFactory(body="I think the ferry will stop by spring.")
    PredictionFactory(
        article=comment.article,
        comment=comment,
        quote="the ferry will stop by spring",
        start=8,
        speaker=None,
        speaker_name="",
        speaker_role="commenter",
        claim=None,
        claim_text="the ferry stops",
        deadline=None,
        deadline_kind="none",
        deadline_text="",
        hedge="I think",
    )
    CandidateFactory()

    listed = client.get("/api/predictions/", {"status": "", "page_size": 50}).json()["results"]
    assert len(listed) >= 2
    for item in listed:
        detail = client.get(f"/api/predictions/{item['id']}/").json()
        assert item == detail
