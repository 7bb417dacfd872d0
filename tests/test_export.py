"""`timeline export`: each format against its golden file, what each says it lost, the
iCalendar read back by the `icalendar` library, and the JSON export lossless."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib

import attrs
import pytest
import tomlkit
from clirun import run

import timeline
from timeline.cli import main
from timeline.interop import FORMATS, ExportError, export

ROOT = pathlib.Path(__file__).parent.parent
GOLDEN = pathlib.Path(__file__).parent / "golden" / "export"
SMALL = GOLDEN / "small.toml"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
# Every chronology fixture that loads: the lossless export must hold each of them.
FIXTURES = sorted(
    [ROOT / "events.toml", *(ROOT / "tests" / "golden").glob("*.toml"),
     *(ROOT / "tests" / "data" / "rules").glob("*.toml"), SMALL],
    key=str,
)  # fmt: skip


@pytest.fixture(scope="module")
def small() -> timeline.Timeline:
    return timeline.load(SMALL)


@pytest.mark.parametrize("format", FORMATS)
def test_each_format_matches_its_golden_file(small: timeline.Timeline, format: str) -> None:
    exported = export(small, format)
    expected = {GOLDEN / f"small.{format}": exported.text}
    expected.update({GOLDEN / f"small.{name}": text for name, text in exported.files})
    for path, text in expected.items():
        if UPDATE:
            path.write_bytes(text.encode("utf-8"))
        assert text == path.read_bytes().decode("utf-8"), path.name
    assert export(small, format) == exported  # the same chronology, the same bytes


def test_each_format_says_what_it_lost(small: timeline.Timeline) -> None:
    said = {format: export(small, format).summary() for format in FORMATS}
    assert said == {
        "json": None,
        "csv": "csv: 3 settings of [timeline] dropped (the title, scale, lanes, default"
        " marking ...); 1 citation's details (locator, quote, claimed date, credibility,"
        " note) reduced to its key; 1 period dropped",
        "ics": "ics: 1 period dropped; 1 quote or note dropped; 4 events' sources kept only"
        " as lines of their descriptions; 1 approximate or uncertain date exported at its"
        " strict bounds; 1 ongoing or open-ended event exported as its start",
        "mermaid": "mermaid: 1 period dropped; 1 event's description dropped; 4 events'"
        " certainty dropped; 1 event's tags dropped; 4 events' sources dropped; 1 as-of date"
        " dropped; 1 approximate or uncertain date drawn at its strict bounds; 1 ongoing or"
        " open-ended event drawn as its start",
        "markwhen": "markwhen: 1 period dropped; 1 event's tags dropped; 1 citation's details"
        " (locator, quote, claimed date, credibility) reduced to its key; 1 as-of date"
        " dropped; 2 sources kept as keys only (titles, publishers, URLs, grades dropped); 1"
        " description's line breaks made spaces (a property is one line); 1 approximate or"
        " uncertain date exported at its strict bounds (its EDTF kept as a property)",
        "timelinejs": "timelinejs: 1 event's tags dropped; 1 citation's details reduced to a"
        " footnote line; 1 ongoing or open-ended event shown from its start",
    }


def test_the_icalendar_library_reads_the_same_days(small: timeline.Timeline) -> None:
    icalendar = pytest.importorskip("icalendar")
    data = export(small, "ics").text.encode("utf-8")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF line ends only
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    read = {
        str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"]),
                        str(e["X-EDTF"]), str(e["STATUS"]))
        for e in calendar.walk("VEVENT")
    }  # fmt: skip
    utc = dt.UTC
    assert read == {
        "accords.small@timeline": (dt.date(2020, 12, 1), dt.date(2021, 1, 1),
                                   "Accords signed: normalisation #1", "2020-12", "CONFIRMED"),
        "deal.small@timeline": (dt.date(2022, 1, 1), dt.date(2023, 1, 1), "A deal, about 2022",
                                "2022~", "TENTATIVE"),
        "deliveries.small@timeline": (dt.date(2023, 3, 5), dt.date(2023, 3, 6),
                                      "Deliveries, ongoing", "2023-03-05/..", "TENTATIVE"),
        "meeting.small@timeline": (dt.datetime(2024, 5, 6, 12, tzinfo=utc),
                                   dt.datetime(2024, 5, 6, 12, 0, 1, tzinfo=utc),
                                   "A meeting at noon", "2024-05-06T12:00:00Z", "TENTATIVE"),
    }  # fmt: skip
    deal = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("deal."))
    assert str(deal["DESCRIPTION"]).startswith("Two lines\nof description.\n[1] “A paper”")


def test_folding_never_splits_a_character() -> None:
    icalendar = pytest.importorskip("icalendar")
    title = "Réunion à Rabat — " * 12
    tl = timeline.Timeline(
        events=[timeline.Event("x", title.strip(), "confirmed", ["s"], date="2020-01-02")],
        sources={"s": timeline.Source("s", "S")},
    )
    data = export(tl, "ics").text.encode("utf-8")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line is whole characters
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == title.strip()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_json_export_holds_the_whole_chronology(path: pathlib.Path) -> None:
    """The JSON is the file's own data model: written back as TOML, it loads equal."""
    tl = timeline.load(path)
    document = json.loads(export(tl, "json").text)
    again = timeline.loads(tomlkit.dumps(document), name=path.name)
    assert again == tl
    assert dict(again.sources) == dict(tl.sources)
    assert dict(again.actors) == dict(tl.actors)


def test_mermaid_refuses_what_it_cannot_draw() -> None:
    tl = timeline.Timeline(
        events=[timeline.Event("old", "Old", "confirmed", ["s"], date="0800")],
        sources={"s": timeline.Source("s", "S")},
    )
    with pytest.raises(ExportError) as raised:
        export(tl, "mermaid")
    assert str(raised.value) == (
        "mermaid: event 'old' is dated 0800: Mermaid cannot draw dates before the year 1000"
        " or after 9999 (nor BCE); export to another format"
    )


def test_mermaid_tasks_mermaid_would_misread() -> None:
    """Titles Mermaid's gantt grammar reads as statements (a task line starting
    with "Call" was a parse error, "Title ..." became the chart's title), markup
    that its sanitiser drops from the chart's title, and ids it reads as tags
    ("done" drew the event as done), as the source; tests/test_consumers.py has
    Mermaid itself draw them."""
    events = [
        timeline.Event("done", "Call for tenders", "confirmed", ["s"], date="2021-01"),
        timeline.Event("title", "Title deed signed", "confirmed", ["s"], date="2021-02"),
        timeline.Event("a-b", "2021-03-04 summit", "confirmed", ["s"], date="2021-03"),
        timeline.Event("a_b", "Recall & <b>", "confirmed", ["s"], date="2021-04"),
    ]
    tl = timeline.Timeline(
        title="<x> & ¶ß", events=events, sources={"s": timeline.Source("s", "S")}
    )
    lines = export(tl, "mermaid").text.splitlines()
    assert lines[1] == "    title #60;x#62; #38; #182;ß"
    assert lines[-4:] == [
        "    #67;all for tenders :_done, 2021-01-01, 2021-02-01",
        "    #84;itle deed signed :title, 2021-02-01, 2021-03-01",
        "    #50;021-03-04 summit :a-b, 2021-03-01, 2021-04-01",
        "    Recall #38; #60;b#62; :a_b, 2021-04-01, 2021-05-01",
    ]


def test_the_command_writes_the_file_and_says_what_it_lost(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deep" / "events.csv"
    status, stdout, stderr = run(["export", "csv", str(SMALL), "-o", str(out)], capsys)
    assert (status, stdout) == (0, "")
    assert stderr == (
        "csv: 3 settings of [timeline] dropped (the title, scale, lanes, default marking ...);"
        " 1 citation's details (locator, quote, claimed date, credibility, note) reduced"
        " to its key; 1 period dropped\n"
    )
    assert out.read_bytes() == (GOLDEN / "small.csv").read_bytes()
    assert (tmp_path / "deep" / "sources.csv").exists()


def test_strict_export_refuses_any_loss_and_writes_nothing(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.mmd"
    status, stdout, stderr = run(
        ["export", "markwhen", str(SMALL), "-o", str(out), "--strict-export"], capsys
    )
    assert (status, stdout) == (1, "")
    assert stderr == (
        "timeline export: error: --strict-export: markwhen: 1 period dropped; 1 event's tags"
        " dropped; 1 citation's details (locator, quote, claimed date, credibility) reduced to"
        " its key; 1 as-of date dropped; 2 sources kept as keys only (titles, publishers, URLs,"
        " grades dropped); 1 description's line breaks made spaces (a property is one line); 1"
        " approximate or uncertain date exported at its strict bounds (its EDTF kept as a"
        " property)\n"
    )
    assert not out.exists()
    status, stdout, stderr = run(["export", "json", str(SMALL), "--strict-export"], capsys)
    assert (status, stderr) == (0, "")
    assert json.loads(stdout)["timeline"]["title"] == "Export: a small chronology"


def test_an_export_of_a_view_says_which(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, stderr = run(["export", "ics", str(SMALL), "--known-at", "2022-01"], capsys)
    assert status == 0
    assert stdout.count("BEGIN:VEVENT") == 3  # 'meeting' rests on a paper of Feb 2022 only
    assert stderr.splitlines()[:2] == [
        "As known on Jan 2022: 3 of 4 events, 1 of 2 sources",
        "1 source has no publication date and is shown",
    ]


def test_calendar_and_story_word_dates_in_the_chronologys_locale() -> None:
    """A chronology with [timeline] locale = "fr" gets French dates in the citation
    lines of its calendar and story, and in the story's display dates."""
    tl = attrs.evolve(timeline.load(ROOT / "events.toml"), locale="fr")
    calendar = export(tl, "ics").text.replace("\r\n ", "")
    assert "18 janv. 2023" in calendar
    assert "Jan 2023" not in calendar
    story = json.loads(export(tl, "timelinejs").text)
    assert story["events"][0]["display_date"] == "déc. 2020"
    assert "18 janv. 2023" in story["events"][1]["text"]["text"]


def test_dash_is_standard_output(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "markwhen", str(SMALL), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out == export(timeline.load(SMALL), "markwhen").text
    assert not (tmp_path / "-").exists()
