"""The HTML briefing page: one self-contained file to open, mail or print.

::

    <h1>Title</h1>          subtitle, "as of"
    <figure> <svg …> </figure>   the chart, inline (render_svg, same options)
    Chronology             the text chronology (render_text, 80 columns) in a <pre>
    Sources                the numbered sources; http(s) URLs as links
    Diagnostics            counts and every line of timeline.validate()

Self-contained: no script, no external style sheet, font or image; a
Content-Security-Policy in the page itself (`default-src 'none'`) makes any
fetch a browser might still be tempted to do fail closed. Links carry
`rel="noopener noreferrer"` and only http:// and https:// URLs become links;
any other URL (which validation reports as an error) is shown as plain text.

Everything user-written goes through `html.escape`; the SVG is the renderer's
own XML (already escaped), taken from its `<svg` element on, so that the XML
declaration and doctype do not end up in the middle of an HTML body.

Print: `@page { size: A4; margin: 12mm }`; the chart is kept in one piece
(`break-inside: avoid`) and scaled to fit the box that both A4 and US letter
leave inside those margins (186 mm wide, 255 mm high, less the heading), so
it is never cut or split on either paper; the text follows at 7.5 pt, which
keeps its 80 columns inside that width. The list of links is left out of
print: on paper it would repeat, number for number and URL for URL, the
sources that end the text chronology (and the chart's footnotes).

Like the SVG, the page is deterministic: same input, same bytes.
"""

from __future__ import annotations

import html
import re
from typing import Any

from timeline.dates.format import date_label
from timeline.diagnostics import Severity
from timeline.model.records import Source
from timeline.model.timeline import Timeline
from timeline.render import presentation as _present
from timeline.render.citations import citation
from timeline.render.options import ChartOptions, Selection, TextOptions

__all__ = ["STYLE", "render"]

TEXT_WIDTH = 80
_SVG_START = re.compile(r"<svg[\s>]")
# Characters HTML does not allow in text (C0/C1 controls but tab, newline and
# carriage return; surrogates; noncharacters). The model refuses most already.
_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)

_WORDS = {
    "en": {
        "chronology": "Chronology",
        "sources": "Sources",
        "diagnostics": "Diagnostics",
        "as_of": "As of {date}.",
        "unknown": "unknown source",
        "none": "No findings.",
        "untitled": "Chronology",
        "shown": "{n} shown",
        "event": ("event", "events"),
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "note": ("note", "notes"),
    },
    "fr": {
        "chronology": "Chronologie",
        "sources": "Sources",
        "diagnostics": "Diagnostics",
        "as_of": "Au {date}.",
        "unknown": "source inconnue",
        "none": "Aucune remarque.",
        "untitled": "Chronologie",
        "shown": "{n} affichés",
        "event": ("événement", "événements"),
        "error": ("erreur", "erreurs"),
        "warning": ("avertissement", "avertissements"),
        "note": ("note", "notes"),
    },
}

STYLE = """\
:root { color-scheme: light; }
body {
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
  font: 16px/1.45 system-ui, "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  color: #1f2328; background: #fff;
}
body.dark { color: #e6edf3; background: #0d1117; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.subtitle, .as-of { margin: 0 0 .25rem; color: #57606a; }
body.dark .subtitle, body.dark .as-of { color: #9198a1; }
h1, h2, p, li { overflow-wrap: anywhere; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
pre {
  font: 13px/1.35 "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
  white-space: pre; overflow-x: auto; margin: 0;
}
ol.sources { padding-left: 3em; margin: 0; }
ol.sources li { margin: .2em 0; }
a { color: #0550ae; }
body.dark a { color: #79c0ff; }
ul.diagnostics { padding-left: 1.25em; margin: .5rem 0 0; }
ul.diagnostics code { font-size: .85em; overflow-wrap: anywhere; }
@page { size: A4; margin: 12mm; }
@media print {
  :root { color-scheme: light; }
  body, body.dark {
    margin: 0; padding: 0; max-width: none; font-size: 10pt; color: #000; background: #fff;
  }
  body.dark a, a { color: inherit; text-decoration: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; break-after: avoid; page-break-after: avoid; }
  figure.chart { margin: 0 0 4mm; }
  figure.chart svg { width: auto; height: auto; max-width: 100%; max-height: 230mm; }
  pre { font-size: 7.5pt; line-height: 1.3; white-space: pre-wrap; overflow: visible; }
  #sources { display: none; }
  li, .summary { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _clean(text: str) -> str:
    return _NOT_HTML.sub("\ufffd", text)


def _escape(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _words(locale: str) -> dict[str, Any]:
    return _WORDS.get(locale.split("_", maxsplit=1)[0], _WORDS["en"])


def _lang(locale: str) -> str:
    """A BCP 47 tag from a pendulum locale: "en" -> "en", "pt_br" -> "pt-BR"."""
    language, _, region = locale.partition("_")
    return f"{language}-{region.upper()}" if region else language


def _count(n: int, forms: tuple[str, str]) -> str:
    return f"{n} {forms[0] if n == 1 else forms[1]}"


def _inline_svg(svg: str) -> str:
    """The `<svg>` element of an SVG document, without XML declaration and doctype."""
    start = _SVG_START.search(svg)
    if start is None:
        raise ValueError("the SVG renderer returned no <svg> element")
    return svg[start.start() :].strip()


def _source_item(number: int, source: Source, locale: str) -> str:
    cited = citation(source, locale)
    parts = [
        f"<bdi>{_escape(part.joined)}</bdi>" for part in (cited.title, cited.publisher) if part
    ]
    if cited.published is not None:
        parts.append(_escape(cited.published.joined))
    if cited.link is not None:
        url = _escape(cited.link)
        parts.append(f'<a href="{url}" rel="noopener noreferrer">{url}</a>')
    elif cited.url is not None:  # validation refuses it (E023); shown, never followed
        parts.append(f"<span class=url>{_escape(cited.url)}</span>")
    return f'<li value="{number}">{" ".join(parts)}</li>'


def _sources(presentation: _present.Presentation, words: dict[str, Any]) -> list[str]:
    if not presentation.citations:
        return []
    lines = [
        '<section id="sources">',
        f"<h2>{_escape(words['sources'])}</h2>",
        '<ol class="sources">',
    ]
    for number, key, source in presentation.citations:
        if source is None:
            lines.append(
                f'<li value="{number}"><bdi>{_escape(key)}</bdi> ({_escape(words["unknown"])})</li>'
            )
        else:
            lines.append(_source_item(number, source, presentation.locale))
    return [*lines, "</ol>", "</section>"]


def _diagnostics(timeline: Timeline, shown: int, words: dict[str, Any]) -> list[str]:
    diagnostics = timeline.validate()
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    total = len(timeline.events)
    events = _count(total, words["event"])
    if shown != total:
        events += " (" + words["shown"].format(n=shown) + ")"
    parts = [
        events,
        _count(counts[Severity.ERROR], words["error"]),
        _count(counts[Severity.WARNING], words["warning"]),
    ]
    if counts[Severity.NOTE]:
        parts.append(_count(counts[Severity.NOTE], words["note"]))
    lines = [
        '<section id="diagnostics">',
        f"<h2>{_escape(words['diagnostics'])}</h2>",
        f'<p class="summary">{_escape(", ".join(parts))}.</p>',
    ]
    if diagnostics:
        lines.append('<ul class="diagnostics">')
        lines += [
            f'<li class="{d.severity.value}"><code>{_escape(str(d))}</code></li>'
            for d in diagnostics
        ]
        lines.append("</ul>")
    else:
        lines.append(f"<p>{_escape(words['none'])}</p>")
    return [*lines, "</section>"]


def render(
    timeline: Timeline, chosen: Selection, options: ChartOptions, *, chart: str | None = None
) -> str:
    """The chronology as a self-contained HTML5 briefing page (a str).

    `chosen` applies to the chart, the text and the sources alike; `options`
    are the chart's. `chart` is an SVG document to inline instead of drawing
    one (for callers that already have it). The diagnostics are those of the
    whole chronology.
    """
    from timeline.render import text as text_renderer

    theme = options.theme
    presentation = _present.present(timeline, chosen)
    words = _words(chosen.locale)
    if chart is None:
        from timeline.render import chart as chart_renderer  # matplotlib: only when drawing

        chart = chart_renderer.render_svg(timeline, chosen, options)
    svg = _inline_svg(chart)
    text = text_renderer.render(timeline, chosen, TextOptions(width=TEXT_WIDTH))
    title = presentation.title.strip() or words["untitled"]

    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(_lang(chosen.locale))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
        " style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_escape(title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        f'<body class="{"dark" if theme == "dark" else "light"}">',
        "<header>",
        f'<h1 dir="auto">{_escape(title)}</h1>',
    ]
    if presentation.subtitle is not None and presentation.subtitle.strip():
        head.append(f'<p class="subtitle" dir="auto">{_escape(presentation.subtitle)}</p>')
    if presentation.as_of is not None:
        date = date_label(presentation.as_of, chosen.locale)
        head.append(f'<p class="as-of">{_escape(words["as_of"].format(date=date))}</p>')
    head.append("</header>")

    body = [
        '<figure class="chart">',
        svg,
        "</figure>",
        '<section id="chronology">',
        f"<h2>{_escape(words['chronology'])}</h2>",
        # The newline after <pre> is dropped by every HTML parser: the text starts as is.
        f"<pre>\n{_escape(text.rstrip(chr(10)))}</pre>",
        "</section>",
    ]
    body += _sources(presentation, words)
    body += _diagnostics(timeline, len(presentation.entries), words)
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"
