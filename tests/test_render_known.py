"""The chronology as it was known on a day, rendered: the bundled file on 1 Jan 2023
against golden files, and the line about sources without a publication date.

Regenerate the goldens after a deliberate change with
TIMELINE_UPDATE_GOLDEN=1 python -m pytest --no-cov tests/test_render_known.py
"""

from __future__ import annotations

import os
import pathlib

import pytest

import timeline
from timeline.dates.edtf import parse as parse_date

GOLDEN = pathlib.Path(__file__).parent / "golden"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"


def _check(name: str, rendered: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"{name} differs; see the docstring"


def test_the_bundled_file_as_known_on_new_year_2023(bundled: timeline.Timeline) -> None:
    view = bundled.known_at("2023-01-01")
    text = timeline.render_text(view, width=80)
    _check("morocco.known-2023-01-01.w80.txt", text)
    markdown = timeline.render_markdown(view)
    _check("morocco.known-2023-01-01.md", markdown)
    assert "As known on 1 Jan 2023" in text
    assert "As of" not in text
    late = [e.title for e in bundled.events if e.id not in {v.id for v in view.events}]
    assert late  # what was published later is gone from the view and from the text
    assert not [title for title in late if title in text]


SMALL = """\
[timeline]
title = "Known"

[sources.dated]
title = "Dated report"
published = "2020-05"

[sources.undated]
title = "Undated report"

[[event]]
id = "first"
title = "First"
date = "2020-03"
certainty = "probable"
sources = ["dated", "undated"]
"""


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en", "1 source has no publication date and is shown"),
        ("fr", "1 source sans date de publication est affichée"),
        ("de", "1 Quelle ohne Veröffentlichungsdatum wird gezeigt"),
    ],
)
def test_sources_without_a_date_are_counted(locale: str, line: str) -> None:
    view = timeline.loads(SMALL, name="known.toml").known_at("2021")
    assert line in timeline.render_text(view, width=80, locale=locale)
    assert line in timeline.render_markdown(view, locale=locale)
    page = timeline.render_html(
        view, locale=locale, chart='<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    )
    assert f'<p class="undated">{line}</p>' in page


def test_a_past_views_chart_says_it_is_one() -> None:
    """The chart of a known_at view says which day it shows (the text says so too)."""
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout
    from timeline.render.options import ChartOptions, Selection

    tl = timeline.load(pathlib.Path(__file__).resolve().parent.parent / "events.toml")
    chart = layout(Job.make(tl.known_at("2023"), Selection(), ChartOptions()))
    assert chart.subtitle_lines[-1].endswith("As known on 2023")
    french = layout(Job.make(tl.known_at("2023"), Selection(locale="fr"), ChartOptions()))
    assert "connu" in " ".join(french.subtitle_lines).lower()


def test_a_past_views_chart_draws_its_day_not_the_files_as_of() -> None:
    """The line across the lanes marks the day the view shows (it marked the file's
    as_of, 2026-02-01, a day the view knows nothing of)."""
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout
    from timeline.render.options import ChartOptions, Selection

    tl = timeline.load(pathlib.Path(__file__).resolve().parent.parent / "events.toml")
    assert tl.as_of is not None
    assert tl.as_of.text != "2023-01-01"
    for locale, word in (("en", "known on 1 Jan 2023"), ("de", "bekannt am 1. Jan. 2023")):
        chart = layout(Job.make(tl.known_at("2023-01-01"), Selection(locale=locale),
                                ChartOptions()))  # fmt: skip
        (line,) = [item for item in chart.strip if item.kind == "as_of"]
        assert line.text == word
        day = parse_date("2023-01-01").lower
        assert day is not None
        assert chart.as_of_x == pytest.approx(chart.scale.x(day))
