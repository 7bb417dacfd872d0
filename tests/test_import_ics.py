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
    assert err.splitlines()[:2] == [
        "bad.ics:12:1: error[E013]: invalid date: DTSTART 'next Tuesday' is not an iCalendar"
        " date or date-time",
        "bad.ics:14:1: error[E012]: event has no SUMMARY; every event needs a title",
    ]
    assert not (tmp_path / "out.toml").exists()
