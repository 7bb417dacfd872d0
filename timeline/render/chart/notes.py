"""The text around the chart: legend, numbered sources, description (no matplotlib)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from timeline.dates.format import grouped
from timeline.model.records import Source
from timeline.render.chart.fonts import Type
from timeline.render.chart.geometry import EventGeometry
from timeline.render.chart.labels import LINE
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.words import clean
from timeline.render.citations import citation
from timeline.render.presentation import Entry, Presentation

__all__ = [
    "GLYPH", "Caption", "Footnote", "Footnotes", "LegendItem", "LegendRow", "PlacedNote",
    "description", "flow", "footnotes", "hover", "legend_items", "place_footnotes",
]  # fmt: skip

GLYPH = 30.0  # the width of a legend item's sample
GAP = 24.0  # between columns of footnotes


@attrs.frozen(slots=True)
class Caption:
    """A line of text the chart places: a heading, or a line saying what is left out."""

    x: float
    y: float  # its top (the "no events" line's: its middle)
    text: str


@attrs.frozen(slots=True)
class LegendItem:
    kind: str  # "label", "certainty", "precision", "fuzzy", "open", "unknown", "clipped",
    # "new", "claimed", "density"
    text: str
    rank: int = 0


@attrs.frozen(slots=True)
class LegendRow:
    y: float  # the middle of the row
    items: tuple[tuple[float, LegendItem], ...]  # (x, item)


def legend_items(
    events: Sequence[EventGeometry], scale: tuple[str, ...], words: dict[str, str],
    bins: str | None = None, new_since: str | None = None,
) -> list[LegendItem]:  # fmt: skip
    """What the legend explains: the certainty words shown, and the marks drawn (with
    density strips, `bins` is the length of their bins in words; `new_since` the
    selection's, in words, for the ring of the new events)."""
    if not events:
        return [LegendItem("density", words["density"].format(span=bins))] if bins else []
    ranks = sorted({geo.rank for geo in events})
    items = [LegendItem("label", words["certainty"])]
    for rank in ranks:
        word = scale[rank] if rank < len(scale) else "?"
        items.append(LegendItem("certainty", clean(word), rank))
    marks = (
        ("precision", any(geo.bands for geo in events)),
        ("fuzzy", any(geo.whiskers for geo in events)),
        ("open", any(geo.arrows for geo in events)),
        ("unknown", any(geo.fade for geo in events)),
        ("clipped", any(geo.cuts for geo in events)),
    )
    items += [LegendItem(kind, words[kind]) for kind, drawn in marks if drawn]
    if new_since is not None and any(geo.entry.new for geo in events):
        items.append(LegendItem("new", words["new_since"].format(date=new_since)))
    if any(claim.differs for geo in events for claim in geo.entry.claims):
        items.append(LegendItem("claimed", words["claimed"]))
    if bins is not None:
        items.append(LegendItem("density", words["density"].format(span=bins)))
    return items


def flow(
    items: list[LegendItem], metrics: Metrics, width: float, sizes: Type
) -> list[list[tuple[float, LegendItem]]]:
    """Legend items in rows: (x offset, item)."""
    rows: list[list[tuple[float, LegendItem]]] = []
    x = 0.0
    row: list[tuple[float, LegendItem]] = []
    for item in items:
        bold = item.kind == "label"
        w = metrics.width(item.text, sizes.legend, bold) + (0 if bold else GLYPH + 4)
        if row and x + w > width:
            rows.append(row)
            row, x = [], 0.0
        row.append((x, item))
        x += w + 14
    if row:
        rows.append(row)
    return rows


# ---------------------------------------------------------------- footnotes


@attrs.frozen(slots=True)
class Footnote:
    number: str
    lines: tuple[str, ...]
    url_text: str | None
    url: str | None  # only a web URL (timeline._urls.web_url): the link target
    url_inline: bool  # on the body's last line (else on its own line)
    url_x: float  # x offset of the URL when inline
    archive_text: str | None = None  # "archived: …", on its own line after the URL
    archive: str | None = None  # the archived copy when it may be a link

    @property
    def line_count(self) -> int:
        own = 0 if self.url_text is None or self.url_inline else 1
        return len(self.lines) + own + (0 if self.archive_text is None else 1)


@attrs.frozen(slots=True)
class Footnotes:
    columns: tuple[tuple[Footnote, ...], ...]
    column_width: float
    indent: float
    height: float  # heading included
    size: float  # of the text
    more: int = 0  # sources left out for want of room (a line says how many)


Sources = tuple[tuple[int, str, Source], ...]  # (number, key, source), as Presentation has them
Pins = Mapping[int, tuple[str | None, int | None]]  # number: (locator, credibility)


def footnotes(
    sources: Sources, locale: str, metrics: Metrics, width: float, sizes: Type,
    *, max_height: float | None = None, pins: Pins | None = None, archived: str = "archived:",
) -> Footnotes:  # fmt: skip
    """The numbered sources in one or two columns `width` points wide in all; with
    `max_height`, only as many as fit in it (at least one), and a line for the rest.
    `pins` are each number's locator and credibility (`Presentation.pins`), `archived`
    the word before an archived copy."""
    size = sizes.foot
    pins = pins or {}
    if not sources:
        return Footnotes((), width, 0, 0, size)
    count = 2 if width >= 600 and len(sources) > 1 else 1
    column_width = (width - GAP * (count - 1)) / count
    indent = metrics.width(f"[{sources[-1][0]}]", size, True) + 5
    body_width = column_width - indent
    notes = [
        _footnote(
            number,
            source,
            locale,
            pins.get(number, (None, None)),
            metrics,
            body_width,
            size,
            archived,
        )
        for number, _key, source in sources
    ]

    def made(kept: int) -> Footnotes:
        columns = _columns(notes[:kept], count)
        lines = max(sum(note.line_count for note in column) for column in columns)
        more = len(notes) - kept
        height = size * LINE * 1.3 + 4 + (lines + (1 if more else 0)) * size * LINE
        height += 4 * kept / count
        return Footnotes(tuple(columns), column_width + GAP, indent, height, size, more)

    whole = made(len(notes))
    if max_height is None or whole.height <= max_height:
        return whole
    low, high = 1, len(notes) - 1  # the most that fit: at least one, fewer than all
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if made(middle).height <= max_height else (low, middle - 1)
    return made(low)


def _columns(notes: Sequence[Footnote], count: int) -> list[tuple[Footnote, ...]]:
    total = sum(note.line_count for note in notes)
    target = math.ceil(total / count)
    columns: list[list[Footnote]] = [[]]
    filled = 0
    for note in notes:
        if filled >= target and len(columns) < count:
            columns.append([])
            filled = 0
        columns[-1].append(note)
        filled += note.line_count
    return [tuple(column) for column in columns]


def _footnote(
    number: int, source: Source, locale: str, pin: tuple[str | None, int | None],
    metrics: Metrics, body_width: float, size: float, archived: str,
) -> Footnote:  # fmt: skip
    cited = citation(source, locale, pin)  # the one citation: its parts, links and grade
    parts = []
    if cited.publisher is not None:
        parts.append(clean(cited.publisher.text))
    parts.append(f"“{clean(source.title if cited.title is None else cited.title.text)}”")
    parts += [clean(part.text) for part in (cited.published, cited.at) if part is not None]
    body = ", ".join(parts) + (f" ({clean(cited.grade)})" if cited.grade else "") + "."
    lines = metrics.wrap(body, size, body_width, max_lines=4)
    url_text = url = None
    inline, url_x = False, 0.0
    if cited.url:
        raw = clean(cited.url)
        url = raw if cited.link is not None else None  # the one URL policy (E023)
        url_text = _one_line(raw, metrics, size, body_width)
        last = metrics.width(lines[-1] + " ", size)
        if last + metrics.width(url_text, size) <= body_width:
            inline, url_x = True, last
    archive_text = archive = None
    if cited.archive is not None:
        raw = clean(cited.archive)
        archive = raw if cited.archive_link is not None else None
        word = clean(archived) + " "
        rest = body_width - metrics.width(word, size)
        archive_text = word + _one_line(raw, metrics, size, rest)
    return Footnote(
        f"[{number}]", tuple(lines), url_text, url, inline, url_x, archive_text, archive
    )


def _one_line(text: str, metrics: Metrics, size: float, width: float) -> str:
    return metrics.wrap(text.replace(" ", "\u00a0"), size, width, max_lines=1)[0]


@attrs.frozen(slots=True)
class PlacedNote:
    """One source as drawn: its number, its body, and its URL (shown, maybe a link)."""

    number: str
    x: float
    y: float  # the top of its first line
    body: str
    body_x: float
    url_text: str | None  # None: no URL
    url: str | None
    url_x: float
    url_y: float
    url_inline: bool  # on the body's last line: a raster draws the two as one text
    archive_text: str | None = None  # "archived: …" on its own line, None: no archive
    archive: str | None = None  # its link
    archive_y: float = 0.0

    def raster_body(self) -> str:
        """The body as a raster draws it: with an inline URL as the end of its last
        line (one text, and no gap between the two to guess)."""
        if self.url_text is not None and self.url_inline:
            return f"{self.body} {self.url_text}"
        return self.body


def place_footnotes(layout: Footnotes, x0: float, y: float) -> tuple[PlacedNote, ...]:
    """Each note placed, under a heading whose top is at `y`."""
    y -= layout.size * LINE * 1.3 + 4
    pitch = layout.size * LINE
    placed = []
    for column_index, column in enumerate(layout.columns):
        x = x0 + column_index * layout.column_width
        cy = y
        for note in column:
            if note.url_inline:
                ux, uy = x + layout.indent + note.url_x, cy - (len(note.lines) - 1) * pitch
            else:
                ux, uy = x + layout.indent, cy - len(note.lines) * pitch
            ay = cy - (note.line_count - 1) * pitch
            placed.append(PlacedNote(
                note.number, x, cy, "\n".join(note.lines), x + layout.indent, note.url_text,
                note.url, ux, uy, note.url_inline, note.archive_text, note.archive, ay,
            ))  # fmt: skip
            cy -= note.line_count * pitch + 4
    return tuple(placed)


# ---------------------------------------------------------------- description and hovers


def description(
    presentation: Presentation, words: dict[str, str], lanes: Sequence[str] | None = None
) -> str:
    """What the chart shows, in a sentence or three (the SVG's <desc>); `lanes` are the
    chart's (default: the presentation's)."""
    entries = presentation.entries
    parts = []
    if presentation.subtitle:
        parts.append(clean(presentation.subtitle).rstrip(".") + ".")
    if entries:
        first = entries[0].label
        last = entries[-1].label
        n = grouped(len(entries), presentation.locale)
        text = words["events"].format(n=n, first=clean(first), last=clean(last))
        shown = presentation.lanes if lanes is None else lanes
        names = [clean(lane) for lane in shown if lane]
        if names:
            text += " " + words["lanes"].format(names=", ".join(names))
        parts.append(text + ".")
    else:
        parts.append(words["empty"])
    if presentation.sources:
        cited = grouped(len(presentation.sources), presentation.locale)
        parts.append(words["cited"].format(n=cited) + ".")
    return " ".join(parts)


def hover(entry: Entry) -> str:
    """The hover title of an event's marker: title, date and certainty."""
    event = entry.event
    return f"{clean(event.title)}\n{clean(entry.label)} · {clean(entry.certainty)}"
