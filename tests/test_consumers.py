"""The Mermaid and TimelineJS exports read by their real consumers (slow).

- Mermaid: `@mermaid-js/mermaid-cli` (mmdc, with puppeteer driving Debian's
  Chromium) renders the exports of the chronologies below, all in one run, to
  SVG; each task's text in the drawing is its event's title, character for
  character (Mermaid decodes the entity codes of the source), and the chart's
  title and sections are the chronology's title and lanes.
- TimelineJS: `@knight-lab/timelinejs` (its dist files, loaded by file path in
  headless Chromium, no network) builds the story from each export: no console
  message, and every headline in the DOM, on its slide and on the time bar.

The packages live in .ci/node (`.ci/run` installs them with npm, pinned in
.ci/node/package.json and its lockfile). Without them, or without Node.js or
Chromium, these tests skip with the name of what is missing; with
TIMELINE_REQUIRE_RENDERERS=1 (CI) they fail.
"""

from __future__ import annotations

import html
import json
import os
import pathlib
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from browsers import REQUIRE_ENV, Chromium, Job, Run, chromium_binary, require

import timeline
from timeline.interop import export

pytestmark = pytest.mark.slow

ROOT = pathlib.Path(__file__).resolve().parent.parent
NODE = ROOT / ".ci" / "node" / "node_modules"
MMDC = NODE / ".bin" / "mmdc"
TIMELINEJS = NODE / "@knight-lab" / "timelinejs" / "dist"
SVG = "{http://www.w3.org/2000/svg}"
WINDOW = (1280, 800)

# Titles and lanes Mermaid's grammar or sanitiser could take for something else:
# statements at the start of a task ("Call", "Title", "Section", a date), syntax
# characters, markup, Mermaid's own placeholders of entity codes, ids that are
# Mermaid tags (done, vert), and ids that differ only by - and _.
HOSTILE = """
[timeline]
title = "Title: hostile #1; 100% <tags> & \\"more\\""
lanes = ["Air: defence #1; 5%", "Section <2> & co", "<b>Air</b> & <img src=x onerror=alert(1)>"]

[sources.s]
title = "S"
"""
HOSTILE_EVENTS = [
    ("call", "Call for tenders: phase #2; 50% done", "2021-01-10", "Air: defence #1; 5%"),
    ("title", "Title deed signed", "2021-02", "Section <2> & co"),
    ("section", "Section 8 waiver", "2021-03", None),
    ("click", "Click here to read", "2021-04", None),
    ("excludes", "Excludes weekends", "2021-05", None),
    ("dated", "2021-03-04 summit, Rabat", "2021-06", None),
    (
        "markup",
        "<b>Bold</b> & \"quoted\" 'single' \\ <script>alert(1)</script>",
        "2021-07",
        "<b>Air</b> & <img src=x onerror=alert(1)>",
    ),  # TimelineJS sets a group as HTML
    ("unicode", "Émigré ünïcödé — 日本 🚀", "2021-08", None),
    ("brackets", "After Q1 {braces} [brackets] (parens), commas", "2021-09", None),
    ("gantt", "Gantt chart review", "2021-10", None),
    ("pilcrow", "Odd ¶ß and ﬂ° marks", "2021-11", None),
    ("a-b", "Hyphen id", "2021-12", None),
    ("a_b", "Underscore id", "2022-01", None),
    ("done", "An event with the id done", "2022-02", None),
    ("vert", "An event with the id vert", "2022-03", None),
    ("acc", "accDescr {x} and accTitle: y", "2022-04", None),
    ("entity", "C#35; and &amp; and #58; literal", "2022-05", None),
    ("today", "todayMarker stroke-width:5px", "2022-06-01", None),
]


def _hostile() -> str:
    lines = [HOSTILE]
    for key, title, date, lane in HOSTILE_EVENTS:
        lines += [
            "[[event]]",
            f"id = {json.dumps(key)}",
            f"title = {json.dumps(title, ensure_ascii=False)}",
            f"date = {json.dumps(date)}",
            'certainty = "confirmed"',
            'sources = ["s"]',
        ]
        if lane:
            lines.append(f"lane = {json.dumps(lane, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


NAMES = ["small", "bundled", "hostile"]


def _require_npm(path: pathlib.Path, package: str) -> pathlib.Path:
    """`path` or, when it is missing, skip naming the npm package (fail under CI)."""
    if path.exists():
        return path
    message = (
        f"{package} is not installed: .ci/run installs it"
        f" (`npm install` in .ci/node, see .ci/node/package.json) to run this test"
    )
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 requires it", pytrace=False)
    pytest.skip(message)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def chronologies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, timeline.Timeline]:
    hostile = tmp_path_factory.mktemp("hostile") / "events.toml"
    hostile.write_text(_hostile(), encoding="utf-8")
    paths = {
        "small": ROOT / "tests" / "golden" / "export" / "small.toml",
        "bundled": ROOT / "events.toml",
        "hostile": hostile,
    }
    return {name: timeline.load(path) for name, path in paths.items()}


@pytest.fixture(scope="module")
def chromium() -> str:
    return require(chromium_binary(), "Chromium", "chromium")


# ---------------------------------------------------------------- Mermaid


@pytest.fixture(scope="module")
def mermaid_svgs(
    chronologies: dict[str, timeline.Timeline],
    chromium: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """Every chronology's Mermaid export rendered by mmdc, in one run (one browser):
    the SVG text by name."""
    require(shutil.which("node"), "Node.js", "nodejs")
    mmdc = _require_npm(MMDC, "@mermaid-js/mermaid-cli")
    folder = tmp_path_factory.mktemp("mermaid")
    config = folder / "puppeteer.json"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    flags += ["--disable-background-networking", "--disable-component-update"]
    config.write_text(json.dumps({"executablePath": chromium, "args": flags}))
    blocks = [f"```mermaid\n{export(chronologies[name], 'mermaid').text}```\n" for name in NAMES]
    source = folder / "charts.md"
    source.write_text("\n".join(blocks), encoding="utf-8")
    command = [str(mmdc), "-q", "-p", str(config), "-j", "2", "-i", str(source)]
    command += ["-o", str(folder / "chart.svg")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, f"mmdc exited {done.returncode}:\n{done.stderr[-4000:]}"
    # A Markdown input gives chart-1.svg, chart-2.svg, ... in the order of its blocks.
    return {
        name: (folder / f"chart-{n}.svg").read_text(encoding="utf-8")
        for n, name in enumerate(NAMES, 1)
    }


def _texts(svg: str) -> dict[str, list[str]]:
    """The text elements of a Mermaid gantt SVG: a task's by its element id, the
    title's and the sections' under "title" and "sections"."""
    found: dict[str, list[str]] = {"title": [], "sections": []}
    for node in ET.fromstring(svg).iter(f"{SVG}text"):
        text, classes = "".join(node.itertext()).strip(), node.get("class", "").split()
        if "titleText" in classes:
            found["title"].append(text)
        elif "sectionTitle" in classes:
            found["sections"].append(text)
        elif (key := node.get("id", "")).endswith("-text"):
            found.setdefault(key, []).append(text)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_mermaid_draws_every_title(
    name: str, chronologies: dict[str, timeline.Timeline], mermaid_svgs: dict[str, str]
) -> None:
    tl = chronologies[name]
    texts = _texts(mermaid_svgs[name])
    assert texts["title"] == [_flat(tl.title)]
    drawn = {key: text for key, text in texts.items() if key not in ("title", "sections")}
    assert all(len(text) == 1 for text in drawn.values()), "task ids drawn more than once"
    # Every event of these chronologies has a known start: each is a task.
    expected = {
        f"my-svg-{'_' + e.id if e.id in ('done', 'vert') else e.id}-text": [_flat(e.title)]
        for e in tl.events
    }
    assert drawn == expected
    lanes = [lane for lane in tl.lanes if any(e.lane == lane for e in tl.events)]
    if any(not e.lane for e in tl.events):
        lanes.append("Events")
    assert texts["sections"] == [_flat(lane) for lane in lanes]


def test_mermaid_tags_are_not_taken_from_ids(mermaid_svgs: dict[str, str]) -> None:
    """Events named done and vert are plain bars: neither greyed as done nor drawn
    as a vertical marker."""
    root = ET.fromstring(mermaid_svgs["hostile"])
    for key in ("done", "vert"):
        (node,) = [n for n in root.iter(f"{SVG}text") if n.get("id") == f"my-svg-_{key}-text"]
        classes = node.get("class", "")
        assert "done" not in classes.lower(), classes
        assert "vert" not in classes.lower(), classes


# ---------------------------------------------------------------- TimelineJS

# The page's options keep every resource local: the default font is a stylesheet
# of web fonts, and the script path is where TimelineJS looks for its languages.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head>
<body>
<div id="timeline" style="width: 1200px; height: 700px"></div>
<script>
window.story = new TL.Timeline("timeline", {data}, {options});
window.storyLoaded = new Promise(done => window.story.on("loaded", done));
</script>
</body>
</html>
"""

# After the load event: wait for TimelineJS's own "loaded" (or 10 s), then read back
# the headlines of the slides and of the time bar's markers, and the groups.
READ_BACK = """
Promise.race([
  window.storyLoaded.then(() => true),
  new Promise(done => setTimeout(() => done(false), 10000)),
]).then(loaded => JSON.stringify({
  loaded,
  slides: [...document.querySelectorAll(".tl-slide .tl-headline")].map(e => e.textContent),
  markers: [...document.querySelectorAll(".tl-timemarker .tl-headline")]
    .map(e => e.textContent),
  groups: [...document.querySelectorAll(".tl-timegroup-message")].map(e => e.textContent),
}))
"""


@pytest.fixture(scope="module")
def timelinejs_runs(
    chronologies: dict[str, timeline.Timeline],
    chromium: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Run]:
    """Every chronology's TimelineJS export in a page of its own, in one Chromium."""
    dist = _require_npm(TIMELINEJS, "@knight-lab/timelinejs")
    folder = tmp_path_factory.mktemp("timelinejs")
    options = {
        "script_path": (dist / "js").as_uri() + "/",
        "font": (dist / "css" / "fonts" / "font.georgia-helvetica.css").as_uri(),
    }
    jobs = []
    for name in NAMES:
        data = export(chronologies[name], "timelinejs").text.strip()
        text = PAGE.format(
            css=html.escape((dist / "css" / "timeline.css").as_uri()),
            js=html.escape((dist / "js" / "timeline.js").as_uri()),
            data=data.replace("</", "<\\/"),  # inlined in a script element
            options=json.dumps(options),
        )
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(name, path.as_uri(), evaluate=READ_BACK))
    browser = Chromium(chromium, folder, WINDOW)
    try:
        pages = browser.load_all(jobs)
    finally:
        returncode = browser.close()
    return {key: Run(page, returncode, browser.log) for key, page in pages.items()}


@pytest.mark.parametrize("name", NAMES)
def test_timelinejs_shows_every_headline(
    name: str, chronologies: dict[str, timeline.Timeline], timelinejs_runs: dict[str, Run]
) -> None:
    tl, run = chronologies[name], timelinejs_runs[name]
    assert run.page.error is None, run.describe()
    assert run.returncode == 0, run.describe()
    assert not run.console(), "console messages:\n" + "\n".join(run.console())
    found = json.loads(run.page.value)
    assert found["loaded"], "TimelineJS never said it had loaded"
    titles = [_flat(e.title) for e in tl.events]
    slides = [_flat(text) for text in found["slides"]]
    assert slides[0] == _flat(tl.title)  # the title slide, then one slide per event
    assert sorted(slides[1:]) == sorted(titles)
    assert sorted(_flat(text) for text in found["markers"]) == sorted(titles)
    lanes = {_flat(e.lane) for e in tl.events if e.lane}
    assert lanes <= {_flat(text) for text in found["groups"]}
