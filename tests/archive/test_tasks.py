"""Queued import in eager mode: documents travel as JSON, a batch is stored as the direct import stores it."""

import io
import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from archive import tasks
from archive.importers.documents import Defaults, DocumentData, content_hash, parse_datetime
from archive.importers.readers import read_path
from archive.models import Article, Comment, Person
from archive.services import documents

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
    real_batch, real_one = documents.batch_store, documents.document_import
    calls = []

    def batch(pending, *, by):
        if any(item.document.title == crashing["title"] for item in pending.values()):
            raise ValueError("something unforeseen")
        return real_batch(pending, by=by)

    def one(*, document, by=None):
        calls.append(document.title)
        if document.title == crashing["title"]:
            raise ValueError("something unforeseen")
        return real_one(document=document, by=by)

    monkeypatch.setattr(documents, "batch_store", batch)
    monkeypatch.setattr(documents, "document_import", one)
    result = tasks.import_documents_batch.delay([no_outlet, crashing, *good]).get()
    assert result["failed"] == 2 and len(result["imported"]) == len(good)
    # The batch failed as a whole, then each readable document was tried once on its own.
    assert sorted(calls) == sorted([crashing["title"], *(g["title"] for g in good)])
    assert "late.json: entry 2: outlet: required when the document has no url" in caplog.text
    assert "odd.json: not imported: ValueError: something unforeseen" in caplog.text


def test_a_batch_of_good_documents_is_stored_in_one_go(monkeypatch):
    good = _payloads(FIXTURES / "good")
    monkeypatch.setattr(documents, "document_import", None)  # the one-by-one path is not taken
    result = tasks.import_documents_batch.delay(good).get()
    assert len(result["imported"]) == len(good) and result["failed"] == 0


def test_a_lost_connection_retries_the_batch_and_what_committed_is_a_duplicate(monkeypatch):
    good = _payloads(FIXTURES / "good")
    real_batch = documents.batch_store
    attempts = []

    def flaky(pending, *, by):
        attempts.append(len(pending))
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_batch(pending, by=by)

    monkeypatch.setattr(documents, "batch_store", flaky)
    monkeypatch.setattr(
        documents,
        "document_import",
        lambda **_: (_ for _ in ()).throw(OperationalError("connection lost")),
    )
    result = tasks.import_documents_batch.delay(good).get()
    assert len(attempts) == 2  # the first delivery failed and was retried
    assert len(result["imported"]) == len(good) == Article.objects.count()


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
