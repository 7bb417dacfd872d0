"""`timeline import ics`: our calendars come back as they went out (up to what the
export said it lost), and a calendar another program wrote is read sensibly."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

import timeline
from timeline.cli import main
from timeline.interop import export, import_file
from timeline.interop.bounds import bounds

ROOT = pathlib.Path(__file__).parent.parent
SMALL = ROOT / "tests" / "golden" / "export" / "small.toml"


def _kept(event: timeline.Event) -> tuple[object, ...]:
    """What an event keeps through an iCalendar round trip (its sources do not)."""
    return (event.id, event.title, event.span.text, event.certainty, event.lane, event.tags,
            event.description)  # fmt: skip


# Every chronology fixture that loads, with a scale whose words the calendar carries.
FIXTURES = sorted(
    [ROOT / "events.toml", SMALL, *(ROOT / "tests" / "golden").glob("*.toml"),
     *(ROOT / "tests" / "data" / "rules").glob("*.toml")],
    key=str,
)  # fmt: skip


def _exported(tl: timeline.Timeline) -> list[timeline.Event]:
    """The events an iCalendar export keeps (it says how many it leaves out, and why)."""
    kept = []
    for event in tl.events:
        b = bounds(event.span)
        if not b.unknown_start and b.first and b.after and b.first[0] >= 1 and b.after[0] <= 9999:
            kept.append(event)
    return kept


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_an_exported_calendar_imports_to_the_same_events(
    tmp_path: pathlib.Path, path: pathlib.Path
) -> None:
    tl = timeline.load(path)
    calendar = tmp_path / "cal.ics"
    calendar.write_text(export(tl, "ics").text, encoding="utf-8", newline="")
    into = timeline.Timeline(certainty=tl.certainty)  # the chronology's own scale
    imported = import_file(calendar, "ics", name="cal.ics", into=into)
    kept = _exported(tl)
    assert [_kept(e) for e in imported.timeline.events] == [_kept(e) for e in kept]
    if kept:
        assert {s.title for s in imported.timeline.sources.values()} == {
            "cal.ics (the imported calendar)"
        }


def test_a_calendar_of_another_program(tmp_path: pathlib.Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//elsewhere//EN")
    calendar.add("version", "2.0")
    spans = [
        ("Talks: a month", dt.date(2020, 12, 1), dt.date(2021, 1, 1), "CONFIRMED"),
        ("A whole year", dt.date(2021, 1, 1), dt.date(2022, 1, 1), None),
        ("One day", dt.date(2022, 3, 4), dt.date(2022, 3, 5), "TENTATIVE"),
        ("Three days", dt.date(2022, 5, 30), dt.date(2022, 6, 2), None),
        ("At noon", dt.datetime(2023, 1, 2, 12, tzinfo=dt.UTC), None, None),
    ]
    for number, (summary, start, end, status) in enumerate(spans):
        event = icalendar.Event()
        event.add("uid", f"{number}-XYZ@elsewhere.example")
        event.add("summary", summary)
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
        if status is not None:
            event.add("status", status)
        calendar.add_component(event)
    path = tmp_path / "other.ics"
    path.write_bytes(calendar.to_ical())
    tl = import_file(path, "ics").timeline
    assert [(e.id, e.span.text, e.certainty) for e in tl.events] == [
        ("talks-a-month", "2020-12", "confirmed"),
        ("a-whole-year", "2021", "unknown"),
        ("one-day", "2022-03-04", "unknown"),
        ("three-days", "2022-05-30/2022-06-01", "unknown"),
        ("at-noon", "2023-01-02T12:00:00Z", "unknown"),
    ]


BAD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Fine\r\nDTSTART;VALUE=DATE:20200101\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:Broken\r\nDTSTART:next Tuesday\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;VALUE=DATE:20200101\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:Undated\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_each_unreadable_event_is_a_positioned_error_and_nothing_is_written(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.ics").write_text(BAD, encoding="utf-8", newline="")
    assert main(["import", "ics", "bad.ics", "-o", "out.toml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[:3] == [
        "bad.ics:12:1: error[E013]: invalid date: DTSTART 'next Tuesday' is not an iCalendar"
        " date or date-time",
        "bad.ics:14:1: error[E012]: event has no SUMMARY; every event needs a title",
        "bad.ics:18:1: error[E012]: 'Undated' has no DTSTART; every event needs a date",
    ]
    assert not (tmp_path / "out.toml").exists()


def _calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n{body}END:VCALENDAR\r\n"


WALL = _calendar(
    "SUMMARY:Paris winter\r\nDTSTART;TZID=Europe/Paris:20260115T093000\r\n",
    'SUMMARY:Paris summer\r\nDTSTART;TZID="/mozilla.org/20050126_1/Europe/Paris":'
    "20260715T093000\r\n",
    "SUMMARY:Outlook zone\r\nDTSTART;TZID=W. Europe Standard Time:20260115T093000\r\n",
    "SUMMARY:Floating\r\nDTSTART:20260115T093000\r\n",
    "SUMMARY:Three days\r\nDTSTART;VALUE=DATE:20260302\r\nDURATION:P3D\r\n",
    "SUMMARY:A week\r\nDTSTART;VALUE=DATE:20260302\r\nDURATION:P1W\r\n",
    "SUMMARY:Overnight\r\nDTSTART:20260302T220000Z\r\nDTEND:20260303T060000Z\r\n",
    "SUMMARY:To midnight\r\nDTSTART:20260302T220000Z\r\nDTEND:20260303T000000Z\r\n",
    "SUMMARY:Long meeting\r\nDTSTART:20260302T090000Z\r\nDURATION:PT26H\r\n",
    "SUMMARY:Weekly\r\nDTSTART;VALUE=DATE:20260105\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
    "SUMMARY:With an alarm\r\nDTSTART;VALUE=DATE:20260105\r\nCATEGORIES:one,two\r\n"
    "CATEGORIES:three\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\n"
    "END:VALARM\r\n",
    "SUMMARY:Quoted\r\nDTSTART;VALUE=DATE:20260106\r\n"
    'DESCRIPTION;ALTREP="cid:part;1:x":The real text\r\n',
)


def test_zones_durations_repeats_and_alarms_of_real_calendars(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "wall.ics"
    path.write_text(WALL, encoding="utf-8", newline="")
    imported = import_file(path, "ics")
    # In date order: a calendar's order means nothing.
    assert [(e.title, e.span.text) for e in imported.timeline.events] == [
        ("Weekly", "2026-01-05"),
        ("With an alarm", "2026-01-05"),
        ("Quoted", "2026-01-06"),
        ("Paris winter", "2026-01-15T09:30:00+01:00"),
        ("Outlook zone", "2026-01-15T09:30:00"),
        ("Floating", "2026-01-15T09:30:00"),
        ("Overnight", "2026-03-02/2026-03-03"),
        ("Long meeting", "2026-03-02/2026-03-03"),
        ("Three days", "2026-03-02/2026-03-04"),
        ("A week", "2026-03-02/2026-03-08"),
        ("To midnight", "2026-03-02T22:00:00Z"),
        ("Paris summer", "2026-07-15T09:30:00+02:00"),
    ]
    alarm, quoted = imported.timeline.events[1:3]
    assert (alarm.tags, alarm.description) == (("one", "two", "three"), None)
    assert quoted.description == "The real text"
    assert [str(d) for d in imported.diagnostics if d.code == "W041"] == [
        f"{path}:14:1: warning[W041]: 'Outlook zone': TZID 'W. Europe Standard Time' is not a"
        " time zone this machine knows: the time is kept as a local time of no zone",
        f"{path}:48:1: warning[W041]: 'Weekly' repeats: only its first occurrence"
        " (2026-01-05) is imported",
    ]


def test_into_a_chronology_whose_settings_name_its_actors(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled file lists its actors in [timeline]: the import keeps them declared
    and says nothing of the chronology's own tables."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.toml").write_bytes((ROOT / "events.toml").read_bytes())
    calendar = _calendar("SUMMARY:Talks\r\nDTSTART;VALUE=DATE:20260310\r\n")
    (tmp_path / "talks.ics").write_text(calendar, encoding="utf-8", newline="")
    assert main(["import", "ics", "talks.ics", "--dry-run"]) == 0
    assert capsys.readouterr() == (
        "talks.ics: 1 event, 1 source, 0 periods\n"
        "--dry-run: nothing written (would add to events.toml)\n",
        "",
    )


def test_a_tzid_naming_a_folder_of_zones_is_an_unknown_zone(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "folder.ics"
    calendar = _calendar("SUMMARY:Ottawa\r\nDTSTART;TZID=Canada:20260701T090000\r\n")
    path.write_text(calendar, encoding="utf-8", newline="")
    imported = import_file(path, "ics")
    assert imported.timeline.events[0].span.text == "2026-07-01T09:00:00"
    assert [d.code for d in imported.diagnostics] == ["W041"]


def test_an_end_that_cannot_be_the_events_is_said(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "ends.ics"
    calendar = _calendar(
        "SUMMARY:Backwards\r\nDTSTART:20260510T090000Z\r\nDTEND:20260501T090000Z\r\n",
        "SUMMARY:A month\r\nDTSTART;VALUE=DATE:20260601\r\nDURATION:P1M\r\n",
        "SUMMARY:Zero length\r\nDTSTART;VALUE=DATE:20260701\r\nDTEND;VALUE=DATE:20260701\r\n",
    )
    path.write_text(calendar, encoding="utf-8", newline="")
    imported = import_file(path, "ics")
    assert [e.span.text for e in imported.timeline.events] == [
        "2026-05-10T09:00:00Z", "2026-06-01", "2026-07-01"
    ]  # fmt: skip
    assert [str(d).split(": ", 1)[1] for d in imported.diagnostics] == [
        "warning[W041]: 'Backwards': DTEND '20260501T090000Z' is before the start: only the"
        " start is imported",
        "warning[W041]: 'A month': DURATION 'P1M' is not an iCalendar duration: only the"
        " start is imported",
    ]


def test_a_fold_inside_a_character_is_unfolded_before_decoding(tmp_path: pathlib.Path) -> None:
    """RFC 5545 §3.1 folds at octets: a fold may split a character of several octets.
    The diagnostics still name the physical line where a content line starts."""
    path = tmp_path / "split.ics"
    summary = "SUMMARY:Réunion à Genève".encode()
    cut = summary.index("è".encode()) + 1  # between the two octets of "è"
    folded = summary[:cut] + b"\r\n " + summary[cut:] + b"\r\nDTSTART;VALUE=DATE:20260301\r\n"
    calendar = _calendar("@\r\n", "SUMMARY:Later\r\nDTSTART:soon\r\n").encode()
    path.write_bytes(calendar.replace(b"@\r\n", folded))
    with pytest.raises(timeline.TimelineError) as error:
        import_file(path, "ics", name="split.ics")
    assert [str(d) for d in error.value.diagnostics] == [
        "split.ics:11:1: error[E013]: invalid date: DTSTART 'soon' is not an iCalendar"
        " date or date-time",
    ]
    path.write_bytes(path.read_bytes().replace(b":soon", b";VALUE=DATE:20260302"))
    imported = import_file(path, "ics", name="split.ics")
    assert [e.title for e in imported.timeline.events] == ["Réunion à Genève", "Later"]


def test_a_byte_that_is_not_utf8_is_placed_on_its_physical_line(tmp_path: pathlib.Path) -> None:
    """E003 names the physical line and column of the bad byte, folds or not."""
    path = tmp_path / "latin.ics"
    calendar = _calendar("SUMMARY:Un\r\n\tcafé\r\n crème\r\nDTSTART;VALUE=DATE:20260301\r\n")
    path.write_bytes(calendar.encode("latin-1"))
    with pytest.raises(timeline.TimelineError) as error:
        import_file(path, "ics", name="latin.ics")
    assert [str(d) for d in error.value.diagnostics] == [
        "latin.ics:6:5: error[E003]: not UTF-8: byte 0xE9 cannot be decoded; save as UTF-8",
    ]
