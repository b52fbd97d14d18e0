"""The predictions list, detail and review actions are built from ``values()`` rows; they must
say exactly what ``PredictionSerializer`` (the schema's representation) says of the instance."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from predictions.api.serializers import PredictionSerializer
from predictions.models import Prediction
from tests.factories import (
    CandidateFactory,
    CommentFactory,
    PredictionFactory,
    TagFactory,
    judge,
)

pytestmark = pytest.mark.django_db


def test_every_listed_prediction_equals_its_detail(client):
    judged = PredictionFactory(probability=0.8)
    judged.claim.tags.add(TagFactory(name="harbour"), TagFactory(name="budget"))
    judge(judged)
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
    request = APIRequestFactory().get("/api/predictions/")
    for item in listed:
        detail = client.get(f"/api/predictions/{item['id']}/").json()
        assert item == detail
        instance = Prediction.objects.get(pk=item["id"])
        serialized = PredictionSerializer(instance, context={"request": Request(request)}).data
        assert item == json.loads(json.dumps(serialized, cls=DjangoJSONEncoder))
