"""What the exports lose of periods and of an event's `key` and `label`, counted exactly,
so that `--strict-export` refuses it; what a format can carry it carries."""

from __future__ import annotations

import json
import pathlib

import pytest

import timeline
from timeline.cli import main
from timeline.interop import FORMATS, export

HEAD = """\
[timeline]
title = "Losses"
{as_of}
[sources.s]
title = "S"
"""
PERIODS = """
[[period]]
title = "Open"
start = "2021-05"
end = ".."

[[period]]
title = "Unknown end"
start = "2021-06"

[[period]]
title = "Closed"
start = "2021"
end = "2022"
"""
EVENT = """
[[event]]
id = "a"
title = "A"
date = "2022-03"
certainty = "confirmed"
sources = ["s"]
{extra}"""
KEYED = 'key = true\nlabel = "Short"\n'


def chronology(*, periods: str = "", extra: str = "", as_of: str = "") -> str:
    return HEAD.format(as_of=as_of) + periods + EVENT.format(extra=extra)


def summaries(text: str) -> dict[str, str | None]:
    tl = timeline.loads(text, name="losses.toml")
    return {f: export(tl, f).summary() for f in FORMATS if f not in ("pptx", "docx")}


def strict(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], format: str, text: str
) -> tuple[int, str, bool]:
    """`export FORMAT --strict-export` of `text`: its status, its standard error and
    whether it wrote the file."""
    source = tmp_path / "events.toml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"out.{format}"
    status = main(["export", format, str(source), "-o", str(out), "--strict-export"])
    return status, capsys.readouterr().err, out.exists()


def eras(text: str) -> list[dict[str, object]]:
    document = json.loads(export(timeline.loads(text, name="x.toml"), "timelinejs").text)
    eras: list[dict[str, object]] = document.get("eras", [])
    return eras


def test_timelinejs_counts_the_periods_it_drops_and_runs_an_ongoing_one_on(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported file: an ongoing period, one of unknown end and a closed one. The
    ongoing one is an era up to the last event (no as_of), the unknown end is dropped;
    both are said, so --strict-export refuses."""
    text = chronology(periods=PERIODS)
    assert eras(text) == [
        {"start_date": {"year": 2021, "month": 5},
         "end_date": {"year": 2022, "month": 3, "day": 31}, "text": {"headline": "Open"}},
        {"start_date": {"year": 2021},
         "end_date": {"year": 2022, "month": 12, "day": 31, "display_date": "2022"},
         "text": {"headline": "Closed"}},
    ]  # fmt: skip
    line = "timelinejs: 1 ongoing or open-ended period shown up to the last event; 1 period dropped"
    assert summaries(text)["timelinejs"] == line
    assert strict(tmp_path, capsys, "timelinejs", text) == (
        1, f"timeline export: error: --strict-export: {line}\n", False
    )  # fmt: skip


def test_timelinejs_runs_an_ongoing_period_to_the_as_of_date() -> None:
    text = chronology(periods=PERIODS, as_of="as_of = 2026-02-01")
    assert eras(text)[0]["end_date"] == {"year": 2026, "month": 2, "day": 1}
    assert summaries(text)["timelinejs"] == (
        "timelinejs: 1 ongoing or open-ended period shown up to the as-of date; 1 period dropped"
    )


def test_timelinejs_drops_what_would_run_backwards_and_counts_qualified_periods() -> None:
    periods = (
        '\n[[period]]\ntitle = "Later"\nstart = "2027"\nend = ".."\n'
        '\n[[period]]\ntitle = "Since ever"\ndate = "../2021"\n'
        '\n[[period]]\ntitle = "No start"\ndate = "/2021"\n'
        '\n[[period]]\ntitle = "About"\nstart = "2019~"\nend = "2020"\n'
        '\n[[period]]\ntitle = "A day"\ndate = "2021-05-03"\n'
    )
    text = chronology(periods=periods, as_of="as_of = 2026-02-01")
    assert [era["text"] for era in eras(text)] == [{"headline": "About"}, {"headline": "A day"}]
    assert eras(text)[1]["end_date"] == {"year": 2021, "month": 5, "day": 3}
    assert summaries(text)["timelinejs"] == (
        "timelinejs: 3 periods dropped; 1 approximate or uncertain period shown at its"
        " strict bounds"
    )


def test_each_export_counts_the_key_and_label_it_drops() -> None:
    said = summaries(chronology(extra=KEYED))
    assert said == {
        "json": None,
        "csv": "csv: 1 setting of [timeline] dropped (the title, scale, lanes, default"
        " marking ...)",
        "ics": "ics: 1 event's key flag dropped; 1 event's chart label dropped; 1 event's"
        " sources kept only as lines of its description",
        "mermaid": "mermaid: 1 event's certainty dropped; 1 event's key flag dropped;"
        " 1 event's chart label dropped; 1 event's sources dropped",
        # key and label kept as properties; the source's details it has no place for
        "markwhen": "markwhen: 1 source kept as its key only (title, publisher, URL, grade"
        " dropped)",
        "timelinejs": "timelinejs: 1 event's key flag dropped; 1 event's chart label dropped",
    }
    markwhen = export(timeline.loads(chronology(extra=KEYED), name="x.toml"), "markwhen").text
    assert '  sources: [s]\n  key: true\n  label: "Short"\n' in markwhen


def test_the_plural_wording_of_key_and_label() -> None:
    events = "".join(EVENT.format(extra=KEYED).replace('"a"', f'"e{n}"') for n in range(2))
    tl = timeline.loads(HEAD.format(as_of="") + events, name="x.toml")
    assert export(tl, "timelinejs").summary() == (
        "timelinejs: 2 events' key flags dropped; 2 events' chart labels dropped"
    )


@pytest.mark.parametrize("format", ["timelinejs", "ics", "mermaid"])
def test_strict_export_refuses_a_dropped_key_or_label(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    for extra, said in [("key = true\n", "key flag"), ('label = "Short"\n', "chart label")]:
        status, err, written = strict(tmp_path, capsys, format, chronology(extra=extra))
        assert (status, written) == (1, False)
        assert f"1 event's {said} dropped" in err


def test_without_key_label_or_open_periods_nothing_of_them_is_counted(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = '\n[[period]]\ntitle = "Closed"\nstart = "2021"\nend = "2022"\n'
    text = chronology(periods=closed)
    for line in summaries(text).values():
        assert "key flag" not in (line or "")
        assert "chart label" not in (line or "")
    assert summaries(text)["timelinejs"] is None
    assert strict(tmp_path, capsys, "timelinejs", text) == (0, "", True)
    keyed = summaries(chronology(extra=KEYED))["markwhen"] or ""  # markwhen carries both
    assert "key flag" not in keyed
    assert "chart label" not in keyed
