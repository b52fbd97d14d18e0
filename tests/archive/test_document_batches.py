"""documents_import: a batch stored in one transaction, each document still all or nothing."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from archive.errors import DocumentError
from archive.importers.documents import parse_document
from archive.models import Article, Comment, Outlet, Person
from archive.services import documents
from archive.services.documents import ImportOutcome, document_import, documents_import

pytestmark = pytest.mark.django_db


def doc(n, **overrides):
    obj = {
        "title": f"Lock gates report {n}",
        "url": f"https://canal.example.org/gates/{n}",
        "outlet": "The Canal Courier" if n % 2 else "Towpath Weekly",
        "authors": ["Ines Marlow", f"Writer {n % 3}"],
        "published": "2023-06-01",
        "body": f"The lock gates will probably be replaced by spring, report {n} says.",
        "comments": [
            {"author": "lockkeeper", "body": "Not before summer."},
            {"author": None, "body": "They said that last year.", "parent": 0},
            {"author": f"boater{n % 4}", "body": "Spring, surely.", "parent": 1},
        ],
    }
    obj.update(overrides)
    return parse_document({k: v for k, v in obj.items() if v is not ...})


def test_a_batch_stores_what_one_by_one_imports_would():
    results = documents_import(documents=[doc(n) for n in range(6)])
    assert all(isinstance(r, ImportOutcome) and r.created for r in results)
    assert Article.objects.count() == 6 and Comment.objects.count() == 18
    assert Outlet.objects.count() == 2
    # Readers are scoped to their outlet: the same handle on two sites is two people.
    assert Person.objects.filter(name="lockkeeper").count() == 2
    for result, n in zip(results, range(6), strict=True):
        article = result.article
        assert article.title == f"Lock gates report {n}"
        assert sorted(a.name for a in article.authors.all()) == sorted(
            ["Ines Marlow", f"Writer {n % 3}"]
        )
        comments = list(article.comments.order_by("position").select_related("author"))
        assert [c.parent_id for c in comments] == [None, comments[0].pk, comments[1].pk]
        assert comments[0].author.outlet_id == article.outlet_id
        assert comments[1].author is None


def test_duplicates_in_the_archive_and_within_the_batch_write_nothing():
    (stored,) = documents_import(documents=[doc(1)])
    same_url = doc(1, title="Lock gates report, updated")
    same_text = doc(1, url=None)
    repeated = doc(2)
    results = documents_import(documents=[same_url, repeated, same_text, doc(2)])
    assert [r.created for r in results] == [False, True, False, False]
    assert results[0].article.pk == results[2].article.pk == stored.article.pk
    assert results[3].article.pk == results[1].article.pk
    assert Article.objects.count() == 2 and Comment.objects.count() == 6


def test_a_bad_document_is_its_own_error_and_the_rest_imports():
    no_outlet = doc(3, url=None, outlet=None)
    results = documents_import(documents=[doc(1), no_outlet, doc(2)])
    assert isinstance(results[1], DocumentError) and results[1].field == "outlet"
    assert results[0].created and results[2].created
    assert Article.objects.count() == 2


def test_a_failing_batch_falls_back_to_one_transaction_per_document(monkeypatch):
    def refuse_the_second(*, document, by=None):
        if document.title.endswith("2"):
            raise RuntimeError("disk full")
        return document_import(document=document, by=by)

    def broken_batch(pending, *, by):
        Article.objects.create(
            outlet=Outlet.objects.create(name="Half", slug="half"),
            title="x",
            published_at="2023-01-01T00:00Z",
            body="x",
            content_hash="0" * 64,
        )
        raise RuntimeError("connection reset")

    monkeypatch.setattr(documents, "batch_store", broken_batch)
    monkeypatch.setattr(documents, "document_import", refuse_the_second)
    results = documents_import(documents=[doc(1), doc(2), doc(3)])
    assert results[0].created and results[2].created
    assert isinstance(results[1], RuntimeError)
    # Nothing of the failed batch, nor of the failed document, was kept.
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Lock gates report 1",
        "Lock gates report 3",
    ]
    assert not Outlet.objects.filter(slug="half").exists()


def test_a_batch_costs_the_same_few_queries_whatever_its_size():
    documents_import(documents=[doc(n) for n in range(4)])  # people and outlets exist now

    def queries(start, count):
        batch = [doc(n, body=f"Another report, number {n}.") for n in range(start, start + count)]
        with CaptureQueriesContext(connection) as ctx:
            results = documents_import(documents=batch)
        assert all(r.created for r in results)
        return len(ctx.captured_queries)

    assert queries(10, 5) == queries(100, 40)


@pytest.mark.django_db(transaction=True)
def test_racing_batches_store_each_document_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    batches = [
        [doc(n) for n in range(0, 8)],
        [doc(n) for n in range(4, 12)],
        [doc(n) for n in range(8)],
    ]
    barrier = threading.Barrier(len(batches))
    outcomes, errors = [], []

    def run(batch):
        try:
            barrier.wait()
            outcomes.extend(documents_import(documents=batch))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(b,)) for b in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == [] and all(isinstance(o, ImportOutcome) for o in outcomes)
    assert sum(o.created for o in outcomes) == 12
    assert Article.objects.count() == 12 and Comment.objects.count() == 36
    assert Outlet.objects.count() == 2
    assert Person.objects.filter(name="lockkeeper").count() == 2
    by_title = {}
    for o in outcomes:
        by_title.setdefault(o.article.title, set()).add(o.article.pk)
    assert all(len(pks) == 1 for pks in by_title.values())
