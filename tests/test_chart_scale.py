"""Charts of 10,000 events and more: density strips with counts, only the labels that
fit, a marker only for a labelled event (see timeline.render.chart.density).

Most tests lower `density.DENSE` so that the 150-event fixture is a dense chart; one
draws a real 10,000-event chart. The time and memory targets are benchmarks
(benchmarks/bench_scale.py), not tests: this machine's load is not the test's.
"""

from __future__ import annotations

import pathlib
import sys
import xml.etree.ElementTree as ET

import pytest

import timeline
from timeline.render.chart import density
from timeline.render.chart.fit import fit
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.options import ChartOptions, Selection

ROOT = pathlib.Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import chronology  # noqa: E402
from test_render_svg import assert_layout_clear  # noqa: E402


@pytest.fixture
def low(monkeypatch: pytest.MonkeyPatch) -> None:
    """100 events make a dense chart."""
    monkeypatch.setattr(density, "DENSE", 100)


def fixture() -> timeline.Timeline:
    return timeline.load(ROOT / "tests" / "data" / "dense.toml")


def laid_out(tl: timeline.Timeline, **options: object) -> ChartLayout:
    return layout(Job.make(tl, Selection(), ChartOptions(**options)))  # type: ignore[arg-type]


def shown(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


@pytest.mark.usefixtures("low")
@pytest.mark.parametrize("size", [None, "slide", "a4"])
def test_each_lane_is_a_density_strip_with_counts(size: str | None) -> None:
    tl = fixture()
    chart = laid_out(tl, size=size)
    entries = Job.make(tl, Selection(), ChartOptions()).presentation.entries
    assert len(chart.strips) == len(chart.lanes) == 4
    for strip, lane in zip(chart.strips, chart.lanes, strict=True):
        assert strip.bars
        assert len(strip.ticks) in (1, 2)
        for x0, y0, x1, y1 in strip.bars:  # inside the axis and the lane's track area
            assert chart.left <= x0 < x1 <= chart.right
            assert y0 == strip.y
            assert y0 < y1 <= strip.y + density.STRIP
            assert lane.top - lane.height < y0 < y1 < lane.top
        assert [y for y, _ in strip.ticks] == sorted(y for y, _ in strip.ticks)
    first, second = ([(y - s.y, text) for y, text in s.ticks] for s in chart.strips[:2])
    assert first == second  # one scale for every lane
    # Every event is counted once, where it begins (the fixture has none open at both ends).
    counted = fit(Job.make(tl, Selection(), ChartOptions(size=size))).parts.survey
    assert counted is not None
    assert sum(map(sum, counted.counts)) == len(entries)
    # Only the labels that fit, a marker only for a labelled event, the rest counted.
    labelled = {label.event for lane in chart.labels for label in lane.labels}
    marked = {i for group in chart.marker_groups for i in group.members}
    assert labelled
    assert marked == labelled
    assert chart.unlabelled == len(entries) - len(labelled)
    assert not any(lane.numbers for lane in chart.labels)
    assert not chart.key
    assert_layout_clear(chart)


@pytest.mark.usefixtures("low")
def test_the_strongest_of_each_stretch_is_a_candidate_and_key_events_first() -> None:
    tl = fixture()
    job = Job.make(tl, Selection(), ChartOptions())
    fitted = fit(job)
    events = fitted.parts.events
    entries = job.presentation.entries
    keys = {i for i, entry in enumerate(entries) if entry.event.key}
    chosen = {entries.index(geo.entry) for geo in events}
    assert keys <= chosen  # every key event is a candidate
    turns = [geo.turn for geo in events]
    assert 0 in turns
    assert max(turns) == density.PER_STRETCH - 1
    labelled = {events[e].entry.event.id for lane in fitted.placements for e in lane}
    assert {entries[i].event.id for i in keys} & labelled  # key events labelled first
    chart = layout(job)
    xs = sorted(events[label.event].anchor for lane in chart.labels for label in lane.labels)
    width = chart.right - chart.left
    assert xs[0] < chart.left + width / 3
    assert xs[-1] > chart.right - width / 3


@pytest.mark.usefixtures("low")
def test_the_legend_names_the_bins_in_every_language() -> None:
    tl = fixture()
    english = shown(timeline.render_svg(tl))
    assert any(line.startswith("events per bin of ") for line in english)
    assert any("have no label" in line for line in english)
    french = shown(timeline.render_svg(tl, locale="fr"))
    assert any(line.startswith("événements par tranche de ") for line in french)
    assert any(line.startswith("Ereignisse je Abschnitt von ") for line in shown(
        timeline.render_svg(tl, locale="de")))  # fmt: skip


def test_count_ticks_are_round() -> None:
    assert density.count_ticks(0) == (1, (1,))
    assert density.count_ticks(3) == (5, (5,))
    assert density.count_ticks(37) == (50, (25, 50))
    assert density.count_ticks(101) == (200, (100, 200))


def test_below_the_threshold_every_event_has_a_marker() -> None:
    chart = laid_out(fixture())
    assert not chart.strips
    assert sum(len(group.members) for group in chart.marker_groups) == 150


@pytest.mark.slow  # 10k events, 2 s: CI's heavy step
def test_ten_thousand_events_are_a_small_dense_svg() -> None:
    tl = timeline.loads(chronology(density.DENSE, relations=False), name="big.toml")
    svg = timeline.render_svg(tl)
    assert svg == timeline.render_svg(tl)  # same input, same bytes
    assert len(svg) < 400_000  # strips, not ten thousand markers
    root = ET.fromstring(svg)
    uses = list(root.iter(f"{SVG}use"))
    assert 0 < len(uses) < 300  # the markers of the labelled events, with their hovers
    texts = shown(svg)
    assert "events per bin of 3 months" in texts
    assert any(line.endswith("have no label (key events are labelled first, then the most"
                             " certain).") for line in texts)  # fmt: skip
