"""The hard cases of the two seed articles, read from the shared corpus."""

import datetime
import json

import pytest

from predictions.extraction import Part, extract
from tests.corpus import corpus_path

pytestmark = pytest.mark.corpus


def load(name):
    with open(corpus_path("seeds", f"{name}.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    return document[0] if isinstance(document, list) else document


def article_part(document):
    return Part(
        text=document["body"],
        made_on=datetime.date.fromisoformat(document["published"]),
        kind="article",
        authors=tuple(document["authors"]),
        outlet=document["outlet"],
        title=document["title"],
    )


def comment_parts(document):
    for comment in document["comments"]:
        yield Part(
            text=comment["body"],
            made_on=datetime.date.fromisoformat(document["published"]),
            kind="comment",
            authors=(comment["author"],) if comment["author"] else (),
            outlet=document["outlet"],
            article_text=document["body"],
        )


def find(candidates, words):
    matches = [c for c in candidates if words in c.quote]
    assert matches, f"no candidate quoting {words!r}"
    return matches[0]


@pytest.fixture(scope="module")
def blog():
    return load("karlin-2014-04-01-lavrov-kerry")


def test_most_unlikely_before_the_election(blog):
    found = find(extract(article_part(blog)), "most unlikely")
    assert found.probability == pytest.approx(0.1, abs=0.05)
    assert found.speaker == "Anatoly Karlin" and found.speaker_role == "author"
    assert found.hedge == "most unlikely"
    assert found.polarity == "positive"
    assert found.deadline == datetime.date(2014, 5, 31)
    assert found.deadline_kind == "period_end"


def test_more_likely_than_not_at_some_point(blog):
    found = find(extract(article_part(blog)), "more likely than not")
    assert found.probability == pytest.approx(0.6, abs=0.05)
    assert found.deadline is None
    assert found.claim.startswith("some sort of deal")


def test_commenter_quoting_the_article_is_not_forecasting(blog):
    for part in comment_parts(blog):
        for candidate in extract(part):
            assert "easy negotiation" not in candidate.quote
            assert "no certainty about its outcome" not in candidate.quote


def test_predicting_nuclear_war_is_the_commenters(blog):
    found = [
        c
        for part in comment_parts(blog)
        for c in extract(part)
        if "predicting nuclear war" in c.quote
    ]
    assert len(found) == 1
    assert found[0].speaker == "donnyess" and found[0].speaker_role == "commenter"
    assert found[0].probability >= 0.8


def test_condition_is_kept():
    wire = load("wire-2014-03-30-kerry-lavrov")
    found = find(extract(article_part(wire)), "highly possible")
    assert found.condition is not None and found.condition.startswith("Should the sides fail")
    assert "invade" in found.claim
    assert 0.55 <= found.probability <= 0.75
