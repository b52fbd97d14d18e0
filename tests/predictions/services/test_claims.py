"""Claims: create, merge, assign; suggestions by text similarity; claims ↔ events."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from archive.errors import PermissionRequired
from predictions.errors import ResolutionError, ReviewError
from predictions.models import Claim
from predictions.selectors.claims import claim_suggestions, claims_for_event, events_for_claim
from predictions.services.claims import claim_create, claim_merge, prediction_assign_claim
from predictions.services.resolution import claim_resolve
from tests.factories import (
    ArticleFactory,
    CandidateFactory,
    ClaimFactory,
    EventFactory,
    PredictionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date(2014, 5, 25)


def test_claim_create_cleans_text_and_tags():
    claim = claim_create(
        text="  Lakeside   elects a new mayor ", tags=["Local politics", "local politics"]
    )
    assert claim.text == "Lakeside elects a new mayor" and claim.state == "open"
    assert list(claim.tags.values_list("name", flat=True)) == ["Local politics"]
    with pytest.raises(ReviewError, match="text"):
        claim_create(text="   ")
    with pytest.raises(PermissionRequired):
        claim_create(text="x", by=UserFactory())


def test_merge_moves_predictions_conditions_and_tags():
    source = claim_create(text="The bridge closes", tags=["roads"])
    target = claim_create(text="The harbour bridge will close", tags=["harbour"])
    moved = PredictionFactory(claim=source)
    conditioned = PredictionFactory(condition_claim=source)
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="review_prediction"))

    assert claim_merge(source=source, target=target, by=editor) == target
    assert not Claim.objects.filter(pk=source.pk).exists()
    moved.refresh_from_db()
    conditioned.refresh_from_db()
    assert moved.claim == target and conditioned.condition_claim == target
    assert set(target.tags.values_list("name", flat=True)) == {"roads", "harbour"}
    with pytest.raises(ReviewError):
        claim_merge(source=target, target=target)


def test_merge_refuses_different_resolutions_and_judges_joining_predictions():
    a, b = ClaimFactory(), ClaimFactory()
    PredictionFactory(claim=a)
    PredictionFactory(claim=b)
    claim_resolve(claim=a, state="occurred", on=D, by=None)
    claim_resolve(claim=b, state="not_occurred", on=D, by=None)
    with pytest.raises(ResolutionError, match="resolved differently"):
        claim_merge(source=a, target=b)
    opened = ClaimFactory()
    with pytest.raises(ResolutionError, match="un-resolve"):
        claim_merge(source=a, target=opened)
    # An open claim folded into a resolved one: its predictions are judged on the way in.
    joining = PredictionFactory(claim=opened, deadline=datetime.date(2014, 12, 31))
    claim_merge(source=opened, target=a)
    joining.refresh_from_db()
    assert joining.claim == a and joining.outcome == "yes"
    # Two claims resolved alike merge.
    c = ClaimFactory()
    PredictionFactory(claim=c)
    claim_resolve(claim=c, state="occurred", on=D, by=None)
    claim_merge(source=c, target=a)
    assert a.predictions.count() == 3


def test_assign_claim():
    prediction = CandidateFactory()
    claim = ClaimFactory()
    assert prediction_assign_claim(prediction=prediction, claim=claim).claim == claim
    resolved = ClaimFactory()
    claim_resolve(claim=resolved, state="occurred", on=D, by=None)
    accepted = PredictionFactory(deadline=None)
    prediction_assign_claim(prediction=accepted, claim=resolved)
    accepted.refresh_from_db()
    assert accepted.outcome == "yes"
    with pytest.raises(ResolutionError, match="judged"):
        prediction_assign_claim(prediction=accepted, claim=claim)


def test_claim_suggestions_rank_similar_claims_first():
    best = ClaimFactory(text="Russia will invade Ukraine")
    ClaimFactory(text="Russia will invade Ukraine before the summer ends")
    ClaimFactory(text="The harbour bridge will close")
    ClaimFactory(text="Ukraine will hold a presidential election")
    suggestions = claim_suggestions(text="Russia will invade Ukraine", limit=3)
    assert suggestions[0][0] == best
    assert suggestions[0][1] == pytest.approx(1.0)
    assert all("harbour" not in claim.text for claim, _ in suggestions)
    scores = [score for _, score in suggestions]
    assert scores == sorted(scores, reverse=True) and len(suggestions) <= 3
    assert claim_suggestions(text="the") == []
    assert claim_suggestions(text="Lakeside tram strike") == []


def _forecast(claim, made):
    article = ArticleFactory(published_at=made)
    return PredictionFactory(claim=claim, article=article, made_at=made)


def test_claims_for_event_ranks_open_claims_forecast_before_it():
    made = timezone.make_aware(datetime.datetime(2014, 3, 30))
    election = ClaimFactory(text="Ukraine will hold a presidential election in May")
    _forecast(election, made)
    bridge = ClaimFactory(text="The harbour bridge will close")
    _forecast(bridge, made)
    later = ClaimFactory(text="Ukraine presidential election result will be disputed")
    _forecast(later, timezone.make_aware(datetime.datetime(2014, 6, 30)))
    settled = ClaimFactory(text="Ukraine presidential election goes ahead")
    _forecast(settled, made)
    claim_resolve(claim=settled, state="occurred", on=datetime.date(2014, 5, 1), by=None)

    event = EventFactory(
        title="Voters in Ukraine go to the polls in the presidential election",
        occurred_on=D,
    )
    ranked = claims_for_event(event=event)
    assert [claim for claim, _ in ranked] == [election]


def test_events_for_claim_ranks_events_after_the_first_forecast():
    claim = ClaimFactory(text="Ukraine will hold a presidential election in May")
    _forecast(claim, timezone.make_aware(datetime.datetime(2014, 3, 30)))
    vote = EventFactory(
        title="Voters in Ukraine go to the polls in the presidential election", occurred_on=D
    )
    EventFactory(title="A storm floods the harbour", occurred_on=D)
    EventFactory(
        title="Ukraine presidential election campaign opens", occurred_on=datetime.date(2014, 2, 1)
    )
    other = EventFactory(title="Ukraine signs a trade deal", occurred_on=datetime.date(2014, 6, 27))
    ranked = events_for_claim(claim=claim)
    events = [event for event, _ in ranked]
    assert events[0] == vote
    assert all(e.occurred_on >= datetime.date(2014, 3, 30) for e in events)
    assert other not in events[:1]


@pytest.mark.django_db
def test_claims_and_events_share_tags_matched_by_slug():
    from predictions.models import Tag
    from predictions.services.claims import claim_create
    from predictions.services.events import event_record

    event = event_record(
        title="Bridge opens", occurred_on=datetime.date(2024, 9, 1), tags=["Harbour Bridge"]
    )
    claim = claim_create(
        text="The bridge opens", tags=["harbour bridge", "Harbour  Bridge", "Ferry"]
    )
    assert Tag.objects.count() == 2
    assert set(claim.tags.all()) >= set(event.tags.all())
