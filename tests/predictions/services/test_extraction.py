"""Saving candidates: re-extraction replaces only what nobody has reviewed."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from predictions.extraction import EXTRACTOR_VERSION
from predictions.models import Prediction
from predictions.services.extraction import article_extract
from predictions.services.review import prediction_accept, prediction_correct, prediction_reject
from tests.factories import ArticleFactory, CommentFactory, EventFactory, PersonFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The harbour authority met on Monday. "
    "The new bridge will open before the end of next year. "
    "It is highly unlikely that the council will approve the budget by March. "
    "Tolls rose last week."
)


@pytest.fixture
def article():
    author = PersonFactory(name="Ada Quill")
    return ArticleFactory(
        body=BODY,
        published_at=timezone.make_aware(datetime.datetime(2023, 4, 2)),
        authors=[author],
    )


def test_candidates_are_saved_with_offsets_speaker_and_version(article):
    result = article_extract(article=article)
    assert result.created >= 2
    predictions = list(Prediction.objects.filter(article=article).order_by("start"))
    for p in predictions:
        assert article.body[p.start : p.end] == p.quote
        assert p.status == Prediction.Status.CANDIDATE
        assert p.extractor_version == EXTRACTOR_VERSION
    bridge = next(p for p in predictions if "bridge" in p.quote)
    assert bridge.speaker.name == "Ada Quill"
    assert bridge.speaker_role == Prediction.Role.AUTHOR
    assert bridge.deadline == datetime.date(2024, 12, 31)
    budget = next(p for p in predictions if "budget" in p.quote)
    assert budget.probability < 0.3
    assert not any("Tolls rose" in p.quote for p in predictions)
    article.refresh_from_db()
    assert article.extracted_at is not None


def test_rerun_replaces_only_untouched_candidates(article):
    article_extract(article=article)
    bridge, budget = (
        Prediction.objects.get(article=article, quote__contains="bridge"),
        Prediction.objects.get(article=article, quote__contains="budget"),
    )
    accepted = prediction_accept(prediction=bridge, by=None)
    corrected = prediction_correct(prediction=budget, by=None, probability=0.2)
    before = Prediction.objects.filter(article=article).count()

    result = article_extract(article=article)

    assert result.kept == 2
    assert Prediction.objects.filter(article=article).count() == before
    accepted.refresh_from_db()
    corrected.refresh_from_db()
    assert accepted.status == Prediction.Status.ACCEPTED
    assert corrected.probability == 0.2 and corrected.edited
    # Exactly one prediction per quote: nothing reviewed was duplicated.
    quotes = list(Prediction.objects.filter(article=article).values_list("quote", flat=True))
    assert len(quotes) == len(set(quotes))


def test_rejected_candidates_do_not_come_back(article):
    article_extract(article=article)
    bridge = Prediction.objects.get(article=article, quote__contains="bridge")
    prediction_reject(prediction=bridge, by=None)
    article_extract(article=article)
    assert Prediction.objects.filter(article=article, quote__contains="bridge").count() == 1


def test_comments_are_extracted_as_the_commenter(article):
    comment = CommentFactory(article=article, body="I'm predicting the mayor will resign by June.")
    article_extract(article=article)
    prediction = Prediction.objects.get(comment=comment)
    assert prediction.speaker == comment.author
    assert prediction.speaker_role == Prediction.Role.COMMENTER
    assert comment.body[prediction.start : prediction.end] == prediction.quote


def test_a_known_scheduled_event_sets_the_deadline():
    EventFactory(
        title="Mayoral election held in Port Averly", occurred_on=datetime.date(2023, 9, 14)
    )
    article = ArticleFactory(
        body="The incumbent will lose before the mayoral election in September.",
        published_at=timezone.make_aware(datetime.datetime(2023, 4, 2)),
    )
    article_extract(article=article)
    prediction = Prediction.objects.get(article=article)
    assert prediction.deadline in (datetime.date(2023, 9, 14), datetime.date(2023, 9, 30))


def test_extract_predictions_command_with_workers(article, capsys):
    other = ArticleFactory(body="Rates will rise in June, the governor predicted.")
    call_command("extract_predictions", "--workers", "2")
    out = capsys.readouterr().out
    assert "Extracted 2 articles" in out
    assert Prediction.objects.filter(article=other).exists()
    # Nothing left to extract: a second run without --all does nothing.
    call_command("extract_predictions")
    assert "Extracted 0 articles" in capsys.readouterr().out


def test_preview_extraction_writes_nothing(tmp_path, capsys):
    document = {
        "title": "Bridge",
        "published": "2023-04-02",
        "outlet": "Harbour Herald",
        "authors": ["Ada Quill"],
        "body": BODY,
        "comments": [
            {"author": None, "posted": None, "body": "It will never open.", "parent": None}
        ],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document))
    call_command("preview_extraction", str(path))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and Prediction.objects.count() == 0
    keys = {
        "doc", "part", "comment", "start", "end", "quote", "speaker", "speaker_role", "claim",
        "polarity", "probability", "hedge", "condition", "deadline", "deadline_text", "deadline_kind",
    }  # fmt: skip
    for line in lines:
        assert set(line) == keys
        body = BODY if line["part"] == "article" else document["comments"][line["comment"]]["body"]
        assert body[line["start"] : line["end"]] == line["quote"]
        assert 0 < line["probability"] < 1
    assert [line["start"] for line in lines if line["part"] == "article"] == sorted(
        line["start"] for line in lines if line["part"] == "article"
    )


def test_preview_extraction_on_unreadable_input_fails_with_one_line(tmp_path):
    from django.core.management.base import CommandError

    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xff\xfe binary junk \x00")
    with pytest.raises(CommandError) as excinfo:
        call_command("preview_extraction", str(junk))
    assert "\n" not in str(excinfo.value)
    with pytest.raises(CommandError, match="no such file"):
        call_command("preview_extraction", str(tmp_path / "missing.json"))


def test_preview_extraction_on_the_seed_dump_matches_its_json_twin(capsys):
    from tests.corpus import corpus_path

    seeds = corpus_path("seeds")
    call_command(
        "preview_extraction",
        str(seeds / "karlin-2014-04-01-lavrov-kerry.txt"),
        "--published",
        "2014-04-01",
        "--outlet",
        "Anatoly Karlin",
        "--author",
        "Anatoly Karlin",
    )
    from_text = capsys.readouterr().out
    call_command("preview_extraction", str(seeds / "karlin-2014-04-01-lavrov-kerry.json"))
    assert from_text == capsys.readouterr().out
    lines = [json.loads(line) for line in from_text.splitlines()]
    unlikely = [x for x in lines if x["hedge"] == "most unlikely"]
    assert unlikely and unlikely[0]["deadline"] == "2014-05-31"
    assert abs(unlikely[0]["probability"] - 0.1) <= 0.05


def test_a_quoted_speaker_is_linked_to_the_person_the_archive_knows():
    from archive.models import PersonAlias

    person = PersonFactory(name="Helen Marsh")
    PersonAlias.objects.create(person=person, name="Mayor Marsh")
    article = ArticleFactory(
        body="The ferry will stop running by June, Helen Marsh said. "
        "The tunnel will never be built, Tomas Ulric predicted."
    )
    article_extract(article=article)
    linked = Prediction.objects.get(article=article, quote__contains="ferry")
    assert linked.speaker == person and linked.speaker_role == Prediction.Role.QUOTED
    unknown = Prediction.objects.get(article=article, quote__contains="tunnel")
    assert unknown.speaker is None and unknown.speaker_name == "Tomas Ulric"


def test_import_and_extract_extracts_new_articles_only(monkeypatch):
    from archive.importers.documents import parse_document
    from predictions.services import extraction
    from tests.factories import UserFactory

    calls = []

    def fake_extract(*, article):
        calls.append(article.pk)

    monkeypatch.setattr(extraction, "article_extract", fake_extract)
    document = parse_document(
        {
            "title": "Harbour bridge vote delayed",
            "url": "https://gull.example/bridge",
            "outlet": "The Gull Gazette",
            "published": "2023-03-01",
            "body": "The council will vote on the bridge next week.",
        }
    )
    user = UserFactory()
    article = extraction.document_import_extract(document=document, by=user).article
    assert calls == [article.pk]
    extraction.document_import_extract(document=document, by=user)
    assert len(calls) == 1  # duplicates are not extracted again
