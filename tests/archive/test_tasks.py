"""Queued import in eager mode: documents travel as JSON, batches import each document alone."""

import io
import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive import tasks
from archive.importers.documents import Defaults, DocumentData, content_hash, parse_datetime
from archive.importers.readers import read_path
from archive.models import Article, Comment, Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "documents"


def _documents(path) -> list[DocumentData]:
    defaults = Defaults(published=parse_datetime("2024-03-10", "published"), outlet="Quay Post")
    return [r.document for r in read_path(path, defaults=defaults) if r.document is not None]


def _payloads(path) -> list[dict]:
    return [tasks.document_payload(d, where=d.title) for d in _documents(path)]


def test_every_format_survives_the_message_unchanged():
    documents = _documents(FIXTURES / "good") + _documents(EXAMPLES)
    assert {d.source_format for d in documents} >= {"json", "feed", "html", "text"}
    for document in documents:
        again = tasks.document_from_payload(tasks.document_payload(document))
        assert again == document
        assert content_hash(again) == content_hash(document)


def test_a_batch_delivered_twice_finds_its_documents_again():
    payloads = _payloads(FIXTURES / "good")
    first = tasks.import_documents_batch.delay(payloads).get()
    assert len(first["imported"]) == Article.objects.count() > 3
    rows = (Article.objects.count(), Comment.objects.count(), Person.objects.count())
    second = tasks.import_documents_batch.delay(payloads).get()
    assert second == {"imported": [], "duplicates": len(first["imported"]), "failed": 0}
    assert (Article.objects.count(), Comment.objects.count(), Person.objects.count()) == rows


def test_a_document_that_fails_is_logged_and_skipped_and_the_batch_not_retried(monkeypatch, caplog):
    caplog.set_level(logging.ERROR, logger="archive.tasks")
    good = _payloads(FIXTURES / "good" / "bridge-vote.json")
    no_outlet = dict(good[0], outlet=None, url=None, where="late.json: entry 2")
    crashing = dict(good[0], title="A title the store chokes on", where="odd.json")
    real = tasks.document_import
    calls = []

    def store(*, document):
        calls.append(document.title)
        if document.title == crashing["title"]:
            raise ValueError("something unforeseen")
        return real(document=document)

    monkeypatch.setattr(tasks, "document_import", store)
    result = tasks.import_documents_batch.delay([no_outlet, crashing, *good]).get()
    assert result["failed"] == 2 and len(result["imported"]) == len(good)
    assert len(calls) == 2 + len(good)  # each document tried once: no retry of the batch
    assert "late.json: entry 2: outlet: required when the document has no url" in caplog.text
    assert "odd.json: not imported" in caplog.text


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_import_documents_queue_without_a_broker_reports_like_the_direct_run():
    queued = run(FIXTURES / "good", FIXTURES / "broken", "--queue")
    stored = sorted(Article.objects.values_list("content_hash", flat=True))
    Article.objects.all().delete()
    direct = run(FIXTURES / "good", FIXTURES / "broken")
    assert sorted(Article.objects.values_list("content_hash", flat=True)) == stored
    assert queued[0] == direct[0]  # the summary line
    assert sorted(queued[1].splitlines()) == sorted(direct[1].splitlines())
    assert str(queued[2]) == str(direct[2])


def test_import_documents_queue_batches_a_large_file(monkeypatch, tmp_path):
    sent = []
    monkeypatch.setattr(tasks.import_documents_batch, "delay", sent.append)
    monkeypatch.setitem(tasks.import_documents_batch.app.conf, "task_always_eager", False)
    lines = [
        f'{{"title": "Note {n}", "body": "Body {n}.", "published": "2024-01-0{1 + n % 9}", '
        f'"outlet": "Quay Post"}}'
        for n in range(tasks.BATCH_DOCUMENTS * 2 + 1)
    ]
    (tmp_path / "notes.jsonl").write_text("\n".join(lines) + "\nnot json\n")
    out, err, error = run(tmp_path / "notes.jsonl", tmp_path / "missing.json", "--queue")
    assert [len(batch) for batch in sent] == [tasks.BATCH_DOCUMENTS, tasks.BATCH_DOCUMENTS, 1]
    assert sent[0][0]["where"] == f"{tmp_path / 'notes.jsonl'}: line 1"
    assert out.strip() == f"Queued {len(lines)} documents in 3 batches, failed 2."
    assert "missing.json: no such file or directory" in err
    assert str(error) == "2 document(s) could not be imported."
    assert not Article.objects.exists()
