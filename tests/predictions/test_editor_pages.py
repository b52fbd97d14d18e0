"""The editors' pages: record by hand, the review queue, resolving, importing, permissions."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from archive.models import Article
from predictions.models import Claim, Judgement, Prediction
from tests.factories import (
    ArticleFactory,
    CandidateFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
    PersonFactory,
    PredictionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = "Fares will rise by May 2027, the board said. Fares will rise. Fares will rise."
ADD = "/admin/predictions/prediction/add/"


@pytest.fixture
def editor(client):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def article():
    return ArticleFactory(
        body=BODY,
        published_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
        authors=[PersonFactory(name="Ines Row")],
    )


def _form(article, **changes):
    data = {
        "article": article.pk if article else "",
        "quote": "Fares will rise by May 2027",
        "new_speaker": "",
        "speaker_role": "author",
        "new_claim": "Ferry fares rise",
        "polarity": "positive",
        "probability": "70%",
        "deadline_text": "by May 2027",
    }
    data.update(changes)
    return data


def _text(response) -> str:
    return response.content.decode()


def test_the_add_page_opens_and_records_a_forecast(editor, article):
    page = editor.get(ADD, {"article": article.pk})
    assert page.status_code == 200
    assert "Record prediction" in _text(page)
    response = editor.post(ADD, _form(article))
    assert response.status_code == 302, _text(response)[:3000]
    prediction = Prediction.objects.get()
    assert response["Location"] == reverse(
        "admin:predictions_prediction_change", args=[prediction.pk]
    )
    assert prediction.status == "accepted"
    assert prediction.probability == pytest.approx(0.7)
    assert prediction.deadline == datetime.date(2027, 5, 31)
    assert prediction.speaker.name == "Ines Row"
    change = editor.get(response["Location"])
    text = _text(change)
    assert "was read as 31 May 2027" in text
    assert 'value="70%"' in text
    assert "Recorded by hand" in text


def test_a_quote_not_in_the_text_is_a_field_error_in_words(editor, article):
    response = editor.post(ADD, _form(article, quote="Fares will fall"))
    assert response.status_code == 200
    assert "the quote is not in the text" in _text(response)
    assert not Prediction.objects.exists()


def test_several_occurrences_offer_a_choice(editor, article):
    response = editor.post(ADD, _form(article, quote="Fares will rise."))
    assert "occurs 2 times" in _text(response)
    assert 'name="occurrence"' in _text(response)
    response = editor.post(ADD, _form(article, quote="Fares will rise.", occurrence="2"))
    assert response.status_code == 302
    assert Prediction.objects.get().start == BODY.rindex("Fares will rise.")


def test_a_similar_claim_is_offered_before_a_new_one_is_made(editor, article):
    claim = ClaimFactory(text="Ferry fares rise in 2027")
    response = editor.post(ADD, _form(article))
    assert response.status_code == 200
    assert "similar claims exist" in _text(response)
    assert f'value="{claim.pk}"' in _text(response)
    response = editor.post(ADD, _form(article, claim_choice=str(claim.pk)))
    assert response.status_code == 302
    assert Prediction.objects.get().claim == claim


@pytest.mark.parametrize("typed", ["100", "0%", "150%", "-3"])
def test_a_probability_out_of_range_is_a_message_in_words(editor, article, typed):
    response = editor.post(ADD, _form(article, probability=typed))
    text = _text(response)
    assert "the probability must be above 0% and below 100%" in text
    assert "predictions_probability" not in text
    assert "Traceback" not in text


def test_a_reviewed_prediction_over_the_quote_is_linked(editor):
    taken = CandidateFactory(status="rejected")
    response = editor.post(
        ADD, _form(taken.article, quote="approve the budget", new_speaker="Someone")
    )
    assert reverse("admin:predictions_prediction_change", args=[taken.pk]) in _text(response)


def test_a_statement_with_no_article(editor):
    response = editor.post(
        ADD,
        _form(
            None,
            quote="The strike will end by May.",
            source_url="https://radio.example.org/morning",
            made_at_0="2026-04-02",
            made_at_1="",
            new_speaker="Union Leader Fenn",
            deadline_text="by May",
        ),
    )
    assert response.status_code == 302, _text(response)[:3000]
    recorded = Prediction.objects.get()
    assert recorded.source_url == "https://radio.example.org/morning"
    assert recorded.made_on == datetime.date(2026, 4, 2)
    assert recorded.deadline == datetime.date(2026, 5, 31)


def test_add_links_on_the_article_and_comment_pages(editor, article):
    comment = CommentFactory(article=article)
    assert f"{ADD}?article={article.pk}" in _text(
        editor.get(reverse("admin:archive_article_change", args=[article.pk]))
    )
    assert f"{ADD}?comment={comment.pk}" in _text(
        editor.get(reverse("admin:archive_comment_change", args=[comment.pk]))
    )
    page = editor.get(ADD, {"comment": comment.pk})
    assert page.status_code == 200


def test_the_queue_opens_on_waiting_candidates_newest_article_first(editor):
    old = CandidateFactory(
        article=ArticleFactory(published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    )
    new = CandidateFactory(
        article=ArticleFactory(published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    )
    accepted = PredictionFactory()
    page = editor.get(reverse("admin:predictions_prediction_changelist"))
    text = _text(page)
    assert "Review queue: 2 candidates waiting" in text
    rows = list(page.context["cl"].result_list)
    assert rows == [new, old]
    assert accepted not in rows
    assert "2</strong> candidates waiting" in _text(editor.get("/admin/"))
    everything = editor.get(reverse("admin:predictions_prediction_changelist"), {"review": "all"})
    assert len(everything.context["cl"].result_list) == 3


def test_accept_and_next_steps_through_the_queue(editor):
    article = ArticleFactory()
    first = CandidateFactory(article=article, quote="The council", start=0)
    second = CandidateFactory(article=article, quote="will approve", start=12)
    url = reverse("admin:predictions_prediction_change", args=[first.pk])
    page = editor.get(url)
    assert "Accept and next" in _text(page)
    data = {
        **{k: v for k, v in page.context["adminform"].form.initial.items() if v is not None},
        "probability": "80%",
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
        "_accept_next": "Accept and next",
    }
    data["speaker"] = first.speaker_id
    response = editor.post(url, data)
    assert response.status_code == 302, _text(response)[:3000]
    assert response["Location"] == reverse("admin:predictions_prediction_change", args=[second.pk])
    first.refresh_from_db()
    assert first.status == "accepted"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert not any("changed successfully" in m for m in messages)


def test_a_similar_claim_is_offered_on_accept(editor):
    claim = ClaimFactory(text="the council approves the budget in March")
    candidate = CandidateFactory()
    page = editor.get(reverse("admin:predictions_prediction_change", args=[candidate.pk]))
    assert f'name="_accept_into" value="{claim.pk}"' in _text(page)


def test_a_refused_correction_shows_one_error_and_no_success(editor):
    candidate = CandidateFactory()
    url = reverse("admin:predictions_prediction_change", args=[candidate.pk])
    page = editor.get(url)
    data = {
        **{k: v for k, v in page.context["adminform"].form.initial.items() if v is not None},
        "quote": "words that are not in the article",
        "probability": "80%",
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
    }
    response = editor.post(url, data)
    assert response.status_code == 200
    text = _text(response)
    assert "not found in the text" in text
    assert "changed successfully" not in text
    candidate.refresh_from_db()
    assert not candidate.edited


def test_resolve_from_the_claim_page_with_a_suggested_event(editor):
    claim = ClaimFactory(text="The council approves the budget")
    PredictionFactory(claim=claim)
    event = EventFactory(
        title="The council approves the budget", occurred_on=datetime.date(2026, 2, 1)
    )
    change = reverse("admin:predictions_claim_change", args=[claim.pk])
    resolve = reverse("admin:predictions_claim_resolve", args=[claim.pk])
    assert resolve in _text(editor.get(change))
    page = editor.get(resolve)
    assert f'name="pick_event" value="{event.pk}"' in _text(page)
    response = editor.post(resolve, {"state": "occurred", "pick_event": event.pk})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.state, claim.resolved_on, claim.resolution_event) == (
        "occurred",
        event.occurred_on,
        event,
    )
    again = editor.get(resolve, follow=True)
    assert "already resolved" in _text(again) and "nothing changed" in _text(again)


def test_unresolve_asks_for_confirmation_and_keeps_the_reason(editor):
    event = EventFactory(occurred_on=datetime.date(2026, 2, 1))
    claim = ClaimFactory(state="occurred", resolved_on=event.occurred_on, resolution_event=event)
    prediction = PredictionFactory(claim=claim)
    Judgement.objects.create(prediction=prediction, outcome="yes", event=event)
    Prediction.objects.filter(pk=prediction.pk).update(outcome="yes", brier=0.04, log_score=-0.2)
    url = reverse("admin:predictions_claim_unresolve", args=[claim.pk])
    assert url in _text(editor.get(reverse("admin:predictions_claim_change", args=[claim.pk])))
    refused = editor.post(url, {"reason": "Wrong event"})
    assert refused.status_code == 200
    claim.refresh_from_db()
    assert claim.state == "occurred"
    response = editor.post(url, {"reason": "The event was about another council", "confirm": "on"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == Claim.State.OPEN
    withdrawn = Judgement.objects.filter(prediction=prediction, outcome="withdrawn").get()
    assert withdrawn.note == "The event was about another council"
    again = editor.get(url, follow=True)
    assert "nothing to un-resolve" in _text(again)


def test_the_unresolve_action_on_open_claims_says_nothing_changed(editor):
    claim = ClaimFactory()
    response = editor.post(
        reverse("admin:predictions_claim_changelist"),
        {"action": "unresolve", "_selected_action": [claim.pk]},
        follow=True,
    )
    assert "nothing changed" in _text(response)
    assert "Un-resolved." not in _text(response)


IMPORT = "/admin/archive/article/import/"


def test_the_import_page_shows_the_format_and_refuses_an_empty_submit(editor):
    page = editor.get(IMPORT)
    assert "The document format" in _text(page) and "&quot;published&quot;" in _text(page)
    response = editor.post(IMPORT, {"document": "  "})
    assert response.status_code == 200
    assert "Choose a file to import, or paste a document." in _text(response)


def test_the_import_page_keeps_the_pasted_text_after_an_error(editor):
    pasted = '{"title": "Ferry news", "body": "The ferry will run."}'
    response = editor.post(IMPORT, {"document": pasted, "extract": "on"})
    assert response.status_code == 200
    text = _text(response)
    assert "published: required" in text
    assert "--published" not in text
    assert "Ferry news" in text
    assert not Article.objects.exists()


def test_an_import_links_to_the_article_and_its_candidates(editor):
    pasted = (
        '{"title": "Ferry news", "outlet": "Courier", "published": "2026-03-01", "body":'
        ' "The ferry will probably stop running by June 2027, the harbour master said."}'
    )
    response = editor.post(IMPORT, {"document": pasted, "extract": "on"}, follow=True)
    article = Article.objects.get()
    text = _text(response)
    assert reverse("admin:archive_article_change", args=[article.pk]) in text
    assert f"review=waiting&amp;article__id__exact={article.pk}" in text


def test_a_staff_user_with_only_view_article_cannot_extract(client):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    candidate = CandidateFactory()
    page = client.get(reverse("admin:archive_article_changelist"))
    assert "extract_predictions" not in _text(page)
    client.post(
        reverse("admin:archive_article_changelist"),
        {"action": "extract_predictions", "_selected_action": [candidate.article_id]},
    )
    assert Prediction.objects.filter(pk=candidate.pk).exists()
    assert client.get(ADD).status_code == 403


def test_accept_uses_the_claim_picked_in_the_form(editor):
    claim = ClaimFactory(text="A different outcome altogether")
    candidate = CandidateFactory()
    url = reverse("admin:predictions_prediction_change", args=[candidate.pk])
    page = editor.get(url)
    data = {
        **{k: v for k, v in page.context["adminform"].form.initial.items() if v is not None},
        "claim": claim.pk,
        "probability": "80%",
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
        "_accept": "Accept",
    }
    response = editor.post(url, data)
    assert response.status_code == 302, _text(response)[:3000]
    candidate.refresh_from_db()
    assert (candidate.status, candidate.claim) == ("accepted", claim)


@pytest.mark.parametrize(
    ("model", "field", "term"),
    [
        ("prediction", "article", "Harbour"),
        ("prediction", "speaker", "Ines"),
        ("prediction", "claim", "ferry"),
        ("claim", "resolution_event", "ferry"),
    ],
)
def test_the_pickers_autocomplete(editor, model, field, term):
    article = ArticleFactory(title="Harbour news", authors=[PersonFactory(name="Ines Row")])
    ClaimFactory(text="The ferry stops")
    EventFactory(title="The ferry stopped")
    del article
    response = editor.get(
        "/admin/autocomplete/",
        {"app_label": "predictions", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
