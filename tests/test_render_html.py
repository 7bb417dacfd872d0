"""The HTML briefing page: self-contained, well-formed, everything user-written escaped.

Loaded in a real browser and printed to PDF in tests/test_browsers.py; here
the page is parsed with the standard library's html.parser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import pathlib
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest

import timeline
from timeline import render_html
from timeline.cli import main
from timeline.render.html import SCRIPT, SCRIPT_HASH, STYLE
from timeline.render.presentation import present, sections

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Elements without an end tag in HTML.
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr")
)  # fmt: skip
# Attributes whose value is fetched or followed by a browser.
URL_ATTRIBUTES = frozenset(
    ("href", "xlink:href", "src", "srcset", "action", "formaction", "data", "poster",
     "background", "cite", "longdesc", "ping")
)  # fmt: skip

HOSTILE = "<script>alert(1)</script> & &amp; \"double\" 'single' $x$ -- </pre>"

TINY = """\
[timeline]
title = "Tiny"

[sources.a]
title = "Wire"
publisher = "Agency"
url = "https://example.org/a?x=1&y=2"
published = "2024-03"

[[event]]
id = "one"
title = "First"
date = "2024-03-05"
certainty = "probable"
sources = ["a"]
"""


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_chronology(url: str = "https://example.org/x?a=1&b=<2>") -> timeline.Timeline:
    text = f"""\
[timeline]
title = {toml_string(HOSTILE)}
subtitle = {toml_string("sub " + HOSTILE)}

[sources.evil]
title = {toml_string("Source " + HOSTILE)}
publisher = {toml_string("Publisher " + HOSTILE)}
url = {toml_string(url)}
published = "2024"

[sources.other]
title = "Other"
url = "https://example.com/other"

[[event]]
id = "e1"
title = {toml_string("Event " + HOSTILE)}
date = "2024-01"
certainty = "probable"
sources = ["evil", "other"]
description = {toml_string("Description " + HOSTILE)}

[[event]]
id = "e2"
title = "Second event, with an ampersand & a dollar $5"
start = "2024-02"
end = ".."
certainty = "possible"
sources = ["other"]
"""
    return timeline.loads(text, name="hostile <file>.toml")


class Page(HTMLParser):
    """The page as parsed: elements, attributes, text by element, and the nesting
    checked: every element that must be closed is, in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self.declarations: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"never closed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction in HTML: {data!r}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if "svg" not in self.stack:  # self-closing tags are XML, fine inside <svg> only
            self.problems.append(f"<{tag}/> outside of SVG")

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"<{tag}> repeats an attribute: {names}")
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.text.setdefault(self.stack[-1], []).append(data)

    def first(self, tag: str) -> str:
        return self.text[tag][0]

    def elements(self, tag: str) -> list[dict[str, str | None]]:
        return [attributes for name, attributes in self.tags if name == tag]


def parsed(text: str) -> Page:
    page = Page(text)
    assert not page.problems, page.problems
    assert page.declarations == ["DOCTYPE html"]
    return page


def inline_svg(text: str) -> ET.Element:
    start, end = text.index("<svg"), text.rindex("</svg>") + len("</svg>")
    return ET.fromstring(text[start:end])


def source_urls(tl: timeline.Timeline) -> set[str]:
    return {s.url for s in tl.sources.values() if s.url is not None}


def assert_self_contained(text: str, tl: timeline.Timeline) -> Page:
    page = parsed(text)
    allowed = source_urls(tl)
    # One script at most: inline, and allowed by the Content-Security-Policy by its hash.
    scripts = [attributes for tag, attributes in page.tags if tag == "script"]
    assert len(scripts) <= 1
    assert all(not attributes for attributes in scripts), scripts  # no src, no type
    (policy,) = [
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    assert policy.startswith("default-src 'none';")
    if scripts:
        (script,) = page.text["script"]
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}';" in policy
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    for tag, attributes in page.tags:
        assert tag not in ("iframe", "object", "embed", "link", "base", "img")
        for name, given in attributes.items():
            assert not name.startswith("on"), f"<{tag} {name}=…>"
            value = given or ""
            squeezed = re.sub(r"\s+", "", value).lower()
            assert "javascript:" not in squeezed, f"<{tag} {name}={value!r}>"
            assert not squeezed.startswith(("data:", "file:", "vbscript:")), (tag, name, value)
            if name in URL_ATTRIBUTES:
                assert name != "src", f"<{tag} src> fetches {value!r}"
                if re.match(r"https?:", value, re.IGNORECASE):
                    assert value in allowed, f"<{tag} {name}={value!r}> is not a source link"
                else:
                    assert value.startswith("#"), f"<{tag} {name}={value!r}>"
    for link in page.elements("a"):
        if (link.get("href") or "").startswith("http"):
            assert link.get("rel") == "noopener noreferrer", link
    # No style fetches anything: url() only for the SVG's own fragments.
    assert re.findall(r"url\(\s*['\"]?(?!#)", text) == []
    assert "@import" not in text
    assert "@font-face" not in text
    return page


# ---------------------------------------------------------------- the bundled chronology


@pytest.fixture(scope="module")
def bundled() -> timeline.Timeline:
    return timeline.load(ROOT / "events.toml")


@pytest.fixture(scope="module")
def bundled_html(bundled: timeline.Timeline) -> str:
    return render_html(bundled)


def test_bundled_page_is_well_formed_and_self_contained(
    bundled: timeline.Timeline, bundled_html: str
) -> None:
    page = assert_self_contained(bundled_html, bundled)
    assert bundled_html.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert page.first("title") == bundled.title
    assert page.first("h1") == bundled.title
    assert "<?xml" not in bundled_html
    assert "<!DOCTYPE svg" not in bundled_html
    svg = inline_svg(bundled_html)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(page.elements("svg")) == 1


def test_bundled_page_holds_the_chronology(bundled: timeline.Timeline, bundled_html: str) -> None:
    """Every event shown is a row: date, title, description, tags, lane, certainty and
    its sources, linked to the list; each period a group of rows under its title."""
    presentation = present(bundled)
    rows = re.findall(r'<tr id="event-([^"]+)"', bundled_html)
    assert rows == [entry.event.id for entry in presentation.entries]
    for entry in presentation.entries:
        event = entry.event
        row = bundled_html.split(f'<tr id="event-{event.id}"', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="date">{html.escape(entry.label)}</td>' in row
        assert f'<span class="title" dir="auto">{html.escape(event.title)}</span>' in row
        if event.description:
            assert html.escape(event.description.strip()) in row
        assert all(f"<li>{html.escape(tag)}</li>" in row for tag in event.tags)
        assert f'<td class="lane"><bdi>{html.escape(event.lane or "")}</bdi></td>' in row
        assert f'<td class="certainty"><bdi>{entry.certainty}</bdi></td>' in row
        cell = row.split('<td class="sources">', 1)[1].split("</td>", 1)[0]
        references = [f"#source-{n}" for n in entry.references]
        assert re.findall(r'href="(#source-\d+)"', cell) == references
        # The citations listed under the title (locator, quote, note) link the same notes.
        assert set(re.findall(r'href="(#source-\d+)"', row.replace(cell, ""))) <= set(references)
    periods = [section.period for section in sections(presentation) if section.period]
    assert periods
    for period in periods:
        assert f'<bdi>{html.escape(period.title)}</bdi> <span class="dates">' in bundled_html
    assert "<pre" not in bundled_html  # no terminal text in a page


def test_bundled_page_shows_title_and_sources_once(
    bundled: timeline.Timeline, bundled_html: str
) -> None:
    page = bundled_html.split("</figure>", 1)[1]  # the page, less its chart
    head = bundled_html.split("<figure", 1)[0]
    assert head.count(html.escape(bundled.title)) == 2  # <title> and <h1>
    assert html.escape(bundled.title) not in page
    # Each in the list only (not in the chart too): once per footnote, and a source has a
    # footnote for each place it is cited at (its locator), as docs/rendering.md says.
    notes = Counter(source.title for _, _, source in present(bundled).sources)
    for title, count in notes.items():
        assert bundled_html.count(html.escape(title)) == count, title
    chart = inline_svg(bundled_html)
    drawn = ["".join(text.itertext()) for text in chart.iter("{http://www.w3.org/2000/svg}text")]
    assert drawn
    assert bundled.title not in drawn  # the page's header shows it, not the chart
    assert chart.get("width") == "960pt"  # a slide, landscape as the page prints
    assert chart.get("height") == "540pt"


def test_bundled_page_links_every_http_source(
    bundled: timeline.Timeline, bundled_html: str
) -> None:
    page = parsed(bundled_html)
    cited = present(bundled).sources
    links = [a["href"] for a in page.elements("a") if a.get("rel") == "noopener noreferrer"]
    http = [s.url for _, _, s in cited if s.url and re.match(r"https?://", s.url, re.I)]
    assert links == http
    numbers = [item["value"] for item in page.elements("li") if "value" in item]
    assert numbers == [str(number) for number, _, _ in cited]


def test_bundled_page_has_print_css(bundled_html: str) -> None:
    assert "@page { size: landscape; margin: 10mm; }" in bundled_html
    assert "@media print" in bundled_html
    assert "break-after: page" in bundled_html
    assert "break-inside: avoid" in bundled_html
    assert "max-width: 100%" in bundled_html
    assert "height: auto" in bundled_html
    assert "Content-Security-Policy" in bundled_html
    assert "default-src 'none'" in bundled_html


def test_filter_is_hidden_until_the_script_shows_it(
    bundled: timeline.Timeline, bundled_html: str
) -> None:
    """Without the script the page is whole: the form that would do nothing is hidden."""
    assert '<form id="filters" class="filters" hidden' in bundled_html
    assert bundled_html.count(f"<script>{SCRIPT}</script>") == 1
    for lane in bundled.lanes:
        assert f'<option value="{html.escape(lane)}">' in bundled_html
    for tag in {tag for event in bundled.events for tag in event.tags}:
        assert f'<option value="{html.escape(tag)}">' in bundled_html
    assert 'data-template="{shown} of {total} events shown"' in bundled_html


def test_render_is_deterministic(bundled: timeline.Timeline, bundled_html: str) -> None:
    assert render_html(bundled) == bundled_html


def test_exported() -> None:
    # timeline.render_html imports the page module only when called (start-up time).
    tiny = timeline.Timeline(title="T")
    assert timeline.render_html(tiny) == render_html(tiny)
    assert "render_html" in timeline.__all__
    assert "html" in timeline.render.FORMATS


# ---------------------------------------------------------------- hostile text


def test_hostile_text_is_escaped_everywhere() -> None:
    tl = hostile_chronology()
    text = render_html(tl)
    page = assert_self_contained(text, tl)
    page.tags = [t for t in page.tags if t[0] != "a" or "rel" in t[1]]  # not the SVG's links
    assert text.lower().count("<script") == 1  # the page's own
    assert "<script>alert" not in text.lower()
    assert page.first("title") == HOSTILE
    assert page.first("h1") == HOSTILE
    assert html.escape(HOSTILE) in text
    assert "Event " + HOSTILE in page.text["span"]
    assert "Description " + HOSTILE in page.text["p"]
    sources = "".join(page.text["bdi"])
    assert "Source " + HOSTILE in sources
    assert "Publisher " + HOSTILE in sources
    # The link: escaped in the attribute, the same URL when parsed back.
    (link,) = [a for a in page.elements("a") if "example.org" in (a.get("href") or "")]
    assert link["href"] == "https://example.org/x?a=1&b=<2>"
    assert link["rel"] == "noopener noreferrer"
    assert 'href="https://example.org/x?a=1&amp;b=&lt;2&gt;"' in text
    # The inline SVG is still XML and shows the title literally.
    svg = inline_svg(text)
    assert HOSTILE in "".join(svg.itertext())


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(document.domain)", "data:text/html,<b>x</b>"]
)
def test_a_url_that_is_not_http_never_becomes_a_link(url: str) -> None:
    tl = hostile_chronology(url)
    assert any(d.code == "E023" for d in tl.validate())  # refused by validation (the CLI)
    text = render_html(tl)  # the library still renders: the URL is shown, never followed
    page = assert_self_contained(text, tl)
    hrefs = [a.get("href") or a.get("xlink:href") for a in page.elements("a")]
    assert all(h is not None and h.startswith(("http", "#")) for h in hrefs), hrefs
    assert url in "".join(page.text.get("span", []))


def test_title_without_text_falls_back() -> None:
    tl = timeline.loads(TINY.replace('title = "Tiny"\n', "", 1), name="t.toml")  # no title
    page = parsed(render_html(tl))
    assert page.first("title") == "Chronology"


# ---------------------------------------------------------------- exact output


def fake_svg(tl: timeline.Timeline, **options: object) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt">{options}</svg>\n'
    )


def test_exact_page_of_a_tiny_chronology() -> None:
    """The whole page, with the chart replaced by a stub (its bytes are the SVG
    renderer's business): the XML declaration and doctype are gone, and nothing
    else is there."""
    tl = timeline.loads(TINY, name="tiny.toml")
    expected = f"""\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>Tiny</title>
<style>
{STYLE}</style>
</head>
<body class="light">
<header class="briefing">
<h1 dir="auto">Tiny</h1>
</header>
<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt">{{}}</svg>
</figure>
<main>
<section id="chronology">
<h2>Chronology</h2>
<table class="chronology">
<thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Certainty</th><th scope="col">Sources</th></tr></thead>
<tbody>
<tr id="event-one" data-lane="" data-tags="[]"><td class="date">5 Mar 2024</td><td class="event"><span class="title" dir="auto">First</span></td><td class="certainty"><bdi>probable</bdi></td><td class="sources"><a href="#source-1">[1]</a></td></tr>
</tbody>
</table>
</section>
<section id="sources">
<h2>Sources</h2>
<ol class="sources">
<li id="source-1" value="1"><bdi>Wire.</bdi> <bdi>Agency,</bdi> Mar 2024. <a href="https://example.org/a?x=1&amp;y=2" rel="noopener noreferrer">https://example.org/a?x=1&amp;y=2</a></li>
</ol>
</section>
<section id="diagnostics">
<h2>Diagnostics</h2>
<p class="summary">1 event, 0 errors, 0 warnings. No findings.</p>
</section>
</main>
</body>
</html>
"""  # noqa: E501
    assert render_html(tl, chart=fake_svg(tl)) == expected


def test_diagnostics_are_counted_and_listed() -> None:
    text = TINY.replace('certainty = "probable"', 'certainty = "confirmed"')
    tl = timeline.loads(text, name="<tiny & co>.toml")
    diagnostics = tl.validate()
    assert diagnostics  # a confirmed event with one source: uncorroborated
    page = parsed(render_html(tl, chart=fake_svg(tl)))
    lines = page.text["code"]
    assert lines == [str(d) for d in diagnostics]
    warnings = sum(d.severity is timeline.Severity.WARNING for d in diagnostics)
    summary = page.first("p")
    assert f"{warnings} warning" in summary
    assert "&lt;tiny &amp; co&gt;.toml" in render_html(tl, chart=fake_svg(tl))


def test_selection_size_theme_and_locale() -> None:
    tl = hostile_chronology()
    text = render_html(tl, size="letter", theme="dark", locale="fr", tags=["none"])
    # The options reach the chart: it is the chart render_svg draws with them.
    chart = timeline.render_svg(
        tl,
        size="letter",
        theme="dark",
        locale="fr",
        tags=["none"],
        sources="none",
        header=False,
    )
    assert chart.split("<svg", 1)[1].strip() in text
    assert 'width="612pt"' in text  # letter: 8.5 in
    assert '<html lang="fr">' in text
    assert '<body class="dark">' in text
    assert "<h2>Chronologie</h2>" in text
    assert "2 événements (0 affiché)" in text
    assert 'id="sources"' not in text  # nothing shown, nothing cited
    assert '<html lang="pt-BR">' in render_html(tl, locale="pt_br")


def test_unknown_option_is_refused() -> None:
    tl = timeline.loads(TINY)
    with pytest.raises(timeline.OptionError, match="colour"):
        render_html(tl, colour="red")
    with pytest.raises(timeline.OptionError, match="theme"):
        render_html(tl, theme="neon")


# ---------------------------------------------------------------- the command line


def test_cli_writes_the_html_page(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "events.toml"
    source.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    status = main(["render", str(source), "-o", str(out), "--format", "html,txt", "--width", "80"])
    assert status == 0
    written = out / "timeline.html"
    assert capsys.readouterr().out.splitlines() == [str(written), str(out / "timeline.txt")]
    page = assert_self_contained(written.read_text(encoding="utf-8"), timeline.load(source))
    assert page.first("h1") == "Tiny"
    assert page.text["td"][0] == "5 Mar 2024"
    assert "First" in page.text["span"]


def test_the_command_line_page_is_the_librarys_page(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`render --format html` without chart options gives the page `render_html` gives:
    a slide-sized chart without its own title or sources (the page shows both)."""
    from timeline.cli import main

    events = pathlib.Path(__file__).resolve().parent.parent / "events.toml"
    assert main(["render", str(events), "--format", "html", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert page == timeline.render_html(timeline.load(events))
    assert 'viewBox="0 0 960 540"' in page


def test_text_that_is_printable_needs_no_cleaning() -> None:
    """The page escapes printable text without the pattern that replaces what HTML cannot
    hold (controls, surrogates, noncharacters): no printable character is one of those."""
    from timeline.render.html import _NOT_HTML, _escape

    cleaned = [c for c in map(chr, range(0x110000)) if c.isprintable() and _NOT_HTML.match(c)]
    assert cleaned == []
    assert _escape("a\x07b\ud800<\ufffe\n") == "a\ufffdb\ufffd&lt;\ufffd\n"
