"""The claims of the event-suggestion bench still name items the importer reads from the log."""

import datetime
import importlib.util
import json

import pytest

from tests.corpus import PROJECT_DIR, corpus_path

FIELDS = {"id", "claim", "made_at", "deadline", "outcome", "settled_on", "events", "split"}
LOCATOR = {"file", "heading", "story", "index", "sha1"}


def load_script():
    spec = importlib.util.spec_from_file_location(
        "event_suggestions", PROJECT_DIR / "bench" / "event_suggestions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_claim_is_complete_and_dated_in_order():
    script = load_script()
    claims = script.load_claims(script.CLAIMS)
    assert len(claims) > len(script.load_claims(script.CLAIMS[:1]))
    for claim in claims:
        assert set(claim) - {"part"} == FIELDS, claim["id"]
        assert claim["outcome"] in ("yes", "no"), claim["id"]
        assert claim["events"], claim["id"]
        made = datetime.date.fromisoformat(claim["made_at"])
        settled = datetime.date.fromisoformat(claim["settled_on"])
        days = [datetime.date.fromisoformat(e["file"][-15:-5]) for e in claim["events"]]
        assert made < min(days) and settled in days, claim["id"]
        for where in claim["events"]:
            assert set(where) == LOCATOR, claim["id"]
    fresh = [c for c in claims if c["part"].startswith("fresh")]
    assert len(fresh) >= 30
    # The first fresh file was measured untouched on 2 December 2026 and tuned on since; the
    # second is untouched.
    assert {c["split"] for c in fresh if c["part"].startswith("fresh (")} == {"tuning"}
    assert {c["split"] for c in fresh if c["part"].startswith("fresh2")} == {"untouched"}
    # The log may date a result the day after the vote; the fresh claims' deadlines allow for it
    # (an open-ended claim has none).
    for claim in fresh:
        assert claim["deadline"] is None or claim["settled_on"] <= claim["deadline"], claim["id"]


def test_each_fresh_file_is_read_by_default_as_its_own_part():
    script = load_script()
    names = [path.name for path in script.CLAIMS]
    assert names[1:] == ["event_claims_fresh.jsonl", "event_claims_fresh2.jsonl"]
    parts = {c["part"] for c in script.load_claims(script.CLAIMS)}
    assert {"fresh (tuning)", "fresh2 (untouched)"} <= parts
    second = script.load_claims(script.CLAIMS[2:])
    assert len(second) >= 40
    assert {c["part"] for c in second} == {"fresh2 (untouched)"}
    # About a third of the claims did not come true, and none repeats a claim of the other files.
    outcomes = [c["outcome"] for c in second]
    assert 0.25 <= outcomes.count("no") / len(outcomes) <= 0.4
    earlier = script.load_claims(script.CLAIMS[:2])
    assert not {c["claim"].casefold() for c in second} & {c["claim"].casefold() for c in earlier}


def test_a_claim_file_that_repeats_an_id_is_refused(tmp_path):
    script = load_script()
    line = (PROJECT_DIR / "bench" / "event_claims_fresh.jsonl").read_text().splitlines()[0]
    path = tmp_path / "event_claims_twice.jsonl"
    path.write_text(f"{line}\n{line}\n")
    with pytest.raises(SystemExit, match="given twice"):
        script.load_claims([path])


@pytest.mark.corpus
def test_every_locator_finds_its_item_in_the_log():
    corpus_path("events", "wikipedia-current-events")
    script = load_script()
    assert script.stale_locators(script.load_claims(script.CLAIMS)) == []


@pytest.mark.corpus
def test_a_wrong_sha1_or_index_is_reported():
    corpus_path("events", "wikipedia-current-events")
    script = load_script()
    claim = json.loads(
        (PROJECT_DIR / "bench" / "event_claims_fresh.jsonl").read_text().splitlines()[0]
    )
    where = claim["events"][0]
    moved = {**claim, "events": [{**where, "index": where["index"] + 1}]}
    changed = {**claim, "id": "changed", "events": [{**where, "sha1": "0" * 12}]}
    problems = script.stale_locators([moved, changed])
    assert len(problems) == 2
    assert problems[0].startswith(f"{claim['id']}: ") and problems[0].endswith(
        f"at [{where['index']}]"
    )
    assert problems[1].startswith("changed: ") and problems[1].endswith("not found")
