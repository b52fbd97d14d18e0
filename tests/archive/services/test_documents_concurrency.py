"""Two imports of the same document racing on PostgreSQL: one article, one duplicate, no error."""

import threading

import pytest
from django.db import connection, connections

from archive.importers.documents import parse_document
from archive.models import Article, Comment, Outlet, Person
from archive.services.documents import document_import


@pytest.mark.django_db(transaction=True)
def test_racing_imports_store_one_article():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    document = parse_document(
        {
            "title": "Two importers at once",
            "outlet": "Racing Outlet",
            "authors": ["Racing Author"],
            "published": "2023-01-01",
            "body": "Both will try to store this.",
            "comments": [{"author": "racing reader", "body": "First!"}],
        }
    )
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def run():
        try:
            barrier.wait()
            outcomes.append(document_import(document=document))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(o.created for o in outcomes) == [False, False, False, True]
    assert len({o.article.pk for o in outcomes}) == 1
    assert Article.objects.count() == 1
    assert Comment.objects.count() == 1
    assert Outlet.objects.count() == 1
    assert Person.objects.count() == 2
