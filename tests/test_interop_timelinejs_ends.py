"""TimelineJS ends: TimelineJS reads a date part it is not given as the first (month 1,
day 1), so an end of "2023" written as {"year": 2023} would end on 1 January 2023, a
year short. `export timelinejs` writes an end coarser than a day as its last day,
with a `display_date` naming the year or month it ends, and `import timelinejs`
reads that back at its precision: export then import gives the same dates."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import timeline
from timeline.interop import export, import_file

# id -> (the event's date, what comes back: TimelineJS keeps no qualifiers and no
# seasons or decades, whose days come back as months or years)
DATES = {
    "years": ("2021/2023", "2021/2023"),
    "months": ("2021-03/2023-05", "2021-03/2023-05"),
    "days": ("2021-03-04/2023-05-06", "2021-03-04/2023-05-06"),
    "year": ("2021", "2021"),
    "month": ("2021-05", "2021-05"),
    "day": ("2021-05-06", "2021-05-06"),
    "year-to-month": ("2021/2023-05", "2021/2023-05"),
    "day-to-year": ("2021-03-04/2023", "2021-03-04/2023"),
    "to-a-leap-february": ("2023-11/2024-02", "2023-11/2024-02"),
    "before-the-era": ("-0043/-0041", "-0043/-0041"),
    "qualified": ("2021~/2023?", "2021/2023"),
    "spring": ("2021-21", "2021-03/2021-05"),
    "winter": ("2021-24", "2021-12/2022-02"),
    "decade": ("202X", "2020/2029"),
}


def _chronology() -> timeline.Timeline:
    lines = ['[timeline]\ntitle = "Ends"\n\n[sources.s]\ntitle = "S"\n']
    for key, (date, _) in DATES.items():
        if "/" in date:  # not one date: TimelineJS drops an end equal to the start in the
            # parts the start gives, and refuses an era without an end
            lines.append(f'[[period]]\ntitle = "{key}"\ndate = "{date}"\n')
    for key, (date, _) in DATES.items():
        lines.append(
            f'[[event]]\nid = "{key}"\ntitle = "{key}"\ndate = "{date}"\n'
            'certainty = "confirmed"\nsources = ["s"]\n'
        )
    return timeline.loads("\n".join(lines), name="ends.toml")


def _story() -> dict[str, Any]:
    story: dict[str, Any] = json.loads(export(_chronology(), "timelinejs").text)
    return story


def test_an_end_coarser_than_a_day_is_written_as_its_last_day() -> None:
    ends = {slide["unique_id"]: slide.get("end_date") for slide in _story()["events"]}
    assert ends["years"] == {"year": 2023, "month": 12, "day": 31, "display_date": "2023"}
    assert ends["months"] == {"year": 2023, "month": 5, "day": 31, "display_date": "2023-05"}
    assert ends["days"] == {"year": 2023, "month": 5, "day": 6}
    assert ends["to-a-leap-february"]["day"] == 29
    assert ends["before-the-era"] == {
        "year": -41, "month": 12, "day": 31, "display_date": "-0041"
    }  # fmt: skip
    eras = {era["text"]["headline"]: era["end_date"] for era in _story()["eras"]}
    assert eras["years"] == ends["years"]


def test_a_season_starts_on_its_first_month() -> None:
    starts = {slide["unique_id"]: slide["start_date"] for slide in _story()["events"]}
    assert starts["spring"] == {"year": 2021, "month": 3}
    assert starts["years"] == {"year": 2021}


def test_export_then_import_gives_the_same_dates(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(export(_chronology(), "timelinejs").text, encoding="utf-8")
    back = import_file(path, "timelinejs").timeline
    assert {e.id: e.span.text for e in back.events} == {k: v for k, (_, v) in DATES.items()}
    assert {p.title: p.span.text for p in back.periods} == {
        k: v for k, (date, v) in DATES.items() if "/" in date
    }


@pytest.mark.parametrize(
    ("end", "read"),
    [
        ({"year": 2003}, "2001/2003"),  # TimelineJS's own reading is 1 Jan; ours the year
        ({"year": 2003, "month": 6}, "2001/2003-06"),
        ({"year": 2003, "month": 12, "day": 31}, "2001/2003-12-31"),  # a day, as written
        ({"year": 2003, "month": 12, "day": 31, "display_date": "2003"}, "2001/2003"),
        ({"year": 2003, "month": 6, "day": 30, "display_date": "2003-06"}, "2001/2003-06"),
        # A display_date that is not the year or month the day ends: the day.
        ({"year": 2003, "month": 6, "day": 30, "display_date": "2003"}, "2001/2003-06-30"),
        ({"year": 2003, "month": 6, "day": 29, "display_date": "2003-06"}, "2001/2003-06-29"),
        ({"year": 2003, "month": 12, "day": 31, "display_date": "New Year's Eve"},
         "2001/2003-12-31"),
        ({"year": 2003, "month": 12, "day": 31, "display_date": "2003~"}, "2001/2003-12-31"),
    ],
)  # fmt: skip
def test_a_hand_written_end(tmp_path: pathlib.Path, end: dict[str, Any], read: str) -> None:
    story = {"events": [{"start_date": {"year": 2001}, "end_date": end,
                         "text": {"headline": "Span"}}]}  # fmt: skip
    path = tmp_path / "story.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    assert import_file(path, "timelinejs").timeline.events[0].span.text == read


def test_a_sheets_end_year_is_a_year_and_a_whole_end_a_day(tmp_path: pathlib.Path) -> None:
    """A TimelineJS sheet has no display date per end: its parts are its precision."""
    path = tmp_path / "story.csv"
    path.write_text(
        "Year,Month,Day,End Year,End Month,End Day,Headline\n"
        "2021,,,2023,,,Years\n2021,3,,2023,5,,Months\n2021,,,2023,12,31,To a day\n",
        encoding="utf-8",
    )
    back = import_file(path, "csv").timeline
    assert {e.title: e.span.text for e in back.events} == {
        "Years": "2021/2023", "Months": "2021-03/2023-05", "To a day": "2021/2023-12-31"
    }  # fmt: skip


# TimelineJS itself (the package tests/test_consumers.py loads, from .ci/node): the
# day each slide and era of the export ends on, as TimelineJS reads it.
ROOT = pathlib.Path(__file__).resolve().parent.parent
TIMELINEJS = ROOT / ".ci" / "node" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ends</title>
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><div id="timeline" style="width: 1200px; height: 700px"></div><script>
window.story = new TL.Timeline("timeline", {data}, {options});
window.storyLoaded = new Promise(done => window.story.on("loaded", done));
</script></body></html>
"""
READ_ENDS = """
Promise.race([window.storyLoaded, new Promise(done => setTimeout(done, 5000))]).then(() => {
  const day = d => d && [d.data.date_obj.getFullYear(), d.data.date_obj.getMonth() + 1,
                         d.data.date_obj.getDate()];
  return JSON.stringify({
    events: window.story.config.events.map(e => [e.unique_id, day(e.end_date)]),
    eras: window.story.config.eras.map(e => [e.headline, day(e.end_date)]),
  });
}).catch(error => String(error))
"""


@pytest.mark.slow
def test_timelinejs_ends_each_span_on_its_last_day(tmp_path: pathlib.Path) -> None:
    import html
    import os

    from browsers import REQUIRE_ENV, Chromium, Job, chromium_binary, require

    from timeline.dates.calendar import DAY, to_civil

    chromium = require(chromium_binary(), "Chromium", "chromium")
    if not TIMELINEJS.exists():
        message = "@knight-lab/timelinejs is not installed (`npm install` in .ci/node)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    font = TIMELINEJS / "css" / "fonts" / "font.georgia-helvetica.css"
    options = {"script_path": (TIMELINEJS / "js").as_uri() + "/", "font": font.as_uri()}
    tl = _chronology()
    path = tmp_path / "ends.html"
    path.write_text(PAGE.format(
        css=html.escape((TIMELINEJS / "css" / "timeline.css").as_uri()),
        js=html.escape((TIMELINEJS / "js" / "timeline.js").as_uri()),
        data=export(tl, "timelinejs").text.strip().replace("</", "<\\/"),
        options=json.dumps(options),
    ), encoding="utf-8")  # fmt: skip
    browser = Chromium(chromium, tmp_path, (1280, 800))
    try:
        page = browser.load_all([Job("ends", path.as_uri(), evaluate=READ_ENDS)])["ends"]
    finally:
        browser.close()
    assert page.error is None, page.error
    read = json.loads(page.value)
    last = {e.id: list(to_civil(e.span.upper - DAY)) for e in tl.events if e.span.upper}
    ends = dict(read["events"])
    # Every span with an end shows it to its last day (TimelineJS drops an end whose
    # parts the start's equal: a single year or month, shown as its start).
    assert {k: v for k, v in ends.items() if v is not None} == {
        k: last[k] for k in ends if "/" in DATES[k][1]
    }
    assert dict(read["eras"]) == {p.title: last[p.title] for p in tl.periods}
