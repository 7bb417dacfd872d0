"""Events the selected date range cuts off say so in text, Markdown and HTML."""

from __future__ import annotations

from typing import Any

import pytest

import timeline
from timeline.render.options import Selection
from timeline.render.presentation import present

SMALL = """\
[timeline]
title = "Clipped"

[sources.wire]
title = "Wire"

[[event]]
id = "long"
title = "Long programme"
start = "2018"
end = "2027"
certainty = "probable"
sources = ["wire"]

[[event]]
id = "open"
title = "Open-ended programme"
start = "2019"
end = ".."
certainty = "probable"
sources = ["wire"]

[[event]]
id = "inside"
title = "Inside the range"
date = "2024-05"
certainty = "probable"
sources = ["wire"]
"""


@pytest.fixture
def small() -> timeline.Timeline:
    return timeline.loads(SMALL, name="clipped.toml")


def test_the_presentation_records_what_the_range_cuts_off(small: timeline.Timeline) -> None:
    entries = present(small, Selection(date_from="2024", date_to="2025")).entries
    assert [(e.event.id, e.began, e.ends) for e in entries] == [
        ("long", "2018", "2027"),
        ("open", "2019", "…"),
        ("inside", None, None),
    ]
    whole = present(small, Selection()).entries
    assert all((e.began, e.ends) == (None, None) for e in whole)


def test_text_markdown_and_html_say_began(small: timeline.Timeline) -> None:
    text = timeline.render_text(small, width=80, date_from="2024")
    assert "(began 2018)" in text
    assert "(began 2019)" in text
    markdown = timeline.render_markdown(small, date_from="2024")
    assert "| Long programme (began 2018) |" in markdown
    page = timeline.render_html(
        small, date_from="2024", chart='<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    )
    assert '<td class="date">2018 → 2027 <span class="clipped">(began 2018)</span></td>' in page
    assert "(began" not in timeline.render_text(small, width=80)


def test_the_end_and_an_open_end_are_said_too(small: timeline.Timeline) -> None:
    text = timeline.render_text(small, width=80, date_to="2025")
    assert "(ends 2027)" in text
    assert "(continues)" in text


@pytest.mark.parametrize(
    ("locale", "began", "continues"),
    [("fr", "(commencé : 2018)", "(se poursuit)"), ("de", "(Beginn: 2018)", "(dauert an)")],
)
def test_the_notes_are_translated(
    small: timeline.Timeline, locale: str, began: str, continues: str
) -> None:
    text = timeline.render_text(small, width=100, date_from="2024", locale=locale)
    assert began in text
    markdown = timeline.render_markdown(small, date_to="2025", locale=locale)
    assert continues in markdown


# ---------------------------------------------------------------- the chart


def _geometry(small: timeline.Timeline, **chosen: str) -> dict[str, Any]:
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout
    from timeline.render.options import ChartOptions

    chart = layout(Job.make(small, Selection(**chosen), ChartOptions()))
    return {"chart": chart, **{geo.entry.event.id: geo for geo in chart.events}}


def test_the_chart_runs_a_cut_off_event_to_the_edge_with_a_mark(small: timeline.Timeline) -> None:
    from timeline.render.chart.geometry import CUT

    found = _geometry(small, date_from="2022", date_to="2025")
    chart, long, ongoing, inside = found["chart"], found["long"], found["open"], found["inside"]
    # 2018-2027: cut at both ends, its bar from edge to edge, its marker not on the edge.
    assert long.cuts == (chart.left + CUT, chart.right - CUT)
    assert long.bar == (chart.left, chart.right)
    assert long.anchor > chart.left + 2 * CUT
    assert long.end_tick is None  # the cut mark, not an end
    # 2019-..: cut where the chart begins; still ongoing (its arrow) at the right.
    assert ongoing.cuts == (chart.left + CUT,)
    assert (chart.right, ">") in ongoing.arrows
    assert not inside.cuts
    legend = [item.text for row in chart.legend for _, item in row.items]
    assert "runs on past the dates shown" in legend
    uncut = _geometry(small)
    assert not any(geo.cuts for geo in uncut["chart"].events)
    assert "runs on past the dates shown" not in [
        item.text for row in uncut["chart"].legend for _, item in row.items
    ]


def test_a_cut_off_event_that_ends_inside_has_its_marker_at_its_end() -> None:
    from timeline.render.chart.geometry import CUT

    tl = timeline.loads(
        SMALL.replace('end = "2027"', 'end = "2023-09"'), name="clipped.toml"
    )  # fmt: skip
    found = _geometry(tl, date_from="2022")
    chart, long = found["chart"], found["long"]
    assert long.cuts == (chart.left + CUT,)
    assert long.bar is not None
    assert long.bar[0] == chart.left
    assert long.anchor == long.bar[1]  # the marker stands at its end (Sep 2023)


@pytest.mark.parametrize(
    ("locale", "word"),
    [("fr", "se poursuit au-delà des dates affichées"),
     ("de", "reicht über den gezeigten Zeitraum hinaus")],
)  # fmt: skip
def test_the_legend_explains_the_cut_mark_in_every_language(
    small: timeline.Timeline, locale: str, word: str
) -> None:
    svg = timeline.render_svg(small, date_from="2022", locale=locale)
    assert f">{word}</text>" in svg
