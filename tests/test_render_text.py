"""The plain-text and Markdown renderers: goldens, exact small cases, properties.

Goldens live in tests/golden/: NAME.toml is a fixture chronology (morocco.toml
is a copy of the bundled events.toml, so that editing the example does not
break these tests), NAME.VARIANT.txt and NAME.md its renders. After a
deliberate change of the output, regenerate them and review the diff::

    TIMELINE_UPDATE_GOLDEN=1 python -m pytest --no-cov tests/test_render_text.py
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import Event, Period, Source, Timeline, render_markdown, render_text
from timeline.render.layout.textwidth import FSI, PDI, char_width, hard_split, isolate, text_width
from timeline.render.markdown import escape
from timeline.render.presentation import present
from timeline.rules.gaps import find_gaps

ROOT = pathlib.Path(__file__).parent.parent
GOLDEN = pathlib.Path(__file__).parent / "golden"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"

# Fixture chronologies; gaps in their goldens come from the real engine (rule W106).
NAMES = ("edges", "evidence", "hostile", "morocco")

TEXT_VARIANTS: dict[str, dict[str, Any]] = {
    "w80": {"width": 80},
    "w80.ascii": {"width": 80, "ascii": True},
    "w50": {"width": 50},
    "w50.ascii": {"width": 50, "ascii": True},
}


def _check_golden(path: pathlib.Path, rendered: str) -> None:
    if UPDATE:
        path.write_bytes(rendered.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert rendered == expected, f"{path.name} differs; see the module docstring to regenerate"


@pytest.mark.parametrize("variant", sorted(TEXT_VARIANTS))
@pytest.mark.parametrize("name", NAMES)
def test_text_golden(name: str, variant: str) -> None:
    rendered = render_text(timeline.load(GOLDEN / f"{name}.toml"), **TEXT_VARIANTS[variant])
    _check_golden(GOLDEN / f"{name}.{variant}.txt", rendered)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_golden(name: str) -> None:
    rendered = render_markdown(timeline.load(GOLDEN / f"{name}.toml"))
    _check_golden(GOLDEN / f"{name}.md", rendered)


def test_goldens_have_fixtures() -> None:
    names = {path.name.split(".")[0] for path in GOLDEN.iterdir() if path.is_file()}
    assert names == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_gaps_come_from_the_gap_rule(name: str) -> None:
    """Every gap W106 reports is shown, once, just before the later of its events."""
    chronology = timeline.load(GOLDEN / f"{name}.toml")
    entries = present(chronology).entries
    position = {entry.file_index: n for n, entry in enumerate(entries)}
    found = find_gaps(chronology)
    reported = [d for d in chronology.validate() if d.code == "W106"]
    assert [g.message for g in found] == [d.message for d in reported]
    assert found or name != "edges", "the edges fixture must have gaps"
    lines = render_text(chronology, width=200).splitlines()
    notes = [n for n, line in enumerate(lines) if line.startswith("┆ no event for")]
    assert len(notes) == len(found)
    for gap, note in zip(sorted(found, key=lambda g: position[g.after]), notes, strict=True):
        assert f"at least {gap.duration}" in lines[note]
        later = entries[position[gap.after]]
        following = next(line for line in lines[note:] if "●" in line)
        assert later.event.title in following


# Exact output of small cases -------------------------------------------------


def _small() -> Timeline:
    sources = {
        "a": Source(
            "a", "Report A", publisher="Agency", published="2021-03", url="https://a.example/r"
        ),
        "b": Source("b", "Report B?", url="ftp://b.example/not-shown"),
    }
    events = [
        Event("one", "First event of the small chronology", "confirmed", ["a"], date="2020-12-24"),
        Event("two", "Second", "probable", ["a", "b"], start="2021-01", end=".."),
        Event("three", "Third, a year later", "possible", ["b"], date="2022~"),
    ]
    return Timeline("Small", events, sources, subtitle="A test", as_of="2023-01-01")


def test_text_exact() -> None:
    small = _small()
    second = attrs.evolve(small.events[1], end="2021-02")
    gapped = attrs.evolve(small, events=[small.events[0], second, small.events[2]], max_gap="P6M")
    assert render_text(gapped, width=70) == (
        "Small\n"
        "A test\n"
        "As of 1 Jan 2023\n"
        "\n"
        "2020\n"
        "├─● 24 Dec 2020          [confirmed]  First event of the small\n"
        "│                                     chronology [1]\n"
        "│\n"
        "2021\n"
        "├─● Jan 2021 → Feb 2021  [probable]   Second [1, 2]\n"
        "│\n"
        "┆ no event for at least 10 months (max_gap 6 months)\n"
        "│\n"
        "2022\n"
        "└─● ~2022                [possible]   Third, a year later [2]\n"
        "\n"
        "Sources\n"
        "[1] Report A. Agency, Mar 2021. https://a.example/r\n"
        "[2] Report B?\n"
    )


def test_text_exact_narrow_ascii() -> None:
    """Too narrow for columns: titles go under their dates; a gap inside a year."""
    events = [
        Event("jan", "Talks open", "confirmed", ["a"], date="2021-01"),
        Event(
            "nov",
            "Talks close with an agreement on everything",
            "probable",
            ["a"],
            date="2021-11-05",
        ),
        Event("undated", "Rivalry", "doubtful", ["a", "missing"], date="../2021-03"),
    ]
    chronology = Timeline("Talks", events, {"a": Source("a", "Report A")}, max_gap="P6M")
    assert render_text(chronology, width=30, ascii=True) == (
        "Talks\n"
        "\n"
        "Undated start\n"
        "+-* ... -> Mar 2021 [doubtful]\n"
        "|   Rivalry [1, 2]\n"
        "|\n"
        "2021\n"
        "+-* Jan 2021 [confirmed]\n"
        "|   Talks open [1]\n"
        "|\n"
        ": no event for at least 7\n"
        ": months 4 days (max_gap 6\n"
        ": months)\n"
        "|\n"
        "`-* 5 Nov 2021 [probable]\n"
        "    Talks close with an\n"
        "    agreement on everything\n"
        "    [1]\n"
        "\n"
        "Sources\n"
        "[1] Report A.\n"
        "[2] missing (unknown source)\n"
    )


def test_markdown_exact() -> None:
    assert render_markdown(_small()) == (
        "# Small\n"
        "\n"
        "A test\n"
        "\n"
        "As of 1 Jan 2023.\n"
        "\n"
        "| Date | Event | Certainty | Sources |\n"
        "| --- | --- | --- | --- |\n"
        "| 24 Dec 2020 | First event of the small chronology | confirmed | [1] |\n"
        "| Jan 2021 → … | Second | probable | [1], [2] |\n"
        "| \\~2022 | Third, a year later | possible | [2] |\n"
        "\n"
        "## Sources\n"
        "\n"
        "1. [Report A](https://a.example/r). Agency, Mar 2021.\n"
        "2. *Report B?*\n"
    )


def _recorded() -> Timeline:
    """Lanes, tags, descriptions, a period and a long URL: what the file records."""
    events = [
        Event("a", "Talks open", "confirmed", ["s"], date="2021-01", lane="Diplomacy",
              tags=["talks", "un"], description="First round in Geneva.\n\nA second paragraph."),
        Event("b", "Deal signed", "probable", ["s"], date="2021-06", lane="Diplomacy"),
        Event("c", "Strike", "possible", ["s"], date="2022-03", lane="Military"),
    ]  # fmt: skip
    url = "https://example.org/a/very/long/path/that/goes/on/and/on"
    source = Source("s", "Report", url=url, reliability="B")
    period = Period("Ceasefire", start="2021-05", end="2021-12")
    return Timeline("Small", events, {"s": source}, periods=[period])


def test_text_carries_lanes_tags_descriptions_and_periods() -> None:
    assert render_text(_recorded(), width=40) == (
        "Small\n"
        "\n"
        "2021\n"
        "├─● Jan 2021 [confirmed]\n"
        "│   Talks open [1]\n"
        "│   Lane: Diplomacy · Tags: talks, un\n"
        "│   First round in Geneva.\n"
        "│   A second paragraph.\n"
        "│\n"
        "══ Ceasefire · May 2021 → Dec 2021 ═════\n"
        "2021\n"
        "├─● Jun 2021 [probable]\n"
        "│   Deal signed [1]\n"
        "│   Lane: Diplomacy\n"
        "│\n"
        "════════════════════════════════════════\n"
        "2022\n"
        "└─● Mar 2022 [possible]\n"
        "    Strike [1]\n"
        "    Lane: Military\n"
        "\n"
        "Sources\n"
        "[1] Report. Reliability B.\n"
        "    https://example.org/a/very/long/path/that/goes/on/and/on\n"  # wider: never cut
    )


def test_markdown_carries_lanes_tags_descriptions_and_periods() -> None:
    header = "| Date | Event | Lane | Certainty | Sources |\n| --- | --- | --- | --- | --- |\n"
    assert render_markdown(_recorded()) == (
        "# Small\n\n"
        + header
        + "| Jan 2021 | Talks open — *First round in Geneva. A second paragraph.*"
        " · Tags: talks, un | Diplomacy | confirmed | [1] |\n"
        "\n---\n\n### Ceasefire (May 2021 → Dec 2021)\n\n"
        + header
        + "| Jun 2021 | Deal signed | Diplomacy | probable | [1] |\n"
        "\n---\n\n" + header + "| Mar 2022 | Strike | Military | possible | [1] |\n"
        "\n## Sources\n\n"
        "1. [Report](https://example.org/a/very/long/path/that/goes/on/and/on). Reliability B.\n"
    )


@pytest.mark.parametrize("width", [20, 30, 50])
@pytest.mark.parametrize("ascii", [False, True])
def test_urls_are_never_cut(width: int, ascii: bool) -> None:
    """A URL is one line whatever the width (copied, a cut URL would not work); the
    words around it still wrap."""
    url = "https://example.org/a/very/long/path/that/goes/on/and/on?with=query&and=more"
    title = f"Seen at {url} and also at www.example.com/another/long/path/to/somewhere"
    events = [Event("a", title, "confirmed", ["s"], date="2021-01")]
    tl = Timeline("T", events, {"s": Source("s", "Report", url=url)})
    lines = render_text(tl, width=width, ascii=ascii).splitlines()
    assert sum(url in line for line in lines) == 2  # in the title, and in the sources
    assert any("www.example.com/another/long/path/to/somewhere" in line for line in lines)
    assert all(
        text_width(line) <= width for line in lines if "://" not in line and "www." not in line
    )


def test_no_events() -> None:
    empty = Timeline("Nothing")
    assert render_text(empty, width=40) == "Nothing\n\nNo events.\n"
    assert render_markdown(empty) == "# Nothing\n\nNo events.\n"


def test_selection_is_passed_on() -> None:
    text = render_text(_small(), width=70, min_certainty="probable", date_from="2021")
    assert "Second" in text
    assert "First event" not in text
    assert "Third" not in text
    markdown = render_markdown(_small(), date_to="1900")
    assert "No events." in markdown
    with pytest.raises(timeline.OptionError, match="unknown option"):
        render_text(_small(), width=70, colour="red")


def test_gap_needs_both_events_shown() -> None:
    small = _small()
    second = attrs.evolve(small.events[1], end="2021-02")
    gapped = attrs.evolve(small, events=[small.events[0], second, small.events[2]], max_gap="P6M")
    assert "no event for at least 10 months" in render_text(gapped, width=70)
    assert "no event" not in render_text(gapped, width=70, date_from="2022")


def test_width(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="at least 20"):
        render_text(_small(), width=19)
    with pytest.raises(timeline.OptionError, match="integer"):
        render_text(_small(), width=True)
    monkeypatch.setenv("COLUMNS", "70")
    assert render_text(_small()) == render_text(_small(), width=70)
    monkeypatch.setenv("COLUMNS", "5")  # a tiny terminal gets the narrowest render
    assert render_text(_small()) == render_text(_small(), width=20)


def test_outputs_are_deterministic() -> None:
    chronology = timeline.load(GOLDEN / "hostile.toml")
    assert render_text(chronology, width=64) == render_text(chronology, width=64)
    assert render_markdown(chronology) == render_markdown(chronology)
    for rendered in (render_text(chronology, width=64), render_markdown(chronology)):
        assert rendered.endswith("\n")
        assert not rendered.endswith("\n\n")


# Display width, wrapping, isolation, escaping ---------------------------------


def test_display_width() -> None:
    assert text_width("abc") == 3
    assert text_width("東京") == 4
    assert text_width("🚀") == 2
    assert text_width("e\u0301") == 1  # combining acute
    assert text_width("a\u200bb\u200d\ufeff") == 2  # zero-width space, joiner, BOM
    assert text_width(FSI + "שלום" + PDI) == 4
    assert char_width("\u00ad") == 1  # a soft hyphen is drawn


def test_hard_split() -> None:
    assert hard_split("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert hard_split("東京大阪", 5) == ["東京", "大阪"]
    assert hard_split("ae\u0301\u0301bc", 2) == ["ae\u0301\u0301", "bc"]  # marks stay on their base
    assert hard_split("https://example.org/path/more", 22) == ["https://example.org/", "path/more"]


def test_isolate() -> None:
    assert isolate("plain") == "plain"
    assert isolate("שלום") == FSI + "שלום" + PDI
    assert isolate("a\u2069b\u05d0") == FSI * 2 + "a\u2069b\u05d0" + PDI  # stray PDI
    assert isolate("\u2067x") == FSI + "\u2067x" + PDI * 2  # unclosed RLI
    assert isolate("x\u202e") == FSI + "x\u202e" + PDI  # an override ends at the PDI


def test_markdown_escape() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("*x* _y_ `z` [l](u) <script> & $5 ~s~ #h \\") == (
        "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<script\\> \\& \\$5 \\~s\\~ \\#h \\\\"
    )
    assert escape("- item") == "\\- item"
    assert escape("+ item") == "\\+ item"
    assert escape("1. item") == "1\\. item"
    assert escape("12) item") == "12\\) item"
    assert escape("line\nbreak  and\ttab") == "line break and tab"
    assert escape("see https://x.org/a or www.x.org") == "see https\\://x.org/a or www\\.x.org"


# Properties ----------------------------------------------------------------

TITLES = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60).filter(str.strip)


@settings(deadline=None)
@given(
    titles=st.lists(TITLES, min_size=1, max_size=4), width=st.integers(30, 120), ascii=st.booleans()
)
def test_lines_fit_and_columns_align(titles: list[str], width: int, ascii: bool) -> None:
    events = [
        Event(f"e{n}", title, "confirmed", ["s"], date=f"2020-0{n + 1}")
        for n, title in enumerate(titles)
    ]
    chronology = Timeline("T", events, {"s": Source("s", "S")})
    rendered = render_text(chronology, width=width, ascii=ascii)
    lines = rendered.splitlines()
    assert all(text_width(line) <= width for line in lines)

    rule, branch, last = ("|", "+-* ", "`-* ") if ascii else ("│", "├─● ", "└─● ")
    body = lines[lines.index("2020") + 1 : lines.index("Sources") - 1]
    title_columns = set()
    for line in body:
        if line.startswith((branch, last)):  # an event's first line
            start = line.index("[confirmed]") + len("[confirmed]")
            rest = line[start:]
            if rest.strip(" "):  # dates, certainty and title in columns
                title_columns.add(start + len(rest) - len(rest.lstrip(" ")))
            else:  # the title under the date
                title_columns.add(4)
        else:  # the rule, or the hanging indent of the last event
            assert line.startswith((rule, "    ")), line
            if line != rule:
                title_columns.add(1 + len(line[1:]) - len(line[1:].lstrip(" ")))
    assert len(title_columns) == 1, (title_columns, rendered)


def test_wide_certainty_and_locale_keep_columns() -> None:
    events = [
        Event("a", "Alpha " * 12, "確実", ["s"], date="2020-01"),
        Event("b", "שלום " * 12, "ודאי", ["s"], date="2020-02"),
    ]
    chronology = Timeline("T", events, {"s": Source("s", "S")}, certainty=["確実", "ודאי"])
    for locale in ("en", "ja", "he"):
        lines = render_text(chronology, width=80, locale=locale).splitlines()
        first = [line for line in lines if line.startswith(("├", "└"))]
        rest = [line for line in lines if line.startswith("│ ")]
        assert first
        assert rest
        title_start = {text_width(line.split("Alpha")[0]) for line in first if "Alpha" in line}
        indents = {text_width(line) - text_width(line[1:].lstrip(" ")) for line in rest}
        assert title_start == indents, lines


# Text rendering stays light -------------------------------------------------


def test_text_and_markdown_do_not_import_matplotlib() -> None:
    code = (
        "import sys, timeline\n"
        "from timeline import render_text\n"
        "from timeline import render_markdown\n"
        f"chronology = timeline.load({str(ROOT / 'events.toml')!r})\n"
        "assert render_text(chronology, width=80)\n"
        "assert render_markdown(chronology)\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_fixture_text_is_not_normalised() -> None:
    """The hostile fixture really holds what it claims (guards against an editor's cleanup)."""
    title = timeline.load(GOLDEN / "hostile.toml").events[5].title
    assert "\u200b" in title
    assert unicodedata.combining(title[title.index("e\u0301") + 1])


def test_no_gap_notes_when_the_gap_rule_is_off() -> None:
    small = _small()
    second = attrs.evolve(small.events[1], end="2021-02")
    gapped = attrs.evolve(small, events=[small.events[0], second, small.events[2]], max_gap="P6M")
    assert "no event for" in render_text(gapped, width=70)
    assert "no event for" not in render_text(attrs.evolve(gapped, rules={"W106": "off"}), width=70)
