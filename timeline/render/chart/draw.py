"""Drawing a `ChartLayout` with matplotlib's object API: a Figure and its artists.

matplotlib only through `Figure` and artists, never pyplot. Every Text is
created with ``parse_math=False``, so "$" is a dollar sign. Nothing is
measured or placed here: every position comes from the layout. Call `draw`
inside `timeline.render.chart.context.settings`: artists read matplotlib's
settings when they are made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from timeline.render.chart import banners as _banners
from timeline.render.chart import evidence as _evidence_marks
from timeline.render.chart import notes as _notes
from timeline.render.chart import themes as _themes
from timeline.render.chart.after import Listing
from timeline.render.chart.drawer import Drawer, Rect, Segment, figure_of
from timeline.render.chart.geometry import CUT, EventGeometry
from timeline.render.chart.job import Job
from timeline.render.chart.key import PlacedEntry
from timeline.render.chart.layout import Caption, ChartLayout, EventLabel
from timeline.render.chart.notes import GLYPH
from timeline.render.chart.parts import MARGIN

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["Drawing", "draw", "draw_page"]

BAND_HEIGHT = 10.0
_FILLED = _themes.CertaintyStyle("o", "full", None, 7.0, 1.0)


@attrs.frozen
class Drawing:
    figure: Figure
    labels: tuple[Text, ...]  # the Text artists of event labels: title, date, title, ...


def draw(layout: ChartLayout, job: Job) -> Drawing:
    """A Figure with the chart of `layout`, in the colours of `job`'s theme; in an SVG or
    a PNG, with the block of sources of `layout.below` under it."""
    from matplotlib.transforms import Affine2D

    theme = job.theme
    below = layout.below if job.format != "pdf" else None
    under = below.height if below is not None else 0.0
    figure, pt = figure_of(layout.width, layout.height + under, job)
    chart = Affine2D().translate(0, under) + pt if under else pt
    drawer = Drawer(figure, chart, theme, layout.sizes, pdf=job.format == "pdf")
    _header(drawer, layout)
    _lanes(drawer, layout)
    _periods_and_grid(drawer, layout)
    _strips(drawer, layout)
    _event_marks(drawer, layout)
    _markers(drawer, layout, len(job.certainty))
    _evidence(drawer, layout)
    labels = _labels(drawer, layout)
    if layout.empty is not None:
        empty = layout.empty
        drawer.text(
            empty.x, empty.y, empty.text, layout.sizes.subtitle, theme.muted, ha="center",
            va="center",
        )  # fmt: skip
    if layout.events:
        _axis(drawer, layout)
    _legend(drawer, layout, len(job.certainty))
    _key(drawer, layout)
    _footnotes(drawer, layout.sources, layout.footnotes, layout.sizes.foot, links=job.links)
    _more(drawer, layout.sources_more, layout.sizes.foot)
    if below is not None:
        block = Drawer(figure, pt, theme, below.sizes, pdf=False)
        block.segments([((MARGIN, under), (layout.width - MARGIN, under))], theme.faint, 0.8,
                       zorder=1)  # fmt: skip
        _listing(block, below, links=job.links)
    _banners.draw(drawer, job.banner, layout.width, layout.height, -under)  # figure's edges
    return Drawing(figure, labels)


def draw_page(block: Listing, layout: ChartLayout, job: Job) -> Figure:
    """A page of what is listed after the chart (PDF), as wide as the chart."""
    figure, pt = figure_of(layout.width, block.height, job)
    drawer = Drawer(figure, pt, job.theme, block.sizes, pdf=True)
    _listing(drawer, block, links=job.links)
    _banners.draw(drawer, job.banner, layout.width, block.height)
    return figure


def _listing(draw: Drawer, block: Listing, *, links: bool) -> None:
    _key_entries(draw, block.key_heading, block.key, block.sizes.key)
    _footnotes(draw, block.heading, block.notes, block.sizes.foot, links=links)


def _more(draw: Drawer, caption: Caption | None, size: float) -> None:
    """The line saying how many entries a full page left out."""
    if caption is not None:
        draw.text(caption.x, caption.y, caption.text, size, draw.theme.muted, va="top",
                  italic=True)  # fmt: skip


def _key(draw: Drawer, layout: ChartLayout) -> None:
    """The numbered key: a heading, then each column as two texts, numbers and entries
    (a text an entry would cost a 300-entry key a second)."""
    _more(draw, layout.key_more, layout.sizes.key)
    _key_entries(draw, layout.key_heading, layout.key, layout.sizes.key)


def _key_entries(
    draw: Drawer, heading: Caption | None, placed: Sequence[PlacedEntry], size: float
) -> None:
    if heading is None:
        return
    theme = draw.theme
    draw.text(heading.x, heading.y, heading.text, size + 1, theme.text, va="top", bold=True)
    columns: dict[float, list[PlacedEntry]] = {}
    for entry in placed:
        columns.setdefault(entry.x, []).append(entry)
    for x, entries in columns.items():
        numbers = "\n".join(e.number + "\n" * e.body.count("\n") for e in entries)
        top = entries[0].y
        draw.text(x, top, numbers, size, theme.text, va="top", ha="right", bold=True)
        draw.text(entries[0].body_x, top, "\n".join(e.body for e in entries), size,
                  theme.muted, va="top")  # fmt: skip


def _header(draw: Drawer, layout: ChartLayout) -> None:
    theme = draw.theme
    if not layout.title_lines:  # drawn without its header (header=False)
        return
    title = "\n".join(layout.title_lines)
    sizes = draw.sizes
    draw.text(MARGIN, layout.title_y, title, sizes.title, theme.text, va="top", bold=True)
    if layout.subtitle_lines:
        subtitle = "\n".join(layout.subtitle_lines)
        draw.text(MARGIN, layout.subtitle_y, subtitle, sizes.subtitle, theme.muted, va="top")


def _lanes(draw: Drawer, layout: ChartLayout) -> None:
    """Lane backgrounds, base lines and names."""
    theme = draw.theme
    fills: dict[str, list[Rect]] = {}
    for i, lane in enumerate(layout.lanes):
        rect = (MARGIN, lane.top - lane.height, layout.right, lane.top)
        fills.setdefault(theme.lane_fills[i % 2], []).append(rect)
    for color, rects in fills.items():
        draw.rects(rects, color, zorder=0)
    draw.segments(
        [((layout.left, lane.tracks[0]), (layout.right, lane.tracks[0])) for lane in layout.lanes],
        theme.faint, 0.8, zorder=1,
    )  # fmt: skip
    for i, lane in enumerate(layout.lanes):
        if lane.name_lines:
            color = theme.accents[i % len(theme.accents)]
            draw.text(
                MARGIN, lane.tracks[0], "\n".join(lane.name_lines), draw.sizes.lane, color,
                va="center", bold=True,
            )  # fmt: skip


def _periods_and_grid(draw: Drawer, layout: ChartLayout) -> None:
    """Period bands, the strip's texts, grid, as-of line, breaks."""
    theme = draw.theme
    axis_y, band_top, lanes_top = layout.axis_y, layout.band_top, layout.lanes_top
    for x0, x1, fuzzy0, fuzzy1 in layout.period_bands:
        draw.rects([(x0, axis_y, x1, band_top)], theme.period_fill, zorder=0.5, alpha=0.75)
        for a, b in ((fuzzy0, x0), (x1, fuzzy1)):
            if b - a > 0.5:
                draw.rects([(a, axis_y, b, band_top)], theme.period_fill, zorder=0.5, alpha=0.35)
    for item in layout.strip:
        color = theme.as_of if item.kind == "as_of" else theme.period_text
        draw.text(
            item.x, item.y, item.text, draw.sizes.strip, color, va="top", ha=item.ha,
            italic=item.kind == "period",
        )  # fmt: skip
    if layout.ticks:
        draw.segments(
            [((tick.x, axis_y), (tick.x, lanes_top)) for tick in layout.ticks], theme.faint, 0.5,
            zorder=0.6, alpha=0.6,
        )  # fmt: skip
    if layout.as_of_x is not None:
        draw.segments(
            [((layout.as_of_x, axis_y), (layout.as_of_x, band_top))], theme.as_of, 1.0,
            zorder=1.5, dashes=(4, 3),
        )  # fmt: skip
    for piece in layout.breaks:
        draw.rects([(piece.x0, axis_y, piece.x1, lanes_top)], theme.background, zorder=0.8)
        for x in (piece.x0, piece.x1):
            draw.zigzag(x, axis_y, lanes_top, theme.muted)


def _fade_pieces(a: float, b: float, y: float, steps: int = 8) -> list[tuple[Segment, float]]:
    pieces: list[tuple[Segment, float]] = []
    for k in range(steps):
        x0, x1 = a + (b - a) * k / steps, a + (b - a) * (k + 1) / steps
        pieces.append((((x0, y), (x1, y)), 0.85 * (1 - k / steps)))
    return pieces


def _event_marks(draw: Drawer, layout: ChartLayout) -> None:
    """Bands, whiskers and fading tails: one artist per lane and kind; the connectors."""
    theme = draw.theme
    joins = [((c.x, c.y0), (c.x, c.y1)) for c in layout.connectors]  # lanes by actors
    draw.segments(joins, theme.muted, 0.9, zorder=2.7)  # under label boxes and markers
    marked = {i for group in layout.marker_groups for i in group.members}  # dense: not all
    drawn = [geo for i, geo in enumerate(layout.events) if i in marked]
    for lane in sorted({geo.lane for geo in drawn}):
        color = theme.accents[lane % len(theme.accents)]
        events = [geo for geo in drawn if geo.lane == lane]
        ys = layout.lanes[lane].tracks
        bands = [
            (a, ys[g.track] - BAND_HEIGHT / 2, b, ys[g.track] + BAND_HEIGHT / 2)
            for g in events
            for a, b in g.bands
        ]
        draw.rects(bands, color, zorder=2, alpha=theme.band_alpha)
        whiskers: list[Segment] = []
        for g in events:
            y = ys[g.track]
            for a, b, cap in g.whiskers:
                whiskers.append(((a, y), (b, y)))
                whiskers.append(((cap, y - 3.5), (cap, y + 3.5)))
        draw.segments(whiskers, color, 1.1, zorder=2.5, dashes=(1, 1.6))
        fades = [
            piece for g in events if g.fade is not None
            for piece in _fade_pieces(g.fade[0], g.fade[1], ys[g.track])
        ]  # fmt: skip
        draw.fades(fades, color, zorder=3)
        cuts = [stroke for g in events for x in g.cuts for stroke in _cut(x, ys[g.track])]
        draw.segments(cuts, theme.lane_fills[lane % 2], 3.0, zorder=3.4)  # a gap in the bar,
        draw.segments(cuts, color, 1.0, zorder=3.5)  # between two slanted strokes


def _cut(x: float, y: float) -> list[Segment]:
    """The cut mark of an event the axis's dates cut off: "//" across its bar at `x`."""
    return [((x - CUT + dx, y - 5), (x - CUT + 3 + dx, y + 5)) for dx in (0.5, 4.5)]


def _strips(draw: Drawer, layout: ChartLayout) -> None:
    """A dense chart's density strips: one path of bars a lane, faint lines at the
    counts its ticks mark, and those counts at the right end."""
    theme = draw.theme
    for strip in layout.strips:
        color = theme.accents[strip.lane % len(theme.accents)]
        draw.segments(
            [((layout.left, y), (layout.right, y)) for y, _ in strip.ticks], theme.faint, 0.5,
            zorder=1.2, dashes=(1, 2),
        )  # fmt: skip
        draw.rects(strip.bars, color, zorder=2, alpha=0.7)
        for y, count in strip.ticks:
            draw.text(layout.right + 2, y, count, draw.sizes.number, theme.muted, va="center")


def _markers(draw: Drawer, layout: ChartLayout, count: int) -> None:
    """Bars, end ticks, arrows and markers: one artist per lane, certainty and kind."""
    theme = draw.theme
    for group in layout.marker_groups:
        color = theme.accents[group.lane % len(theme.accents)]
        style = _themes.certainty_style(group.rank, count)
        members: list[EventGeometry] = [layout.events[i] for i in group.members]
        ys = layout.lanes[group.lane].tracks
        bars = [((g.bar[0], ys[g.track]), (g.bar[1], ys[g.track])) for g in members if g.bar]
        draw.segments(bars, color, 3.5, zorder=3, alpha=style.alpha, dashes=style.dashes)
        ends = [(g.end_tick, ys[g.track]) for g in members if g.end_tick is not None]
        draw.markers(ends, style, color, marker="|", size=9, zorder=4)
        for symbol in ("<", ">"):
            arrows = [(x, ys[g.track]) for g in members for x, s in g.arrows if s == symbol]
            draw.markers(arrows, _FILLED, color, marker=symbol, size=7, zorder=4)
        points = [(g.anchor, ys[g.track]) for g in members]
        draw.markers(points, style, color, gid=group.gid, zorder=5)


def _evidence(draw: Drawer, layout: ChartLayout) -> None:
    """The new events' rings and badges, and the claimed dates' brackets."""
    theme, size = draw.theme, draw.sizes.number
    for mark in layout.new_marks:
        draw.ring(mark.x, mark.y, mark.size, theme.text, zorder=5.5)
        draw.text(
            mark.badge_x, mark.badge_y, mark.text, size - 1, theme.text, va="center",
            bold=True,
        )  # fmt: skip
    strokes = [stroke for b in layout.brackets for stroke in b.strokes]
    draw.segments(strokes, theme.muted, 0.7, zorder=2.6)
    for b in layout.brackets:
        draw.text(b.text_x, b.y, b.text, size - 1, theme.muted, va="center")


def _labels(draw: Drawer, layout: ChartLayout) -> tuple[Text, ...]:
    """Labels on boxes of their lane's colour, and their stems."""
    theme = draw.theme
    texts: list[Text] = []
    stems: list[Segment] = []
    for lane in layout.labels:
        # Behind each label, a box of the lane's colour: grid, period and as-of
        # lines pass behind the text instead of through it.
        fill = theme.lane_fills[lane.lane % 2]
        draw.rects(lane.backgrounds, fill, zorder=2.8, alpha=0.8)
        for label in lane.labels:
            stems.append(label.stem)
            texts += _label(draw, label, layout.events[label.event].lane)
        color = theme.accents[lane.lane % len(theme.accents)]
        for number in lane.numbers:  # the unlabelled events' numbers in the key
            if number.stem is not None:
                stems.append(number.stem)
            draw.text(number.x, number.y, number.text, draw.sizes.number, color,
                      va="baseline", ha=number.ha, bold=True, zorder=7)  # fmt: skip
    if stems:
        draw.segments(stems, theme.faint, 0.7, zorder=3)
    return tuple(texts)


def _label(draw: Drawer, label: EventLabel, lane: int) -> tuple[Text, Text]:
    theme = draw.theme
    color = theme.accents[lane % len(theme.accents)]
    title = draw.text(
        label.x, label.y, "\n".join(label.lines), draw.sizes.label, theme.text, va="bottom",
        ha=label.ha, zorder=7,
    )  # fmt: skip
    date = draw.text(
        label.x, label.date_y, label.date, draw.sizes.date, color, va="bottom", ha=label.ha,
        bold=True, zorder=7,
    )  # fmt: skip
    return title, date


def _axis(draw: Drawer, layout: ChartLayout) -> None:
    """The axis line, broken; ticks and their labels; the breaks' marks and labels."""
    theme = draw.theme
    y = layout.axis_y
    xs = [layout.left, *(x for piece in layout.breaks for x in (piece.x0, piece.x1)), layout.right]
    draw.segments(
        [((xs[i], y), (xs[i + 1], y)) for i in range(0, len(xs), 2)], theme.muted, 0.9, zorder=2
    )
    draw.segments([((t.x, y), (t.x, y - 4)) for t in layout.ticks], theme.muted, 0.8, zorder=2)
    for tick in layout.ticks:
        draw.text(tick.x, y - 6, tick.label, draw.sizes.tick, theme.muted, ha="center", va="top")
    for piece in layout.breaks:
        for x in (piece.x0, piece.x1):
            draw.segments([((x - 2.5, y - 4), (x + 2.5, y + 4))], theme.muted, 1.0, zorder=2)
        draw.text(
            piece.middle, y - 6, piece.label, draw.sizes.tick, theme.muted, ha="center", va="top",
            italic=True,
        )  # fmt: skip


def _legend(draw: Drawer, layout: ChartLayout, count: int) -> None:
    theme = draw.theme
    for row in layout.legend:
        for x, item in row.items:
            if item.kind == "label":
                draw.text(
                    x, row.y, item.text, draw.sizes.legend, theme.text, va="center_baseline",
                    bold=True,
                )  # fmt: skip
                continue
            _legend_sample(draw, item, x + 2, x + GLYPH - 2, row.y, count)
            draw.text(
                x + GLYPH + 4, row.y, item.text, draw.sizes.legend, theme.text,
                va="center_baseline",
            )  # fmt: skip


def _legend_sample(
    draw: Drawer, item: _notes.LegendItem, g0: float, g1: float, cy: float, count: int
) -> None:
    """The mark a legend item explains, drawn from `g0` to `g1`."""
    theme = draw.theme
    color = theme.muted
    if item.kind == "certainty":
        style = _themes.certainty_style(item.rank, count)
        draw.segments(
            [((g0 + 6, cy), (g1, cy))], color, 3.5, zorder=3, alpha=style.alpha,
            dashes=style.dashes,
        )  # fmt: skip
        draw.markers([(g0 + 5, cy)], style, theme.text, zorder=5)
    elif item.kind == "precision":
        draw.rects(
            [(g0, cy - BAND_HEIGHT / 2, g1, cy + BAND_HEIGHT / 2)], color, zorder=2,
            alpha=theme.band_alpha + 0.1,
        )  # fmt: skip
        draw.markers([((g0 + g1) / 2, cy)], _FILLED, theme.text, zorder=5, size=6)
    elif item.kind == "fuzzy":
        draw.segments(
            [
                ((g0, cy), (g1, cy)),
                ((g0, cy - 3.5), (g0, cy + 3.5)),
                ((g1, cy - 3.5), (g1, cy + 3.5)),
            ],
            color, 1.1, zorder=2.5, dashes=(1, 1.6),
        )  # fmt: skip
    elif item.kind == "clipped":
        draw.segments([((g0, cy), (g1, cy))], color, 3.5, zorder=3)
        strokes = _cut(g0 + CUT, cy)
        draw.segments(strokes, theme.background, 3.0, zorder=3.4)
        draw.segments(strokes, color, 1.0, zorder=3.5)
    elif item.kind == "new":
        middle = (g0 + g1) / 2
        draw.markers([(middle, cy)], _FILLED, theme.text, zorder=5, size=6)
        draw.ring(middle, cy, 6 + 2 * _evidence_marks.RING, theme.text, zorder=5.5)
    elif item.kind == "claimed":
        draw.segments(_evidence_marks.strokes(g0, g1 - 7, cy - 1.5), theme.muted, 0.7, zorder=2.6)
        draw.text(g1 - 5.5, cy - 1.5, "4", draw.sizes.number - 1, theme.muted, va="center")
    elif item.kind == "density":
        bars = [
            (g0 + k * (g1 - g0) / 5, cy - 5, g0 + (k + 0.8) * (g1 - g0) / 5, cy - 5 + height)
            for k, height in enumerate((3.0, 7.0, 10.0, 5.0, 8.0))
        ]  # fmt: skip
        draw.rects(bars, color, zorder=2, alpha=0.7)
    elif item.kind == "open":
        draw.segments([((g0, cy), (g1 - 3, cy))], color, 3.5, zorder=3)
        draw.markers([(g1 - 2, cy)], _FILLED, color, marker=">", size=7, zorder=4)
    else:
        for k in range(6):
            a = g0 + (g1 - g0) * k / 6
            b = g0 + (g1 - g0) * (k + 1) / 6
            draw.segments([((a, cy), (b, cy))], color, 3.5, zorder=3, alpha=0.85 * (1 - k / 6))


def _footnotes(
    draw: Drawer, heading: Caption | None, notes: Sequence[_notes.PlacedNote], size: float, *,
    links: bool,
) -> None:  # fmt: skip
    if heading is None:
        return
    theme = draw.theme
    draw.text(heading.x, heading.y, heading.text, size + 1, theme.text, va="top", bold=True)
    for note in notes:
        draw.text(note.x, note.y, note.number, size, theme.muted, va="top", bold=True)
        body = note.body if links else note.raster_body()
        draw.text(note.body_x, note.y, body, size, theme.muted, va="top")
        if note.url_text is not None and (links or not note.url_inline):
            draw.text(
                note.url_x, note.url_y, note.url_text, size,
                theme.link if note.url else theme.muted, va="top", url=note.url,
            )  # fmt: skip
        if note.archive_text is not None:
            draw.text(
                note.body_x, note.archive_y, note.archive_text, size,
                theme.link if note.archive else theme.muted, va="top", url=note.archive,
            )  # fmt: skip
