"""A chart on an exact page holds on it or is refused: a page too short for the lanes is
an error naming --size; what a full page leaves out of the key and the sources is said;
sources="below" lists the whole key after the chart; numbers beside their markers do not
cover each other. Exact CLI output and exit status; tests/data/dense.toml (150 events,
4 lanes, 12 sources) is the crowded chronology."""

from __future__ import annotations

import io
import pathlib
import pickle
import re
import shutil

import pytest
from clirun import run

import timeline
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.options import ChartOptions, Selection

DENSE = pathlib.Path(__file__).resolve().parent / "data" / "dense.toml"


@pytest.fixture
def crowded(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """dense.toml as ./events.toml, the working directory its folder."""
    path = tmp_path / "events.toml"
    shutil.copyfile(DENSE, path)
    monkeypatch.chdir(tmp_path)
    return path


def test_a_page_too_short_for_the_lanes_is_refused_naming_size(
    crowded: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing is written, not even the text asked for with it."""
    assert run(["render", "--size", "4x3", "--format", "svg,txt"], capsys) == (
        2,
        "",
        "timeline render: error: --size: the page is 4 x 3 in; this chart's 4 lanes need a"
        " page at least 6.25 in tall at the smallest text (a taller size, fewer lanes, or no"
        " header)\n",
    )
    assert not (crowded.parent / "output").exists()


def test_what_a_full_page_leaves_out_is_said_once_for_every_chart_format(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled chronology on a 7 x 5 in picture: its key and sources are cut short."""
    shutil.copyfile(DENSE.parent.parent.parent / "events.toml", tmp_path / "events.toml")
    monkeypatch.chdir(tmp_path)
    assert run(["render", "--size", "7x5", "--format", "svg,pdf,txt"], capsys) == (
        0,
        "output/timeline.svg\noutput/timeline.pdf\noutput/timeline.txt\n",
        "timeline render: warning: --size: at this size the key lists 4 of 9 numbered"
        " events and the chart 1 of 15 sources; sources below lists them all after the"
        " chart, or a larger size holds more\n",
    )


def test_with_sources_below_nothing_is_left_out(
    crowded: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["render", "--size", "slide", "--sources", "below", "--format", "svg"], capsys) == (
        0,
        "output/timeline.svg\n",
        "",
    )
    svg = (crowded.parent / "output" / "timeline.svg").read_text(encoding="utf-8")
    assert "The 143 numbered events are listed after the chart." in svg


def _overlaps(chart: ChartLayout) -> int:
    numbers = [number.extent for lane in chart.labels for number in lane.numbers]
    return sum(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for i, a in enumerate(numbers)
        for b in numbers[i + 1 :]
    )


@pytest.mark.parametrize("size", ["slide", "a4-landscape", "letter", None])
def test_numbers_beside_their_markers_do_not_cover_each_other(size: str | None) -> None:
    """Where no row above a lane has room for a number, it goes beside its marker, on
    whichever place is clear (right or left, above or below its middle, then over or
    under it). Before, each went right of its marker: 0, 6, 18 and 7 pairs covered each
    other on these pages (the slide then ran off its foot instead)."""
    tl = timeline.load(DENSE)
    chart = layout(Job.make(tl, Selection(), ChartOptions(size=size)))
    beside = [number for lane in chart.labels for number in lane.numbers if number.stem is None]
    assert len(beside) > 20  # the case at hand: many numbers found no row
    assert _overlaps(chart) == 0


@pytest.mark.parametrize("size", ["slide", "a4-landscape", "letter", "a4", "10x6"])
def test_everything_stays_on_an_exact_page(size: str) -> None:
    """The lanes' label rows never take more than the page leaves them (they did: the
    numbers' rows were added on top, and the sources ran off the foot of a slide)."""
    chart = layout(Job.make(timeline.load(DENSE), Selection(), ChartOptions(size=size)))
    key, foot = chart.sizes.key * 1.15, chart.sizes.foot * 1.15
    feet = [entry.y - (entry.body.count("\n") + 1) * key for entry in chart.key]
    feet += [note.y - (note.body.count("\n") + 1) * foot for note in chart.footnotes]
    feet += [c.y - key for c in (chart.key_more, chart.sources_more) if c is not None]
    assert feet
    assert min(feet) >= 0


def _many_lanes(count: int) -> timeline.Timeline:
    """`count` lanes of six overlapping spans each: more lanes than a slide holds."""
    lanes = [f"Lane {n}" for n in range(count)]
    text = ['[timeline]\ntitle = "Many lanes"\nlanes = [' + ", ".join(f'"{n}"' for n in lanes)]
    text[0] += ']\n\n[sources.wire]\ntitle = "Wire"\n'
    for n in range(count * 6):
        text.append(
            f'[[event]]\nid = "e{n}"\ntitle = "Event {n}"\nstart = "{2010 + n % 7}"\n'
            f'end = "{2012 + n % 9}"\nlane = "{lanes[n % count]}"\nsources = ["wire"]\n'
            'certainty = "probable"\n'
        )
    return timeline.loads("\n".join(text))


MANY = _many_lanes(12)


def test_the_error_says_how_tall_the_page_must_be() -> None:
    with pytest.raises(timeline.PageTooShortError) as refused:
        timeline.render_svg(MANY, size="slide")
    error = refused.value
    assert isinstance(error, timeline.OptionError)
    assert error.option == "size"
    assert (error.width, error.height) == (960.0, 540.0)
    assert error.least > 540.0
    assert f"at least {error.least / 72:.2f}".rstrip("0") in error.message
    assert type(error).__module__ == "timeline"
    again = pickle.loads(pickle.dumps(error))
    assert (again.message, again.width, again.height, again.least) == (
        error.message, error.width, error.height, error.least,
    )  # fmt: skip
    # At that height the chart holds on its page.
    tall = timeline.render_svg(MANY, size=f"{error.width / 72}x{error.least / 72 + 0.02}")
    assert 'height="' in tall


def test_the_html_page_draws_a_chart_of_many_lanes_taller_than_a_slide() -> None:
    """The page chose the slide's size itself: its chart grows instead of failing."""
    page = timeline.render_html(MANY)
    height = float(re.search(r'<svg[^>]* height="([\d.]+)pt"', page)[1])  # type: ignore[index]
    assert height > 540.0
    assert "Lane 11" in page


def test_an_office_chart_of_many_lanes_shrinks_into_the_slide() -> None:
    pptx = pytest.importorskip("pptx")
    from timeline.interop.pptxfile import HEIGHT, export_pptx

    deck = pptx.Presentation(io.BytesIO(export_pptx(MANY).data or b""))
    (picture,) = [s for s in deck.slides[0].shapes if s.name == "Chart"]
    assert picture.top + picture.height <= HEIGHT
    assert picture.height / picture.width > 9 / 16  # as tall as its lanes need, shrunk
