"""The outlet, person and article change forms write through the archive's services."""

import pytest
from django.urls import reverse

from archive.models import Outlet, Person
from archive.services import documents, people
from tests.factories import ArticleFactory, OutletFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def spy(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def recording(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


def test_adding_an_outlet_goes_through_the_service(admin_client, monkeypatch):
    import archive.admin

    calls = spy(monkeypatch, archive.admin, "outlet_create")
    response = admin_client.post(
        reverse("admin:archive_outlet_add"),
        {"name": "The Harbour Herald", "slug": "herald", "homepage": "", "kind": "newspaper"},
    )
    assert response.status_code == 302, response.content
    assert [c["name"] for c in calls] == ["The Harbour Herald"]
    assert Outlet.objects.get(name="The Harbour Herald").slug == "herald"
    # Without a slug the service finds a free one.
    assert people.outlet_create(name="The Gull Gazette").slug == "the-gull-gazette"


def test_editing_a_person_and_their_aliases_goes_through_the_services(admin_client, monkeypatch):
    import archive.admin

    updates = spy(monkeypatch, archive.admin, "person_update")
    aliases = spy(monkeypatch, archive.admin, "person_aliases_set")
    person = PersonFactory(name="Dana Quill")
    form = {
        "name": "Dana Quill-Marsh",
        "slug": person.slug,
        "kind": person.kind,
        "outlet": "",
        "description": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "D. Quill",
        "aliases-0-id": "",
        "aliases-0-person": str(person.pk),
    }
    response = admin_client.post(reverse("admin:archive_person_change", args=[person.pk]), form)
    assert response.status_code == 302, response.content
    assert updates and updates[0]["name"] == "Dana Quill-Marsh"
    assert aliases and aliases[0]["names"] == ["D. Quill"]
    person.refresh_from_db()
    assert person.name == "Dana Quill-Marsh"
    assert list(person.aliases.values_list("name", flat=True)) == ["D. Quill"]


def test_editing_an_article_goes_through_the_service(admin_client, monkeypatch):
    import archive.admin

    calls = spy(monkeypatch, archive.admin, "article_update")
    article = ArticleFactory()
    author = PersonFactory()
    response = admin_client.get(reverse("admin:archive_article_change", args=[article.pk]))
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in ("title", "outlet", "language", "metadata")}
    data["title"] = "A corrected title"
    data["metadata"] = "{}"
    data["authors"] = [str(author.pk)]
    published = article.published_at
    data["published_at_0"] = published.strftime("%Y-%m-%d")
    data["published_at_1"] = published.strftime("%H:%M:%S")
    for prefix in ("comments", "predictions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse("admin:archive_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content
    assert calls[0]["title"] == "A corrected title"
    assert calls[1]["authors"] and list(calls[1]["authors"]) == [author]
    article.refresh_from_db()
    assert article.title == "A corrected title"
    assert list(article.authors.all()) == [author]


def test_the_services_refuse_fields_they_do_not_own():
    from archive.errors import ArchiveError

    with pytest.raises(ArchiveError, match="content_hash"):
        documents.article_update(article=ArticleFactory(), content_hash="x")
    with pytest.raises(ArchiveError, match="created_at"):
        people.outlet_update(outlet=OutletFactory(), created_at=None)
    assert Person.objects.count() == 0


def test_reattributing_a_comment_goes_through_the_service(admin_client, monkeypatch):
    import archive.admin
    from tests.factories import CommenterFactory, CommentFactory

    calls = spy(monkeypatch, archive.admin, "comment_update")
    comment = CommentFactory()
    reader = CommenterFactory(outlet=comment.article.outlet)
    response = admin_client.post(
        reverse("admin:archive_comment_change", args=[comment.pk]), {"author": str(reader.pk)}
    )
    assert response.status_code == 302, response.content
    assert calls and calls[0]["author"] == reader
    comment.refresh_from_db()
    assert comment.author == reader
