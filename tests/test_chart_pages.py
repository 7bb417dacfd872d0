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
from typing import Any

import pytest
from clirun import chronology_here, run

import timeline
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.options import ChartOptions, Selection

DENSE = pathlib.Path(__file__).resolve().parent / "data" / "dense.toml"


@pytest.fixture
def crowded(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """dense.toml as ./events.toml, the working directory its folder."""
    return chronology_here(tmp_path, monkeypatch, DENSE.read_text(encoding="utf-8"))


def test_a_page_too_short_for_the_lanes_is_refused_naming_size(
    crowded: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing is written, not even the text asked for with it."""
    assert run(["render", "--size", "4x3", "--format", "svg,txt"], capsys) == (
        2,
        "",
        "timeline render: error: --size: the page is 4 x 3 in; this chart's 4 lanes need a"
        " page at least 6.55 in (16.7 cm) tall to show them and 3 lines of the key at the"
        " smallest text (try a taller size; fewer lanes, no header, sources below or sources"
        " none would each save some room)\n",
    )
    assert not (crowded.parent / "output").exists()


def test_what_a_full_page_leaves_out_is_said_once_for_every_chart_format(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled chronology on a 7 x 5 in picture: its key and sources are cut short."""
    bundled = DENSE.parent.parent.parent / "events.toml"
    chronology_here(tmp_path, monkeypatch, bundled.read_text(encoding="utf-8"))
    assert run(["render", "--size", "7x5", "--format", "svg,pdf,txt"], capsys) == (
        0,
        "output/timeline.svg\noutput/timeline.pdf\noutput/timeline.txt\n",
        "timeline render: warning: --size: at this size the key lists 4 of 9 numbered"
        " events and the chart lists 1 of 15 sources; sources below lists them all after the"
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
    assert "The 139 numbered events are listed after the chart." in svg


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


@pytest.mark.parametrize("size", ["slide", "a4-landscape", "letter", "a4", "10x6.5"])
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
    """The height it names, rounded up, is enough; a hair less is not; and that page
    shows KEY_LINES lines of the key (it does not merely hold the lanes)."""
    with pytest.raises(timeline.PageTooShortError) as refused:
        timeline.render_svg(MANY, size="slide")
    error = refused.value
    assert isinstance(error, timeline.OptionError)
    assert error.option == "size"
    assert (error.width, error.height) == (960.0, 540.0)
    assert type(error).__module__ == "timeline"
    again = pickle.loads(pickle.dumps(error))
    assert (again.message, again.width, again.height, again.least) == (
        error.message, error.width, error.height, error.least,
    )  # fmt: skip
    named = re.search(r"at least ([\d.]+) in \(([\d.]+) cm\) tall", error.message)
    assert named is not None
    inches = float(named[1])
    assert inches >= error.least / 72 > inches - 0.01
    assert float(named[2]) >= error.least / 72 * 2.54
    chart = layout(Job.make(MANY, Selection(), ChartOptions(size=f"13.333x{inches}")))
    assert chart.height == pytest.approx(inches * 72)
    assert len(chart.key) >= 3  # three lines of the key, one entry a line at the least
    with pytest.raises(timeline.PageTooShortError):
        timeline.render_svg(MANY, size=f"13.333x{inches - 0.01}")


def test_the_refusal_suggests_only_what_would_help() -> None:
    """No header when there is none; sources below or none only when they are drawn."""
    with pytest.raises(timeline.PageTooShortError) as refused:
        timeline.render_svg(MANY, size="slide", header=False, sources="below")
    assert refused.value.message.endswith(
        "tall to show them and a line for the key at the smallest text (try a taller size;"
        " fewer lanes would save some room)"
    )
    one = MANY.select(lanes=["Lane 0"])
    with pytest.raises(timeline.PageTooShortError) as refused:
        timeline.render_svg(one, size="6x2", header=False, sources="none")
    assert "this chart's 1 lane needs a page at least" in refused.value.message
    assert refused.value.message.endswith(
        "tall to show it and 3 lines of the key at the smallest text (try a taller size;"
        " sources below would save some room)"
    )


def test_the_html_page_draws_a_chart_of_many_lanes_taller_than_a_slide() -> None:
    """The page chose the slide's size itself: its chart grows, as tall as its content,
    and its key lists every numbered event. A size the caller gives is kept, or refused."""
    page = timeline.render_html(MANY)
    svg = page[page.index("<svg") : page.index("</svg>")]
    height = re.search(r'<svg[^>]* height="([\d.]+)pt"', svg)
    assert height is not None
    assert float(height[1]) > 540.0
    assert "Lane 11" in svg
    assert "more</text>" not in svg  # no "… and N more": the key is whole
    with pytest.raises(timeline.PageTooShortError):
        timeline.render_html(MANY, size="slide")


def _chart_of(data: bytes, library: Any, format: str) -> tuple[Any, Any]:
    """The chart picture of a pptx or docx: (its shape, its image)."""
    from PIL import Image

    if format == "pptx":
        deck = library.Presentation(io.BytesIO(data))
        (shape,) = [s for s in deck.slides[0].shapes if s.name == "Chart"]
        return shape, Image.open(io.BytesIO(shape.image.blob))
    document = library.Document(io.BytesIO(data))
    (shape,) = document.inline_shapes
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    part = document.part.related_parts[blip.embed]
    return shape, Image.open(io.BytesIO(part.blob))


@pytest.mark.parametrize(
    "format", ["pptx", pytest.param("docx", marks=pytest.mark.slow)]
)  # the same drawing: the docx one (2 s) runs in CI's heavy step
def test_an_office_chart_of_many_lanes_stays_on_its_page_and_says_it_shrank(format: str) -> None:
    """12 lanes: drawn at the whole width and room (not 16:9) and fitting; 24 lanes need
    more than a slide or an A4 page: drawn as tall as they need, placed smaller, and the
    export says so."""
    library = pytest.importorskip(format)
    from timeline.interop.docxfile import export_docx
    from timeline.interop.pptxfile import HEIGHT, export_pptx

    export = export_pptx if format == "pptx" else export_docx
    bottom = HEIGHT if format == "pptx" else (297 - 20) * 36000  # A4, 20 mm margins
    many = _many_lanes(24)
    done = export(many)
    shape, image = _chart_of(done.data or b"", library, format)
    assert shape.height <= bottom
    drawn = image.size[1] / image.size[0]
    assert drawn == pytest.approx(shape.height / shape.width, rel=0.01)  # placed unstretched
    assert drawn > 0.75  # as tall as 24 lanes need: far from 16:9
    (shrunk,) = [loss for loss in done.losses if loss.kind == "shrunk"]
    assert str(shrunk) == (
        "1 chart placed smaller than drawn, its text under 6 pt: its lanes need more height"
    )
    fits = export(_many_lanes(4))
    assert "shrunk" not in [loss.kind for loss in fits.losses]


def test_the_html_pages_chart_grows_rather_than_cut_its_key() -> None:
    """150 events fit a slide's lanes, but not its key: the page's chart grows so that
    every numbered marker is in its key (it was a slide listing 9, then '… and N more')."""
    page = timeline.render_html(timeline.load(DENSE))
    svg = page[page.index("<svg") : page.index("</svg>")]
    height = re.search(r'<svg[^>]* height="([\d.]+)pt"', svg)
    assert height is not None
    assert float(height[1]) > 540.0
    assert "Numbered events" in svg
    assert "more</text>" not in svg
