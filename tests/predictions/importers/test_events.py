"""Pure parsing of event files: our JSON and CSV formats and Wikipedia's daily YAML logs."""

import datetime

import pytest

from predictions.importers.events import (
    EventFileError,
    external_id_for,
    is_story_heading,
    read_csv,
    read_event_file,
    read_json,
    read_wikipedia_day,
    split_sources,
    title_of,
)

DAY_YAML = """\
Date: '2031-04-02'
Source_URI: Portal:Current events/2031 April 2
Intelligence_Payload:
  Harbour bridge dispute:
  - The city council votes to close the old harbour bridge to lorries. It reopens
    to cyclists next week. (Harbour Gazette) (Civic Radio via Wire)
  Uncategorized:
  - Lakeside regional election
  - Voters in the Lakeside region elect a new assembly (Lake Post)
  - Records from the 1990s (2031) are opened to historians.
"""


def test_wikipedia_day_splits_sources_drops_headings_and_tags_events():
    events = read_wikipedia_day(DAY_YAML)
    assert [e.title for e in events] == [
        "The city council votes to close the old harbour bridge to lorries.",
        "Voters in the Lakeside region elect a new assembly",
        "Records from the 1990s (2031) are opened to historians.",
    ]
    bridge, vote, records = events
    assert bridge.occurred_on == datetime.date(2031, 4, 2)
    assert bridge.sources == ("Harbour Gazette", "Civic Radio via Wire")
    assert bridge.description.endswith("It reopens to cyclists next week.")
    assert bridge.tags == ("Harbour bridge dispute",)
    # The nested heading tags the events under it; "Uncategorized" is no tag.
    assert vote.tags == ("Lakeside regional election",)
    assert vote.sources == ("Lake Post",)
    assert records.sources == () and records.description == ""
    assert bridge.external_id == external_id_for(bridge.occurred_on, bridge.description)
    assert len({e.external_id for e in events}) == 3


def test_sources_and_headings():
    assert split_sources("A thing happens. (AP)(Reuters via X)") == (
        "A thing happens.",
        ("AP", "Reuters via X"),
    )
    assert split_sources("Civil war (2014\u20132017)") == ("Civil war (2014\u20132017)", ())
    assert is_story_heading("2031 Lakeside regional election", ())
    assert not is_story_heading("The council resigns.", ())
    assert not is_story_heading("The council resigns", ("AP",))
    long_text = " ".join(["word"] * 30)
    assert not is_story_heading(long_text, ())
    assert len(title_of("x" * 600 + " tail")) <= 500


def test_our_json_and_csv(tmp_path):
    events = read_json(
        '[{"title": "Dam opens", "occurred_on": "2030-01-02", "sources": ["https://a.example"],'
        ' "tags": ["water"], "id": "dam-1"}, {"title": "Ferry sinks", "occurred_on": "2030-02-03"}]'
    )
    assert events[0].external_id == "dam-1" and events[0].tags == ("water",)
    assert events[1].external_id == external_id_for(datetime.date(2030, 2, 3), "Ferry sinks\n")
    rows = read_csv(
        "title,occurred_on,description,sources,tags\n"
        "Dam opens,2030-01-02,The new dam opens.,https://a.example|https://b.example,water|energy\n"
    )
    assert rows[0].sources == ("https://a.example", "https://b.example")
    assert rows[0].tags == ("water", "energy")
    path = tmp_path / "events.csv"
    path.write_text("title,occurred_on\nDam opens,2030-01-02\n")
    assert read_event_file(path)[0].title == "Dam opens"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"occurred_on": "2030-01-02"}]', "event 0: title is required"),
        ('[{"title": "x", "occurred_on": "02/01/2030"}]', "event 0: occurred_on must be a date"),
        (
            '[{"title": "x", "occurred_on": "2030-01-02", "tags": "a"}, 3]',
            "event 1: an event must be an object",
        ),
        ('{"title": ', "not JSON"),
    ],
)
def test_bad_json_names_the_place_and_field(text, message):
    with pytest.raises(EventFileError, match=message):
        read_json(text)


def test_bad_csv_and_yaml():
    with pytest.raises(EventFileError, match="missing occurred_on"):
        read_csv("title,date\nx,2030-01-01\n")
    with pytest.raises(EventFileError, match="line 2: occurred_on"):
        read_csv("title,occurred_on\nx,soon\n")
    with pytest.raises(EventFileError, match="Date"):
        read_wikipedia_day("Intelligence_Payload: {}\n")
    with pytest.raises(EventFileError, match="not YAML"):
        read_wikipedia_day("Date: [unclosed\n")


@pytest.mark.corpus
def test_a_real_day_of_the_wikipedia_log(corpus):
    path = corpus / "events" / "wikipedia-current-events" / "2014" / "05" / "2014-05-25.yaml"
    events = read_event_file(path)
    assert len(events) > 10
    assert all(e.occurred_on == datetime.date(2014, 5, 25) for e in events)
    assert all(not e.title.endswith(")") for e in events if e.sources)
    assert sum(bool(e.sources) for e in events) >= len(events) - 2
    assert any("election" in " ".join(e.tags).lower() for e in events)
