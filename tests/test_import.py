"""`timeline import`: spreadsheets (timeline's columns, TimelineJS's layout; csv, tsv,
xlsx) and the project's JSON, with exact positioned diagnostics, the round trips of the
json and csv exports, --dry-run, --update and the exit statuses.

Data-driven: each tests/data/import/NAME.csv or NAME.json has NAME.expected, the exact
output (standard output and error) of `timeline import FORMAT NAME.EXT --dry-run` run
from that folder.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib
import shutil
import sys

import attrs
import pytest

import timeline
from timeline.cli import main
from timeline.dates.habits import HabitError, habit
from timeline.interop import Imported, export, import_file

DATA = pathlib.Path(__file__).parent / "data" / "import"
ROOT = pathlib.Path(__file__).parent.parent
CASES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".csv", ".json"))
# Every chronology fixture that loads (as tests/test_export.py's FIXTURES).
FIXTURES = sorted(
    [ROOT / "events.toml", *(ROOT / "tests" / "golden").glob("*.toml"),
     *(ROOT / "tests" / "data" / "rules").glob("*.toml"),
     ROOT / "tests" / "golden" / "export" / "small.toml"],
    key=str,
)  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_each_fixture_gives_its_exact_output(
    case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA)
    name = pathlib.Path(case)
    status = main(["import", name.suffix[1:], case, "-o", "events.toml", "--dry-run"])
    out, err = capsys.readouterr()
    expected = (DATA / f"{name.stem}.expected").read_text(encoding="utf-8")
    assert out + err == expected
    assert status == (1 if "error[" in expected else 0)
    assert not (DATA / "events.toml").exists()


def test_every_fixture_has_an_expectation() -> None:
    assert {pathlib.Path(c).stem for c in CASES} == {p.stem for p in DATA.glob("*.expected")}


# The TimelineJS layout ------------------------------------------------------


def _story(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> timeline.Timeline:
    out = tmp_path / "events.toml"
    assert main(["import", "csv", str(DATA / "story.csv"), "-o", str(out)]) == 0
    capsys.readouterr()
    return timeline.load(out)


def test_a_timelinejs_sheet_imports_to_a_chronology_that_checks_clean(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = _story(tmp_path, capsys)
    assert story.validate() == []
    assert (story.title, story.subtitle) == ("Rome, briefly", "From the Republic to the Empire")
    assert [(p.title, p.span.text) for p in story.periods] == [("The Republic", "-0508/-0026")]
    dates = {e.id: e.span.text for e in story.events}
    assert list(dates) == [  # in date order, whatever the rows' order
        "caesar-assassinated", "reign-of-augustus", "octavian-becomes-augustus",
        "vesuvius-erupts", "a-census", "moon-landing",
    ]  # fmt: skip
    assert dates["caesar-assassinated"] == "-0043-03-15"  # 44 BCE, astronomical
    assert dates["vesuvius-erupts"] == "0079-08-24T13:00:00"
    assert dates["moon-landing"] == "1969-07-20T20:17:00"  # 8:17 PM
    assert dates["a-census"] == "1850~"
    caesar = story.events[0]
    assert caesar.description == "Stabbed in the Theatre of Pompey & left\nat its foot."
    assert (caesar.lane, caesar.certainty, caesar.source_keys) == (
        "Politics", "unknown", ("wikipedia",)
    )  # fmt: skip
    assert str(story.sources["wikipedia"].url).startswith("https://en.wikipedia.org/")
    assert story.sources["story-csv"].reliability == "F"
    text = (tmp_path / "events.toml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from story.csv (TimelineJS layout) by `timeline import`.")
    assert main(["check", str(tmp_path / "events.toml")]) == 0


def _workbook(path: pathlib.Path, rows: list[list[object]], title: str = "Sheet") -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)


def _csv_rows(name: str) -> list[list[object]]:
    import csv

    with open(DATA / name, encoding="utf-8", newline="") as file:
        return [[cell or None for cell in row] for row in csv.reader(file)]


def test_an_xlsx_workbook_imports_as_its_csv(tmp_path: pathlib.Path) -> None:
    rows = _csv_rows("story.csv")
    for row in rows[1:]:  # numbers as numbers, as a spreadsheet holds them
        row[:3] = [int(v) if isinstance(v, str) and v.lstrip("-").isdigit() else v for v in row[:3]]
    _workbook(tmp_path / "story.xlsx", rows)
    from_xlsx = import_file(tmp_path / "story.xlsx", "xlsx").timeline
    from_csv = import_file(DATA / "story.csv", "csv").timeline
    assert [(e.id, e.span.text, e.title) for e in from_xlsx.events] == [
        (e.id, e.span.text, e.title) for e in from_csv.events
    ]
    assert from_xlsx.periods == from_csv.periods


def test_real_date_cells_and_positions_in_a_workbook(tmp_path: pathlib.Path) -> None:
    rows: list[list[object]] = [
        ["title", "date", "certainty", "sources"],
        ["Talks", dt.datetime(2020, 3, 5), "probable", "AFP"],
        ["Meeting", dt.datetime(2020, 3, 6, 14, 30), "probable", "AFP"],
        ["Deal", "10/12/2013", "probable", "AFP"],
    ]
    _workbook(tmp_path / "people.xlsx", rows, "Sheet1")
    with pytest.raises(timeline.TimelineError) as raised:
        import_file(tmp_path / "people.xlsx", "xlsx")
    name = str(tmp_path / "people.xlsx")
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{name}:4:2: error[E013]: Sheet1!B4: invalid date in 'date': '10/12/2013' is"
        " ambiguous: day 10 of month 12, or month 10 day 12; give --day-first or --month-first"
    ]
    found = import_file(tmp_path / "people.xlsx", "xlsx", order="day-first").timeline
    assert [e.span.text for e in found.events] == [
        "2020-03-05", "2020-03-06T14:30:00", "2013-12-10",
    ]  # fmt: skip


def test_without_openpyxl_the_message_says_what_to_install(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    (tmp_path / "x.xlsx").write_bytes(b"")
    assert main(["import", "xlsx", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err == (
        "timeline import: error: reading .xlsx needs openpyxl; install it with:"
        " pip install 'timeline[xlsx]'\n"
    )


def test_tsv(tmp_path: pathlib.Path) -> None:
    (tmp_path / "t.tsv").write_text("title\tdate\tsources\nTalks, again\t12/2012\tAFP\n")
    found = import_file(tmp_path / "t.tsv", "tsv").timeline
    assert [(e.title, e.span.text, e.source_keys) for e in found.events] == [
        ("Talks, again", "2012-12", ("afp",))
    ]


# Date habits ----------------------------------------------------------------

HABITS = {
    "2012": "2012", "12/2012": "2012-12", "Dec 2012": "2012-12", "December 2012": "2012-12",
    "2012-12-05": "2012-12-05", "08/??/1999": "1999-08", "??/??/1999": "1999",
    "c. 1850": "1850~", "circa 1850": "1850~", "ca. 1850": "1850~", "2026-01~": "2026-01~",
    "5 Dec 2012": "2012-12-05", "Dec 5, 2012": "2012-12-05", "25/10/2013": "2013-10-25",
    "-43": "-0043",
}  # fmt: skip


@pytest.mark.parametrize(("cell", "edtf"), HABITS.items())
def test_spreadsheet_date_habits(cell: str, edtf: str) -> None:
    assert habit(cell) == edtf


def test_a_day_and_month_order() -> None:
    assert habit("05/10/2013", "day-first") == "2013-10-05"
    assert habit("05/10/2013", "month-first") == "2013-05-10"
    assert habit(dt.date(2020, 1, 2)) == "2020-01-02"
    with pytest.raises(HabitError, match="ambiguous"):
        habit("05/10/2013")


# Round trips ----------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_json_export_imports_equal(path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    original = timeline.load(path)
    (tmp_path / "x.json").write_text(export(original, "json").text, encoding="utf-8")
    assert import_file(tmp_path / "x.json", "json").timeline == original


def test_json_through_a_pipe(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    small = ROOT / "tests" / "golden" / "export" / "small.toml"
    text = export(timeline.load(small), "json").text.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert main(["import", "json", "-", "-o", str(tmp_path / "copy.toml")]) == 0
    assert capsys.readouterr().out.startswith("<stdin>: 4 events, 2 sources, 1 period -> ")
    assert timeline.load(tmp_path / "copy.toml") == timeline.load(small)


def _bare(event: timeline.Event) -> timeline.Event:
    """What the CSV export keeps of an event: its citations as keys."""
    return attrs.evolve(event, sources=list(event.source_keys))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_csv_export_imports_equal_but_what_it_lost(
    path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    original = timeline.load(path)
    exported = export(original, "csv")
    (tmp_path / "events.csv").write_text(exported.text, encoding="utf-8")
    for name, text in exported.files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = attrs.evolve(original, events=(), sources={}, periods=(), actors={}, origin=None)
    found = import_file(tmp_path / "events.csv", "csv", into=settings).timeline
    assert {e.id: e for e in found.events} == {e.id: _bare(e) for e in original.events}
    assert {k: found.sources[k] for k in original.sources} == dict(original.sources)
    cited = {k for e in original.events for k in e.source_keys}  # undeclared: an outlet's name
    assert set(found.sources) - set(original.sources) <= cited


def test_a_tag_with_the_separator_survives_the_csv_round_trip(tmp_path: pathlib.Path) -> None:
    """List cells are "|"-separated: a "|" or a backslash inside a tag is escaped."""
    original = timeline.load(FIXTURES[0])
    tags = ("a|b", "back\\slash", "ends\\", "plain")
    original = original.replace(attrs.evolve(original.events[0], tags=tags))
    exported = export(original, "csv")
    assert "a\\|b|back\\\\slash|ends\\\\|plain" in exported.text
    (tmp_path / "events.csv").write_text(exported.text, encoding="utf-8")
    for name, text in exported.files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = import_file(tmp_path / "events.csv", "csv").timeline
    assert found.events[0].tags == tags


def test_a_hand_typed_backslash_in_a_list_cell_is_kept(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("title,date,tags\nTalks,2026-03,C:\\x | a\\|b |\n", encoding="utf-8")
    assert import_file(path, "csv").timeline.events[0].tags == ("C:\\x", "a|b")


# Into an existing chronology, --update, exit statuses -------------------------


def test_into_an_existing_file_update_and_its_comments(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "skips.csv", tmp_path / "skips.csv")
    out = str(tmp_path / "events.toml")
    assert main(["import", "csv", str(tmp_path / "skips.csv"), "-o", out]) == 0
    capsys.readouterr()
    with open(out, "a", encoding="utf-8") as file:
        file.write("# a comment of the analyst's\n")
    before = pathlib.Path(out).read_bytes()
    status = main(["import", "csv", str(tmp_path / "skips.csv"), "-o", out])
    err = capsys.readouterr().err
    assert status == 1
    name = tmp_path / "skips.csv"
    assert [line for line in err.splitlines() if "E042" in line] == [
        f"{name}:2:1: error[E042]: event 'talks-begin' is already in the chronology; give"
        " --update to replace it",
        f"{name}:4:1: error[E042]: event 'deal-signed' is already in the chronology; give"
        " --update to replace it",
        f"{name}:5:1: error[E042]: event 'deliveries' is already in the chronology; give"
        " --update to replace it",
    ]
    assert pathlib.Path(out).read_bytes() == before  # nothing written
    text = (
        (tmp_path / "skips.csv")
        .read_text()
        .replace("Deliveries,c. 2022,,", "Deliveries,2023,possible,")
    )
    (tmp_path / "skips.csv").write_text(text + "New event,2024,probable,AFP\n")
    assert main(["import", "csv", str(name), "-o", out, "--update"]) == 0
    assert capsys.readouterr().out.startswith(
        f"{name}: 1 event, 0 sources, 0 periods; 3 events updated: talks-begin, deal-signed,"
        " deliveries; 2 rows skipped"
    )
    found = timeline.load(out)
    deliveries = next(e for e in found.events if e.id == "deliveries")
    assert (deliveries.span.text, deliveries.certainty) == ("2023", "possible")
    assert "new-event" in {e.id for e in found.events}
    assert "# a comment of the analyst's\n" in pathlib.Path(out).read_text(encoding="utf-8")


def test_exit_statuses(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "events.toml")
    assert main(["import", "csv", str(DATA / "story.csv"), "-o", out, "--dry-run"]) == 0
    assert main(["import", "csv", str(DATA / "bad.csv"), "-o", out]) == 1
    assert main(["import", "csv", str(tmp_path / "missing.csv"), "-o", out]) == 1
    for usage in (["import", "ods", "x.ods"], ["import", "csv", "x.csv", "--day-first",
                                                "--month-first"], ["import"]):  # fmt: skip
        with pytest.raises(SystemExit) as raised:
            main(usage)
        assert raised.value.code == 2
    assert not (tmp_path / "events.toml").exists()
    capsys.readouterr()


def test_the_library_value() -> None:
    imported = import_file(DATA / "skips.csv", "csv")
    assert isinstance(imported, Imported)
    assert (imported.events, imported.sources, imported.periods) == (3, 4, 0)
    assert imported.skipped == ((3, "no title"), (6, "no title"))
    assert imported.errors == []
    assert sorted(imported.timeline.sources) == ["afp", "reuters-com", "reuters-com-2", "skips-csv"]


# --update replaces what the file gives, and only that -------------------------

UPDATED = """\
[timeline]
title = "T"

[sources.lemonde]
title = "Le Monde"
reliability = "B"

[actors.mali]
name = "Mali"

[[event]]
id = "coup"
title = "Coup"
date = "2021-05"
certainty = "confirmed"
sources = [{ source = "lemonde", at = "para. 7", quote = "soldiers seized", credibility = 3 }]
actors = ["mali"]
description = "Kept."
"""


def test_update_keeps_citation_details_and_what_the_sheet_has_no_column_for(
    tmp_path: pathlib.Path,
) -> None:
    target = tmp_path / "events.toml"
    target.write_text(UPDATED, encoding="utf-8")
    into = timeline.load(target)
    sheet = "id,title,date,sources\ncoup,Coup d'état,2021-05-24,lemonde\n"  # no certainty
    (tmp_path / "titles.csv").write_text(sheet, "utf-8")
    imported = import_file(tmp_path / "titles.csv", "csv", into=into, update=True)
    (event,) = imported.timeline.events
    assert imported.updated == ("coup",)
    assert (event.title, event.span.text) == ("Coup d'état", "2021-05-24")
    assert event.certainty == "confirmed"  # the sheet's rows were given the default: kept
    assert (event.actors, event.description) == (("mali",), "Kept.")
    assert event.sources == into.events[0].sources  # a key only: its details stay


def test_update_from_a_calendar_keeps_the_sources_and_certainty_it_cannot_carry(
    tmp_path: pathlib.Path,
) -> None:
    target = tmp_path / "events.toml"
    target.write_text(UPDATED, encoding="utf-8")
    into = timeline.load(target)
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:coup@x\r\n"
        "SUMMARY:Coup in Bamako\r\nDTSTART;VALUE=DATE:20210524\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "cal.ics").write_text(calendar, encoding="utf-8", newline="")
    imported = import_file(tmp_path / "cal.ics", "ics", into=into, update=True)
    event = next(e for e in imported.timeline.events if e.id == "coup")
    assert (event.title, event.span.text) == ("Coup in Bamako", "2021-05-24")
    assert (event.certainty, event.sources) == ("confirmed", into.events[0].sources)
    assert (event.description, event.actors) == ("Kept.", ("mali",))  # the VEVENT has none
    assert set(imported.timeline.sources) == {"lemonde"}  # the calendar cites nothing here


def test_update_takes_certainty_only_from_a_vevent_that_states_one(
    tmp_path: pathlib.Path,
) -> None:
    target = tmp_path / "events.toml"
    target.write_text(UPDATED.replace('id = "coup"', 'id = "coup"\nlane = "Army"'), "utf-8")
    into = timeline.load(target)
    stated = "X-TIMELINE-CERTAINTY:possible\r\n"
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
        "BEGIN:VEVENT\r\nUID:other@x\r\nSUMMARY:Other\r\nDTSTART;VALUE=DATE:20210101\r\n"
        f"{stated}END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:coup@x\r\nSUMMARY:Coup\r\nDTSTART;VALUE=DATE:20210524\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "cal.ics").write_text(calendar, encoding="utf-8", newline="")
    imported = import_file(tmp_path / "cal.ics", "ics", into=into, update=True)
    coup = next(e for e in imported.timeline.events if e.id == "coup")
    other = next(e for e in imported.timeline.events if e.id == "other")
    assert (coup.certainty, coup.lane, coup.span.text) == ("confirmed", "Army", "2021-05-24")
    assert other.certainty == "possible"


def test_update_from_a_story_keeps_lane_description_and_sources(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "events.toml"
    target.write_text(UPDATED.replace('id = "coup"', 'id = "coup"\nlane = "Army"'), "utf-8")
    into = timeline.load(target)
    story = {"events": [{"unique_id": "coup", "start_date": {"year": 2021, "month": 5},
                         "text": {"headline": "Coup in Bamako"}}]}  # fmt: skip
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    imported = import_file(tmp_path / "story.json", "timelinejs", into=into, update=True)
    (event,) = imported.timeline.events
    assert event.title == "Coup in Bamako"
    assert (event.lane, event.description, event.certainty) == ("Army", "Kept.", "confirmed")
    assert event.sources == into.events[0].sources
    assert set(imported.timeline.sources) == {"lemonde"}


def test_update_says_what_it_filled_in_only_of_the_events_it_adds(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_text(UPDATED, encoding="utf-8")
    sheet = "id,title,date,sources\ncoup,Coup,2021-05,lemonde\ntalks,Talks,2021-06,lemonde\n"
    (tmp_path / "rows.csv").write_text(sheet, encoding="utf-8")
    assert main(["import", "csv", "rows.csv", "--update", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [
        "rows.csv: 1 event, 0 sources, 0 periods; 1 event updated: coup",
        "certainty 'unknown' (the scale's last word) for 1 event without one: row 3",
    ]
