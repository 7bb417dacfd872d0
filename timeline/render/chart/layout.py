"""The chart's layout, a pure function of the job: `layout(job) -> ChartLayout`.

Nothing here imports matplotlib (directly or through what it imports): the
layout is computed, and can be tested, without it. `ChartLayout` holds every
position the drawing needs, in points with the origin at the bottom left:
header lines, lanes and their marker tracks, the axis's scale, ticks and
breaks, the strip of period titles, each event's marks, each placed label,
the legend's rows, the note on unlabelled events and the numbered sources.
`timeline.render.chart.draw` only turns it into matplotlib artists.

Sizes. The *width* is fixed by `size`: "slide" 13.33 in (16:9), "a4" 8.27 in,
"letter" 8.5 in, or "WxH" in inches. The height given ("slide": 7.5 in,
"WxH": H, "a4"/"letter": 6.5 in) is a *minimum*. When every label fits in
1.25 times that height (or in 18 label rows per lane), every event is
labelled and the chart grows as needed; otherwise labels get the rows that
fit in the height itself, strongest certainty first. Every lane keeps room
for two stacked labels and the footnotes are never dropped, so many lanes or
many sources also make the chart taller. Spare height goes to the lanes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from timeline.dates.format import date_label
from timeline.render.chart import labels as _text
from timeline.render.chart import notes as _notes
from timeline.render.chart import themes as _themes
from timeline.render.chart.geometry import EventGeometry, event_geometry, period_band
from timeline.render.chart.geometry import time_extents as _time_extents
from timeline.render.chart.job import Job
from timeline.render.chart.labels import LINE, MIN_ROWS, ROW, TEXT_GAP
from timeline.render.chart.words import clean, words
from timeline.render.layout import axis as _axis
from timeline.render.layout import placement as _placement

__all__ = [
    "AxisBreak", "Box", "Caption", "ChartLayout", "EventLabel", "Lane", "LaneLabels",
    "MarkerGroup", "StripText", "layout",
]  # fmt: skip

# Layout, in points.
MARGIN = 22.0
LANE_NAME_WIDTH = 100.0  # lane names wrap to this
TITLE_SIZE, SUBTITLE_SIZE = 16.0, 10.5
LANE_SIZE, TICK_SIZE, STRIP_SIZE = 8.5, 8.0, 8.0  # few sizes: each costs a font lookup
NOTE_SIZE = 8.0
TRACK = 15.0  # marker tracks
GROWTH = 1.25  # a chart grows up to this much taller to label every event,
ROOMY_ROWS = 18  # or to this many label rows per lane
LIFT_SHARE = 0.4  # of a lane's spare height, the share below its markers
MAX_TRACKS = 3
LANE_PAD_BOTTOM, LANE_PAD_TOP, LABEL_LIFT = 5.0, 5.0, 3.0
STRIP_ROW = 12.0
BREAK_INSET = 5.0  # a break's mark sits this far inside its piece
MARKER_RADIUS = 4.5  # the marker half-height a track and a stem keep clear

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
class LaneLabels:
    lane: int
    backgrounds: tuple[Box, ...]  # a box of the lane's colour behind each label
    labels: tuple[EventLabel, ...]


@attrs.frozen(slots=True)
class Caption:
    x: float
    y: float
    text: str


@attrs.frozen(slots=True)
class ChartLayout:
    """Everything the drawing needs, in points (origin bottom left)."""

    width: float
    height: float
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
    note: Caption | None  # how many events are unlabelled
    sources: Caption | None  # the heading of the footnotes
    footnotes: tuple[_notes.PlacedNote, ...]
    unlabelled: int

    @property
    def hovers(self) -> dict[str, tuple[str, ...]]:
        """Marker group id -> the hover text of each of its markers, in order."""
        return {group.gid: group.hovers for group in self.marker_groups}


# ---------------------------------------------------------------- the parts


@attrs.frozen(slots=True)
class _Strip:
    period_bands: tuple[tuple[float, float, float, float], ...]
    items: tuple[tuple[str, float, str], ...]  # text, anchor, kind
    placed: dict[int, _placement.Placement]
    height: float
    as_of_x: float | None


@attrs.frozen(slots=True)
class _Parts:
    """The layout before heights are known: what there is to show, and how wide."""

    job: Job
    words: dict[str, str]
    title_lines: tuple[str, ...]
    subtitle_lines: tuple[str, ...]
    header: float
    lane_lines: tuple[tuple[str, ...], ...]
    left: float
    right: float
    scale: _axis.Scale
    events: tuple[EventGeometry, ...]
    by_lane: tuple[tuple[int, ...], ...]
    tracks: tuple[int, ...]
    breaks: tuple[tuple[_axis.Piece, str], ...]
    ticks: tuple[_axis.Tick, ...]
    strip: _Strip
    legend_rows: tuple[tuple[tuple[float, _notes.LegendItem], ...], ...]
    footnotes: _notes.Footnotes
    note_text: str
    heights: tuple[float, float, float]  # axis, legend, note


def _header(job: Job, inner: float) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    metrics = job.metrics
    title = job.title or words(job.presentation.locale)["untitled"]
    title_lines = metrics.wrap(title, TITLE_SIZE, inner, bold=True, max_lines=2)
    subtitle = clean(job.presentation.subtitle or "")
    subtitle_lines = metrics.wrap(subtitle, SUBTITLE_SIZE, inner, max_lines=2) if subtitle else []
    header = MARGIN + len(title_lines) * TITLE_SIZE * LINE
    header += (3 + len(subtitle_lines) * SUBTITLE_SIZE * LINE) if subtitle_lines else 0
    header += 10
    return tuple(title_lines), tuple(subtitle_lines), header


def _lane_names(job: Job, named_other: str) -> tuple[tuple[tuple[str, ...], ...], float]:
    """The lanes' names, wrapped, and the width of the gutter they take."""
    lanes = job.presentation.lanes
    named = len(lanes) > 1 or lanes[0] != ""
    if not named:
        return tuple(() for _ in lanes), 0.0
    metrics = job.metrics
    names = [clean(lane) if lane else named_other for lane in lanes]
    lines = tuple(
        tuple(metrics.wrap(name, LANE_SIZE, LANE_NAME_WIDTH, bold=True, max_lines=3))
        for name in names
    )
    gutter = max(metrics.width(line, LANE_SIZE, True) for name in lines for line in name) + 14
    return lines, gutter


def _events(
    job: Job, scale: _axis.Scale, left: float, right: float
) -> tuple[tuple[EventGeometry, ...], tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """Every event's geometry on its track, the events of each lane, each lane's tracks."""
    lanes = job.presentation.lanes
    rank_of = {word: i for i, word in enumerate(job.certainty)}
    events = [
        event_geometry(
            entry,
            lanes.index(entry.event.lane or ""),
            rank_of.get(entry.event.certainty, len(job.certainty)),
            scale,
            left,
            right,
        )
        for entry in job.presentation.entries
    ]
    by_lane: list[list[int]] = [[] for _ in lanes]
    for i, geo in enumerate(events):
        by_lane[geo.lane].append(i)
    tracks = []
    for lane in by_lane:
        assigned = _placement.pack_tracks(
            [events[i].extent(MARKER_RADIUS) for i in lane], max_tracks=MAX_TRACKS
        )
        for i, track in zip(lane, assigned, strict=True):
            events[i] = attrs.evolve(events[i], track=track)
        tracks.append(max(assigned, default=0) + 1)
    return tuple(events), tuple(map(tuple, by_lane)), tuple(tracks)


def _axis_marks(
    job: Job, scale: _axis.Scale
) -> tuple[tuple[tuple[_axis.Piece, str], ...], tuple[_axis.Tick, ...]]:
    """The breaks with their labels, and the ticks, which keep clear of those labels."""
    presentation, metrics = job.presentation, job.metrics
    breaks = tuple(
        (piece, clean(_axis.duration_label(piece.gap, presentation.locale)))
        for piece in scale.breaks
    )
    reserved = []
    for piece, text in breaks:
        middle, half = (piece.x0 + piece.x1) / 2, metrics.width(text, TICK_SIZE) / 2
        reserved.append((middle - half, middle + half))
    if not presentation.entries:
        return breaks, ()
    tick_width = functools.partial(metrics.width, size=TICK_SIZE)
    ticks = _axis.ticks(
        scale, tick_width, presentation.locale, reserved=reserved, left=MARGIN / 2,
        right=job.width - MARGIN / 2,
    )  # fmt: skip
    return breaks, tuple(attrs.evolve(tick, label=clean(tick.label)) for tick in ticks)


def _strip(job: Job, scale: _axis.Scale, left: float, right: float, as_of: str) -> _Strip:
    """The strip above the lanes: period titles and the as-of label, in up to 3 rows."""
    presentation, metrics = job.presentation, job.metrics
    items: list[tuple[str, float, str]] = []  # text, anchor, kind
    bands = []
    for period in presentation.periods:
        band = period_band(period.span, scale, left, right)
        if band is None:
            continue
        bands.append(band)
        items.append((clean(period.title), max(left, band[0]), "period"))
    as_of_x = None
    date = presentation.as_of
    if date is not None and presentation.entries:
        x = scale.x(date.lower)
        if left <= x <= right:
            as_of_x = x
            text = as_of.format(date=clean(date_label(date, presentation.locale)))
            items.append((text, x, "as_of"))
    placed = _placement.place_labels(
        [
            _placement.Label(i, anchor, ((metrics.width(text, STRIP_SIZE) + TEXT_GAP + 2, 1),))
            for i, (text, anchor, _) in enumerate(items)
        ],
        lo=left,
        hi=right,
        max_rows=3,
        gap=8,
        stems=False,
    )
    rows = max((p.row + 1 for p in placed.values()), default=0)
    height = rows * STRIP_ROW + (4 if rows else 0)
    return _Strip(tuple(bands), tuple(items), placed, height, as_of_x)


def _parts(job: Job) -> _Parts:
    metrics = job.metrics
    chosen = words(job.presentation.locale)
    inner = job.width - 2 * MARGIN
    title_lines, subtitle_lines, header = _header(job, inner)
    lane_lines, gutter = _lane_names(job, chosen["other"])
    left, right = MARGIN + gutter, job.width - MARGIN
    entries, as_of = job.presentation.entries, job.presentation.as_of
    extents = _time_extents(
        [entry.event.span for entry in entries],
        [as_of.lower] if as_of is not None and entries else [],
    )
    start, end = job.window
    scale = _axis.build_scale(extents, left + 6, right - 6, start=start, end=end)
    events, by_lane, tracks = _events(job, scale, left, right)
    breaks, ticks = _axis_marks(job, scale)
    strip = _strip(job, scale, left, right, chosen["as_of"])
    legend = _notes.legend_items(events, job.presentation.scale, chosen)  # the words as shown
    legend_rows = _notes.flow(legend, metrics, inner)
    footnotes = _notes.footnotes(job.presentation, metrics, inner)
    axis_height = 8 + TICK_SIZE * LINE + 8
    legend_height = (len(legend_rows) * _notes.LEGEND_ROW + 4) if legend_rows else 0
    most = f"{len(entries):,}"
    note_text = chosen["unlabelled"]
    note_lines = len(metrics.wrap(note_text.format(n=most, total=most), NOTE_SIZE, inner))
    note_height = note_lines * NOTE_SIZE * LINE + 6
    return _Parts(
        job, chosen, title_lines, subtitle_lines, header, lane_lines, left, right, scale, events,
        by_lane, tracks, breaks, ticks, strip, tuple(map(tuple, legend_rows)), footnotes,
        note_text, (axis_height, legend_height, note_height),
    )  # fmt: skip


# ---------------------------------------------------------------- heights and positions


def _fixed(parts: _Parts) -> float:
    """The height of everything but the lanes."""
    axis_height, legend_height, note_height = parts.heights
    return (
        parts.header + parts.strip.height + axis_height + legend_height + note_height
        + parts.footnotes.height + MARGIN
    )  # fmt: skip


def _lane_heights(
    parts: _Parts, placements: Sequence[dict[int, _placement.Placement]], fixed: float
) -> tuple[list[float], float, float]:
    """(each lane's height, the lift of its markers, the chart's height)."""
    job = parts.job
    bases = [LANE_PAD_BOTTOM + n * TRACK + LABEL_LIFT + LANE_PAD_TOP for n in parts.tracks]
    rows = [_text.rows_used(lane) for lane in placements]
    if not job.presentation.entries:
        rows = [MIN_ROWS]
    lane_heights = [base + n * ROW for base, n in zip(bases, rows, strict=True)]
    height = max(job.min_height, fixed + sum(lane_heights))
    # Spare height goes to the lanes, partly under the markers, so that the
    # content of a roomy lane sits in its middle rather than on its floor.
    grow = (height - fixed - sum(lane_heights)) / len(lane_heights)
    lane_heights = [h + grow for h in lane_heights]
    lift = LANE_PAD_BOTTOM + grow * LIFT_SHARE
    return lane_heights, lift, height


def _place_labels(parts: _Parts, texts: _text.Texts) -> list[dict[int, _placement.Placement]]:
    job = parts.job
    fixed = _fixed(parts)
    bases = sum(LANE_PAD_BOTTOM + n * TRACK + LABEL_LIFT + LANE_PAD_TOP for n in parts.tracks)
    budget = int((job.min_height - fixed - bases) // ROW)
    roomy = max(
        int((job.min_height * GROWTH - fixed - bases) // ROW),
        int(ROOMY_ROWS * len(job.presentation.lanes)),
    )
    return _text.place(parts.by_lane, texts, parts.events, parts.left, parts.right, budget, roomy)


def _lanes(
    parts: _Parts, lane_heights: Sequence[float], lift: float, lanes_top: float
) -> tuple[Lane, ...]:
    lanes = []
    y = lanes_top
    for lines, lane_height, n in zip(parts.lane_lines, lane_heights, parts.tracks, strict=True):
        tracks = tuple(y - lane_height + lift + (t + 0.5) * TRACK for t in range(n))
        lanes.append(Lane(lines, y, lane_height, tracks))
        y -= lane_height
    return tuple(lanes)


def _markers(
    events: Sequence[EventGeometry], lanes: Sequence[Lane], count: int
) -> tuple[tuple[MarkerGroup, ...], tuple[Box, ...]]:
    """Marker groups (one per lane and rank, in that order) and every marker's box."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, geo in enumerate(events):
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
        boxes += [(x - half, y - half, x + half, y + half) for x, y in points]
        boxes += [(x - 1, y - 4.5, x + 1, y + 4.5) for x, y in ends]
    return tuple(made), tuple(boxes)


def _lane_labels(
    index: int, lane: Lane, n_tracks: int, lift: float, parts: _Parts,
    placements: dict[int, _placement.Placement], texts: _text.Texts,
) -> LaneLabels:  # fmt: skip
    """The labels of one lane, placed: rows count up from above the lane's markers."""
    base = lane.top - lane.height + lift + n_tracks * TRACK + LABEL_LIFT
    backgrounds = tuple(
        (
            p.left, base + p.row * ROW + 0.5, p.right,
            base + p.row * ROW + texts[i].shapes[p.shape].height + 2.5,
        )
        for i, p in placements.items()
    )  # fmt: skip
    placed = []
    for event, placement in sorted(placements.items()):
        geo, shape = parts.events[event], texts[event].shapes[placement.shape]
        y0 = base + placement.row * ROW + 1.5
        marker_top = lane.tracks[geo.track] + MARKER_RADIUS
        if placement.side == "right":
            x, ha = geo.anchor + TEXT_GAP, "left"
        else:
            x, ha = geo.anchor - TEXT_GAP, "right"
        placed.append(EventLabel(
            event, x, ha, y0, shape.lines, texts[event].date,
            y0 + len(shape.lines) * _text.LABEL_SIZE * LINE + 1,
            (placement.left, y0, placement.right, y0 + shape.height),
            ((geo.anchor, marker_top), (geo.anchor, y0 + shape.height)),
        ))  # fmt: skip
    return LaneLabels(index, backgrounds, tuple(placed))


def _strip_texts(strip: _Strip, strip_top: float) -> tuple[StripText, ...]:
    placed = []
    for index, placement in strip.placed.items():
        text, anchor, kind = strip.items[index]
        row_y = strip_top - 2 - placement.row * STRIP_ROW
        if placement.side == "right":
            x, ha = anchor + TEXT_GAP, "left"
        else:
            x, ha = anchor - TEXT_GAP, "right"
        placed.append(StripText(text, x, row_y, ha, kind))
    return tuple(placed)


def _legend(parts: _Parts, y: float) -> tuple[tuple[_notes.LegendRow, ...], float]:
    """The legend's rows from `y` down, and the y below them."""
    rows = []
    for row in parts.legend_rows:
        rows.append(_notes.LegendRow(y - 7, tuple((MARGIN + dx, item) for dx, item in row)))
        y -= _notes.LEGEND_ROW
    return tuple(rows), y


def layout(job: Job) -> ChartLayout:
    """Where everything of the chart of `job` goes."""
    parts = _parts(job)
    entries = job.presentation.entries
    texts = _text.Texts(parts.events, job.metrics)
    placements = _place_labels(parts, texts)
    unlabelled = len(entries) - sum(len(lane) for lane in placements)
    axis_height, legend_height, note_height = parts.heights
    fixed = _fixed(parts)
    if not unlabelled:
        fixed -= note_height
    lane_heights, lift, height = _lane_heights(parts, placements, fixed)

    title_y = height - MARGIN
    subtitle_y = title_y - len(parts.title_lines) * TITLE_SIZE * LINE - 3
    strip_top = height - parts.header
    lanes_top = strip_top - parts.strip.height
    axis_y = lanes_top - sum(lane_heights)
    lanes = _lanes(parts, lane_heights, lift, lanes_top)
    groups, boxes = _markers(parts.events, lanes, len(job.certainty))
    labels = tuple(
        _lane_labels(i, lanes[i], parts.tracks[i], lift, parts, lane, texts)
        for i, lane in enumerate(placements)
    )
    empty = None
    if not entries:
        middle = (lanes[0].top + axis_y) / 2
        empty = Caption((parts.left + parts.right) / 2, middle, parts.words["empty"])
    legend, y = _legend(parts, axis_y - axis_height - 2)
    y -= legend_height - len(legend) * _notes.LEGEND_ROW
    note = None
    if unlabelled:
        text = parts.note_text.format(n=f"{unlabelled:,}", total=f"{len(entries):,}")
        note = Caption(
            MARGIN, y, "\n".join(job.metrics.wrap(text, NOTE_SIZE, job.width - 2 * MARGIN))
        )
        y -= note_height
    sources = Caption(MARGIN, y, parts.words["sources"]) if parts.footnotes.columns else None
    return ChartLayout(
        job.width, height, job.title or parts.words["untitled"],
        _notes.description(job.presentation, parts.words), parts.title_lines, title_y,
        parts.subtitle_lines, subtitle_y, parts.left, parts.right, lanes, lanes_top, axis_y,
        strip_top - 1 if parts.strip.height else lanes_top, parts.strip.period_bands,
        _strip_texts(parts.strip, strip_top), parts.scale, parts.ticks, parts.strip.as_of_x,
        tuple(
            AxisBreak(piece.x0 + BREAK_INSET, piece.x1 - BREAK_INSET, (piece.x0 + piece.x1) / 2,
                      text)
            for piece, text in parts.breaks
        ),
        parts.events, groups, boxes, labels, empty, legend, note, sources,
        _notes.place_footnotes(parts.footnotes, MARGIN, y), unlabelled,
    )  # fmt: skip
