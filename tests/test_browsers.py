"""The SVGs and the HTML briefing page in the programs that really display them.

Chromium (Debian package `chromium`) and librsvg (`rsvg-convert`, package
`librsvg2-bin`) must be installed for these tests to run; without them they
skip with a message naming the package, unless TIMELINE_REQUIRE_RENDERERS=1
(as .ci/run sets), which makes a missing renderer fail the suite.

The charts are rendered here, with `timeline.render_svg`, from every fixture
chronology (tests/golden/svg/*.toml, tests/golden/*.toml) and the bundled
events.toml, into a temporary directory; the checks do not depend on golden
file names. Every page is loaded by one Chromium session, two tabs at a time
(see `chromium_runs`), each page in a tab of its own with a 60 s limit.

The Chromium tests are marked slow (the session takes 15-25 s): the README's
`python -m pytest` runs the librsvg ones, .ci/run's `python -m pytest -m slow`
step the Chromium ones, with TIMELINE_REQUIRE_RENDERERS=1 as well.
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
import json
import pathlib
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import attrs
import pytest
from browsers import (
    Chromium,
    Job,
    Run,
    chromium_binary,
    console_errors,
    dom_text,
    ids,
    image_extent,
    inline,
    page,
    pdf_media_boxes,
    pdf_pages,
    pdf_text,
    read_png,
    require,
    rsvg_binary,
    squeeze,
)

import timeline

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
CHRONOLOGIES = [
    *sorted((GOLDEN / "svg").glob("*.toml")),
    *sorted(GOLDEN.glob("*.toml")),
    ROOT / "events.toml",
]
NAMES = [str(path.relative_to(ROOT)) for path in CHRONOLOGIES]
# Render options of the fixtures drawn otherwise than by default (as their goldens are).
OPTIONS = {"tests/golden/svg/actors.toml": {"lanes_by": "actors"}}
WINDOW = (1400, 1000)
A4 = (595.0, 842.0)  # points, as Chromium rounds them (594.96 x 841.92)
LETTER = (612.0, 792.0)
PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}  # inches, portrait, as a printer has them
SVG_NS = "{http://www.w3.org/2000/svg}"
# The tests that load pages in Chromium: one session of 15-25 s for all of them.
CHROMIUM = pytest.mark.slow


@attrs.frozen
class Chart:
    name: str
    timeline: timeline.Timeline
    svg: str
    directory: pathlib.Path

    @property
    def file(self) -> pathlib.Path:
        return self.directory / "chart.svg"

    def url(self, name: str) -> str:
        return (self.directory / name).as_uri()

    def width_px(self) -> float:
        width = ET.fromstring(self.svg).get("width", "0")
        return float(width.removesuffix("pt")) * (96 / 72 if width.endswith("pt") else 1)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return tmp_path_factory.mktemp("real-renderers")


@pytest.fixture(scope="module")
def charts(workdir: pathlib.Path) -> dict[str, Chart]:
    """Every fixture chronology drawn as an SVG, with a page inlining it and one
    showing it through <img>, side by side in a directory of its own."""
    result = {}
    for index, (name, path) in enumerate(zip(NAMES, CHRONOLOGIES, strict=True)):
        tl = timeline.load(path)
        svg = timeline.render_svg(tl, **OPTIONS.get(name, {}))
        directory = workdir / f"chart{index}"
        directory.mkdir()
        (directory / "chart.svg").write_text(svg, encoding="utf-8")
        (directory / "inline.html").write_text(page(inline(svg), name), encoding="utf-8")
        image = '<img src="chart.svg" alt="the chart">'
        (directory / "img.html").write_text(page(image, name), encoding="utf-8")
        result[name] = Chart(name, tl, svg, directory)
    return result


@pytest.fixture(scope="module")
def briefing(
    workdir: pathlib.Path, bundled: timeline.Timeline
) -> tuple[timeline.Timeline, str, pathlib.Path]:
    """The HTML briefing page of the bundled chronology, and its French version."""
    tl = bundled
    text = timeline.render_html(tl)
    directory = workdir / "briefing"
    directory.mkdir()
    (directory / "timeline.html").write_text(text, encoding="utf-8")
    french = timeline.render_html(tl, locale="fr")
    (directory / "timeline.fr.html").write_text(french, encoding="utf-8")
    return tl, text, directory


# Drives the page's filter as a reader would, and says how many rows each choice left.
FILTER = """(async () => {
  const form = document.getElementById("filters");
  const visible = () => Array.from(document.querySelectorAll("tr[data-lane]"))
    .filter((row) => !row.hidden && row.getClientRects().length > 0).length;
  const set = async (name, value) => {
    form.elements.namedItem(name).value = value;
    form.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise((done) => requestAnimationFrame(done));
    return [visible(), form.elements.namedItem("count").value];
  };
  const found = {shown: !form.hidden, all: visible()};
  found.lane = await set("lane", LANE);
  found.tag = await set("tag", TAG);
  await set("lane", "");
  found.tagOnly = await set("tag", TAG);
  await set("tag", "");
  found.text = await set("text", TEXT);
  found.none = await set("text", "no such words anywhere");
  found.groups = Array.from(document.querySelectorAll("table.chronology tbody"))
    .filter((group) => !group.hidden).length;
  return JSON.stringify(found);
})()"""


@pytest.fixture(scope="module")
def chromium_runs(
    charts: dict[str, Chart],
    briefing: tuple[timeline.Timeline, str, pathlib.Path],
    workdir: pathlib.Path,
) -> dict[str, Run]:
    """Every page this module loads, in one Chromium session, two tabs at a time,
    keyed by what they load."""
    binary = require(chromium_binary(), "Chromium", "chromium")
    jobs: list[Job] = []

    def job(key: str, url: str, screenshot: pathlib.Path | None = None) -> None:
        jobs.append(Job(key, url, screenshot=screenshot))

    # Controls: the checks below must be able to fail in this Chromium. The page
    # draws nothing (a negative width) and makes Chromium log an attribute error;
    # a missing file does not load; a malformed SVG document reads as a parser error.
    control = workdir / "control.html"
    broken = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="-5"/></svg>'
    )
    control.write_text(page(broken), encoding="utf-8")
    job("control", control.as_uri(), screenshot=workdir / "control.png")
    job("control|missing", (workdir / "missing.html").as_uri())
    malformed = workdir / "malformed.svg"
    malformed.write_text(broken.replace("</svg>", "</g>"), encoding="utf-8")
    job("control|malformed", malformed.as_uri())

    for chart in charts.values():
        for kind in ("inline", "img"):
            job(
                f"{chart.name}|{kind}",
                chart.url(f"{kind}.html"),
                screenshot=chart.directory / f"{kind}.png",
            )
        job(f"{chart.name}|svg", chart.file.as_uri())

    together = "\n".join(inline(chart.svg) for chart in _distinct(charts))
    (workdir / "together.html").write_text(page(together), encoding="utf-8")
    job("together", (workdir / "together.html").as_uri())

    tl, _, folder = briefing
    page_url = (folder / "timeline.html").as_uri()
    job("briefing", page_url, screenshot=folder / "timeline.png")
    for paper, inches in PAPERS.items():
        jobs.append(Job(f"print|{paper}", page_url, pdf=folder / f"{paper}.pdf", paper=inches))
    lane, tag, text = _filter_choices(tl)
    script = FILTER.replace("LANE", json.dumps(lane)).replace("TAG", json.dumps(tag))
    jobs.append(Job("filter", page_url, evaluate=script.replace("TEXT", json.dumps(text))))
    jobs.append(Job("filter|fr", (folder / "timeline.fr.html").as_uri()))
    browser = Chromium(binary, workdir, WINDOW)
    try:
        pages = browser.load_all(jobs, tabs=2)
    finally:
        returncode = browser.close()
    return {key: Run(found, returncode, browser.log) for key, found in pages.items()}


def _distinct(charts: dict[str, Chart]) -> list[Chart]:
    """One chart per distinct SVG: the same chronology drawn twice is the same
    chart, ids included (a fixture may be a copy of events.toml)."""
    seen: dict[str, Chart] = {}
    for chart in charts.values():
        seen.setdefault(chart.svg, chart)
    return list(seen.values())


def _ok(run: Run) -> None:
    assert run.returncode == 0, run.describe()
    assert run.page.error is None, run.describe()
    errors = run.console()
    assert not errors, f"Chromium reported on {run.url}:\n" + "\n".join(errors)


def _not_blank(path: pathlib.Path, min_width: float, min_height: float = 100) -> None:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    colours, width, height = image_extent(read_png(path))
    assert colours > 1, f"{path}: every pixel has the same colour"
    assert width >= min_width, f"{path}: the drawing is {width} px wide, expected {min_width}+"
    assert height >= min_height, f"{path}: the drawing is {height} px high"


def _titles_missing(tl: timeline.Timeline, dom: str) -> list[str]:
    text = dom_text(dom)
    return [event.title for event in tl.events if squeeze(event.title) not in text]


# ---------------------------------------------------------------- Chromium


@CHROMIUM
def test_chromium_checks_can_fail(chromium_runs: dict[str, Run], workdir: pathlib.Path) -> None:
    """A bad SVG attribute shows as a console message (a DevTools event and a line
    of the log), a blank page reads as blank, a missing file as a failed load and
    a malformed SVG document as a parser error: the checks of the other tests are
    not vacuous in this Chromium."""
    run = chromium_runs["control"]
    assert run.returncode == 0, run.describe()
    assert run.page.error is None, run.describe()
    assert any("attribute width" in message for message in run.page.console), run.page
    logged = [line for line in console_errors(run.log) if run.url in line]
    assert any("attribute width" in line for line in logged), run.describe()
    colours, _, _ = image_extent(read_png(workdir / "control.png"))
    assert colours == 1
    missing = chromium_runs["control|missing"].page
    assert missing.error is not None
    assert "ERR_FILE_NOT_FOUND" in missing.error, missing
    malformed = chromium_runs["control|malformed"]
    assert malformed.page.error is None, malformed.describe()
    assert "parsererror" in malformed.dom, malformed.dom[:2000]


@CHROMIUM
def test_chromium_session_closed_cleanly(chromium_runs: dict[str, Run]) -> None:
    """Chromium exited 0, and every console message of its log came from a page it
    was asked to load; the only ones that say anything are the controls."""
    runs = list(chromium_runs.values())
    assert runs
    assert runs[0].returncode == 0, runs[0].describe()
    controls = {run.url for key, run in chromium_runs.items() if key.startswith("control")}
    others = [line for line in console_errors(runs[0].log) if not any(u in line for u in controls)]
    assert not others, "Chromium reported:\n" + "\n".join(others)


@CHROMIUM
@pytest.mark.parametrize("name", NAMES)
def test_chromium_inline_svg(
    name: str, charts: dict[str, Chart], chromium_runs: dict[str, Run]
) -> None:
    chart = charts[name]
    run = chromium_runs[f"{name}|inline"]
    _ok(run)
    _not_blank(chart.directory / "inline.png", min(chart.width_px(), WINDOW[0]) * 0.5)
    assert "<svg" in run.dom
    missing = _titles_missing(chart.timeline, run.dom)
    assert not missing, f"event titles not in the DOM of the inline page: {missing}"


@CHROMIUM
@pytest.mark.parametrize("name", NAMES)
def test_chromium_img_svg(
    name: str, charts: dict[str, Chart], chromium_runs: dict[str, Run]
) -> None:
    """Through <img>, an SVG that fails to load or decode shows as a small broken-
    image icon and Chromium logs nothing: the size of the drawing tells."""
    chart = charts[name]
    run = chromium_runs[f"{name}|img"]
    _ok(run)
    assert '<img src="chart.svg"' in run.dom
    _not_blank(chart.directory / "img.png", min(chart.width_px(), WINDOW[0]) * 0.5)


@CHROMIUM
@pytest.mark.parametrize("name", NAMES)
def test_chromium_svg_document(
    name: str, charts: dict[str, Chart], chromium_runs: dict[str, Run]
) -> None:
    """The SVG file opened on its own: parsed as XML, without errors."""
    run = chromium_runs[f"{name}|svg"]
    _ok(run)
    assert "parsererror" not in run.dom, run.dom[:2000]
    missing = _titles_missing(charts[name].timeline, run.dom)
    assert not missing, f"event titles not in the DOM of the SVG document: {missing}"


def _chart_ids(charts: dict[str, Chart]) -> dict[str, set[str]]:
    """The ids of each distinct chart, by its name."""
    distinct = _distinct(charts)
    assert len(distinct) >= 2
    return {
        chart.name: {
            node.attrib["id"] for node in ET.fromstring(chart.svg).iter() if "id" in node.attrib
        }
        for chart in distinct
    }


def test_charts_share_no_id(charts: dict[str, Chart]) -> None:
    """No two of the fixture charts use one id (the page of them all is checked in
    Chromium by the next test)."""
    found = _chart_ids(charts)
    for a, b in itertools.combinations(found, 2):
        shared = found[a] & found[b]
        assert not shared, f"{a} and {b} share ids: {sorted(shared)[:10]}"


@CHROMIUM
def test_inlined_charts_share_no_id(
    charts: dict[str, Chart], chromium_runs: dict[str, Run]
) -> None:
    found = _chart_ids(charts)
    run = chromium_runs["together"]
    _ok(run)
    counts = collections.Counter(ids(run.dom))
    assert sum(counts.values()) >= sum(map(len, found.values()))
    duplicates = [name for name, n in counts.items() if n > 1]
    assert not duplicates, f"ids used more than once in one page: {duplicates[:10]}"


# ---------------------------------------------------------------- the briefing page


@CHROMIUM
def test_briefing_page_in_chromium(
    briefing: tuple[timeline.Timeline, str, pathlib.Path], chromium_runs: dict[str, Run]
) -> None:
    tl, _, folder = briefing
    run = chromium_runs["briefing"]
    _ok(run)
    _not_blank(folder / "timeline.png", 400)
    missing = _titles_missing(tl, run.dom)
    assert not missing, f"event titles not in the briefing page: {missing}"
    duplicates = [name for name, n in collections.Counter(ids(run.dom)).items() if n > 1]
    assert not duplicates


@CHROMIUM
@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_briefing_page_prints_landscape_chart_first(
    paper: str,
    size: tuple[float, float],
    briefing: tuple[timeline.Timeline, str, pathlib.Path],
    chromium_runs: dict[str, Run],
    record_property: Callable[[str, object], None],
) -> None:
    """On A4 and on US letter, landscape: the header and the whole chart alone on the
    first page, the chronology from the second on, in few pages."""
    tl, _, folder = briefing
    _ok(chromium_runs[f"print|{paper}"])
    path = folder / f"{paper}.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    if paper == "a4":
        record_property("pdf_pages", pages)  # for the summary line (tests/conftest.py)
    boxes = pdf_media_boxes(data)
    assert len(boxes) == pages >= 2
    for box in boxes:  # landscape: the paper's height is the page's width
        assert abs(box[2] - size[1]) < 1, box
        assert abs(box[3] - size[0]) < 1, box
    first, second = squeeze(pdf_text(path, 1)), squeeze(pdf_text(path, 2))
    assert squeeze(tl.title) in first
    last_tick = "Jan2026"  # the chart's last axis label: the chart is whole on page 1
    assert last_tick in first
    assert "Chronology" not in first
    assert second.startswith("Chronology"), second[:200]
    # Nine events with their quotes and notes, fifteen footnotes and the diagnostics:
    # three pages after the chart.
    assert pages <= 4, f"the briefing page printed on {pages} {paper} pages"


def _filter_choices(tl: timeline.Timeline) -> tuple[str, str, str]:
    """A lane, a tag and a word of a title to filter the bundled chronology's page by."""
    tags = sorted({tag for event in tl.events for tag in event.tags})
    return tl.lanes[0], tags[0], "Barak"


@CHROMIUM
def test_briefing_filter(
    briefing: tuple[timeline.Timeline, str, pathlib.Path], chromium_runs: dict[str, Run]
) -> None:
    """The script shows the filter and hides the rows that do not match, in Chromium,
    under the page's Content-Security-Policy (a refused script would be logged)."""
    tl, _, _ = briefing
    run = chromium_runs["filter"]
    _ok(run)
    found = json.loads(run.page.value)
    lane, tag, text = _filter_choices(tl)
    events = tl.events
    total = len(events)
    in_lane = [e for e in events if e.lane == lane]
    in_both = [e for e in in_lane if tag in e.tags]
    tagged = [e for e in events if tag in e.tags]
    worded = [e for e in events if text in e.title]
    assert found["shown"] is True
    assert found["all"] == total
    assert found["lane"] == [len(in_lane), f"{len(in_lane)} of {total} events shown"]
    assert found["tag"][0] == len(in_both)
    assert found["tagOnly"][0] == len(tagged)
    assert found["text"][0] == len(worded) > 0
    assert found["none"] == [0, f"0 of {total} events shown"]
    assert found["groups"] == 0  # a period with no row left shows no heading either
    french = chromium_runs["filter|fr"]
    _ok(french)
    assert "événements affichés sur" in french.dom


# ---------------------------------------------------------------- librsvg


@pytest.fixture(scope="module")
def rsvg() -> str:
    return require(rsvg_binary(), "rsvg-convert (librsvg)", "librsvg2-bin")


Conversion = concurrent.futures.Future[subprocess.CompletedProcess[bytes]]


@pytest.fixture(scope="module", autouse=True)
def rsvg_runs(charts: dict[str, Chart]) -> Iterator[dict[tuple[str, str], Conversion]]:
    """Every librsvg conversion of this module, two at a time, started with the
    module (autouse) so that they run while Chromium does; none when librsvg is
    missing (`rsvg` then skips or fails its tests)."""
    binary = rsvg_binary()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        yield {
            (chart.name, format): pool.submit(
                subprocess.run,
                [
                    binary,
                    "-f",
                    format,
                    "-o",
                    str(chart.directory / f"rsvg.{format}"),
                    str(chart.file),
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )
            for chart in charts.values()
            for format in ("png", "pdf")
            if binary is not None
        }


@pytest.mark.parametrize("format", ["png", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_rsvg_converts(
    name: str,
    format: str,
    rsvg: str,
    charts: dict[str, Chart],
    rsvg_runs: dict[tuple[str, str], Conversion],
) -> None:
    chart = charts[name]
    output = chart.directory / f"rsvg.{format}"
    done = rsvg_runs[name, format].result()
    assert done.args[0] == rsvg
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert stderr == ""
    data = output.read_bytes()
    if format == "pdf":
        assert data.startswith(b"%PDF-")
    else:
        _not_blank(output, chart.width_px() * 0.5)
