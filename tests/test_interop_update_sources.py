"""`timeline import --update` of a source the chronology has: only the fields the
imported file gives replace its own, as for events; the others (reliability, url,
marking, published ...) stay."""

from __future__ import annotations

import pathlib

import pytest
from clirun import run

CHRONOLOGY = """\
[timeline]
title = "T"
markings = "tlp"

# The wire, as the analyst graded it.
[sources.wire]
title = "Wire"
publisher = "Wire Agency"
url = "https://example.org/wire"
published = "2021-05"
reliability = "B"
marking = "AMBER"

[sources.paper]
title = "A paper"
reliability = "C"

[[event]]
id = "coup"
title = "Coup"
date = "2021-05"
certainty = "confirmed"
sources = ["wire"]
"""


def test_update_replaces_only_the_fields_sources_csv_gives(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_text(CHRONOLOGY, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "id,title,date,certainty,sources\ntalks,Talks,2021-06,probable,wire|paper\n", "utf-8"
    )
    # The title column of the wire, the reliability of the paper; empty cells give nothing.
    (tmp_path / "sources.csv").write_text(
        "key,title,reliability,url\nwire,Wire (corrected),,\npaper,,A,\n", "utf-8"
    )
    status, out, err = run(["import", "csv", "rows.csv", "--dry-run"], capsys)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "sources.csv:2:1: error[E042]: source 'wire' is already in the chronology with other"
        " details; give --update to replace it",
        "sources.csv:3:1: error[E042]: source 'paper' is already in the chronology with other"
        " details; give --update to replace it",
    ]
    status, out, err = run(["import", "csv", "rows.csv", "--update"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "rows.csv: 1 event, 0 sources, 0 periods -> events.toml"
    assert (tmp_path / "events.toml").read_text(encoding="utf-8") == (
        CHRONOLOGY.replace('title = "Wire"\n', 'title = "Wire (corrected)"\n').replace(
            'reliability = "C"', 'reliability = "A"'
        )
        + '\n[[event]]\nid = "talks"\ntitle = "Talks"\ndate = "2021-06"\n'
        'certainty = "probable"\nsources = ["wire", "paper"]\n'
    )


def test_a_source_row_that_gives_what_the_chronology_has_is_no_conflict(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sources.csv row with fewer columns than the source is not "other details"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_text(CHRONOLOGY, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "id,title,date,certainty,sources\ntalks,Talks,2021-06,probable,wire\n", "utf-8"
    )
    (tmp_path / "sources.csv").write_text("key,title\nwire,Wire\n", "utf-8")
    status, out, err = run(["import", "csv", "rows.csv"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "rows.csv: 1 event, 0 sources, 0 periods -> events.toml"
    assert (tmp_path / "events.toml").read_text(encoding="utf-8") == CHRONOLOGY + (
        '\n[[event]]\nid = "talks"\ntitle = "Talks"\ndate = "2021-06"\n'
        'certainty = "probable"\nsources = ["wire"]\n'
    )


def test_update_from_a_story_keeps_what_a_credit_cannot_give(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TimelineJS credit gives a source's title and URL: with its key in the
    chronology, --update replaces those, and the grading stays."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_text(CHRONOLOGY, encoding="utf-8")
    story = (
        '{"events": [{"unique_id": "coup", "start_date": {"year": 2021, "month": 5},'
        ' "text": {"headline": "Coup"},'
        ' "media": {"credit": "Wire", "url": "https://example.org/wire/2021"}}]}'
    )
    (tmp_path / "story.json").write_text(story, encoding="utf-8")
    status, out, err = run(["import", "timelinejs", "story.json", "--update"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == (
        "story.json: 0 events, 0 sources, 0 periods; 1 event updated: coup -> events.toml"
    )
    assert (tmp_path / "events.toml").read_text(encoding="utf-8") == CHRONOLOGY.replace(
        "https://example.org/wire", "https://example.org/wire/2021"
    )
