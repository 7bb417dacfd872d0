"""`timeline import timelinejs`: TimelineJS JSON, ours and a hand-written one, in."""

from __future__ import annotations

import json
import pathlib

import attrs
import pytest

import timeline
from timeline.cli import main
from timeline.interop import export, import_file

ROOT = pathlib.Path(__file__).parent.parent
SMALL = ROOT / "tests" / "golden" / "export" / "small.toml"

STORY = {
    "title": {"text": {"headline": "A <b>story</b>", "text": "<p>told in slides</p>"}},
    "events": [
        {"start_date": {"year": -43, "month": 3, "day": 15},
         "text": {"headline": "Caesar &amp; the Ides", "text": "<p>Stabbed.</p><p>Twice.</p>"},
         "media": {"url": "https://example.org/ides", "credit": "Plutarch"}},
        {"start_date": {"year": "1969", "month": "7"}, "end_date": {"year": "1969", "month": "7"},
         "text": {"headline": "Moon landing"}, "group": "Space", "unique_id": "moon"},
        {"start_date": {"year": 2001}, "end_date": {"year": 2003},
         "text": {"headline": "Two years"}},
    ],
    "eras": [{"start_date": {"year": 1957}, "end_date": {"year": 1975},
              "text": {"headline": "Space race"}}],
}  # fmt: skip


def test_our_export_comes_back_with_its_dates_lanes_and_periods(tmp_path: pathlib.Path) -> None:
    tl = timeline.load(SMALL)
    path = tmp_path / "story.json"
    path.write_text(export(tl, "timelinejs").text, encoding="utf-8")
    back = import_file(path, "timelinejs").timeline
    assert [(e.id, e.title, e.lane) for e in back.events] == [
        (e.id, e.title, e.lane) for e in tl.events
    ]
    # TimelineJS dates have no qualifiers and no open end: the strict parts come back.
    assert [e.span.text for e in back.events] == ["2020-12", "2022", "2023-03-05", "2024-05-06"]
    assert [p.title for p in back.periods] == ["Talks"]
    assert back.title == tl.title


def test_a_lane_with_markup_is_text_in_timelinejs_and_comes_back(tmp_path: pathlib.Path) -> None:
    """TimelineJS strips a group's markup, then sets the rest as HTML: a lane is
    escaped twice going out, read back the same way."""
    lane = "<b>Air</b> & <img src=x onerror=alert(1)>"
    tl = timeline.load(SMALL)
    tl = tl.replace(attrs.evolve(tl.events[0], lane=lane))
    text = export(tl, "timelinejs").text
    groups = [slide.get("group") for slide in json.loads(text)["events"]]
    assert groups[0] == (
        "&amp;lt;b&amp;gt;Air&amp;lt;/b&amp;gt; &amp;amp;"
        " &amp;lt;img src=x onerror=alert(1)&amp;gt;"
    )
    path = tmp_path / "story.json"
    path.write_text(text, encoding="utf-8")
    assert import_file(path, "timelinejs").timeline.events[0].lane == lane


def test_a_hand_written_story(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps(STORY), encoding="utf-8")
    imported = import_file(path, "timelinejs")
    tl = imported.timeline
    assert (tl.title, tl.subtitle) == ("A story", "told in slides")
    assert [(e.id, e.span.text, e.lane, e.description) for e in tl.events] == [
        ("caesar-the-ides", "-0043-03-15", None, "Stabbed.\nTwice."),
        ("moon", "1969-07", "Space", None),
        ("two-years", "2001/2003", None, None),
    ]
    assert tl.events[0].source_keys == ("plutarch",)
    assert tl.sources["plutarch"].url == "https://example.org/ides"
    assert [(p.title, p.span.text) for p in tl.periods] == [("Space race", "1957/1975")]
    assert imported.summary() == "3 events, 2 sources, 1 period"


def test_a_slide_without_a_year_is_a_positioned_error(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    story = {"events": [{"text": {"headline": "Fine"}, "start_date": {"year": 2000}},
                        {"text": {"headline": "No year"}, "start_date": {"month": 5}}]}  # fmt: skip
    (tmp_path / "bad.json").write_text(json.dumps(story, indent=1), encoding="utf-8")
    assert main(["import", "timelinejs", "bad.json", "-o", "out.toml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == (
        "bad.json:11:3: error[E013]: slide 2 has no start_date with a year"
    )
    assert not (tmp_path / "out.toml").exists()


def test_into_a_chronology_whose_settings_name_its_actors(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_bytes((ROOT / "events.toml").read_bytes())
    story = {"events": [{"start_date": {"year": 2026, "month": 3}, "group": "Diplomacy",
                         "text": {"headline": "Talks"}}]}  # fmt: skip
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    assert main(["import", "timelinejs", "story.json", "--dry-run"]) == 0
    assert capsys.readouterr() == (
        "story.json: 1 event, 1 source, 0 periods\n"
        "--dry-run: nothing written (would add to events.toml)\n",
        "",
    )
