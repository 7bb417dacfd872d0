"""What used to be accepted without a word, or crashed later, is refused where it enters.

The positioned diagnostics of files are fixtures (tests/data/invalid, tests/data/rules,
checked by tests/test_diagnostics.py); these are the library's side: the model's
validators, the EDTF year range, the command line's undecodable arguments, and the
positions of a one-source event.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import timeline

SOURCE = timeline.Source("wire", "Wire")


def _event(**fields: Any) -> timeline.Event:
    values: dict[str, Any] = {"id": "x", "title": "X", "certainty": "probable"}
    values.update(sources=["wire"], date="2020")
    values.update(fields)
    return timeline.Event(**values)


def _refusal(make: Callable[[], object]) -> timeline.FieldError:
    with pytest.raises(timeline.FieldError) as raised:
        make()
    return raised.value


# Titles --------------------------------------------------------------------


@pytest.mark.parametrize(("title", "what"), [("", "empty"), (" ", "blank"), ("\t \u3000", "blank")])
def test_a_record_needs_a_title_that_is_not_blank(title: str, what: str) -> None:
    makers: dict[str, Callable[[], object]] = {
        "event": lambda: _event(title=title),
        "period": lambda: timeline.Period(title, date="2020"),
        "source": lambda: timeline.Source("wire", title),
    }
    for owner, make in makers.items():
        error = _refusal(make)
        assert (error.field, error.code) == ("title", "E012")
        assert error.message == f"'title' is {what}; every {owner} needs a title"


def test_a_chronology_title_may_be_left_out_but_not_blank() -> None:
    assert timeline.Timeline().title == ""  # no title
    error = _refusal(lambda: timeline.Timeline("  "))
    assert (error.field, error.code, error.message) == (
        "title", "E012", "'title' is blank; give the chronology a title or leave it out",
    )  # fmt: skip


def test_a_chronology_without_a_title_saves_and_loads(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    timeline.Timeline(events=[_event()], sources={"wire": SOURCE}).save(path)
    assert 'title = ""' not in path.read_text(encoding="utf-8")  # which would not load
    loaded = timeline.load(path)
    assert loaded.title == ""
    loaded.with_settings(title="Talks").save()
    timeline.load(path).with_settings(title="").save()
    assert timeline.load(path).title == ""
    assert "title" not in path.read_text(encoding="utf-8").split("[sources")[0]


# Settings ------------------------------------------------------------------


@pytest.mark.parametrize("gap", ["P", "PT", "P0D", "PT0S", "P0Y0M0DT0H0M0S", "PT0.5S"])
def test_max_gap_must_be_longer_than_zero(gap: str) -> None:
    error = _refusal(lambda: timeline.Timeline(max_gap=gap))
    assert (error.field, error.code) == ("max_gap", "E017")
    assert error.message == (
        f"'max_gap' must be a duration longer than zero such as 'P18M', got '{gap}'"
    )


@pytest.mark.parametrize("gap", ["P1MT", "P1Y2MT", "18 months", "-P1M"])
def test_max_gap_must_be_iso_8601(gap: str) -> None:
    error = _refusal(lambda: timeline.Timeline(max_gap=gap))
    assert error.message == f"'max_gap' must be an ISO 8601 duration such as 'P18M', got '{gap}'"


def test_max_gap_of_a_second_or_a_week_is_fine() -> None:
    assert timeline.Timeline(max_gap="PT1S").max_gap_duration is not None
    assert timeline.Timeline(max_gap="P1W").max_gap_duration is not None


@pytest.mark.parametrize(
    ("setting", "words", "message"),
    [
        ("lanes", ["A", "B", "A"], "'lanes' lists the lane 'A' twice; each may appear once"),
        ("certainty", ["sure", "maybe", "sure"],
         "'certainty' lists the certainty word 'sure' twice; each may appear once"),
    ],
)  # fmt: skip
def test_a_lane_or_a_certainty_word_only_once(setting: str, words: list[str], message: str) -> None:
    settings: dict[str, Any] = {setting: words}
    error = _refusal(lambda: timeline.Timeline(**settings))
    assert (error.field, error.code, error.message) == (setting, "E019", message)
    with pytest.raises(timeline.FieldError, match="twice"):
        timeline.Timeline().with_settings(**settings)


@pytest.mark.parametrize("setting", ["title", "subtitle", "lanes", "certainty"])
def test_one_line_settings_hold_one_line(setting: str) -> None:
    value: Any = "Air defence\nand more"
    if setting in ("lanes", "certainty"):
        value = ["sure", value]
    settings: dict[str, Any] = {setting: value}
    error = _refusal(lambda: timeline.Timeline(**settings))
    assert (error.field, error.code) == (setting, "E016")
    assert error.message == f"'{setting}' must be a single line (it contains a line break)"


def test_a_period_that_ends_before_it_starts_is_an_error() -> None:
    period = timeline.Period("Gaza war", start="2025-10", end="2023-10")
    tl = timeline.Timeline("T", [_event()], {"wire": SOURCE}, [period])
    (finding,) = [d for d in tl.validate() if d.code == "E101"]
    assert finding.message == "period 'Gaza war' ends (Oct 2023) before it starts (Oct 2025)"


# Lone surrogates -------------------------------------------------------------

SURROGATE_MESSAGE = (
    "'{field}' contains the lone surrogate U+DC80 (the byte 0x80, which is not UTF-8):"
    " it is not a character, and cannot be saved as UTF-8"
)


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("title", lambda: _event(title="a\udc80b")),
        ("description", lambda: _event(description="\udc80")),
        ("tags", lambda: _event(tags=["ok", "\udc80"])),
        ("sources", lambda: _event(sources=["wire\udc80"])),
        ("lane", lambda: _event(lane="\udc80")),
        ("title", lambda: timeline.Period("\udc80", date="2020")),
        ("publisher", lambda: timeline.Source("wire", "Wire", publisher="\udc80")),
        ("key", lambda: timeline.Source("w\udc80", "Wire")),
        ("title", lambda: timeline.Timeline("\udc80")),
        ("subtitle", lambda: timeline.Timeline(subtitle="\udc80")),
        ("lanes", lambda: timeline.Timeline(lanes=["\udc80"])),
        ("certainty", lambda: timeline.Timeline(certainty=["\udc80"])),
        ("rules", lambda: timeline.Timeline(rules={"W1\udc80": "off"})),
    ],
)
def test_a_lone_surrogate_is_refused_in_every_text(field: str, make: Callable[[], object]) -> None:
    error = _refusal(make)
    assert (error.field, error.code) == (field, "E016")
    assert error.message == SURROGATE_MESSAGE.format(field=field)


def test_a_surrogate_that_is_no_byte_is_named_alone() -> None:
    error = _refusal(lambda: _event(title="a\ud800"))
    assert error.message == (
        "'title' contains the lone surrogate U+D800: it is not a character,"
        " and cannot be saved as UTF-8"
    )
    assert error.offset == 1


def test_an_event_with_a_surrogate_never_reaches_save_or_render(tmp_path: pathlib.Path) -> None:
    """It used to pass validation and crash save and the text render (UnicodeEncodeError)."""
    path = tmp_path / "events.toml"
    tl = timeline.Timeline("T", [_event()], {"wire": SOURCE})
    tl.save(path)
    with pytest.raises(timeline.FieldError):
        timeline.load(path).add(_event(id="y", title="\udcff"))
    assert timeline.render_text(timeline.load(path))


BASE = """\
[timeline]
title = "T"

[sources.wire]
title = "Wire"

[[event]]
id = "a"
title = "A"
date = "2020"
certainty = "probable"
sources = ["wire"]
"""


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [("--title", b"a\xffb", "title"), ("--source", b"wire\xff", "sources"),
     ("--tag", b"\xfe", "tags"), ("--lane", b"\xc3", "lane")],
)  # fmt: skip
def test_an_undecodable_argument_of_add_is_a_diagnostic(
    tmp_path: pathlib.Path, option: str, value: bytes, field: str
) -> None:
    """Python decodes the byte as a lone surrogate (surrogateescape): the model's
    validator refuses it, so `add` exits 1 with a diagnostic, not a traceback."""
    path = tmp_path / "events.toml"
    path.write_text(BASE, encoding="utf-8")
    arguments: dict[str, bytes] = {
        "--id": b"b", "--title": b"B", "--date": b"2021", "--certainty": b"probable",
        "--source": b"wire", option: value,
    }  # fmt: skip
    argv = [sys.executable.encode(), b"-m", b"timeline", b"add", os.fsencode(path)]
    for name, argument in arguments.items():
        argv += [name.encode(), argument]
    done = subprocess.run(argv, capture_output=True, timeout=60, check=False)
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 1, output
    assert "Traceback" not in output
    byte = next(b for b in value if b >= 0x80)
    assert (
        f"error[E016]: {option}: contains the lone surrogate U+DC{byte:02X}"
        f" (the byte 0x{byte:02X}, which is not UTF-8)"
    ) in output
    assert path.read_text(encoding="utf-8") == BASE


# Years ---------------------------------------------------------------------


def test_years_as_far_as_a_billion_either_way() -> None:
    for text, year in [("Y1000000000", 10**9), ("Y-1000000000", -(10**9))]:
        date = timeline.parse_date(text)
        assert isinstance(date, timeline.EdtfDate)
        assert date.year == year


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Y1000000001", "'Y1000000001'"), ("Y-1000000001", "'Y-1000000001'"),
        ("Y99999999999999999999", "'Y99999999999999999999'"),
        # A bare ValueError of int() (over 4,300 digits) before:
        pytest.param("Y" + "1" * 5000, "'Y1111111111111111111...'", id="Y-and-5000-digits"),
    ],
)  # fmt: skip
def test_years_beyond_the_range_are_refused_naming_it(text: str, shown: str) -> None:
    with pytest.raises(timeline.EdtfError) as raised:
        timeline.parse_date(text)
    assert raised.value.message == (
        f"invalid year {shown}: beyond the supported range of years, -1000000000 to 1000000000"
    )
    error = _refusal(lambda: _event(date=text))
    assert (error.field, error.code) == ("date", "E013")
    assert len(error.message) < 200


def test_a_long_year_without_y_is_shown_short() -> None:
    with pytest.raises(timeline.EdtfError) as raised:
        timeline.parse_date("1" * 5000)
    assert raised.value.message == (
        "invalid year '11111111111111111111...': over 4 digits needs Y ('Y1111111111111111111...')"
    )


# Positions -----------------------------------------------------------------


def test_one_source_is_located_where_the_file_writes_it() -> None:
    """`source = "key"` is the one-source form of `sources`: its item 0 is that value
    (both ways of positioning agree; they used to point at the [[event]] header)."""
    from timeline.storage.positions import Positions, locate

    text = BASE.replace('sources = ["wire"]', 'source = "wire"')
    tl = timeline.loads(text, name="events.toml")
    for path in [("event", 0, "sources", 0), ("event", 0, "sources")]:
        assert locate(tl, path, value=True) == (12, 10)
        assert Positions(tl).locate(path, value=True) == (12, 10)
    tricky = text.replace('title = "A"', 'title = """A"""')  # the fast path gives up
    tl = timeline.loads(tricky, name="events.toml")
    assert Positions(tl).locate(("event", 0, "sources", 0), value=True) == (12, 10)
