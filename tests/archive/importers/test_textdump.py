"""Plain-text page dumps, and the seed dumps importing to exactly their JSON twins."""

import dataclasses
import datetime
import json

import pytest

from archive.errors import DocumentError
from archive.importers.documents import Defaults, parse_datetime
from archive.importers.readers import read_path
from archive.importers.textdump import parse_text_dump
from tests.corpus import corpus_path

DUMP = """Ferry Strike Looms

The union said a strike is likely next month.
  1. Pay.
  2. Hours.

Talks resume on Friday.

  1. deckhand says

    It will not happen.
    Believe me.

    They always settle.

  2. I think it will, this time.

    Second paragraph.

  3. quay_cat says:

  4. deckhand says
    Told you.
"""


def test_title_article_and_comments():
    obj = parse_text_dump(DUMP)
    assert obj["title"] == "Ferry Strike Looms"
    # The numbered list inside the article is not taken for comments: it names no reader.
    assert obj["body"].strip().endswith("Talks resume on Friday.")
    assert "  1. Pay." in obj["body"]
    authors = [c["author"] for c in obj["comments"]]
    assert authors == ["deckhand", None, "quay_cat", "deckhand"]
    bodies = [c["body"].strip() for c in obj["comments"]]
    assert bodies == [
        "It will not happen.\nBelieve me.\n\nThey always settle.",
        "I think it will, this time.\n\nSecond paragraph.",
        "",
        "Told you.",
    ]


def test_crlf_dump_reads_the_same(tmp_path):
    defaults = Defaults(published=datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC), outlet="X")
    (tmp_path / "unix.txt").write_text(DUMP, newline="\n")
    (tmp_path / "dos.txt").write_text(DUMP, newline="\r\n")
    unix = next(read_path(tmp_path / "unix.txt", defaults=defaults)).document
    dos = next(read_path(tmp_path / "dos.txt", defaults=defaults)).document
    assert unix == dos


def test_a_dump_with_only_a_title_has_no_body(tmp_path):
    (tmp_path / "t.txt").write_text("Only a title\n\n")
    (result,) = read_path(tmp_path / "t.txt", defaults=Defaults(outlet="X"))
    assert result.error.startswith("body: must not be empty")


def test_empty_text_is_refused():
    with pytest.raises(DocumentError, match="empty file"):
        parse_text_dump("\n  \n")


SEEDS = [
    # (name, outlet, author): what the command line supplies for each dump.
    ("karlin-2014-04-01-lavrov-kerry", "Anatoly Karlin", "Anatoly Karlin"),
    ("wire-2014-03-30-kerry-lavrov", "The Wire", None),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "outlet", "author"), SEEDS)
def test_seed_dump_is_exactly_its_json_twin(name, outlet, author):
    json_path = corpus_path("seeds", f"{name}.json")
    text_path = corpus_path("seeds", f"{name}.txt")
    published = parse_datetime(json.loads(json_path.read_text())["published"], "published")
    defaults = Defaults(published=published, outlet=outlet, author=author)

    (from_json,) = read_path(json_path)
    (from_text,) = read_path(text_path, defaults=defaults)
    assert from_json.error is None and from_text.error is None
    expected = dataclasses.asdict(from_json.document)
    actual = dataclasses.asdict(from_text.document)
    assert expected.pop("source_format") == "json"
    assert actual.pop("source_format") == "text"
    for field in expected:
        assert actual[field] == expected[field], field
    # And the same again against the raw file, so that the reader cannot drift from the format.
    raw = json.loads(json_path.read_text())
    doc = from_text.document
    assert doc.title == raw["title"]
    assert doc.body == raw["body"]
    assert list(doc.authors) == raw["authors"]
    assert [c.author for c in doc.comments] == [c["author"] for c in raw["comments"]]
    assert [c.body for c in doc.comments] == [c["body"] for c in raw["comments"]]
