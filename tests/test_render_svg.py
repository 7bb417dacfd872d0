"""The SVG/PNG/PDF renderer: well-formed, deterministic, embeddable, readable.

Every SVG rendered here is parsed with xml.etree. Goldens live in
tests/golden/svg/NAME.mpl-VERSION.svg; regenerate them with
TIMELINE_UPDATE_GOLDEN=1 python -m pytest tests/test_render_svg.py.

The chart is tested through `timeline.render_svg` / `render_image` where that
shows what is meant; layout properties (labels clear of each other and of the
markers) through `timeline.render.chart.layout`, without matplotlib; and the
drawn labels' extents through `timeline.render.chart.draw`.
"""

from __future__ import annotations

import concurrent.futures
import functools
import itertools
import os
import pathlib
import re
import subprocess
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from typing import Any, cast

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import render_image, render_svg
from timeline.dates.edtf import parse
from timeline.render.chart import context as chart_context
from timeline.render.chart import draw as chart_draw
from timeline.render.chart import svg as chart_svg
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.layout import axis as _axis
from timeline.render.layout import placement as _labels
from timeline.render.options import ChartOptions, Selection

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "svg"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
FIXTURES = ("morocco", "ancient", "day", "gap")


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def fixture(name: str) -> timeline.Timeline:
    return timeline.load(GOLDEN / f"{name}.toml")


@pytest.fixture(scope="module")
def bundled() -> timeline.Timeline:
    return timeline.load(ROOT / "events.toml")


@pytest.fixture(scope="module")
def bundled_svg(bundled: timeline.Timeline) -> str:
    return render_svg(bundled)


def chronology(events: list[dict[str, Any]], *, title: str = "Test", extra: str = "") -> str:
    """TOML text for `events` (dicts of field -> value)."""

    def value(v: Any) -> str:
        if isinstance(v, list):
            return "[" + ", ".join(value(item) for item in v) + "]"
        text = str(v).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'

    parts = [f"[timeline]\ntitle = {value(title)}\n{extra}\n"]
    parts.append('[sources.s]\ntitle = "Source"\nurl = "https://example.org/s"\n')
    for i, event in enumerate(events):
        fields = {"id": f"e{i}", "certainty": "confirmed", "sources": ["s"], **event}
        parts.append("[[event]]\n" + "".join(f"{k} = {value(v)}\n" for k, v in fields.items()))
    return "\n".join(parts)


def dense(n: int) -> timeline.Timeline:
    """n events over two years in three lanes, with mixed precision and certainty."""
    events = []
    for i in range(n):
        day = 1 + (i * 7) % 28
        month = 1 + (i * 5) % 12
        year = 2020 + i % 2
        date = (f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}", f"{year}-{month:02d}~")[
            i % 3
        ]
        events.append(
            {
                "title": f"Event number {i} with a title long enough to wrap over lines",
                "date": date,
                "certainty": ("confirmed", "probable", "possible", "doubtful")[i % 4],
                "lane": f"Lane {i % 3}",
            }
        )
    return timeline.loads(chronology(events, title=f"Dense {n}"), name="dense.toml")


# ---------------------------------------------------------------- the document


def test_bundled_svg_is_xml_with_title_and_desc_first(
    bundled: timeline.Timeline, bundled_svg: str
) -> None:
    root = parsed(bundled_svg)
    assert root.tag == f"{SVG}svg"
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title"
    assert first.text == bundled.title
    assert second.tag == f"{SVG}desc"
    assert "9 events" in (second.text or "")
    assert root.get("role") is None  # role="img" would hide the events' titles
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"


def test_same_input_same_bytes(bundled: timeline.Timeline, bundled_svg: str) -> None:
    assert render_svg(bundled) == bundled_svg
    assert render_svg(bundled, theme="dark", locale="fr") == render_svg(
        bundled, theme="dark", locale="fr"
    )
    parsed(bundled_svg)


def test_no_date_and_no_random_ids(bundled_svg: str) -> None:
    parsed(bundled_svg)
    assert "<dc:date>" not in bundled_svg
    # Without a fixed hashsalt matplotlib ids would be uuid-based: same ids each run
    # is covered by the bytes test; here, ids are short, prefixed hashes or counters.
    for value in re.findall(r' id="([^"]+)"', bundled_svg):
        assert re.fullmatch(r"tl-[0-9a-f]{8}-[\w.-]+", value), value


@pytest.mark.slow  # 8 s of renders in threads: .ci/run's heavy step runs it
def test_rcparams_untouched_and_no_pyplot(bundled: timeline.Timeline) -> None:
    had_pyplot = "matplotlib.pyplot" in sys.modules
    # RcParams.copy(), not dict(rcParams): reading "backend" would import pyplot.
    before = matplotlib.rcParams.copy()
    with matplotlib.rc_context({"lines.linewidth": 7.0, "font.family": ["serif"]}):
        inside = matplotlib.rcParams.copy()
        styled = render_svg(bundled)
        assert matplotlib.rcParams.copy() == inside
    render_image(bundled, "png", dpi=30)
    render_image(bundled, "pdf")
    assert matplotlib.rcParams.copy() == before
    # The caller's rcParams do not leak into the picture either.
    assert styled == render_svg(bundled)
    parsed(styled)
    if not had_pyplot:
        assert "matplotlib.pyplot" not in sys.modules


def test_text_stays_text_with_a_font_stack(bundled_svg: str) -> None:
    root = parsed(bundled_svg)
    shown = texts(root)
    assert "Diplomacy" in shown
    assert "Jan 2021" in shown
    assert "DejaVuSans-" not in bundled_svg  # no glyphs drawn as paths
    families = set(re.findall(r"font-family: ([^;\"]+)", bundled_svg))
    assert families == {"'DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', sans-serif"}


def test_every_event_has_a_hover_title(bundled: timeline.Timeline, bundled_svg: str) -> None:
    root = parsed(bundled_svg)
    hovers = [
        use.find(f"{SVG}title")
        for use in root.iter(f"{SVG}use")
        if use.find(f"{SVG}title") is not None
    ]
    assert len(hovers) == len(bundled.events)
    titles = {(node.text or "").split("\n")[0] for node in hovers if node is not None}
    assert titles == {event.title for event in bundled.events}
    assert any("Dec 2020 · confirmed" in (node.text or "") for node in hovers if node is not None)


def test_footnotes_and_only_web_links(bundled_svg: str) -> None:
    root = parsed(bundled_svg)
    links = [a.get(XLINK) or "" for a in root.iter(f"{SVG}a")]
    assert "https://northafricapost.com" in links
    assert all(link.startswith(("http://", "https://")) for link in links)
    shown = "\n".join(texts(root))
    assert "[11]" in shown
    assert "North Africa Post, “Closer cooperation" in shown
    assert "[1, 2]" in shown  # a label's footnote references
    day = parsed(render_svg(fixture("day")))
    day_links = [a.get(XLINK) for a in day.iter(f"{SVG}a")]
    assert day_links == ["https://example.org/live?a=1&b=2"]
    assert "javascript:alert(1)" in texts(day)  # shown, never a link
    ancient = parsed(render_svg(fixture("ancient")))
    assert all(a.get(XLINK) != "ftp://example.org/notes" for a in ancient.iter(f"{SVG}a"))


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a", True),
        ("HTTP://EXAMPLE.ORG/B", True),
        ("http:/x", False),
        ("https:/\\evil.example", False),
        ("https://\\evil.example/", False),
        ("http://", False),
        ("ftp://example.org/c", False),
        ("data:text/html,<b>x</b>", False),
    ],
)
def test_only_web_urls_become_links(url: str, link: bool) -> None:
    """The chart links a source's URL only if `timeline._urls.web_url` says it is a
    web URL, the validator's policy; any other URL is shown as plain text."""
    extra = f'\n[sources.odd]\ntitle = "Odd"\nurl = "{url.replace(chr(92), chr(92) * 2)}"\n'
    events = [{"title": "Cited", "date": "2020", "sources": ["s", "odd"]}]
    tl = timeline.loads(chronology(events, extra=extra), name="odd.toml")
    assert tl.sources["odd"].url == url
    root = parsed(render_svg(tl))
    links = [a.get(XLINK) for a in root.iter(f"{SVG}a")]
    assert "https://example.org/s" in links
    assert (url in links) is link, links
    assert url in texts(root)  # shown either way


def test_legend_and_as_of(bundled_svg: str) -> None:
    shown = texts(parsed(bundled_svg))
    for word in ("Certainty:", "confirmed", "probable", "end not known", "as of 1 Feb 2026"):
        assert word in shown
    assert "Cooperation slowed by the Gaza war" in shown


# ---------------------------------------------------------------- inlined in a page


def selectors(root: ET.Element) -> list[str]:
    """Every selector of every style sheet in the SVG."""
    sheets = ["".join(node.itertext()) for node in root.iter(f"{SVG}style")]
    rules = [rule for sheet in sheets for rule in re.findall(r"([^{}]*)\{", sheet)]
    return [selector.strip() for rule in rules for selector in rule.split(",")]


@pytest.mark.parametrize("name", [*FIXTURES, "dense"])
def test_the_chart_styles_only_itself(name: str) -> None:
    """Inlined in an HTML page, the chart restyles none of the page's other elements
    (matplotlib's own sheet says *{stroke-linejoin: round}, which reaches every SVG
    of the page): a selector, if any, is scoped to the chart's root, and the chart's
    line joins and caps are set on that root, for its elements to inherit."""
    tl = dense(60) if name == "dense" else fixture(name)
    for theme in ("light", "dark"):
        svg = render_svg(tl, theme=theme)
        root = parsed(svg)
        root_id = root.get("id")
        for selector in selectors(root):
            assert root_id, selector
            assert selector.startswith(f"#{root_id}"), selector
        assert "*{" not in svg.replace(" ", "")
        style = {
            part.split(":")[0].strip(): part.split(":")[1].strip()
            for part in (root.get("style") or "").split(";")
            if part.strip()
        }
        assert style["stroke-linejoin"] == "round"
        assert style["stroke-linecap"] == "butt"
        page = timeline.render_html(tl, chart=svg, theme=theme)
        inline = page[page.index("<svg ") : page.index("</svg>") + len("</svg>")]
        assert inline in svg  # the page inlines the chart as it is
        assert "*{" not in inline.replace(" ", "")


# ---------------------------------------------------------------- ids


def all_ids(root: ET.Element) -> list[str]:
    return [node.get("id") or "" for node in root.iter() if node.get("id")]


def test_ids_prefixed_resolved_and_distinct_between_charts(bundled_svg: str) -> None:
    first = parsed(bundled_svg)
    other_svg = render_svg(fixture("ancient"))
    second = parsed(other_svg)
    ids_a, ids_b = all_ids(first), all_ids(second)
    assert len(ids_a) == len(set(ids_a))
    assert not set(ids_a) & set(ids_b)
    for svg, ids in ((bundled_svg, set(ids_a)), (other_svg, set(ids_b))):
        references = re.findall(r"url\(#([^)]+)\)", svg) + re.findall(r'xlink:href="#([^"]+)"', svg)
        assert references
        assert set(references) <= ids
    # The same chronology with other options is another chart on the page too.
    dark = parsed(render_svg(fixture("ancient"), theme="dark"))
    assert not set(all_ids(dark)) & set(ids_b)


# ---------------------------------------------------------------- hostile text


HOSTILE = [
    "Quotes \"double\" and 'single'",
    "<script>alert('x')</script> & <b>bold</b>",
    "Costs $500 million and $x$ and $$",
    "Comment -- closes --> here",
    "مرحبا بالعالم — שלום עולם",
    "Emoji 🎉🇲🇦 and family 👨‍👩‍👧",
    "Zero\u200bwidth\u200djoiner\u2060and\ufeffBOM",
    "x" * 2000,
    "Ｆｕｌｌｗｉｄｔｈ 中文标题 日本語のタイトル",
    "Z̵̡̛a̶l̷g̸o̵ text",
    "]]> <![CDATA[ x ]]>",
    "\ufffe\uffff noncharacters",
]


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_hostile_titles_stay_literal_and_well_formed() -> None:
    events = [
        {"title": title, "date": f"{2000 + 2 * i}", "lane": f"Lane {i % 3}"}
        for i, title in enumerate(HOSTILE)
    ]
    tl = timeline.loads(chronology(events, title='Hostile <&> "$x$"'), name="hostile.toml")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = render_svg(tl)
    # The SVG's text is drawn by the viewer's fonts: measuring it warns of nothing.
    assert not [str(w.message) for w in caught if "missing from font" in str(w.message)]
    root = parsed(svg)
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == 'Hostile <&> "$x$"'  # type: ignore[union-attr]
    assert not list(root.iter(f"{SVG}script"))
    hovers = "\n".join(node.text or "" for node in root.iter(f"{SVG}title"))
    for title in HOSTILE:
        expected = title.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
        assert expected in hovers
    shown = texts(root)
    assert any("$500 million and $x$" in line for line in shown)
    assert any("<script>alert('x')</script>" in line for line in shown)
    assert any("Comment -- closes --> here" in line for line in shown)
    for image in ("png", "pdf"):
        assert render_image(tl, image, dpi=40)[:4] in (b"\x89PNG", b"%PDF")


def test_dollar_signs_are_not_mathtext(bundled_svg: str) -> None:
    shown = " ".join(texts(parsed(bundled_svg)))
    assert "for $500 million" in shown
    tl = timeline.loads(
        chronology([{"title": "$x$ is literal", "date": "2020"}], title="$\\alpha$"), name="d"
    )
    root = parsed(render_svg(tl))
    assert "$x$ is literal [1]" in texts(root)
    assert "$\\alpha$" in texts(root)


# ---------------------------------------------------------------- the axis in the picture


def test_tick_labels_in_english_and_french(bundled: timeline.Timeline) -> None:
    english = texts(parsed(render_svg(bundled)))
    french = texts(parsed(render_svg(bundled, locale="fr")))
    assert {"Jan 2021", "Jul", "Jan 2022"} <= set(english)
    assert {"janv. 2021", "juil.", "janv. 2022"} <= set(french)
    assert "au 1 févr. 2026" in french
    assert "déc. 2020" in french  # a label's date


def test_bce_millennia_and_open_ranges() -> None:
    tl = fixture("ancient")
    shown = texts(parsed(render_svg(tl)))
    assert {"3000 BCE", "2000 BCE", "1000 BCE", "1000"} <= set(shown)
    assert "ongoing (..)" in shown
    assert "700 BCE → …" in shown
    french = texts(parsed(render_svg(tl, locale="fr")))
    assert "3000 av. J.-C." in french


def test_hours_on_a_one_day_axis() -> None:
    shown = texts(parsed(render_svg(fixture("day"))))
    assert "14:00" in shown
    assert any(label.startswith("6 Mar 2024 ") for label in shown)
    assert "as of 6 Mar 2024 20:00 UTC" in shown


def test_long_gap_breaks_the_axis() -> None:
    shown = texts(parsed(render_svg(fixture("gap"))))
    assert "20 years" in shown
    assert "2005" not in shown
    assert "2010" not in shown
    assert {"1994", "2021"} <= set(shown)
    french = texts(parsed(render_svg(fixture("gap"), locale="fr")))
    assert "20 ans" in french


def test_selection_and_empty_charts(bundled: timeline.Timeline) -> None:
    root = parsed(render_svg(bundled, lanes=["Diplomacy"], date_from="2022"))
    shown = texts(root)
    assert "Air defence" not in shown
    assert "Diplomacy" in shown
    assert "Jan 2021" not in shown  # the axis starts at the window
    empty = parsed(render_svg(bundled, date_from="1900", date_to="1901"))
    assert "No events to show." in texts(empty)
    assert render_svg(timeline.Timeline()).startswith("<?xml")


# ---------------------------------------------------------------- options


def svg_size(svg: str) -> tuple[float, float]:
    root = parsed(svg)
    return tuple(float(root.get(name, "").removesuffix("pt")) for name in ("width", "height"))  # type: ignore[return-value]


def test_sizes(bundled: timeline.Timeline) -> None:
    """A named size or WxH is the exact page; no size, or a width alone, flows."""
    exact = {
        "slide": (960.0, 540.0), "a4": (595.0, 842.0), "a4-landscape": (842.0, 595.0),
        "letter": (612.0, 792.0), "letter-landscape": (792.0, 612.0), "10x6": (720.0, 432.0),
        "6.5X5.5": (468.0, 396.0), "25x15cm": (708.661, 425.197),
        "200 x 120 mm": (566.929, 340.157),
    }  # fmt: skip
    for size, page in exact.items():
        assert svg_size(render_svg(bundled, size=size)) == page, size
    width, height = svg_size(render_svg(bundled))
    assert width == 960.0
    assert height > 540.0  # as tall as the content: the bundled chart needs more than 16:9
    width, height = svg_size(render_svg(bundled, size="21cm"))
    assert width == 595.276
    assert height > 595.276 * 9 / 16


@pytest.mark.parametrize(
    ("option", "value", "word"),
    [
        ("size", "huge", "size"),
        ("size", "1x1", "size"),
        ("size", "10x", "size"),
        ("size", "10x6pt", "size"),
        ("size", 10, "size"),
        ("sources", "footer", "sources"),
        ("header", "no", "header"),
        ("theme", "neon", "theme"),
        ("locale", "xx", "locale"),
        ("min_certainty", "certain", "min_certainty"),
    ],
)
def test_bad_options_name_themselves(
    bundled: timeline.Timeline, option: str, value: str, word: str
) -> None:
    with pytest.raises(ValueError, match=word):
        render_svg(bundled, **{option: value})


def test_bad_image_options(bundled: timeline.Timeline) -> None:
    with pytest.raises(ValueError, match="format"):
        render_image(bundled, "gif")
    with pytest.raises(ValueError, match="dpi"):
        render_image(bundled, "png", dpi=0)
    with pytest.raises(timeline.OptionError, match="unknown option"):
        render_svg(bundled, colour="red")


@pytest.mark.slow  # a PNG and a PDF of 3 s: CI's heavy step
def test_png_and_pdf(bundled: timeline.Timeline) -> None:
    png = render_image(bundled, "png", dpi=60)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == render_image(bundled, "png", dpi=60)
    pdf = render_image(bundled, "pdf", theme="print")
    assert pdf.startswith(b"%PDF")
    assert b"northafricapost" in pdf  # the footnote link


def test_print_theme_is_grayscale(bundled: timeline.Timeline) -> None:
    svg = render_svg(bundled, theme="print")
    parsed(svg)
    for color in set(re.findall(r"#([0-9a-f]{6})\b", svg)):
        r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
        assert r == g == b, color


def test_dark_theme(bundled: timeline.Timeline) -> None:
    svg = render_svg(bundled, theme="dark")
    parsed(svg)
    assert "fill: #14171c" in svg  # the background


# ---------------------------------------------------------------- no overlaps


Box = tuple[float, float, float, float]


def meet(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def laid_out(tl: timeline.Timeline, **options: Any) -> tuple[Job, ChartLayout]:
    chart = {name: options.pop(name) for name in ("size", "sources") if name in options}
    job = Job.make(tl, Selection(**options), ChartOptions(**chart))
    return job, layout(job)


def assert_clear(boxes: Sequence[Box], markers: Sequence[Box]) -> None:
    """No two label boxes meet, and no label box meets a marker."""
    for a, b in itertools.combinations(boxes, 2):
        assert not meet(a, b), (a, b)
    for box in boxes:
        for marker in markers:
            assert not meet(box, marker), (box, marker)


def assert_layout_clear(chart: ChartLayout) -> None:
    """The layout's labels and the numbers on stems keep clear of each other and of
    the markers, and no stem runs through another label or number."""
    labels: list[Any] = [label for lane in chart.labels for label in lane.labels]
    labels += [n for lane in chart.labels for n in lane.numbers if n.stem is not None]
    assert_clear([label.extent for label in labels], chart.marker_boxes)
    for label in labels:
        (x, low), (_, high) = label.stem
        assert low < high
        assert label.extent[0] <= x <= label.extent[2]
        for other in labels:
            if other is not label:
                left, bottom, right, top = other.extent
                assert not (left < x < right and bottom < high and low < top), (label, other)


def drawn(job: Job, chart: ChartLayout) -> Iterator[tuple[chart_draw.Drawing, Any]]:
    with chart_context.settings(job.salt):
        drawing = chart_draw.draw(chart, job)
        yield drawing, chart_svg.measuring_renderer(drawing.figure)


def assert_drawn_clear(
    drawing: chart_draw.Drawing, markers: Sequence[Box], renderer: Any, scale: float = 1.0
) -> None:
    """The label texts as matplotlib measures them keep clear, too."""
    extents = [text.get_window_extent(renderer) for text in drawing.labels]
    boxes = [(b.x0 / scale, b.y0 / scale, b.x1 / scale, b.y1 / scale) for b in extents]
    assert_clear(boxes, markers)


def test_labels_overlap_nothing_in_the_bundled_chart(bundled: timeline.Timeline) -> None:
    for size in (None, "slide", "a4", "a4-landscape", "7x5"):
        job, chart = laid_out(bundled, size=size)
        assert_layout_clear(chart)
        for drawing, renderer in drawn(job, chart):
            assert_drawn_clear(drawing, chart.marker_boxes, renderer)
            assert len(drawing.labels) == 2 * sum(len(lane.labels) for lane in chart.labels)
        if size in (None, "slide", "a4-landscape"):  # every label fits (slide: smaller text)
            assert chart.unlabelled == 0, size
            assert len(drawing.labels) == 2 * len(bundled.events)


def test_labels_overlap_nothing_in_a_dense_chart() -> None:
    tl = dense(200)
    job, chart = laid_out(tl)
    assert_layout_clear(chart)
    assert 0 < chart.unlabelled < 200
    assert len(chart.marker_boxes) >= 200
    for drawing, renderer in drawn(job, chart):
        assert_drawn_clear(drawing, chart.marker_boxes, renderer)
    root = parsed(render_svg(tl))
    shown = texts(root)
    assert "Numbered events" in shown
    assert not any("Hover" in line or "have no label" in line for line in shown)
    hovers = [use for use in root.iter(f"{SVG}use") if use.find(f"{SVG}title") is not None]
    assert len(hovers) == 200


@settings(deadline=None)
@given(
    n=st.integers(1, 120),
    size=st.sampled_from([None, "slide", "a4", "a4-landscape", "7x5", "20x4", "4x3"]),
    locale=st.sampled_from(["en", "fr"]),
)
def test_layout_labels_never_overlap(n: int, size: str | None, locale: str) -> None:
    refused: timeline.OptionError | None = None
    try:
        _, chart = laid_out(dense(n), size=size, locale=locale)
    except timeline.OptionError as error:
        refused = error
    if refused is not None:  # only a page shorter than the chart's least height
        found = re.fullmatch(
            r"size: the page is [\d.]+ x ([\d.]+) in; this chart's (\d lanes need|1 lane needs)"
            r" a page at least ([\d.]+) in \([\d.]+ cm\) tall to show (them|it) and 3 lines of"
            r" the key at the smallest text \(try a taller size; [a-z ,]+ would (each )?save"
            r" some room\)",
            refused.message,
        )
        assert found is not None, refused.message
        assert refused.option == "size"
        assert float(found[3]) > float(found[1])
        return
    assert min(_lowest(chart), chart.axis_y) >= 0  # nothing runs off the page
    labelled = sum(len(lane.labels) for lane in chart.labels)
    assert labelled + chart.unlabelled == n
    assert_layout_clear(chart)
    numbers = {n.event for lane in chart.labels for n in lane.numbers}
    assert len(numbers) == chart.unlabelled  # every marker without a label has a number


def _lowest(chart: ChartLayout) -> float:
    """The y of the foot of the lowest text under the chart (y counts up from the page's
    foot): key entries, sources, the lines saying what is left out, marker numbers."""
    key, foot = chart.sizes.key * 1.15, chart.sizes.foot * 1.15
    lines = [entry.y - (entry.body.count("\n") + 1) * key for entry in chart.key]
    lines += [note.y - (note.body.count("\n") + 1) * foot for note in chart.footnotes]
    lines += [c.y for c in (chart.key_more, chart.sources_more, chart.key_heading) if c]
    lines += [n.extent[1] for lane in chart.labels for n in lane.numbers]
    return min(lines, default=chart.axis_y)


def test_png_labels_overlap_nothing_at_its_resolution(bundled: timeline.Timeline) -> None:
    """Agg, unhinted, draws text on the advances the layout measured, at any dpi."""
    from matplotlib.backends.backend_agg import RendererAgg

    for dpi in (20, 72, 150):
        job = Job.make(bundled, Selection(), ChartOptions(), format="png")
        chart = layout(job)
        assert_layout_clear(chart)
        with chart_context.settings(job.salt):
            drawing = chart_draw.draw(chart, job)
            drawing.figure.set_dpi(dpi)
            width, height = drawing.figure.get_size_inches() * dpi
            renderer = cast(Any, RendererAgg)(width, height, dpi)
            assert_drawn_clear(drawing, chart.marker_boxes, renderer, scale=dpi / 72)


def drawn_texts(job: Job, chart: ChartLayout) -> list[tuple[Any, ...]]:
    """Every text the drawing of `chart` holds: its string, position, size and alignment."""
    with chart_context.settings(job.salt):
        figure = chart_draw.draw(chart, job).figure
        return [
            (t.get_text(), *t.get_position(), t.get_fontsize(), t.get_horizontalalignment())
            for t in figure.texts
        ]


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_one_layout_and_one_picture_in_every_format() -> None:
    """SVG, PNG and PDF come from one layout: the same labels at the same places, the
    same texts drawn; only a raster writes an inline URL into its footnote's text."""
    tl = dense(150)
    jobs = {f: Job.make(tl, Selection(), ChartOptions(), format=f) for f in ("svg", "png", "pdf")}
    charts = {f: layout(job) for f, job in jobs.items()}
    assert charts["svg"] == charts["png"] == charts["pdf"]
    placed = {
        f: [(label.event, label.x, label.y, label.ha, label.lines) for lane in c.labels
            for label in lane.labels]
        for f, c in charts.items()
    }  # fmt: skip
    assert placed["svg"]
    assert placed["svg"] == placed["png"] == placed["pdf"]
    texts_of = {f: drawn_texts(job, charts[f]) for f, job in jobs.items()}
    assert texts_of["svg"] == texts_of["pdf"]
    svg, png = texts_of["svg"], texts_of["png"]
    different = [(a, b) for a, b in zip(svg, png, strict=False) if a != b]
    assert all(b[0].startswith(a[0]) and "https://" in b[0] for a, b in different), different
    assert len(png) == len(svg) - len(different)  # the URL texts the raster merged
    # The labels the SVG shows are the labels of the layout.
    shown = set(texts(parsed(render_svg(tl))))
    assert {line for *_, lines in placed["svg"] for line in lines} <= shown


def test_strongest_certainty_is_labelled_first() -> None:
    tl = dense(300)
    _, chart = laid_out(tl)
    labelled = {"\n".join(label.lines) for lane in chart.labels for label in lane.labels}
    assert chart.unlabelled > 0
    ranks = {"confirmed": 0, "probable": 1, "possible": 2, "doubtful": 3}
    counts = dict.fromkeys(ranks, 0)
    for i, event in enumerate(tl.events):
        if any(text.startswith(f"Event number {i} ") for text in labelled):
            counts[event.certainty] += 1
    assert counts["confirmed"] >= counts["probable"] >= counts["doubtful"]


def test_the_layout_needs_no_matplotlib() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        import timeline.render.chart.layout as chart_layout
        assert "matplotlib" not in sys.modules, "importing the layout imported matplotlib"
        import timeline
        from timeline.render.chart.job import Job
        from timeline.render.options import ChartOptions, Selection
        tl = timeline.load({str(ROOT / "events.toml")!r})
        for options in (ChartOptions(), ChartOptions(size="a4", theme="dark")):
            chart = chart_layout.layout(Job.make(tl, Selection(locale="fr"), options))
            assert chart.labels and chart.marker_boxes and chart.ticks
        assert "matplotlib" not in sys.modules, "making a layout imported matplotlib"
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_layout_is_a_frozen_value(bundled: timeline.Timeline) -> None:
    job, chart = laid_out(bundled)
    assert chart == layout(job)
    with pytest.raises(AttributeError):
        chart.height = 1.0  # type: ignore[misc]
    assert chart.hovers == {group.gid: group.hovers for group in chart.marker_groups}
    assert sum(len(group.members) for group in chart.marker_groups) == len(bundled.events)


# ---------------------------------------------------------------- threads


THREADED = ("ancient", "day")  # with the bundled chart: enough to clash (most did, unlocked)


@pytest.mark.slow  # 7 s: .ci/run's heavy step runs it
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # PNG and PDF draw the glyphs
def test_concurrent_renders_are_byte_identical_to_serial_ones(
    bundled: timeline.Timeline,
) -> None:
    """8 threads rendering SVGs, PNGs and PDFs of several chronologies at once get
    exactly the bytes one thread gets: no render changes another's settings."""
    chronologies = [fixture(name) for name in THREADED] + [bundled]
    jobs: list[tuple[str, int, dict[str, Any]]] = []
    for i in range(len(chronologies)):
        jobs += [
            ("svg", i, {}),
            ("png", i, {"dpi": 30 + 10 * i}),
            ("svg", i, {"theme": "dark", "locale": "fr", "size": "a4"}),
        ]
    jobs += [("pdf", 1, {"theme": "print"})]

    def run(job: tuple[str, int, dict[str, Any]]) -> bytes:
        kind, i, options = job
        if kind == "svg":
            return render_svg(chronologies[i], **options).encode("utf-8")
        return render_image(chronologies[i], kind, **options)

    before = matplotlib.rcParams.copy()
    serial = [run(job) for job in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(run, jobs * 2))
    differing = [
        f"{kind} of {(*THREADED, 'events.toml')[i]} {options}"
        for (kind, i, options), one, other in zip(jobs * 2, serial * 2, together, strict=True)
        if one != other
    ]
    assert not differing, differing
    assert matplotlib.rcParams.copy() == before


# ---------------------------------------------------------------- goldens


@pytest.mark.parametrize("name", FIXTURES)
def test_golden(name: str) -> None:
    version = matplotlib.__version__
    path = GOLDEN / f"{name}.mpl-{version}.svg"
    svg = render_svg(fixture(name))
    parsed(svg)
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        path.write_text(svg, encoding="utf-8", newline="")
    if not path.exists():
        others = sorted(p.name for p in GOLDEN.glob(f"{name}.mpl-*.svg"))
        pytest.skip(
            f"no golden SVG for matplotlib {version} (have: {', '.join(others) or 'none'});"
            " goldens depend on matplotlib's SVG writer: run with TIMELINE_UPDATE_GOLDEN=1"
            " and review the diff"
        )
    assert svg == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, regenerate with TIMELINE_UPDATE_GOLDEN=1"
    )


def test_evidence_golden() -> None:
    """The evidence fixture's chart: graded footnotes with their archived copies, the
    claimed dates' brackets, and (`new_since`) the new events' rings and badges."""
    path = GOLDEN / f"evidence.mpl-{matplotlib.__version__}.svg"
    svg = render_svg(timeline.load(GOLDEN.parent / "evidence.toml"), new_since="2021-06-01")
    parsed(svg)
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        path.write_text(svg, encoding="utf-8", newline="")
    if not path.exists():
        pytest.skip(f"no golden SVG for matplotlib {matplotlib.__version__}")
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} differs"


def test_actors_golden() -> None:
    """The actors fixture with a lane an actor: the events of several actors in each of
    their lanes, joined by connectors, labelled once; a last lane of no actor."""
    path = GOLDEN / f"actors.mpl-{matplotlib.__version__}.svg"
    svg = render_svg(fixture("actors"), lanes_by="actors")
    parsed(svg)
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":
        path.write_text(svg, encoding="utf-8", newline="")
    if not path.exists():
        pytest.skip(f"no golden SVG for matplotlib {matplotlib.__version__}")
    assert svg == path.read_text(encoding="utf-8"), f"{path.name} differs"


# ---------------------------------------------------------------- pure layout: labels


@st.composite
def label_sets(draw: st.DrawFn) -> list[_labels.Label]:
    count = draw(st.integers(0, 60))
    labels = []
    for key in range(count):
        anchor = draw(st.floats(0, 500, allow_nan=False))
        shapes = tuple(
            (draw(st.floats(5, 200, allow_nan=False)), draw(st.integers(1, 6)))
            for _ in range(draw(st.integers(1, 2)))
        )
        lazy = draw(st.booleans())
        labels.append(
            _labels.Label(
                key,
                anchor,
                functools.partial(tuple, shapes) if lazy else shapes,
                (draw(st.integers(0, 3)), -anchor),
                min(width for width, _ in shapes) if draw(st.booleans()) else 0.0,
            )
        )
    return labels


@settings(deadline=None)
@given(labels=label_sets(), max_rows=st.integers(1, 20), gap=st.floats(0, 8))
def test_placed_labels_never_overlap(
    labels: list[_labels.Label], max_rows: int, gap: float
) -> None:
    placed = _labels.place_labels(labels, lo=0, hi=500, max_rows=max_rows, gap=gap)
    by_key = {label.key: label for label in labels}
    for p in placed.values():
        label = by_key[p.key]
        width, rows = label.sizes()[p.shape]
        assert p.rows == rows
        assert p.row >= 0
        assert p.row + p.rows <= max_rows
        assert 0 <= p.left <= p.right <= 500
        assert p.right - p.left == pytest.approx(width)
        assert label.anchor in (pytest.approx(p.left), pytest.approx(p.right))
    for a, b in itertools.combinations(placed.values(), 2):
        rows_meet = a.row < b.row + b.rows and b.row < a.row + a.rows
        if rows_meet:
            assert a.right + gap <= b.left + 1e-9 or b.right + gap <= a.left + 1e-9, (a, b)
    # No stem (from the marker, row 0, up to its box) crosses another box.
    for a in placed.values():
        x = by_key[a.key].anchor
        for b in placed.values():
            if b is not a and b.row < a.row:
                assert not b.left < x < b.right, (a, b)


def test_label_placement_stacks_neighbours_and_respects_priority() -> None:
    labels = [
        _labels.Label(i, 10.0 + 30 * i, ((100.0, 2),), (0, -(10.0 + 30 * i))) for i in range(4)
    ]
    placed = _labels.place_labels(labels, lo=0, hi=1000, max_rows=8, gap=2)
    assert sorted(placed) == [0, 1, 2, 3]
    assert [placed[i].row for i in range(4)] == [6, 4, 2, 0]  # a staircase, no one shut out
    weak = _labels.Label(9, 12.0, ((100.0, 8),), (5,))
    strong = _labels.Label(8, 14.0, ((100.0, 8),), (0,))
    placed = _labels.place_labels([weak, strong], lo=0, hi=1000, max_rows=8)
    assert list(placed) == [8]
    # The narrow shape is used where the wide one does not fit.
    pair = [
        _labels.Label(0, 0.0, ((50.0, 1),), (0,)),
        _labels.Label(1, 60.0, ((100.0, 1), (30.0, 3)), (1,)),
        _labels.Label(2, 100.0, ((20.0, 1),), (0,)),
    ]
    placed = _labels.place_labels(pair, lo=0, hi=1000, max_rows=3)
    assert placed[1].shape == 1


@settings(deadline=None)
@given(
    extents=st.lists(
        st.tuples(st.floats(0, 1000, allow_nan=False), st.floats(0, 50, allow_nan=False)),
        max_size=40,
    ),
    max_tracks=st.integers(1, 5),
)
def test_tracks_do_not_overlap_below_their_limit(
    extents: list[tuple[float, float]], max_tracks: int
) -> None:
    spans = [(lo, lo + width) for lo, width in extents]
    tracks = _labels.pack_tracks(spans, max_tracks=max_tracks, gap=0)
    assert all(0 <= t < max_tracks for t in tracks)
    by_track: dict[int, list[tuple[float, float]]] = {}
    for span, track in zip(spans, tracks, strict=True):
        by_track.setdefault(track, []).append(span)
    depth = max(
        (sum(1 for lo, hi in spans if lo <= x <= hi) for x in [s[0] for s in spans]), default=0
    )
    if depth <= max_tracks:  # interval graphs: first fit by start needs only `depth` tracks
        for members in by_track.values():
            members.sort()
            for (_, hi), (lo, _) in itertools.pairwise(members):
                assert hi <= lo


# ---------------------------------------------------------------- pure layout: the axis


YEAR = _axis.YEAR


@settings(deadline=None)
@given(
    points=st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=30),
    widths=st.lists(st.integers(0, 10**9), min_size=30, max_size=30),
    probes=st.lists(st.integers(-(10**13), 10**13), min_size=2, max_size=20),
)
def test_axis_mapping_is_strictly_monotonic(
    points: list[int], widths: list[int], probes: list[int]
) -> None:
    extents = [(p, p + w) for p, w in zip(points, widths, strict=False)]
    scale = _axis.build_scale(extents, 100.0, 900.0)
    assert scale.x(scale.t0) == pytest.approx(100.0)
    assert scale.x(scale.t1) == pytest.approx(900.0)
    probes = sorted(set(probes + [p for e in extents for p in e]))
    xs = [scale.x(t) for t in probes]
    assert all(a < b for a, b in itertools.pairwise(xs))
    for piece in scale.pieces:
        assert piece.t0 < piece.t1
        assert piece.x0 < piece.x1
    # Every extent is drawn on the linear part (never inside a break).
    for lo, hi in extents:
        for piece in scale.breaks:
            assert not (piece.t0 < lo < piece.t1)
            assert not (piece.t0 < hi < piece.t1)
    # The linear pieces share one scale: the axis is to scale.
    slopes = [(p.x1 - p.x0) / (p.t1 - p.t0) for p in scale.linear]
    assert max(slopes) == pytest.approx(min(slopes), rel=1e-6)


def year(text: str) -> tuple[int, int]:
    date = parse(text)
    assert date.lower is not None
    assert date.upper is not None
    return date.lower, date.upper


def test_gap_over_a_third_breaks_once() -> None:
    scale = _axis.build_scale(
        [year("1994"), year("1995"), year("2000"), year("2020"), year("2026")], 0, 800
    )
    (piece,) = scale.breaks
    assert _axis.duration_label(piece.gap) == "19 years"  # from the end of 2000
    assert _axis.duration_label(piece.gap, "fr") == "19 ans"
    # Two lone days are the whole story, not a gap.
    assert not _axis.build_scale([year("1990-05-01"), year("2020-05-01")], 0, 800).breaks
    # Two months, and what lies between them collapsed: each month is readable.
    assert len(_axis.build_scale([year("2021-02"), year("2021-11")], 0, 800).breaks) == 1


@pytest.mark.parametrize(
    ("extents", "locale", "expected"),
    [
        (["2020-12", "2026-01"], "en", {"Jan 2021", "Jul", "Jan 2026"}),
        (["2021-02", "2021-03", "2021-05", "2021-07"], "en", {"Feb 2021", "Apr", "Jun"}),
        (["2021-02", "2021-03", "2021-05", "2021-07"], "fr", {"mars 2021", "avr.", "juin"}),
        (["2021-02", "2021-11"], "en", {"11 Feb", "21 Feb", "11 Nov", "21 Nov"}),  # broken
        (["-2999", "0300"], "en", {"3000 BCE", "2000 BCE", "1000 BCE"}),
        (["-2999", "0300"], "fr", {"2000 av. J.-C.", "1000 av. J.-C."}),
        (["2021-11-24T10:00:00Z", "2021-11-24T18:30:00Z"], "en", {"12:00", "14:00"}),
        (["Y170000002", "Y170000002"], "en", {"May", "Jul"}),
        (["-9999", "-9000"], "en", {"9500 BCE", "9000 BCE"}),
        (["1000-01-01", "3000-01-01"], "en", {"1500", "2000", "2500"}),
    ],
)
def test_ticks_for_the_span(extents: list[str], locale: str, expected: set[str]) -> None:
    spans = []
    for text in extents:
        date = parse(text)
        assert date.lower is not None
        assert date.upper is not None
        spans.append((date.lower, date.upper))
    scale = _axis.build_scale(spans, 0, 800)
    ticks = _axis.ticks(scale, lambda label: 5.5 * len(label), locale)
    labels = [tick.label for tick in ticks]
    assert expected <= set(labels), labels
    assert not any(label in labels[1:] for label in labels[:1])
    if extents[0] == "Y170000002":
        assert labels[0].endswith(" 170000002")
    if extents[0].startswith("2021-11-24T"):
        assert labels[0].startswith("24 Nov 2021 ")
    xs = [tick.x for tick in ticks]
    assert xs == sorted(xs)
    assert all(0 <= x <= 800 for x in xs)
    for a, b in itertools.pairwise(ticks):
        assert b.x - a.x >= (5.5 * len(a.label) + 5.5 * len(b.label)) / 2


def test_duration_words() -> None:
    assert _axis.duration_label(3 * 3600) == "3 hours"
    assert _axis.duration_label(90 * 86400) == "3 months"
    assert _axis.duration_label(5 * 86400, "de") == "5 Tage"
    assert _axis.duration_label(170_000_000 * YEAR, "fr") == "170000000 ans"
