"""``demo_setup`` (what ``make demo`` runs): the story in examples/ loads, resolves and scores,
and a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from archive.models import Article, Comment, Outlet, Person
from predictions.models import Claim, Event, Judgement, LeaderboardEntry, Prediction

DEMO_OUTLETS = ["The Averly Courier", "Harbourlight", "Radio Calvoria", "Averly Talk"]
# 11 JSON documents, one page dump, one HTML page and a feed of two entries.
DEMO_ARTICLES = 16


def snapshot() -> dict:
    """Everything a rerun could add or change, as comparable values."""
    return {
        "articles": sorted(Article.objects.values_list("pk", "content_hash")),
        "comments": Comment.objects.count(),
        "outlets": sorted(Outlet.objects.values_list("name", flat=True)),
        "people": sorted(Person.objects.values_list("pk", "name")),
        "predictions": sorted(
            Prediction.objects.values_list("pk", "status", "claim_id", "outcome")
        ),
        "claims": sorted(Claim.objects.values_list("pk", "state", "resolved_on")),
        "events": sorted(Event.objects.values_list("pk", "external_id")),
        "judgements": sorted(Judgement.objects.values_list("pk", flat=True)),
        "board": sorted(
            LeaderboardEntry.objects.values_list("scope", "name", "period", "resolved", "brier")
        ),
        "users": list(get_user_model().objects.values_list("username", "password")),
        "groups": list(Group.objects.values_list("name", "permissions__codename")),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the demo twice on one fresh database; keep both outputs and snapshots.

    Module-scoped so the story loads once for every test here; the tests only read the
    snapshots.
    """
    with django_db_blocker.unblock():
        from django.db import transaction

        # One module-wide transaction, rolled back at the end, so the other tests see nothing.
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            first_out, second_out = StringIO(), StringIO()
            call_command("demo_setup", "--allow-demo-login", stdout=first_out, stderr=StringIO())
            first = snapshot()
            call_command("demo_setup", stdout=second_out, stderr=StringIO())
            second = snapshot()
            yield {
                "first": first,
                "second": second,
                "first_out": first_out.getvalue(),
                "second_out": second_out.getvalue(),
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_the_story_is_imported(demo):
    first = demo["first"]
    assert set(DEMO_OUTLETS) <= set(first["outlets"])
    assert f"documents: {DEMO_ARTICLES} imported, 0 duplicates, 0 failed" in demo["first_out"]
    assert first["comments"] >= 20


@pytest.mark.django_db
def test_predictions_are_accepted_into_claims_and_resolved(demo):
    first = demo["first"]
    accepted = [row for row in first["predictions"] if row[1] == "accepted"]
    assert len(accepted) >= 30
    assert all(claim_id is not None for _, _, claim_id, _ in accepted)
    judged = [row for row in accepted if row[3] in ("yes", "no")]
    assert len(judged) >= 25
    assert {"yes", "no"} <= {row[3] for row in judged}
    resolved = [row for row in first["claims"] if row[1] != "open"]
    assert len(resolved) >= 20
    assert len(first["events"]) >= 21
    assert len(first["judgements"]) >= len(judged)


@pytest.mark.django_db
def test_the_leaderboard_has_people_with_three_resolved(demo):
    people = [
        row
        for row in demo["first"]["board"]
        if row[0] == "person" and row[2] == "all" and row[3] >= 3
    ]
    assert len(people) >= 6
    outlets = {row[1] for row in demo["first"]["board"] if row[0] == "outlet" and row[2] == "all"}
    assert set(DEMO_OUTLETS) <= outlets


@pytest.mark.django_db
def test_the_demo_login_is_printed_and_works(demo):
    assert "Admin: http://127.0.0.1:8000/admin/  user: demo  password: demo" in demo["first_out"]
    users = dict(demo["first"]["users"])
    assert "demo" in users
    permissions = {codename for name, codename in demo["first"]["groups"] if name == "editors"}
    assert {"import_document", "review_prediction", "resolve_claim", "add_event"} <= permissions


@pytest.mark.django_db
def test_a_second_run_adds_nothing(demo):
    assert demo["second"] == demo["first"]
    out = demo["second_out"]
    assert f"documents: 0 imported, {DEMO_ARTICLES} duplicates, 0 failed" in out
    assert "events: 0 recorded" in out
    assert "0 predictions added by hand, 0 accepted" in out
    assert "resolution: 0 claims resolved" in out
    assert "Admin: http://127.0.0.1:8000/admin/  user: demo  password: demo" in out


@pytest.mark.django_db
def test_the_story_has_forecasts_falling_due_soon_whatever_the_day(demo):
    """The story's latest post is dated from today, so the due list and calendar never empty."""
    from predictions.selectors.due import predictions_due_soon

    assert demo["first"]["predictions"]
    assert predictions_due_soon(days=60).count() >= 3
