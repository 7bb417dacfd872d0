"""Markings in the outputs: banners, portion marks, actors, and the released cut.

The fixture tests/golden/markings/marked.toml has three levels, each with its own
words: Sparrow (TLP:CLEAR), Heron (TLP:GREEN), Kestrel (TLP:AMBER). A cut released at
a level must show no word of the levels above it, in any format. Goldens (regenerate
with TIMELINE_UPDATE_GOLDEN=1, then review the diff): marked.w80.txt, marked.md and
marked.html (its chart left out: the chart has its own tests).
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
from typing import Any

import attrs
import pytest

import timeline
from timeline import render_html, render_markdown, render_svg, render_text
from timeline.cli import main
from timeline.render.chart.banners import place

GOLDEN = pathlib.Path(__file__).parent / "golden" / "markings"
FIXTURE = GOLDEN / "marked.toml"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
EMPTY_CHART = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'

# The words of each level's items (titles, ids, descriptions, quotes, sources, periods,
# actors), lower-cased: none may appear in a cut released below their level.
ABOVE = {"CLEAR": ("heron", "kestrel"), "GREEN": ("kestrel",), "AMBER": ()}
LEVELS = tuple(ABOVE)


@pytest.fixture(scope="module")
def marked() -> timeline.Timeline:
    # Loaded under its bare name: the golden page's diagnostics must not hold this
    # checkout's path.
    return timeline.loads(FIXTURE.read_text(encoding="utf-8"), name=FIXTURE.name)


def _check_golden(path: pathlib.Path, rendered: str) -> None:
    if UPDATE:
        path.write_bytes(rendered.encode("utf-8"))
    assert rendered == path.read_bytes().decode("utf-8"), f"{path.name} differs"


def _no_leak(level: str, shown: str) -> None:
    lowered = shown.lower()
    leaked = [word for word in ABOVE[level] if word in lowered]
    assert not leaked, f"released at {level}, the output shows {leaked}"


# ---------------------------------------------------------------- goldens


def test_text_golden(marked: timeline.Timeline) -> None:
    _check_golden(GOLDEN / "marked.w80.txt", render_text(marked, width=80))


def test_markdown_golden(marked: timeline.Timeline) -> None:
    _check_golden(GOLDEN / "marked.md", render_markdown(marked))


def test_html_golden(marked: timeline.Timeline) -> None:
    _check_golden(GOLDEN / "marked.html", render_html(marked, chart=EMPTY_CHART))


# ---------------------------------------------------------------- banners and marks


def test_text_banner_first_and_last_and_portion_marks(marked: timeline.Timeline) -> None:
    lines = render_text(marked, width=80).splitlines()
    assert lines[0] == lines[-1] == "TLP:AMBER"
    assert any("(TLP:CLEAR) Sparrowtalks open [1]" in line for line in lines)
    assert any("(TLP:GREEN) Herondelegation visits [2, 1]" in line for line in lines)
    # sparrow-summit is CLEAR itself, but cites the gazette in a GREEN citation
    assert any("(TLP:GREEN) Sparrowsummit held [1, 4]" in line for line in lines)


def test_markdown_banner_and_actors_column(marked: timeline.Timeline) -> None:
    lines = render_markdown(marked).splitlines()
    assert lines[0] == lines[-1] == "**TLP:AMBER**"
    assert "| Date | Event | Actors | Certainty | Sources |" in lines
    assert any(line.endswith("| IAI, Kestrelco Holdings | possible | [3] |") for line in lines)


def test_html_banner_in_header_footer_and_print(marked: timeline.Timeline) -> None:
    page = render_html(marked, chart=EMPTY_CHART)
    body = page.split("<body", 1)[1]
    assert body.split("\n")[1] == '<p class="marking top">TLP:AMBER</p>'
    assert '</main>\n<footer class="marking bottom">TLP:AMBER</footer>\n' in page
    assert "p.marking { top: 0; }" in page
    assert "position: fixed" in page
    assert '<span class="portion">(TLP:AMBER)</span> <span class="title"' in page
    assert '<p class="actors">Actors: <bdi>IAI</bdi>, <bdi>Kestrelco Holdings</bdi></p>' in page
    assert "default-src 'none'" in page


def test_without_markings_no_banner() -> None:
    plain = timeline.load(GOLDEN.parent / "evidence.toml")
    assert "TLP" not in render_text(plain, width=80)
    assert "marking" not in render_html(plain, chart=EMPTY_CHART)


def test_custom_scheme_banner_is_the_word() -> None:
    event = timeline.Event(id="e", title="E", date="2024", certainty="confirmed", sources=["s"])
    tl = timeline.Timeline(
        title="T", markings=("OFFICIAL", "SECRET"), marking="OFFICIAL", portion_marks=True,
        sources={"s": timeline.Source(key="s", title="S")},
        events=[event],
    )  # fmt: skip
    text = render_text(tl, width=60)
    assert text.splitlines()[0] == "OFFICIAL"
    assert "(OFFICIAL) E [1]" in text


def test_actors_translated(marked: timeline.Timeline) -> None:
    assert "Acteurs : Morocco, IAI" in render_text(marked, width=80, locale="fr")
    assert "| Akteure |" in render_markdown(marked, locale="de")


def test_chart_banners_are_placed_top_and_bottom() -> None:
    top, bottom = place("TLP:RED", 960.0, 540.0)
    assert (top.x, top.y, bottom.x, bottom.y) == (480.0, 534.0, 480.0, 6.0)
    assert place(None, 960.0, 540.0) == ()


# ---------------------------------------------------------------- released cuts


@pytest.mark.parametrize("level", LEVELS)
def test_released_text_outputs_hold_nothing_above(marked: timeline.Timeline, level: str) -> None:
    cut = marked.released(level)
    banner = f"TLP:{level}"
    text = render_text(cut, width=80)
    assert text.splitlines()[0] == text.splitlines()[-1] == banner
    markdown = render_markdown(cut)
    assert markdown.splitlines()[0] == markdown.splitlines()[-1] == f"**{banner}**"
    page = render_html(cut, chart=EMPTY_CHART)
    assert f'<p class="marking top">{banner}</p>' in page
    assert f'<footer class="marking bottom">{banner}</footer>' in page
    for shown in (text, markdown, page, render_text(cut, width=50, ascii=True)):
        _no_leak(level, shown)


# One chart in the README's suite; the other levels in the heavy step (a chart each).
CHART_LEVELS = [
    "CLEAR",
    *(pytest.param(level, marks=pytest.mark.slow) for level in ("GREEN", "AMBER")),
]


@pytest.mark.parametrize("level", CHART_LEVELS)
def test_released_chart_and_page_hold_nothing_above(marked: timeline.Timeline, level: str) -> None:
    """The SVG (two banners: top and bottom) and the page with its chart inlined."""
    cut = marked.released(level)
    svg = timeline.render_svg(cut)
    assert svg.count(f"TLP:{level}") == 2
    page = render_html(cut, chart=svg)
    for shown in (svg, page):
        _no_leak(level, shown)


def _pdf_text(data: bytes, tmp_path: pathlib.Path) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("TIMELINE_REQUIRE_RENDERERS") == "1":
            pytest.fail("pdftotext is missing (install poppler-utils)")
        pytest.skip("pdftotext is missing (install poppler-utils)")
    path = tmp_path / "chart.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.slow  # two PDFs and pdftotext: .ci/run's heavy step runs it
@pytest.mark.parametrize("level", ["CLEAR", "GREEN"])
def test_released_pdf_holds_nothing_above(
    marked: timeline.Timeline, level: str, tmp_path: pathlib.Path
) -> None:
    """A PDF with its sources on a page of their own: both pages carry both banners."""
    cut = marked.released(level)
    data = timeline.render_image(cut, "pdf", size="slide", sources="below")
    text = _pdf_text(data, tmp_path)
    assert text.count(f"TLP:{level}") == 4
    _no_leak(level, text)


def test_released_png_renders(marked: timeline.Timeline) -> None:
    options: dict[str, Any] = {"dpi": 20}
    data = timeline.render_image(marked.released("CLEAR"), "png", **options)
    assert data.startswith(b"\x89PNG")


# ---------------------------------------------------------------- --release


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from timeline.cli import main

    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_release_prefixes_what_the_cut_broke(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "check", str(FIXTURE), "--release", "CLEAR")
    assert (status, err) == (0, "")
    where = str(FIXTURE)
    assert out.splitlines() == [
        f"{where}:39:1: note[N109]: after release at CLEAR, source 'gazette' is not cited by"
        " any event",
        f"{where}:65:13: warning[W108]: 'sparrow-talks' is confirmed but uncorroborated: its"
        " only source is 'wire'",
        f"{where}:94:13: warning[W108]: after release at CLEAR, 'sparrow-summit' is confirmed"
        " but uncorroborated: its only source is 'wire'",
        f"{where}:95:11: warning[W107]: after release at CLEAR, 'sparrow-summit' (2 Apr 2024)"
        " is reported before it happened: its sources were all published before it could"
        " have begun ('wire' Jan 2024)",
        "2 events, 0 errors, 3 warnings, 1 note",
        "Released at TLP:CLEAR: 2 events, 2 sources, 2 periods and 1 citation withheld",
    ]


def test_check_release_json_keeps_the_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    status, out, _ = _run(capsys, "check", str(FIXTURE), "--release", "CLEAR", "--format", "json")
    messages = [d["message"] for d in json.loads(out)]
    assert status == 0
    assert messages[2] == (
        "after release at CLEAR, 'sparrow-summit' is confirmed but uncorroborated: its only"
        " source is 'wire'"
    )


def test_check_release_nothing_new(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "check", str(FIXTURE), "--release", "GREEN")
    assert status == 0
    assert "after release" not in out
    assert out.splitlines()[-1] == "Released at TLP:GREEN: 1 event, 1 source and 1 period withheld"
    _, out, _ = _run(capsys, "check", str(FIXTURE), "--release", "AMBER")
    assert out.splitlines()[-1] == "Released at TLP:AMBER: nothing withheld"


@pytest.mark.parametrize(
    ("command", "level", "hint"),
    [
        ("check", "amber", "did you mean 'AMBER'?"),
        ("render", "TLP:GREEN", "did you mean 'GREEN'?"),
        ("check", "BLUE", "the levels are CLEAR, GREEN, AMBER, AMBER+STRICT, RED"),
    ],
)
def test_release_unknown_level_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str, level: str, hint: str
) -> None:
    status, out, err = _run(capsys, command, str(FIXTURE), "--release", level)
    assert (status, out) == (2, "")
    assert err == (
        f"timeline {command}: error: --release: {level!r} is not a marking level of this"
        f" chronology; {hint}\n"
    )


def test_render_release_writes_the_cut(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    status, out, err = _run(
        capsys, "render", str(FIXTURE), "--release", "GREEN", "--format", "txt,md",
        "-o", str(tmp_path), "--width", "80",
    )  # fmt: skip
    assert status == 0
    assert (
        "timeline render: Released at TLP:GREEN: 1 event, 1 source and 1 period withheld\n" in err
    )
    text = (tmp_path / "timeline.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "TLP:GREEN"
    _no_leak("GREEN", text + (tmp_path / "timeline.md").read_text(encoding="utf-8"))
    assert out.splitlines() == [str(tmp_path / "timeline.txt"), str(tmp_path / "timeline.md")]


@pytest.mark.parametrize("level", LEVELS)
def test_released_exports_hold_nothing_above_and_say_they_are_marked(
    marked: timeline.Timeline, level: str
) -> None:
    """Every export of a cut: nothing withheld in its bytes, the banner in its title
    (json keeps the markings themselves), and the marking counted as a loss."""
    from timeline.interop import FORMATS, export

    cut = marked.released(level)
    for format in FORMATS:
        done = export(cut, format)
        _no_leak(level, done.text + "".join(text for _, text in done.files))
        if format in ("ics", "mermaid", "markwhen", "timelinejs"):
            shown = f"TLP#58;{level}" if format == "mermaid" else f"TLP:{level}"  # ":" escaped
            assert shown in done.text, format
            assert "handling marking carried only in the title" in (done.summary() or "") or (
                "handling markings carried only in the title" in (done.summary() or "")
            )


def test_an_export_counts_every_marking_it_cannot_carry() -> None:
    """The default level and each source's, event's and citation's own level: each is
    a marking the calendar drops (only its title carries the banner)."""
    tl = timeline.loads(SELECTED, name="selected.toml")  # CLEAR default, one AMBER source
    from timeline.interop import export

    assert "2 handling markings carried only in the title" in (export(tl, "ics").summary() or "")
    bare = attrs.evolve(tl, marking=None)
    assert "1 handling marking carried only in the title" in (export(bare, "ics").summary() or "")


def test_views_are_taken_of_the_cut_so_they_name_nothing_withheld(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--without and --known-at run on the released cut: their lines, hints and the
    actors and lanes left can only name what the cut keeps."""
    for argv in (
        ["check", str(FIXTURE), "--release", "CLEAR", "--without", "wire"],
        ["export", "json", str(FIXTURE), "--release", "CLEAR", "--known-at", "2024"],
        ["export", "json", str(FIXTURE), "--release", "CLEAR", "--without", "wire"],
        ["export", "json", str(FIXTURE), "--release", "CLEAR", "--without", "wrie"],  # a hint
    ):
        main(argv)
        out, err = capsys.readouterr()
        _no_leak("CLEAR", out + err)


def test_a_lane_only_withheld_events_had_is_cut() -> None:
    tl = timeline.loads(
        '[timeline]\nlanes = ["Open", "Covert", "Unused"]\n'
        '[sources.s]\ntitle = "S"\n'
        '[[event]]\nid = "a"\ntitle = "A"\ndate = "2020"\ncertainty = "probable"\n'
        'sources = ["s"]\nlane = "Open"\n'
        '[[event]]\nid = "b"\ntitle = "B"\ndate = "2021"\ncertainty = "probable"\n'
        'sources = ["s"]\nlane = "Covert"\nmarking = "RED"\n',
        name="lanes.toml",
    )
    assert tl.released("GREEN").lanes == ("Open", "Unused")


def test_render_says_what_the_release_broke(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["render", str(FIXTURE), "--release", "CLEAR", "--format", "txt", "-o", str(tmp_path)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (
        f"{FIXTURE}:94:13: warning[W108]: after release at CLEAR, 'sparrow-summit' is confirmed"
        " but uncorroborated: its only source is 'wire'\n"
    ) in err
    assert (
        f"{FIXTURE}:65:13: warning[W108]: 'sparrow-talks' is confirmed but uncorroborated:"
        " its only source is 'wire'\n"  # the whole chronology has this one: no prefix
    ) in err


SELECTED = """\
[timeline]
title = "Selections"
markings = "tlp"
marking = "CLEAR"
lanes = ["Open", "Closed"]

[sources.wire]
title = "Wire"

[sources.cable]
title = "Cable"
marking = "AMBER"

[[event]]
id = "talks"
title = "Talks"
date = "2021"
certainty = "probable"
sources = ["wire"]
lane = "Open"

[[event]]
id = "deal"
title = "Deal"
date = "2022"
certainty = "probable"
sources = ["cable"]
lane = "Closed"
"""


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html, render_svg])
def test_a_selection_is_marked_at_what_it_shows(render: Any) -> None:
    """`--lane Open` shows only CLEAR items: its banner is CLEAR, not the AMBER of the
    chronology as a whole (over-marking would keep a releasable product from its
    audience); the whole is AMBER."""
    tl = timeline.loads(SELECTED, name="selected.toml")
    chosen = render(tl, lanes=["Open"])
    assert "TLP:CLEAR" in chosen
    assert "TLP:AMBER" not in chosen
    assert "Cable" not in chosen
    whole = render(tl)
    assert "TLP:AMBER" in whole
