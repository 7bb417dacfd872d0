"""The chart's layout, a pure function of the job: `layout(job) -> ChartLayout`.

Nothing here imports matplotlib (directly or through what it imports): the
layout is computed, and can be tested, without it. `ChartLayout` holds every
position the drawing needs, in points with the origin at the bottom left:
header lines, lanes and their marker tracks, the axis's scale, ticks and
breaks, the strip of period titles, each event's marks, each placed label and
marker number, the legend's rows, the numbered key and the numbered sources
(in the chart, or in a block of their own below it).
`timeline.render.chart.draw` only turns it into matplotlib artists.

The steps: `parts` measures what there is to show at a set of text sizes;
`fit` chooses the sizes, the label rows, the numbers and the key for the
page (see there for how a page of an exact `size` is filled); this module
then places everything, top to bottom: title and subtitle, the strip, the
lanes (spare height goes to them), the axis, the legend, the key, the
sources. The layout is the same for every output format.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from timeline.dates.format import grouped
from timeline.render.chart import density as _density
from timeline.render.chart import evidence as _evidence
from timeline.render.chart import key as _key
from timeline.render.chart import lanes as _lanesby
from timeline.render.chart import notes as _notes
from timeline.render.chart import themes as _themes
from timeline.render.chart.after import Listing, listings
from timeline.render.chart.fit import Fit, fit
from timeline.render.chart.fonts import Type
from timeline.render.chart.geometry import CUT, EventGeometry
from timeline.render.chart.job import Job
from timeline.render.chart.labels import LINE, MIN_ROWS, ROW, TEXT_GAP
from timeline.render.chart.notes import Caption
from timeline.render.chart.parts import (
    LABEL_LIFT,
    LANE_PAD_BOTTOM,
    MARGIN,
    MARKER_RADIUS,
    TRACK,
    Parts,
    Strip,
    fixed_height,
    lane_bases,
)
from timeline.render.layout import axis as _axis

__all__ = [
    "AxisBreak", "Box", "Caption", "ChartLayout", "DensityStrip", "EventLabel", "Lane",
    "LaneLabels", "Listing", "MarkerGroup", "MarkerNumber", "StripText", "layout",
]  # fmt: skip

LIFT_SHARE = 0.4  # of a lane's spare height, the share below its markers
BREAK_INSET = 5.0  # a break's mark sits this far inside its piece

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Point = tuple[float, float]


@attrs.frozen(slots=True)
class Lane:
    name_lines: tuple[str, ...]  # empty when the chart has one unnamed lane
    top: float
    height: float
    tracks: tuple[float, ...]  # y of each marker track, bottom up


@attrs.frozen(slots=True)
class StripText:
    text: str
    x: float
    y: float  # top
    ha: str
    kind: str  # "period" or "as_of"


@attrs.frozen(slots=True)
class AxisBreak:
    x0: float  # where the marks of the break stand
    x1: float
    middle: float
    label: str  # how long the collapsed stretch is


@attrs.frozen(slots=True)
class MarkerGroup:
    """The markers of one lane and certainty rank, drawn as one artist."""

    gid: str
    lane: int
    rank: int
    members: tuple[int, ...]  # indexes into ChartLayout.events, in order
    hovers: tuple[str, ...]  # the hover title of each member


@attrs.frozen(slots=True)
class EventLabel:
    event: int  # index into ChartLayout.events
    x: float
    ha: str
    y: float  # bottom of the title lines
    lines: tuple[str, ...]
    date: str
    date_y: float  # bottom of the date line, above the title
    extent: Box  # the text's box, its gap to the stem included
    stem: tuple[Point, Point]  # from the marker's top to the label's top


@attrs.frozen(slots=True)
class MarkerNumber:
    """The number of an unlabelled event (its entry in the key), above its marker."""

    event: int
    text: str
    x: float
    y: float  # the baseline
    ha: str
    extent: Box
    stem: tuple[Point, Point] | None  # None: beside the marker, where no row had room


@attrs.frozen(slots=True)
class LaneLabels:
    lane: int
    backgrounds: tuple[Box, ...]  # a box of the lane's colour behind each label and number
    labels: tuple[EventLabel, ...]
    numbers: tuple[MarkerNumber, ...] = ()


@attrs.frozen(slots=True)
class DensityStrip:
    """A dense lane's events counted along the axis (`timeline.render.chart.density`)."""

    lane: int
    y: float  # the foot of the bars
    bars: tuple[Box, ...]  # one a bin with events, as tall as its count on the shared scale
    ticks: tuple[tuple[float, str], ...]  # (y, count): the counts marked at the right end


@attrs.frozen(slots=True)
class ChartLayout:
    """Everything the drawing needs, in points (origin bottom left)."""

    width: float
    height: float  # of the chart: the page's, for an exact size
    sizes: Type  # the text sizes the chart was fitted with
    title: str  # the SVG's <title>
    description: str  # the SVG's <desc>
    title_lines: tuple[str, ...]
    title_y: float  # top
    subtitle_lines: tuple[str, ...]
    subtitle_y: float
    left: float  # the lanes' and the axis's extent
    right: float
    lanes: tuple[Lane, ...]
    lanes_top: float
    axis_y: float
    band_top: float  # top of period bands and of the as-of line
    period_bands: tuple[tuple[float, float, float, float], ...]  # x0, x1, fuzzy x0, fuzzy x1
    strip: tuple[StripText, ...]
    scale: _axis.Scale
    ticks: tuple[_axis.Tick, ...]
    as_of_x: float | None
    breaks: tuple[AxisBreak, ...]
    events: tuple[EventGeometry, ...]
    marker_groups: tuple[MarkerGroup, ...]
    marker_boxes: tuple[Box, ...]  # every event marker and end tick
    labels: tuple[LaneLabels, ...]
    empty: Caption | None  # "no events"
    legend: tuple[_notes.LegendRow, ...]
    key_heading: Caption | None
    key: tuple[_key.PlacedEntry, ...]
    key_more: Caption | None  # how many entries a full page left out
    sources: Caption | None  # the heading of the footnotes in the chart
    footnotes: tuple[_notes.PlacedNote, ...]
    sources_more: Caption | None
    below: Listing | None  # sources="below": the block under the chart (SVG, PNG)
    pages: tuple[Listing, ...]  # sources="below": the pages after the chart (PDF)
    unlabelled: int  # events without a label (each has a number, unless too many)
    strips: tuple[DensityStrip, ...] = ()  # from DENSE events on: one a lane, no other marker
    new_marks: tuple[_evidence.NewMark, ...] = ()  # `new_since`: a ring and badge each
    brackets: tuple[_evidence.Bracket, ...] = ()  # the claimed dates that differ
    # Lanes by actors: the lines joining an event's markers in its several lanes.
    connectors: tuple[_lanesby.Connector, ...] = ()
    # An exact page too small for the whole key or all sources: (listed, of how many)
    # numbered events and sources; (0, 0) when none was left out.
    key_shown: tuple[int, int] = (0, 0)
    sources_shown: tuple[int, int] = (0, 0)

    @property
    def hovers(self) -> dict[str, tuple[str, ...]]:
        """Marker group id -> the hover text of each of its markers, in order."""
        return {group.gid: group.hovers for group in self.marker_groups}


# ---------------------------------------------------------------- positions


def _lane_heights(fitted: Fit, fixed: float) -> tuple[list[float], float, float]:
    """(each lane's height, the lift of its markers, the chart's height)."""
    built = fitted.parts
    job = built.job
    rows = fitted.rows()
    if not job.presentation.entries:
        rows = [MIN_ROWS]
    lane_heights = [base + n * ROW for base, n in zip(lane_bases(built), rows, strict=True)]
    height = job.min_height if job.exact else max(job.min_height, fixed + sum(lane_heights))
    # Spare height goes to the lanes, partly under the markers, so that the
    # content of a roomy lane sits in its middle rather than on its floor.
    grow = max(0.0, (height - fixed - sum(lane_heights)) / len(lane_heights))
    lane_heights = [h + grow for h in lane_heights]
    lift = LANE_PAD_BOTTOM + grow * LIFT_SHARE
    return lane_heights, lift, height


def _lanes(
    built: Parts, lane_heights: Sequence[float], lift: float, lanes_top: float
) -> tuple[Lane, ...]:
    lanes = []
    y = lanes_top
    for lines, lane_height, n in zip(built.lane_lines, lane_heights, built.tracks, strict=True):
        tracks = tuple(y - lane_height + lift + (t + 0.5) * TRACK for t in range(n))
        lanes.append(Lane(lines, y, lane_height, tracks))
        y -= lane_height
    return tuple(lanes)


def _markers(
    events: Sequence[EventGeometry], lanes: Sequence[Lane], count: int,
    only: set[int] | None = None,
) -> tuple[tuple[MarkerGroup, ...], tuple[Box, ...]]:  # fmt: skip
    """Marker groups (one per lane and rank, in that order) and every marker's box; with
    `only`, the markers of those events alone (a dense chart's labelled ones)."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, geo in enumerate(events):
        if only is None or i in only:
            groups.setdefault((geo.lane, geo.rank), []).append(i)
    made, boxes = [], []
    for number, ((lane, rank), members) in enumerate(sorted(groups.items())):
        made.append(MarkerGroup(
            f"events-{number}", lane, rank, tuple(members),
            tuple(_notes.hover(events[i].entry) for i in members),
        ))  # fmt: skip
        ys = lanes[lane].tracks
        half = _themes.certainty_style(rank, count).size / 2 + 0.65
        geos = [events[i] for i in members]
        points = [(g.anchor, ys[g.track]) for g in geos]
        ends = [(g.end_tick, ys[g.track]) for g in geos if g.end_tick is not None]
        cuts = [(x, ys[g.track]) for g in geos for x in g.cuts]
        boxes += [(x - half, y - half, x + half, y + half) for x, y in points]
        boxes += [(x - 1, y - 4.5, x + 1, y + 4.5) for x, y in ends]
        boxes += [(x - CUT, y - 5, x + CUT, y + 5) for x, y in cuts]
    return tuple(made), tuple(boxes)


def _lane_labels(index: int, lane: Lane, lift: float, fitted: Fit) -> LaneLabels:
    """The labels and numbers of one lane, placed: rows count up from above its markers."""
    built, texts = fitted.parts, fitted.texts
    placements = fitted.placements[index]
    base = lane.top - lane.height + lift + built.tracks[index] * TRACK + LABEL_LIFT
    backgrounds = [
        (
            p.left, base + p.row * ROW + 0.5, p.right,
            base + p.row * ROW + texts[i].shapes[p.shape].height + 2.5,
        )
        for i, p in placements.items()
    ]  # fmt: skip
    placed = []
    for event, placement in sorted(placements.items()):
        geo, shape = built.events[event], texts[event].shapes[placement.shape]
        lines = shape.lines
        if shape.shortened:  # the room kept for the number: "… →12"
            number = fitted.numbered.get(event)  # none when too many go without a label
            last = lines[-1] + number if number else lines[-1].removesuffix(" →")
            lines = (*lines[:-1], last)
        y0 = base + placement.row * ROW + 1.5
        marker_top = lane.tracks[geo.track] + MARKER_RADIUS
        if placement.side == "right":
            x, ha = geo.anchor + TEXT_GAP, "left"
        else:
            x, ha = geo.anchor - TEXT_GAP, "right"
        placed.append(EventLabel(
            event, x, ha, y0, lines, texts[event].date,
            y0 + len(shape.lines) * built.sizes.label * LINE + 1,
            (placement.left, y0, placement.right, y0 + shape.height),
            ((geo.anchor, marker_top), (geo.anchor, y0 + shape.height)),
        ))  # fmt: skip
    numbers = _numbers(index, lane, base, fitted, placed)
    backgrounds += [number.extent for number in numbers if number.stem is not None]
    return LaneLabels(index, tuple(backgrounds), tuple(placed), numbers)


def _numbers(
    index: int, lane: Lane, base: float, fitted: Fit, labels: Sequence[EventLabel]
) -> tuple[MarkerNumber, ...]:
    """The numbers of a lane's unlabelled events: on their rows, or beside their markers
    (clear of its `labels`)."""
    built = fitted.parts
    placed = fitted.numbers[index]
    found = []
    beside = []
    for event in built.by_lane[index]:
        number = fitted.numbered.get(event)
        if number is None or event in fitted.placements[index]:
            continue
        geo = built.events[event]
        y_marker = lane.tracks[geo.track]
        where = placed.get(event)
        if where is None:  # no row had room: beside the marker (placed after the others)
            beside.append((event, number))
            continue
        y0 = base + where.row * ROW
        x, ha = (geo.anchor + 2, "left") if where.side == "right" else (geo.anchor - 2, "right")
        stem = ((geo.anchor, y_marker + MARKER_RADIUS), (geo.anchor, y0 + ROW - 0.5))
        extent = (where.left, y0 + 0.5, where.right, y0 + ROW - 0.5)
        found.append(MarkerNumber(event, number, x, y0 + 1.5, ha, extent, stem))
    taken = [n.extent for n in found] + [label.extent for label in labels]
    return (*found, *_beside(beside, index, lane, built, taken))


def _beside(
    numbers: Sequence[tuple[int, str]], index: int, lane: Lane, built: Parts,
    taken: list[Box],
) -> list[MarkerNumber]:  # fmt: skip
    """Numbers beside their markers, each at the first of its `_places` that overlaps no
    other number or label and no other marker of the lane; else at the one that covers
    the fewest numbers and labels, then the fewest markers."""
    size = built.sizes.number
    floor = lane.top - lane.height
    markers = {
        event: (geo.anchor - MARKER_RADIUS, lane.tracks[geo.track] - MARKER_RADIUS,
                geo.anchor + MARKER_RADIUS, lane.tracks[geo.track] + MARKER_RADIUS)
        for event in built.by_lane[index]
        for geo in (built.events[event],)
    }  # fmt: skip
    found = []
    for event, number in numbers:
        geo = built.events[event]
        y_marker = lane.tracks[geo.track]
        width = built.job.metrics.width(number, size, True)
        others = [box for other, box in markers.items() if other != event]
        best: tuple[int, MarkerNumber] | None = None
        for x, ha, x0, y in _places(geo.anchor, y_marker, width, size):
            if y < floor:
                continue
            extent = (x0, y, x0 + width, y + size)
            clashes = sum(_overlap(extent, box) for box in taken) * len(markers) + sum(
                _overlap(extent, box) for box in others
            )
            if best is None or clashes < best[0]:
                best = (clashes, MarkerNumber(event, number, x, y, ha, extent, None))
        assert best is not None  # above the middle is always in the lane
        found.append(best[1])
        taken.append(best[1].extent)
    return found


def _places(
    anchor: float, y_marker: float, width: float, size: float
) -> list[tuple[float, str, float, float]]:
    """Where a number may stand beside its marker, in order of preference: (x, its
    alignment, its left edge, its baseline). Right or left of the marker, above or below
    its middle; over or under it, centred; then over or under it, to either side."""
    right, left = anchor + MARKER_RADIUS, anchor - MARKER_RADIUS
    up, down = y_marker + 1.5, y_marker - 1.5 - size
    over, under = y_marker + MARKER_RADIUS + 0.5, y_marker - MARKER_RADIUS - 0.5 - size
    middle = anchor - width / 2
    return [
        (right, "left", right, up), (left, "right", left - width, up),
        (right, "left", right, down), (left, "right", left - width, down),
        (anchor, "center", middle, over), (anchor, "center", middle, under),
        (right, "left", right, over), (left, "right", left - width, over),
        (right, "left", right, under), (left, "right", left - width, under),
    ]  # fmt: skip


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _strips(built: Parts, lanes: Sequence[Lane]) -> tuple[DensityStrip, ...]:
    """The density strips of a dense chart, on one scale for every lane (none otherwise)."""
    found = built.survey
    if found is None:
        return ()
    top, marked = _density.count_ticks(found.peak)
    locale = built.job.presentation.locale
    xs = [(built.scale.x(t0), built.scale.x(t1)) for t0, t1 in found.bins]
    strips = []
    for index, (lane, counts) in enumerate(zip(lanes, found.counts, strict=True)):
        y = lane.tracks[0]
        bars = tuple(
            (x0, y, x1 - min(0.6, (x1 - x0) * 0.2), y + _density.STRIP * n / top)
            for (x0, x1), n in zip(xs, counts, strict=True)
            if n
        )
        ticks = tuple((y + _density.STRIP * v / top, grouped(v, locale)) for v in marked)
        strips.append(DensityStrip(index, y, bars, ticks))
    return tuple(strips)


def _strip_texts(strip: Strip, strip_top: float, sizes: Type) -> tuple[StripText, ...]:
    placed = []
    for index, placement in strip.placed.items():
        text, anchor, kind = strip.items[index]
        row_y = strip_top - 2 - placement.row * sizes.strip_row
        if placement.side == "right":
            x, ha = anchor + TEXT_GAP, "left"
        else:
            x, ha = anchor - TEXT_GAP, "right"
        placed.append(StripText(text, x, row_y, ha, kind))
    return tuple(placed)


def _legend(built: Parts, y: float) -> tuple[tuple[_notes.LegendRow, ...], float]:
    """The legend's rows from `y` down, and the y below them."""
    rows = []
    for row in built.legend_rows:
        rows.append(_notes.LegendRow(y - 7, tuple((MARGIN + dx, item) for dx, item in row)))
        y -= built.sizes.legend_row
    return tuple(rows), y


def _bottom(
    fitted: Fit, y: float
) -> tuple[Caption | None, tuple[_key.PlacedEntry, ...], Caption | None, Caption | None,
           tuple[_notes.PlacedNote, ...], Caption | None]:  # fmt: skip
    """The key and the sources in the chart, from `y` down: headings, entries, "more" lines."""
    built = fitted.parts
    chosen = built.words
    key_heading = key_more = sources = sources_more = None
    entries: tuple[_key.PlacedEntry, ...] = ()
    found = fitted.key
    if found.after:  # listed after the chart: a line says so
        text = chosen["key_after"].format(n=grouped(found.after, built.job.presentation.locale))
        key_more = Caption(MARGIN, y, text)
        y -= found.height
    elif found.unlisted:
        locale = built.job.presentation.locale
        total = grouped(len(built.job.presentation.entries), locale)
        text = chosen["unlabelled"].format(n=grouped(found.unlisted, locale), total=total)
        key_more = Caption(MARGIN, y, text)
        y -= found.height
    elif found.height:
        key_heading = Caption(MARGIN, y, chosen["key"])
        entries = _key.place_key(found, MARGIN, y)
        if found.more:
            text = chosen["more"].format(n=grouped(found.more, built.job.presentation.locale))
            key_more = Caption(MARGIN, y - found.height + found.size * LINE + 4, text)
        y -= found.height
    notes = fitted.footnotes
    placed: tuple[_notes.PlacedNote, ...] = ()
    if notes.columns:
        sources = Caption(MARGIN, y, chosen["sources"])
        placed = _notes.place_footnotes(notes, MARGIN, y)
        if notes.more:
            text = chosen["more"].format(n=grouped(notes.more, built.job.presentation.locale))
            sources_more = Caption(MARGIN, y - notes.height + notes.size * LINE, text)
    return key_heading, entries, key_more, sources, placed, sources_more


def layout(job: Job) -> ChartLayout:
    """Where everything of the chart of `job` goes."""
    fitted = fit(job)
    built, sizes = fitted.parts, fitted.parts.sizes
    entries = job.presentation.entries
    fixed = fixed_height(built, fitted.footnotes) + fitted.key.height
    lane_heights, lift, height = _lane_heights(fitted, fixed)

    title_y = height - MARGIN
    subtitle_y = title_y - len(built.title_lines) * sizes.title * LINE - 3
    strip_top = height - built.header
    lanes_top = strip_top - built.strip.height
    axis_y = lanes_top - sum(lane_heights)
    lanes = _lanes(built, lane_heights, lift, lanes_top)
    only = None if built.survey is None else {e for lane in fitted.placements for e in lane}
    if only is not None:  # a labelled event's echoes too
        only |= {built.primaries + k for k, e in enumerate(built.echo_of) if e in only}
    groups, boxes = _markers(built.events, lanes, len(job.certainty), only)
    labels = tuple(_lane_labels(i, lanes[i], lift, fitted) for i in range(len(lanes)))
    empty = None
    if not entries:
        middle = (lanes[0].top + axis_y) / 2
        empty = Caption((built.left + built.right) / 2, middle, built.words["empty"])
    axis_height, legend_height = built.heights
    legend, y = _legend(built, axis_y - axis_height - 2)
    y -= legend_height - len(legend) * sizes.legend_row
    listed = [(n, e, built.events[e].entry) for e, n in fitted.numbered.items()]
    below, pages = listings(job, listed if fitted.key.after else ())
    labelled = sum(len(lane.labels) for lane in labels)
    return ChartLayout(
        job.width, height, sizes, job.title or built.words["untitled"],
        _notes.description(job.presentation, built.words, job.lanes.names), built.title_lines,
        title_y,
        built.subtitle_lines, subtitle_y, built.left, built.right, lanes, lanes_top, axis_y,
        strip_top - 1 if built.strip.height else lanes_top, built.strip.period_bands,
        _strip_texts(built.strip, strip_top, sizes), built.scale, built.ticks,
        built.strip.as_of_x,
        tuple(
            AxisBreak(piece.x0 + BREAK_INSET, piece.x1 - BREAK_INSET, (piece.x0 + piece.x1) / 2,
                      text)
            for piece, text in built.breaks
        ),
        built.events, groups, boxes, labels, empty, legend, *_bottom(fitted, y), below, pages,
        len(entries) - labelled, _strips(built, lanes), *_evidence_marks(built, lanes, groups),
        _lanesby.connectors(
            built.events, built.echo_of, [lane.tracks for lane in lanes],
            {i for group in groups for i in group.members},
        ),
        *_shown(fitted),
    )  # fmt: skip


def _shown(fitted: Fit) -> tuple[tuple[int, int], tuple[int, int]]:
    """(listed, of how many) numbered events and sources, where the page left some out."""
    key, notes = fitted.key, fitted.footnotes
    total = len(fitted.numbered)
    key_shown = (total - key.more, total) if key.more else (0, 0)
    sources = len(fitted.parts.job.presentation.sources)
    return key_shown, (sources - notes.more, sources) if notes.more else (0, 0)


def _evidence_marks(
    built: Parts, lanes: Sequence[Lane], groups: Sequence[MarkerGroup]
) -> tuple[tuple[_evidence.NewMark, ...], tuple[_evidence.Bracket, ...]]:
    """The new events' rings and badges and the claimed dates' brackets, on the events
    whose markers are drawn (once: not on an event's echoes in its other lanes)."""
    shown = {i for group in groups for i in group.members if i < built.primaries}
    tracks = [lane.tracks for lane in lanes]
    count = len(built.job.certainty)
    new = _evidence.new_marks(built.events, tracks, count, shown, built.words["new"])
    claimed = _evidence.brackets(built.events, tracks, built.scale, built.left, built.right, shown)
    return new, claimed
