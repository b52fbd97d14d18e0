"""Recording and importing events; import_events; searching the log."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from predictions.importers.events import EventData
from predictions.models import Event, Tag
from predictions.selectors.events import events_search
from predictions.services.events import event_record, events_import

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 6, 1)


def test_event_record_and_idempotent_external_id():
    event = event_record(
        title="  The dam opens ",
        occurred_on=DAY,
        sources=["https://a.example"],
        tags=["Water", "water"],
        external_id="dam",
    )
    assert event.title == "The dam opens"
    assert list(event.tags.values_list("name", flat=True)) == ["Water"]
    assert event_record(title="Other", occurred_on=DAY, external_id="dam").pk == event.pk
    assert Event.objects.count() == 1


def test_events_import_in_batches_is_idempotent_and_links_tags(django_assert_max_num_queries):
    events = [
        EventData(
            f"Event {i}", DAY, sources=("S",), tags=("Flood", f"Tag {i % 3}"), external_id=f"e{i}"
        )
        for i in range(2100)
    ]
    events.append(events[0])  # the same event twice in one file
    result = events_import(events=events)
    assert (result.created, result.existing) == (2100, 1)
    assert Event.objects.count() == 2100
    assert Tag.objects.count() == 4
    assert Event.tags.through.objects.count() == 4200
    with django_assert_max_num_queries(12):
        again = events_import(events=events)
    assert (again.created, again.existing) == (0, 2101)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_import_events_command_walks_reports_and_summarises(tmp_path, capsys):
    _write(
        tmp_path,
        "ours.json",
        json.dumps([{"title": "Bridge closes", "occurred_on": "2030-01-05", "tags": ["roads"]}]),
    )
    _write(
        tmp_path,
        "ours.csv",
        "title,occurred_on,description,sources,tags\nFerry sinks,2030-02-01,,,sea\n",
    )
    _write(
        tmp_path,
        "2030/02/2030-02-02.yaml",
        "Date: '2030-02-02'\nIntelligence_Payload:\n  Storms:\n  - A storm floods the coast. (Coast FM)\n",
    )
    _write(tmp_path, "broken/bad.json", '[{"title": "no date"}]')
    with pytest.raises(CommandError, match="2 file"):
        call_command("import_events", str(tmp_path), str(tmp_path / "missing.json"))
    out, err = capsys.readouterr()
    assert "Read 3 events from 3 file(s): 3 new, 0 already recorded, 2 file(s) failed" in out
    lines = err.strip().splitlines()
    assert any(
        line.startswith(str(tmp_path / "broken" / "bad.json")) and "occurred_on" in line
        for line in lines
    )
    assert any("missing.json: no such file" in line for line in lines)
    assert set(Event.objects.values_list("title", flat=True)) == {
        "Bridge closes",
        "Ferry sinks",
        "A storm floods the coast.",
    }
    call_command("import_events", str(tmp_path / "ours.json"), str(tmp_path / "2030"))
    out, _ = capsys.readouterr()
    assert "0 new, 2 already recorded, 0 file(s) failed" in out
    assert Event.objects.count() == 3


def test_events_search_by_title_and_description():
    event_record(title="Lakeside holds a regional election", occurred_on=DAY)
    event_record(
        title="A storm hits", description="The regional election is postponed.", occurred_on=DAY
    )
    event_record(title="Ferry sinks", occurred_on=DAY)
    found = list(events_search(q="regional election"))
    assert {e.title for e in found} == {"Lakeside holds a regional election", "A storm hits"}
    assert list(events_search(q="  ")) == []
    assert {e.title for e in events_search(q="ferry storm", any_word=True)} == {
        "Ferry sinks",
        "A storm hits",
    }


@pytest.mark.corpus
def test_import_a_month_of_the_wikipedia_log(corpus, capsys):
    month = corpus / "events" / "wikipedia-current-events" / "2014" / "05"
    call_command("import_events", str(month))
    out, _ = capsys.readouterr()
    count = Event.objects.count()
    assert count > 200 and f"{count} new" in out
    assert Event.objects.filter(occurred_on=datetime.date(2014, 5, 25)).exists()
    assert not Event.objects.filter(title="Uncategorized").exists()
