"""The HTML briefing page: one self-contained file to open, mail or print.

::

    <header>     title, subtitle, "as of"
    <figure>     the chart, inline (render_svg, same options), the page's full width
    Chronology   lanes, periods and tags at a glance; a filter (lane, tag, text);
                 a table: date, event (title, description, tags, what each
                 citation says with its quote as a <blockquote>, the sources'
                 dates when they disagree), lane, certainty,
                 sources (numbers linked to the list below, with their grades);
                 each period a group of rows under its title and dates
    Sources      the numbered sources, once; http(s) URLs as links; grades
    Diagnostics  counts and every line of timeline.validate()

A chronology that marks anything (`render.marks`) has its banner, "TLP:AMBER",
at the top of the page (before the header) and at its foot; printed, the two are
fixed to the top and bottom margin of every page (`page_assets.MARKED`). With
`portion_marks`, each event's title is preceded by its own level.

Self-contained: no external style sheet, font, image or script; a
Content-Security-Policy in the page itself (`default-src 'none'`) makes any
fetch a browser might still be tempted to do fail closed. The one script is the
small filter, inline and allowed by its SHA-256 hash only (`script-src
'sha256-…'`): nothing else can run, even text that slipped through escaping. The
page is whole without it: the filter form is `hidden` until the script shows it.
Links carry `rel="noopener noreferrer"` and only http:// and https:// URLs
become links (the one URL policy, `timeline._urls.web_url`); any other URL
(which validation reports as an error) is shown as plain text.

Everything user-written goes through `html.escape`; the SVG is the renderer's
own XML (already escaped), taken from its `<svg` element on, so that the XML
declaration and doctype do not end up in the middle of an HTML body. Every word
that is not the chronology's is translated (`timeline._i18n`).

Print (`render.page_assets`): landscape, on A4 or US letter alike; the header and
the chart alone on the first page, scaled to the box both papers leave, the
chronology from the second page on.

Like the SVG, the page is deterministic: same input, same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from typing import NamedTuple

from timeline._i18n import N_, Translations, language, nN_, translation
from timeline.dates.format import date_label
from timeline.diagnostics import Severity
from timeline.model.records import Source
from timeline.model.timeline import Timeline
from timeline.render import presentation as _present
from timeline.render.citations import citation, claims_text, detail, grade
from timeline.render.layout.textwidth import words
from timeline.render.marks import Marks, marks
from timeline.render.options import ChartOptions, Selection
from timeline.render.page_assets import ACTORS, MARKED, SCRIPT, SCRIPT_HASH, STYLE
from timeline.render.presentation import (
    UNDATED,
    Entry,
    Presentation,
    Section,
    clip_note,
    dateline,
)

__all__ = ["SCRIPT", "SCRIPT_HASH", "STYLE", "render"]

_SVG_START = re.compile(r"<svg[\s>]")
# Characters HTML does not allow in text (C0/C1 controls but tab, newline and
# carriage return; surrogates; noncharacters). The model refuses most already.
_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_COUNTS = {
    Severity.ERROR: nN_("{n} error", "{n} errors"),
    Severity.WARNING: nN_("{n} warning", "{n} warnings"),
    Severity.NOTE: nN_("{n} note", "{n} notes"),
}


def _clean(text: str) -> str:
    return _NOT_HTML.sub("\ufffd", text)


def _escape(text: str) -> str:
    # Printable text has none of _NOT_HTML's characters (controls, surrogates and
    # noncharacters are not printable): most text skips the pattern.
    return html.escape(text if text.isprintable() else _clean(text), quote=True)


def _lang(locale: str) -> str:
    """A BCP 47 tag from a locale name: "en" -> "en", "pt_br" -> "pt-BR"."""
    language, _, region = locale.partition("_")
    return f"{language}-{region.upper()}" if region else language


def _inline_svg(svg: str) -> str:
    """The `<svg>` element of an SVG document, without XML declaration and doctype."""
    start = _SVG_START.search(svg)
    if start is None:
        raise ValueError("the SVG renderer returned no <svg> element")
    return svg[start.start() :].strip()


def _count(t: Translations, forms: tuple[str, str], n: int) -> str:
    return t.ngettext(forms[0], forms[1], n).format(n=n)


# ---------------------------------------------------------------- the header


def _head(title: str, presentation: Presentation, theme: str, shown: Marks) -> list[str]:
    extra = (MARKED if shown.banner is not None else "") + (ACTORS if shown.actors else "")
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(_lang(presentation.locale))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
        f" style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; base-uri 'none';"
        " form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_escape(title)}</title>",
        f"<style>\n{STYLE}{extra}</style>",
        "</head>",
        f'<body class="{"dark" if theme == "dark" else "light"}">',
    ]


def _header(title: str, presentation: Presentation, t: Translations) -> list[str]:
    lines = ['<header class="briefing">', f'<h1 dir="auto">{_escape(title)}</h1>']
    if presentation.subtitle is not None and presentation.subtitle.strip():
        lines.append(f'<p class="subtitle" dir="auto">{_escape(presentation.subtitle)}</p>')
    line = dateline(presentation, stop=True)
    if line is not None:
        said = t.gettext(line[0]).format(date=line[1])
        lines.append(f'<p class="as-of">{_escape(said)}</p>')
    if presentation.undated:
        undated = t.ngettext(*UNDATED, presentation.undated).format(n=presentation.undated)
        lines.append(f'<p class="undated">{_escape(undated)}</p>')
    return [*lines, "</header>"]


# ---------------------------------------------------------------- the chronology


def _tally(names: list[str]) -> str:
    """ "Diplomacy (4) · Air defence (3)": each name once, with how many it counts."""
    counted = Counter(names)
    return " · ".join(f"<bdi>{_escape(name)}</bdi> ({n})" for name, n in counted.items())


def _overview(presentation: Presentation, t: Translations) -> list[str]:
    """The lanes, periods and tags of the events shown, at a glance."""
    entries = presentation.entries
    facts: list[tuple[str, str]] = []
    lanes = [e.event.lane for e in entries if e.event.lane]
    if lanes:
        order = {lane: i for i, lane in enumerate(presentation.lanes)}
        facts.append((t.gettext("Lanes"), _tally(sorted(lanes, key=order.__getitem__))))
    periods = [
        f"<bdi>{_escape(p.title)}</bdi> ({_escape(date_label(p.span, presentation.locale))})"
        for p in presentation.periods
    ]
    if periods:
        facts.append((t.gettext("Periods"), " · ".join(periods)))
    tags = sorted(tag for e in entries for tag in e.event.tags if words(tag))
    if tags:
        facts.append((t.gettext("Tags"), _tally(tags)))
    if not facts:
        return []
    items = [f"<dt>{_escape(name)}</dt><dd>{value}</dd>" for name, value in facts]
    return ['<dl class="overview">', *items, "</dl>"]


def _filters(presentation: Presentation, t: Translations) -> list[str]:
    """The filter form, hidden: the script shows it (without it, there is nothing to filter).
    A lane and a tag menu when there are lanes or tags to choose from; text always."""
    entries = presentation.entries
    if len(entries) < 2:
        return []
    lanes = [
        lane for lane in presentation.lanes if any((e.event.lane or "") == lane for e in entries)
    ]
    tags = sorted({tag for e in entries for tag in e.event.tags if words(tag)})

    def menu(name: str, label: str, every: str, values: list[str]) -> str:
        shown = [f'<option value="">{_escape(every)}</option>']
        shown += [
            f'<option value="{_escape(v)}">{_escape(v or t.gettext("(no lane)"))}</option>'
            for v in values
        ]
        return f'<label>{_escape(label)} <select name="{name}">{"".join(shown)}</select></label>'

    lines = [
        f'<form id="filters" class="filters" hidden aria-label="{_escape(t.gettext("Filter"))}">'
    ]
    if len(lanes) > 1:
        lines.append(menu("lane", t.gettext("Lane"), t.gettext("All lanes"), lanes))
    if tags:
        lines.append(menu("tag", t.gettext("Tag"), t.gettext("All tags"), tags))
    template = t.gettext("{shown} of {total} events shown")
    return [
        *lines,
        f'<label>{_escape(t.gettext("Text"))} <input type="search" name="text"></label>',
        f'<output name="count" data-template="{_escape(template)}"></output>',
        "</form>",
    ]


class _Table(NamedTuple):
    """What every row of the chronology table needs, worked out once."""

    t: Translations
    locale: str
    lanes: bool  # a lane column: some event shown has a lane
    cited: dict[int, str]  # each source number's link to the list, with its grade
    words: dict[str, str]  # the rows' own words, translated and escaped (`_row_words`)
    marks: Marks = Marks()  # portion marks and actors' names


def _row_words(t: Translations) -> dict[str, str]:
    """The words every row may say, translated and escaped once for the table."""
    return {
        "actors": _escape(t.gettext("Actors: {actors}")),
        "tags": _escape(t.gettext("Tags")),
        "new": _escape(t.gettext("NEW")),
    }


def _cited(presentation: Presentation, t: Translations) -> dict[int, str]:
    cited = {}
    for number, _, source in presentation.citations:
        link = f'<a href="#source-{number}">[{number}]</a>'
        credibility = presentation.pins.get(number, (None, None))[1]
        graded = grade(source.reliability if source is not None else None, credibility)
        if graded is not None:
            words_ = N_("Grade {grade}") if credibility is not None else N_("Reliability {grade}")
            label = t.gettext(words_).format(grade=graded)
            link += f' <abbr class="grade" title="{_escape(label)}">{_escape(graded)}</abbr>'
        cited[number] = link
    return cited


def _clip(entry: Entry, t: Translations) -> str:
    """What the range shown cuts off the event: ' (began 2018)'."""
    clipped = clip_note(entry)
    if clipped is None:
        return ""
    note = t.gettext(clipped).format(date=entry.began or entry.ends or "")
    return f' <span class="clipped">{_escape(note)}</span>'


def _row(entry: Entry, table: _Table) -> str:
    event = entry.event
    cell = [f'<span class="title" dir="auto">{_escape(event.title)}</span>']
    portion = table.marks.portion(entry.file_index)
    if portion is not None:
        cell.insert(0, f'<span class="portion">{_escape(portion)}</span> ')
    names = table.marks.names(entry.file_index)
    if names:
        listed = ", ".join(f"<bdi>{_escape(name)}</bdi>" for name in names)
        actors = table.words["actors"].replace("{actors}", listed)
        cell.append(f'<p class="actors">{actors}</p>')
    tags = [tag for tag in event.tags if words(tag)]
    if tags:
        listed = "".join(f"<li>{_escape(tag)}</li>" for tag in tags)
        cell.append(f'<ul class="tags" aria-label="{table.words["tags"]}">{listed}</ul>')
    if event.description is not None:
        for paragraph in event.description.replace("\r\n", "\n").split("\n\n"):
            if words(paragraph):
                cell.append(f'<p class="description" dir="auto">{_escape(paragraph.strip())}</p>')
    cell += _evidence(entry, table)
    data = _escape(json.dumps(list(event.tags), ensure_ascii=False)) if event.tags else "[]"
    lane_name = _escape(event.lane or "")
    lane = f'<td class="lane"><bdi>{lane_name}</bdi></td>' if table.lanes else ""
    sources = ", ".join(table.cited[number] for number in entry.references)
    new = ' class="new"' if entry.new else ""
    badge = f' <span class="new">{table.words["new"]}</span>' if entry.new else ""
    return (
        f'<tr id="event-{_escape(event.id)}"{new} data-lane="{lane_name}"'
        f' data-tags="{data}">'
        f'<td class="date">{_escape(entry.label)}{_clip(entry, table.t)}{badge}</td>'
        f'<td class="event">{"".join(cell)}</td>{lane}'
        f'<td class="certainty"><bdi>{_escape(entry.certainty)}</bdi></td>'
        f'<td class="sources">{sources}</td></tr>'
    )


def _evidence(entry: Entry, table: _Table) -> list[str]:
    """What each citation says, its quote a <blockquote>; the sources' dates when they
    disagree."""
    t, items = table.t, []
    for cited in entry.cited:
        said = detail(cited, table.locale)
        if said is None:
            continue
        item = f'<a href="#source-{said.number}">[{said.number}]</a>'
        item += f" <bdi>{_escape(said.head)}</bdi>"
        if said.quote is not None:
            item += f'<blockquote dir="auto">{_escape(said.quote.strip())}</blockquote>'
        if said.note is not None:
            note = t.gettext("Note: {note}").format(note=said.note.strip())
            item += f'<p class="note" dir="auto">{_escape(note)}</p>'
        items.append(f"<li>{item}</li>")
    cell = [f'<ul class="citations">{"".join(items)}</ul>'] if items else []
    if entry.conflict:
        conflict = t.gettext("Dates differ: {claims}").format(claims=claims_text(entry.claims))
        cell.append(f'<p class="conflict" dir="auto">{_escape(conflict)}</p>')
    return cell


def _group(section: Section, table: _Table) -> list[str]:
    lines = ["<tbody>"]
    if section.period is not None:
        dates = date_label(section.period.span, table.locale)
        lines.append(
            f'<tr class="period"><th colspan="{4 + table.lanes}" scope="rowgroup">'
            f"<bdi>{_escape(section.period.title)}</bdi>"
            f' <span class="dates">{_escape(dates)}</span></th></tr>'
        )
    lines += [_row(entry, table) for entry in section.entries]
    return [*lines, "</tbody>"]


def _chronology(presentation: Presentation, t: Translations, shown: Marks) -> list[str]:
    lines = ['<section id="chronology">', f"<h2>{_escape(t.gettext('Chronology'))}</h2>"]
    if not presentation.entries:
        return [*lines, f"<p>{_escape(t.gettext('No events.'))}</p>", "</section>"]
    lines += _overview(presentation, t)
    lines += _filters(presentation, t)
    lanes = any(entry.event.lane for entry in presentation.entries)
    table = _Table(t, presentation.locale, lanes, _cited(presentation, t), _row_words(t), shown)
    headers = (N_("Date"), N_("Event"), *[N_("Lane")] * lanes, N_("Certainty"), N_("Sources"))
    lines += [
        '<table class="chronology">',
        "<thead><tr>"
        + "".join(f'<th scope="col">{_escape(t.gettext(h))}</th>' for h in headers)
        + "</tr></thead>",
    ]
    for section in _present.sections(presentation):
        lines += _group(section, table)
    return [*lines, "</table>", "</section>"]


# ---------------------------------------------------------------- sources, diagnostics


def _source_item(number: int, source: Source, presentation: Presentation, t: Translations) -> str:
    cited = citation(source, presentation.locale, presentation.pins.get(number, (None, None)))
    parts = [
        f"<bdi>{_escape(part.joined)}</bdi>" for part in (cited.title, cited.publisher) if part
    ]
    if cited.published is not None:
        parts.append(_escape(cited.published.joined))
    if cited.at is not None:
        parts.append(f"<bdi>{_escape(cited.at.joined)}</bdi>")
    if cited.grade is not None:
        graded = N_("Grade {grade}") if cited.credibility else N_("Reliability {grade}")
        parts.append(_escape(t.gettext(graded).format(grade=cited.grade) + "."))
    if cited.link is not None:
        url = _escape(cited.link)
        parts.append(f'<a href="{url}" rel="noopener noreferrer">{url}</a>')
    elif cited.url is not None:  # validation refuses it (E023); shown, never followed
        parts.append(f'<span class="url">{_escape(cited.url)}</span>')
    if cited.archive_link is not None:
        url = _escape(cited.archive_link)
        archived = _escape(t.gettext("archived:"))
        parts.append(f'{archived} <a href="{url}" rel="noopener noreferrer">{url}</a>')
    return f'<li id="source-{number}" value="{number}">{" ".join(parts)}</li>'


def _sources(presentation: Presentation, t: Translations) -> list[str]:
    if not presentation.citations:
        return []
    lines = [
        '<section id="sources">',
        f"<h2>{_escape(t.gettext('Sources'))}</h2>",
        '<ol class="sources">',
    ]
    for number, key, source in presentation.citations:
        if source is None:
            unknown = _escape(t.gettext("(unknown source)"))
            key_text = f"<bdi>{_escape(key)}</bdi>"
            lines.append(f'<li id="source-{number}" value="{number}">{key_text} {unknown}</li>')
        else:
            lines.append(_source_item(number, source, presentation, t))
    return [*lines, "</ol>", "</section>"]


def _diagnostics(timeline: Timeline, shown: int, t: Translations, locale: str) -> list[str]:
    """The summary, in the page's language, and each finding as `timeline check` says it
    (in English, marked so for a page in another language: screen readers and
    hyphenation then read it as English)."""
    diagnostics = timeline.validate()
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    total = len(timeline.events)
    events = _count(t, nN_("{n} event", "{n} events"), total)
    if shown != total:
        events += " (" + _count(t, nN_("{n} shown", "{n} shown"), shown) + ")"
    parts = [events]
    parts += [_count(t, _COUNTS[s], counts[s]) for s in (Severity.ERROR, Severity.WARNING)]
    if counts[Severity.NOTE]:
        parts.append(_count(t, _COUNTS[Severity.NOTE], counts[Severity.NOTE]))
    summary = ", ".join(parts) + "."
    if not diagnostics:
        summary += " " + t.gettext("No findings.")
    lines = [
        '<section id="diagnostics">',
        f"<h2>{_escape(t.gettext('Diagnostics'))}</h2>",
        f'<p class="summary">{_escape(summary)}</p>',
    ]
    if diagnostics:
        english = "" if language(locale) == "en" else ' lang="en"'
        lines.append(f'<ul class="diagnostics"{english}>')
        lines += [
            f'<li class="{d.severity.value}"><code>{_escape(str(d))}</code></li>'
            for d in diagnostics
        ]
        lines.append("</ul>")
    return [*lines, "</section>"]


def render(
    timeline: Timeline, chosen: Selection, options: ChartOptions, *, chart: str | None = None,
    grow: bool = False,
) -> str:  # fmt: skip
    """The chronology as a self-contained HTML5 briefing page (a str).

    With `grow` (the page chose the chart's size itself), a chart whose lanes or key
    need more than that size is drawn at its width and as tall as its content (it
    scrolls).

    `chosen` applies to the chart, the chronology and the sources alike;
    `options` are the chart's. `chart` is an SVG document to inline instead of
    drawing one (for callers that already have it). The diagnostics are those of
    the whole chronology.
    """
    presentation = _present.present(timeline, chosen)
    t = translation(presentation.locale)
    if chart is None:
        from timeline.render import chart as chart_renderer  # matplotlib: only when drawing

        chart = chart_renderer.render_svg(timeline, chosen, options, presentation, grow=grow)
    title = presentation.title.strip() or t.gettext("Chronology")
    shown = marks(timeline, (entry.file_index for entry in presentation.entries))
    banner = _escape(shown.banner) if shown.banner is not None else None
    lines = _head(title, presentation, options.theme, shown)
    lines += [f'<p class="marking top">{banner}</p>'] if banner else []
    lines += _header(title, presentation, t)
    lines += ['<figure class="chart">', _inline_svg(chart), "</figure>", "<main>"]
    lines += _chronology(presentation, t, shown)
    lines += _sources(presentation, t)
    lines += _diagnostics(timeline, len(presentation.entries), t, presentation.locale)
    lines.append("</main>")
    lines += [f'<footer class="marking bottom">{banner}</footer>'] if banner else []
    if any(line.startswith('<form id="filters"') for line in lines):  # only with a filter
        lines.append(f"<script>{SCRIPT}</script>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
