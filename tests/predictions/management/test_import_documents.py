"""import_documents: the seeds, idempotency, and a batch of broken files."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Comment, Outlet, Person
from archive.services import documents
from tests.corpus import corpus_path

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def rows():
    return (
        Article.objects.count(),
        Comment.objects.count(),
        Person.objects.count(),
        Outlet.objects.count(),
    )


@pytest.mark.corpus
def test_seed_dumps_then_their_json_twins_store_two_articles_once():
    seeds = corpus_path("seeds")
    out, err, error = run(
        seeds / "karlin-2014-04-01-lavrov-kerry.txt",
        "--published", "2014-04-01", "--outlet", "Anatoly Karlin", "--author", "Anatoly Karlin",
    )  # fmt: skip
    assert (out.strip(), err, error) == ("Imported 1, duplicates 0, failed 0.", "", None)
    out, err, error = run(
        seeds / "wire-2014-03-30-kerry-lavrov.txt",
        "--published",
        "2014-03-30",
        "--outlet",
        "The Wire",
    )
    assert out.strip() == "Imported 1, duplicates 0, failed 0." and error is None
    assert Article.objects.count() == 2
    assert Comment.objects.count() == 4
    before = rows()

    out, err, error = run(
        seeds / "karlin-2014-04-01-lavrov-kerry.json", seeds / "wire-2014-03-30-kerry-lavrov.json"
    )
    assert (out.strip(), err, error) == ("Imported 0, duplicates 2, failed 0.", "", None)
    assert rows() == before

    karlin = Article.objects.get(outlet__name="Anatoly Karlin")
    assert [p.name for p in karlin.authors.all()] == ["Anatoly Karlin"]
    authors = [c.author.name if c.author else None for c in karlin.comments.order_by("position")]
    assert authors == ["mutantsushi", None, "donnyess", "donnyess"]
    assert karlin.comments.get(position=3).body == ""
    wire = Article.objects.get(outlet__name="The Wire")
    assert wire.authors.count() == 0 and wire.comments.count() == 0


def test_every_good_fixture_imports_and_a_second_run_adds_nothing():
    good = FIXTURES / "good"
    out, err, error = run(good, "--published", "2023-03-01", "--outlet", "Lowmarsh Ledger")
    assert error is None, err
    assert out.strip() == "Imported 10, duplicates 0, failed 0."
    formats = set(Article.objects.values_list("source_format", flat=True))
    assert formats == {"json", "text", "html", "feed"}
    before = rows()
    out, err, error = run(good, "--published", "2023-03-01", "--outlet", "Lowmarsh Ledger")
    assert out.strip() == "Imported 0, duplicates 10, failed 0."
    assert rows() == before


def test_broken_batch_imports_exactly_the_good_documents(tmp_path):
    batch = tmp_path / "batch"
    shutil.copytree(FIXTURES / "broken", batch)
    (batch / "nested.json").write_text("[" * 100_000 + "]" * 100_000)
    (batch / "deeper.json").write_text('{"title": ' * 50_000)

    out, err, error = run(batch)

    assert isinstance(error, CommandError)
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    expected = {
        f"{batch}/blank.txt: empty file",
        f"{batch}/empty.json: empty file",
        f"{batch}/junk.bin: not a text file (binary data)",
        f"{batch}/nested.json: not a document: JSON nested too deeply",
        f"{batch}/mixed.jsonl: line 5: a document must be a JSON object, not a list",
        f"{batch}/mixed.jsonl: line 6: body: required",
        f"{batch}/wrong-types.json: [0]: title: must be a string, not a list",
        f"{batch}/wrong-types.json: [1]: published: must be an ISO 8601 date string, not a number",
        f"{batch}/wrong-types.json: [2]: authors: must be a list of names, not a string",
        f"{batch}/wrong-types.json: [3]: comments[0].parent: must be the index of an earlier comment or null",
        f"{batch}/undated-dump.txt: published: required (an ISO 8601 date, or a default date for documents that lack one)",
        f"{batch}/not-a-document.json: not a document: a JSON file must hold an object or a list of them, not a string",
    }
    assert expected <= set(lines)
    prefixes = [
        f"{batch}/deeper.json: not ",
        f"{batch}/mixed.jsonl: line 2: not valid JSON",
        f"{batch}/mixed.jsonl: line 4: published: not an ISO 8601 date",
        f"{batch}/truncated.json: not valid JSON",
    ]
    for prefix in prefixes:
        assert any(line.startswith(prefix) for line in lines), prefix
    assert len(lines) == len(expected) + len(prefixes)
    assert out.strip() == f"Imported 3, duplicates 0, failed {len(lines)}."
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {
        "Café owners expect a busy summer",
        "Lighthouse to be sold",
        "Lighthouse bids open",
    }


def test_missing_paths_are_reported_and_the_rest_imports(tmp_path):
    out, err, error = run(tmp_path / "missing.json", FIXTURES / "good" / "bridge-vote.json")
    assert err.strip() == f"{tmp_path / 'missing.json'}: no such file or directory"
    assert out.strip() == "Imported 1, duplicates 0, failed 1."
    assert error is not None


def test_a_document_refused_by_the_service_is_one_line(tmp_path):
    path = tmp_path / "no-outlet.json"
    path.write_text('{"title": "T", "published": "2023-01-01", "body": "B"}')
    out, err, error = run(path)
    assert (
        err.strip()
        == f"{path}: outlet: required when the document has no url (or a default outlet for documents that lack one)"
    )
    assert error is not None and Article.objects.count() == 0


def test_unexpected_errors_are_reported_per_document_without_a_traceback(monkeypatch):
    def broken_import(**kwargs):
        raise RuntimeError("database went away")

    # The batch fails, then so does the document tried again on its own.
    monkeypatch.setattr(documents, "batch_store", broken_import)
    monkeypatch.setattr(documents, "document_import", broken_import)
    out, err, error = run(FIXTURES / "good" / "bridge-vote.json")
    assert "not imported: RuntimeError: database went away" in err
    assert "Traceback" not in err and error is not None


@pytest.mark.parametrize("value", ["yesterday", "2014-02-30", "01/04/2014"])
def test_invalid_published_is_a_clear_command_error(value):
    with pytest.raises(CommandError, match="--published"):
        call_command("import_documents", str(FIXTURES / "good"), "--published", value)
    assert Article.objects.count() == 0
