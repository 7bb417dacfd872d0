"""The chart fitted to its page: exact sizes, labels by importance, the numbered key,
the sources' place, and one picture in every format.

`pdfinfo` (Debian package `poppler-utils`) reads the PDFs' page sizes; without it
those tests skip, unless TIMELINE_REQUIRE_RENDERERS=1 (as .ci/run sets), which
makes it fail. tests/data/dense.toml (150 events, made by tests/data/dense.py) is
the dense fixture; tests/golden/svg/dense.toml (60 of them) has goldens.
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any

import attrs
import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import render_image, render_svg
from timeline.dates.format import date_label
from timeline.render.chart import labels as chart_labels
from timeline.render.chart.fonts import MIN_TEXT, type_at
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.chart.metrics import Metrics
from timeline.render.layout import placement as _placement
from timeline.render.options import ChartOptions, Selection

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden" / "svg"
SVG = "{http://www.w3.org/2000/svg}"
sys.path.insert(0, str(DATA))
from dense import dense_text  # noqa: E402


@functools.cache
def loaded(path: pathlib.Path) -> timeline.Timeline:
    return timeline.load(path)


def dense() -> timeline.Timeline:
    return loaded(DATA / "dense.toml")


def bundled() -> timeline.Timeline:
    return loaded(ROOT / "events.toml")


_MADE: dict[tuple[Any, ...], tuple[timeline.Timeline, Any]] = {}  # timelines are unhashable


def _once(kind: str, tl: timeline.Timeline, make: Any, **options: Any) -> Any:
    key = (kind, id(tl), *sorted(options.items()))
    if key not in _MADE:
        _MADE[key] = (tl, make())
    return _MADE[key][1]


def laid_out(tl: timeline.Timeline, format: str = "svg", **options: Any) -> ChartLayout:
    def make() -> ChartLayout:
        return layout(Job.make(tl, Selection(), ChartOptions(**options), format=format))

    return _once(f"layout {format}", tl, make, **options)  # type: ignore[no-any-return]


def svg_of(tl: timeline.Timeline, **options: Any) -> str:
    return _once("svg", tl, lambda: render_svg(tl, **options), **options)  # type: ignore[no-any-return]


def pdfinfo(data: bytes, tmp_path: pathlib.Path) -> dict[str, str]:
    """pdfinfo's fields of a PDF (the first page's size)."""
    from browsers import require

    binary = require(shutil.which("pdfinfo"), "pdfinfo", "poppler-utils")
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    done = subprocess.run([binary, str(path)], capture_output=True, text=True, check=True)
    pairs = (line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_size(svg: str) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width", "")[:-2]), float(root.get("height", "")[:-2])


def shown_texts(svg: str) -> list[str]:
    return ["".join(node.itertext()) for node in ET.fromstring(svg).iter(f"{SVG}text")]


def test_the_dense_fixture_is_what_its_generator_makes() -> None:
    assert (DATA / "dense.toml").read_text(encoding="utf-8") == dense_text(150)
    assert len(dense().events) == 150
    assert not [d for d in dense().validate() if d.severity.name == "ERROR"]


# ---------------------------------------------------------------- exact sizes


@pytest.mark.parametrize(
    "name", ["bundled", pytest.param("dense", marks=pytest.mark.slow)]
)  # the second PDF (2 s) runs in CI's heavy step; the layouts are checked below for both
def test_a4_landscape_pdf_is_exactly_842_by_595_points(name: str, tmp_path: pathlib.Path) -> None:
    tl = bundled() if name == "bundled" else dense()
    info = pdfinfo(render_image(tl, "pdf", size="a4-landscape"), tmp_path)
    assert info["Pages"] == "1"
    assert info["Page size"].startswith("842 x 595 pts"), info["Page size"]


@pytest.mark.parametrize(
    ("size", "points"),
    [
        pytest.param("a4", "595 x 842 pts", marks=pytest.mark.slow),
        pytest.param("letter-landscape", "792 x 612 pts", marks=pytest.mark.slow),
        pytest.param("25x15cm", "708.661 x", marks=pytest.mark.slow),
    ],
)  # fmt: skip  (each PDF costs 1.5 s of font subsetting: they run in CI's heavy step)
def test_every_named_size_is_the_pdf_page(size: str, points: str, tmp_path: pathlib.Path) -> None:
    info = pdfinfo(render_image(bundled(), "pdf", size=size), tmp_path)
    assert info["Page size"].startswith(points)


@pytest.mark.parametrize(
    "name", ["bundled", pytest.param("dense", marks=pytest.mark.slow)]
)  # the dense PNG (2 s of text drawing) runs in CI's heavy step
def test_slide_png_is_16_by_9(name: str) -> None:
    tl = bundled() if name == "bundled" else dense()
    for dpi, pixels in ((96, (1280, 720)), (72, (960, 540)), (30, (400, 225))):
        width, height = png_size(render_image(tl, "png", size="slide", dpi=dpi))
        assert (width, height) == pixels
        assert width * 9 == height * 16
    assert png_size(render_image(tl, "png", size="a4-landscape", dpi=100)) == (1169, 826)


def test_exact_svg_sizes_and_flowing_heights() -> None:
    assert svg_size(svg_of(dense(), size="a4-landscape")) == (842.0, 595.0)
    assert svg_size(svg_of(dense(), size="slide")) == (960.0, 540.0)
    width, height = svg_size(svg_of(dense()))  # no size: a slide's width, content's height
    assert width == 960.0
    assert height > 900


def test_text_shrinks_to_fit_but_never_below_the_minimum() -> None:
    slide = laid_out(bundled(), size="slide")
    assert 0.8 <= slide.sizes.scale < 1.0  # smaller text, and every event still labelled
    assert slide.unlabelled == 0
    assert laid_out(bundled()).sizes.scale == 1.0  # no size: full size, the chart grows
    for options in ({"size": "slide"}, {"size": "a4-landscape"}, {"size": "8x6.5"}):
        chart = laid_out(dense(), **options)
        sizes = [value for name, value in attrs.asdict(chart.sizes).items() if name != "scale"]
        assert min(sizes) >= MIN_TEXT
        assert chart.sizes.scale >= 0.8
    # A page too full for every label at the smallest text: labels gave way to the key.
    crowded = laid_out(dense(), size="a4-landscape")
    assert crowded.sizes.scale == 0.8
    assert crowded.unlabelled > 100


# ---------------------------------------------------------------- where the sources go


def test_sources_in_the_chart_below_it_or_nowhere() -> None:
    tl = bundled()
    inside = render_svg(tl, size="a4-landscape")
    below = render_svg(tl, size="a4-landscape", sources="below")
    nowhere = render_svg(tl, size="a4-landscape", sources="none")
    chart = laid_out(tl, size="a4-landscape", sources="below")
    assert svg_size(inside) == svg_size(nowhere) == (842.0, 595.0)
    assert chart.below is not None
    assert svg_size(below) == (842.0, 595.0 + chart.below.height)  # a block under the page
    for svg in (inside, below):
        assert "Sources" in shown_texts(svg)
        assert "https://northafricapost.com" in shown_texts(svg)
    assert "Sources" not in shown_texts(nowhere)
    assert "https://northafricapost.com" not in shown_texts(nowhere)
    assert "[1, 2]" in " ".join(shown_texts(nowhere))  # labels keep their numbers


@pytest.mark.slow  # a PDF and a PNG: 2 s
def test_sources_below_are_a_pdf_page_and_a_png_block(tmp_path: pathlib.Path) -> None:
    tl = bundled()
    chart = laid_out(tl, size="a4-landscape", sources="below")
    assert chart.below is not None
    # In a PDF the sources are a second page of the same size.
    pdf = render_image(tl, "pdf", size="a4-landscape", sources="below")
    info = pdfinfo(pdf, tmp_path)
    assert info["Pages"] == "2"
    assert info["Page size"].startswith("842 x 595 pts")
    png = render_image(tl, "png", size="a4-landscape", sources="below", dpi=20)
    assert png_size(png) == (round(842 * 20 / 72), round((595 + chart.below.height) * 20 / 72))


@pytest.mark.slow  # a second two-page PDF: CI's heavy step
def test_a_two_page_pdf_is_the_same_bytes_every_time(tmp_path: pathlib.Path) -> None:
    tl = bundled()
    first = render_image(tl, "pdf", size="a4-landscape", sources="below")
    assert first == render_image(tl, "pdf", size="a4-landscape", sources="below")
    # With no size too, the sources are a second page.
    assert pdfinfo(render_image(tl, "pdf", sources="below"), tmp_path)["Pages"] == "2"


def test_sources_below_give_a_full_page_more_labels_and_list_the_whole_key() -> None:
    inside = laid_out(dense(), size="a4-landscape")
    below = laid_out(dense(), size="a4-landscape", sources="below")
    assert below.unlabelled <= inside.unlabelled
    # The page lists only part of the key; sources="below" lists all of it after the chart.
    listed, total = inside.key_shown
    assert 0 < listed < total == inside.unlabelled
    assert inside.key_more is not None
    assert inside.key_more.text == f"… and {total - listed} more"
    assert below.key == ()
    assert below.key_shown == (0, 0)
    assert below.key_more is not None
    assert (
        below.key_more.text == f"The {below.unlabelled} numbered events are listed after the chart."
    )
    assert below.below is not None
    assert {entry.number for entry in below.below.key} == set(numbered(below).values())


def test_a_pdf_lists_the_key_and_then_the_sources_on_pages_after_the_chart() -> None:
    chart = laid_out(dense(), "pdf", size="a4-landscape", sources="below")
    numbers = [entry.number for page in chart.pages for entry in page.key]
    assert numbers == [str(n) for n in range(1, chart.unlabelled + 1)]  # each once, in order
    keyed = [page for page in chart.pages if page.key]
    assert chart.pages[: len(keyed)] == tuple(keyed)  # the key's pages come first
    assert all(page.notes and page.heading for page in chart.pages[len(keyed) :])


@pytest.mark.slow  # a PDF of six pages: 4 s
def test_the_pdf_has_a_page_for_each_listing_at_the_charts_size(tmp_path: pathlib.Path) -> None:
    chart = laid_out(dense(), "pdf", size="a4-landscape", sources="below")
    pdf = render_image(dense(), "pdf", size="a4-landscape", sources="below")
    info = pdfinfo(pdf, tmp_path)
    assert info["Pages"] == str(1 + len(chart.pages))
    assert info["Page size"] == "842 x 595 pts (A4)"


# ---------------------------------------------------------------- labels and the key


def numbered(chart: ChartLayout) -> dict[int, str]:
    """Event index -> the number its marker shows."""
    return {n.event: n.text for lane in chart.labels for n in lane.numbers}


def labelled(chart: ChartLayout) -> set[int]:
    return {label.event for lane in chart.labels for label in lane.labels}


@pytest.mark.parametrize("options", [{}, {"size": "a4-landscape", "sources": "below"}])
def test_key_events_are_labelled_and_every_other_marker_is_in_the_key(
    options: dict[str, Any],
) -> None:
    tl = dense()
    chart = laid_out(tl, **options)
    entries = Job.make(tl, Selection(), ChartOptions(**options)).presentation.entries
    keys = {i for i, entry in enumerate(entries) if entry.event.key}
    assert len(keys) == 14
    assert keys <= labelled(chart)
    numbers = numbered(chart)
    assert set(numbers) | labelled(chart) == set(range(len(entries)))
    assert not set(numbers) & labelled(chart)
    # Numbered in date order, and the key lists each, with its whole title and date.
    assert [numbers[i] for i in sorted(numbers)] == [str(n) for n in range(1, len(numbers) + 1)]
    # The key lists each (in the chart, or after it with sources="below"), whole.
    key = chart.below.key if options and chart.below else chart.key
    listed = {entry.number: entry.body.replace("\n", " ") for entry in key}
    assert set(listed) == set(numbers.values())
    for event, number in numbers.items():
        entry = entries[event]
        date = date_label(entry.event.span, "en")
        assert listed[number].startswith(f"{entry.event.title}, {date}")


def test_a_label_shows_the_short_text_and_the_key_the_title() -> None:
    tl = dense()
    chart = laid_out(tl)
    short = {e.title: e.label for e in tl.events if e.label}
    assert short
    lines = [" ".join(label.lines) for lane in chart.labels for label in lane.labels]
    for label in short.values():
        assert any(line.startswith(label) for line in lines), label
    svg = svg_of(tl)
    hovers = [(node.text or "") for node in ET.fromstring(svg).iter(f"{SVG}title")]
    assert all(any(h.startswith(title) for h in hovers) for title in short)


def test_labels_wrap_before_they_are_shortened() -> None:
    title = "A long title that runs on " * 5 + "and ends here"
    text = (
        '[timeline]\ntitle = "Long"\n[sources.s]\ntitle = "S"\n'
        f'[[event]]\nid = "a"\ntitle = "{title}"\ndate = "2020"\ncertainty = "confirmed"\n'
        'source = "s"\n'
    )
    chart = laid_out(timeline.loads(text))
    (label,) = [label for lane in chart.labels for label in lane.labels]
    assert len(label.lines) > 3
    assert " ".join(label.lines).startswith("A long title that runs on A long title")
    assert "…" not in " ".join(label.lines)


def test_a_shortened_label_is_the_last_resort_and_names_its_key_number() -> None:
    entry = laid_out_entry("x" * 10 + " word" * 60)
    made = chart_labels.label_text(entry, Metrics(), type_at(1.0), 2)
    assert made.spare == 1
    assert made.shapes[-1].shortened
    assert made.shapes[-1].lines[-1].endswith("→")
    assert "…" in made.shapes[-1].lines[-1]
    # The placement tries it only where no other shape fits in any row.
    wide = _placement.Label(0, 0.0, ((100.0, 5), (30.0, 1)), (0,), spare=1)
    assert _placement.place_labels([wide], lo=0, hi=1000, max_rows=8)[0].shape == 0
    assert _placement.place_labels([wide], lo=0, hi=1000, max_rows=3)[0].shape == 1


def laid_out_entry(title: str) -> Any:
    text = (
        '[timeline]\n[sources.s]\ntitle = "S"\n'
        f'[[event]]\nid = "a"\ntitle = "{title}"\ndate = "2020"\ncertainty = "confirmed"\n'
        'source = "s"\n'
    )
    return Job.make(timeline.loads(text), Selection(), ChartOptions()).presentation.entries[0]


@st.composite
def chronologies(draw: st.DrawFn) -> tuple[str, str]:
    """A chronology with key events, and the same with one more (not key) event that
    shares a date with one of them (the axis does not move)."""
    count = draw(st.integers(2, 40))
    dates = [
        f"{2000 + draw(st.integers(0, 9))}-{draw(st.integers(1, 12)):02d}" for _ in range(count)
    ]
    keys = [draw(st.booleans()) for _ in range(count)]
    lanes = [draw(st.sampled_from(["A", "B"])) for _ in range(count)]
    words = draw(st.lists(st.sampled_from(["confirmed", "probable", "possible"]),
                          min_size=count, max_size=count))  # fmt: skip

    def event(i: int, date: str, key: bool, lane: str, word: str) -> str:
        flag = "key = true\n" if key else ""
        return (
            f'[[event]]\nid = "e{i}"\ntitle = "Event {i} with a title of some length"\n'
            f'date = "{date}"\ncertainty = "{word}"\nlane = "{lane}"\nsource = "s"\n{flag}'
        )

    head = '[timeline]\ntitle = "Keys"\norder = "any"\n[sources.s]\ntitle = "S"\n'
    rows = zip(dates, keys, lanes, words, strict=True)
    base = head + "".join(event(i, *args) for i, args in enumerate(rows))
    where = draw(st.integers(0, count - 1))
    added = event(count, dates[where], False, draw(st.sampled_from(["A", "B"])),
                  draw(st.sampled_from(["confirmed", "possible"])))  # fmt: skip
    return base, base + added


@settings(deadline=None)
@given(pair=chronologies())
def test_adding_an_event_never_takes_a_key_events_label(pair: tuple[str, str]) -> None:
    before, after = (timeline.loads(text) for text in pair)

    def keys_labelled(tl: timeline.Timeline) -> set[str]:
        chart = laid_out(tl)
        entries = Job.make(tl, Selection(), ChartOptions()).presentation.entries
        return {entries[i].event.id for i in labelled(chart) if entries[i].event.key}

    assert keys_labelled(before) <= keys_labelled(after)


# ---------------------------------------------------------------- one picture


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@pytest.mark.parametrize("options", [{}, {"size": "a4-landscape"}, {"size": "slide"}])
def test_svg_png_and_pdf_share_one_layout(options: dict[str, Any]) -> None:
    charts = [laid_out(dense(), format, **options) for format in ("svg", "png", "pdf")]
    assert charts[0] == charts[1] == charts[2]
    places = [
        [(label.event, label.x, label.y, label.ha, label.lines) for lane in chart.labels
         for label in lane.labels]
        for chart in charts
    ]  # fmt: skip
    assert places[0]
    assert places[0] == places[1] == places[2]


def test_without_its_header_the_chart_draws_no_title() -> None:
    """header=False: no title or subtitle drawn (the <title> stays), a shorter chart
    without a size, lanes that start higher on an exact page."""
    tl = bundled()
    for size in (None, "slide"):
        whole, bare = laid_out(tl, size=size), laid_out(tl, size=size, header=False)
        assert whole.title_lines
        assert not bare.title_lines
        assert not bare.subtitle_lines
        assert bare.title == whole.title
        assert bare.lanes_top > whole.lanes_top - (whole.height - bare.height)
        if size is None:
            assert bare.height < whole.height
        else:
            assert bare.height == whole.height
        svg = render_svg(tl, size=size, header=False)
        assert tl.title not in shown_texts(svg)
        assert f">{tl.title}</title>" in svg


# ---------------------------------------------------------------- goldens


@pytest.mark.parametrize("size", [None, "a4-landscape"])
def test_dense_golden(size: str | None) -> None:
    """The dense golden (60 events): key events labelled, every other marker numbered
    and listed in the key."""
    tl = loaded(GOLDEN / "dense.toml")
    name = "dense" if size is None else f"dense.{size}"
    path = GOLDEN / f"{name}.mpl-{matplotlib.__version__}.svg"
    svg = render_svg(tl) if size is None else render_svg(tl, size=size)
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        path.write_text(svg, encoding="utf-8", newline="")
    if not path.exists():
        pytest.skip(f"no golden {path.name}: run with TIMELINE_UPDATE_GOLDEN=1 and review it")
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} differs"
    shown = shown_texts(svg)
    chart = laid_out(tl) if size is None else laid_out(tl, size=size)
    entries = Job.make(tl, Selection(), ChartOptions(size=size)).presentation.entries
    assert {i for i, e in enumerate(entries) if e.event.key} <= labelled(chart)
    assert "Numbered events" in shown
    numbers = numbered(chart)
    assert len(numbers) == chart.unlabelled > 0
    assert set(numbers.values()) <= set(shown)
    if size is None:
        assert {entry.number for entry in chart.key} == set(numbers.values())
    assert not any(re.search("Hover", line) for line in shown)


def _crowded() -> timeline.Timeline:
    """150 events, 30 sources with long titles, every fifth event citing three, six key
    events: on a slide, the sources alone would take the page."""
    lanes = ["Diplomacy", "Military", "Industry", "Cyber", "Economy"]
    lines = [
        '[timeline]\ntitle = "Crowded"\nsubtitle = "Many events, many sources"\n'
        f"lanes = {lanes!r}\n".replace("'", '"'),
        '[[period]]\ntitle = "Crisis"\nstart = "2012-03"\nend = "2014-08"\n',
    ]
    for n in range(30):
        lines.append(
            f'[sources.s{n:02d}]\ntitle = "A long report title number {n} on the matter'
            f' of defence cooperation and procurement"\npublisher = "Outlet {n}"\n'
            f'reliability = "B"\nurl = "https://example.org/report/{n}"\n'
        )
    for n in range(150):
        cited = ", ".join(f'"s{(n + k) % 30:02d}"' for k in range(3 if n % 5 == 0 else 1))
        key = "key = true\n" if n % 25 == 0 else ""
        lines.append(
            f'[[event]]\nid = "e{n:03d}"\ntitle = "Event {n} of the chronology"\n'
            f'date = "{2010 + n // 12}-{n % 12 + 1:02d}"\ncertainty = "probable"\n'
            f'lane = "{lanes[n % 5]}"\nsources = [{cited}]\n{key}'
        )
    return timeline.loads("\n".join(lines))


CROWDED = _crowded()


@pytest.mark.parametrize("size", ["slide", "a4-landscape"])
def test_a_short_page_gives_its_room_to_what_identifies_events_before_sources(
    size: str,
) -> None:
    chart = laid_out(CROWDED, size=size)
    entries = Job.make(CROWDED, Selection(), ChartOptions(size=size)).presentation.entries
    keys = {i for i, entry in enumerate(entries) if entry.event.key}
    assert keys <= labelled(chart)  # every key event keeps its label
    assert chart.key  # the key lists events, not only "and N more"
    lowest = min(
        [entry.y for entry in chart.key]
        + [note.y for note in chart.footnotes]
        + [caption.y for caption in (chart.key_more, chart.sources_more) if caption]
    )
    assert 0 < lowest < chart.height  # no line below the page (y counts from its bottom)
