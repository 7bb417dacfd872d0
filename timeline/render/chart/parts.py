"""The chart's parts before any height is known: what there is to show, and how wide.

`parts(job, sizes)` measures everything at one set of text sizes: the header,
the lanes' names, each event's geometry and track, the axis's scale, ticks and
breaks, the strip of period titles, the legend's rows and the footnotes. The
fitting (`timeline.render.chart.fit`) then decides the label rows and the key;
`timeline.render.chart.layout` the positions. No matplotlib here.
"""

from __future__ import annotations

import functools

import attrs

from timeline._i18n import translation
from timeline.dates.format import date_label
from timeline.render.chart import density as _density
from timeline.render.chart import notes as _notes
from timeline.render.chart.fonts import Type
from timeline.render.chart.geometry import EventGeometry, event_geometry, period_band
from timeline.render.chart.geometry import time_extents as _time_extents
from timeline.render.chart.job import Job
from timeline.render.chart.labels import LINE, TEXT_GAP
from timeline.render.chart.words import clean, words
from timeline.render.layout import axis as _axis
from timeline.render.layout import placement as _placement
from timeline.render.presentation import AS_KNOWN

__all__ = ["MARGIN", "TRACK", "Parts", "Strip", "fixed_height", "lane_bases", "parts"]

# Layout, in points.
MARGIN = 22.0
LANE_NAME_WIDTH = 100.0  # lane names wrap to this
TRACK = 15.0  # marker tracks
MAX_TRACKS = 3
LANE_PAD_BOTTOM, LANE_PAD_TOP, LABEL_LIFT = 5.0, 5.0, 3.0
MARKER_RADIUS = 4.5  # the marker half-height a track and a stem keep clear
DENSE_TRACKS = 3  # a dense lane: the density strip on two tracks, labelled markers above


@attrs.frozen(slots=True)
class Strip:
    period_bands: tuple[tuple[float, float, float, float], ...]
    items: tuple[tuple[str, float, str], ...]  # text, anchor, kind
    placed: dict[int, _placement.Placement]
    height: float
    as_of_x: float | None


@attrs.frozen(slots=True)
class Parts:
    """The layout before heights are known: what there is to show, and how wide."""

    job: Job
    sizes: Type
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
    strip: Strip
    legend_rows: tuple[tuple[tuple[float, _notes.LegendItem], ...], ...]
    footnotes: _notes.Footnotes  # the sources as the chart shows them (none unless "chart")
    heights: tuple[float, float]  # axis, legend
    # From DENSE events on: the counts of the density strips and the label candidates
    # (then `events` are only those candidates; see `timeline.render.chart.density`).
    survey: _density.Survey | None = None
    # Lanes by actors: `events` ends with the echoes, an event's marks in its other
    # lanes (never labelled or numbered); each is that of the event `echo_of` names.
    echo_of: tuple[int, ...] = ()

    @property
    def primaries(self) -> int:
        """How many of `events` are events (not echoes): the first ones."""
        return len(self.events) - len(self.echo_of)

    @property
    def inner(self) -> float:
        """The width inside the margins."""
        return self.job.width - 2 * MARGIN


def _header(
    job: Job, sizes: Type, inner: float, untitled: str
) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    if not job.header:  # the page around the chart shows the title: a top margin only
        return (), (), MARGIN / 2
    metrics = job.metrics
    title = job.title or untitled
    title_lines = metrics.wrap(title, sizes.title, inner, bold=True, max_lines=2)
    subtitle = clean(job.presentation.subtitle or "")
    if job.presentation.known_on is not None:  # a past view says so, as the text does
        known = translation(job.presentation.locale).gettext(AS_KNOWN[0])
        known = known.format(date=job.presentation.known_on)
        subtitle = f"{subtitle} · {known}" if subtitle else known
    subtitle_lines = metrics.wrap(subtitle, sizes.subtitle, inner, max_lines=2) if subtitle else []
    header = MARGIN + len(title_lines) * sizes.title * LINE
    header += (3 + len(subtitle_lines) * sizes.subtitle * LINE) if subtitle_lines else 0
    header += 10
    return tuple(title_lines), tuple(subtitle_lines), header


def _lane_names(
    job: Job, sizes: Type, named_other: str
) -> tuple[tuple[tuple[str, ...], ...], float]:
    """The lanes' names, wrapped, and the width of the gutter they take."""
    lanes = job.lanes.names
    named = len(lanes) > 1 or lanes[0] != ""
    if not named:
        return tuple(() for _ in lanes), 0.0
    metrics = job.metrics
    names = [clean(lane) if lane else named_other for lane in lanes]
    lines = tuple(
        tuple(metrics.wrap(name, sizes.lane, LANE_NAME_WIDTH, bold=True, max_lines=3))
        for name in names
    )
    gutter = max(metrics.width(line, sizes.lane, True) for name in lines for line in name) + 14
    return lines, gutter


def _events(
    job: Job, scale: _axis.Scale, left: float, right: float, dense: _density.Survey | None
) -> tuple[tuple[EventGeometry, ...], tuple[tuple[int, ...], ...], tuple[int, ...],
           tuple[int, ...]]:  # fmt: skip
    """Every event's geometry on its track (in a dense chart, every label candidate's),
    then its echoes in its other lanes; the events of each lane (echoes aside), each
    lane's tracks, and the event each echo repeats."""
    entries = job.presentation.entries
    lanes_of = job.lanes.lanes_of(job.presentation)
    rank_of = {word: i for i, word in enumerate(job.certainty)}
    shown = list(dense.chosen) if dense else [(i, 0) for i in range(len(entries))]
    events = [
        event_geometry(
            entries[i], lanes_of[i][0], rank_of.get(entries[i].event.certainty, len(job.certainty)),
            scale, left, right,
        )
        for i, _ in shown
    ]  # fmt: skip
    if dense is not None:  # markers above the strip, on its top track, in their turns
        events = [
            attrs.evolve(geo, track=DENSE_TRACKS - 1, turn=turn)
            for geo, (_, turn) in zip(events, shown, strict=True)
        ]
    by_lane: list[list[int]] = [[] for _ in job.lanes.names]
    for i, geo in enumerate(events):
        by_lane[geo.lane].append(i)
    echo_of = [k for k, (i, _) in enumerate(shown) for _ in lanes_of[i][1:]]
    occupied = [list(lane) for lane in by_lane]  # by lane, events and echoes in date order
    for k, (i, _) in enumerate(shown):
        for lane in lanes_of[i][1:]:
            occupied[lane].append(len(events))
            events.append(attrs.evolve(events[k], lane=lane))
    if dense is not None:
        tracks = (DENSE_TRACKS,) * len(by_lane)
        return tuple(events), tuple(map(tuple, by_lane)), tracks, tuple(echo_of)
    order = [*range(len(shown)), *echo_of]  # an echo stands where its event does
    found = []
    for members in occupied:
        members.sort(key=lambda i: (order[i], i))
        assigned = _placement.pack_tracks(
            [events[i].extent(MARKER_RADIUS) for i in members], max_tracks=MAX_TRACKS
        )
        for i, track in zip(members, assigned, strict=True):
            events[i] = attrs.evolve(events[i], track=track)
        found.append(max(assigned, default=0) + 1)
    return tuple(events), tuple(map(tuple, by_lane)), tuple(found), tuple(echo_of)


def _survey(job: Job, scale: _axis.Scale, left: float) -> _density.Survey | None:
    """The density strips' counts and the label candidates, from DENSE events on."""
    entries = job.presentation.entries
    if len(entries) < _density.DENSE:
        return None
    lanes = job.lanes
    lane_of = {lane: i for i, lane in enumerate(lanes.names)}
    rank_of = {word: i for i, word in enumerate(job.certainty)}
    return _density.survey(entries, lane_of, rank_of, scale, left, lanes.of, len(lanes.names))


def _axis_marks(
    job: Job, sizes: Type, scale: _axis.Scale
) -> tuple[tuple[tuple[_axis.Piece, str], ...], tuple[_axis.Tick, ...]]:
    """The breaks with their labels, and the ticks, which keep clear of those labels."""
    presentation, metrics = job.presentation, job.metrics
    breaks = tuple(
        (piece, clean(_axis.duration_label(piece.gap, presentation.locale)))
        for piece in scale.breaks
    )
    reserved = []
    for piece, text in breaks:
        middle, half = (piece.x0 + piece.x1) / 2, metrics.width(text, sizes.tick) / 2
        reserved.append((middle - half, middle + half))
    if not presentation.entries:
        return breaks, ()
    tick_width = functools.partial(metrics.width, size=sizes.tick)
    ticks = _axis.ticks(
        scale, tick_width, presentation.locale, reserved=reserved, left=MARGIN / 2,
        right=job.width - MARGIN / 2,
    )  # fmt: skip
    return breaks, tuple(attrs.evolve(tick, label=clean(tick.label)) for tick in ticks)


def _strip(
    job: Job, sizes: Type, scale: _axis.Scale, left: float, right: float, as_of: str
) -> Strip:
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
            _placement.Label(i, anchor, ((metrics.width(text, sizes.strip) + TEXT_GAP + 2, 1),))
            for i, (text, anchor, _) in enumerate(items)
        ],
        lo=left,
        hi=right,
        max_rows=3,
        gap=8,
        stems=False,
    )
    rows = max((p.row + 1 for p in placed.values()), default=0)
    height = rows * sizes.strip_row + (4 if rows else 0)
    return Strip(tuple(bands), tuple(items), placed, height, as_of_x)


def parts(job: Job, sizes: Type, survey: _density.Survey | None = None) -> Parts:
    """Everything of the chart of `job` that does not depend on its height, at `sizes`;
    a dense chart's `survey`, when given, is not made again (it is the same at any size)."""
    metrics = job.metrics
    chosen = words(job.presentation.locale)
    inner = job.width - 2 * MARGIN
    title_lines, subtitle_lines, header = _header(job, sizes, inner, chosen["untitled"])
    lane_lines, gutter = _lane_names(job, sizes, chosen[job.lanes.unnamed])
    left, right = MARGIN + gutter, job.width - MARGIN
    entries, as_of = job.presentation.entries, job.presentation.as_of
    extents = _time_extents(
        [entry.event.span for entry in entries],
        [as_of.lower] if as_of is not None and entries else [],
    )
    start, end = job.window
    scale = _axis.build_scale(extents, left + 6, right - 6, start=start, end=end)
    if survey is None:
        survey = _survey(job, scale, left)
    events, by_lane, tracks, echo_of = _events(job, scale, left, right, survey)
    breaks, ticks = _axis_marks(job, sizes, scale)
    strip = _strip(
        job, sizes, scale, left, right,
        chosen["known_on" if job.presentation.known_on is not None else "as_of"],
    )  # fmt: skip
    bins = None if survey is None else survey.span_words(job.presentation.locale)
    since = job.presentation.new_since
    new_since = None if since is None else date_label(since, job.presentation.locale)
    legend = _notes.legend_items(  # words as shown
        events, job.presentation.scale, chosen, bins, clean(new_since) if new_since else None
    )
    legend_rows = _notes.flow(legend, metrics, inner, sizes)
    shown = job.presentation.sources if job.sources == "chart" else ()
    footnotes = _notes.footnotes(
        shown, job.presentation.locale, metrics, inner, sizes,
        pins=job.presentation.pins, archived=chosen["archived"],
    )  # fmt: skip
    axis_height = 8 + sizes.tick * LINE + 8
    legend_height = (len(legend_rows) * sizes.legend_row + 4) if legend_rows else 0
    return Parts(
        job, sizes, chosen, title_lines, subtitle_lines, header, lane_lines, left, right, scale,
        events, by_lane, tracks, breaks, ticks, strip, tuple(map(tuple, legend_rows)), footnotes,
        (axis_height, legend_height), survey, echo_of,
    )  # fmt: skip


def fixed_height(parts: Parts, footnotes: _notes.Footnotes | None = None) -> float:
    """The height of everything but the lanes and the key (with other `footnotes`)."""
    axis_height, legend_height = parts.heights
    notes = parts.footnotes if footnotes is None else footnotes
    return parts.header + parts.strip.height + axis_height + legend_height + notes.height + MARGIN


def lane_bases(parts: Parts) -> list[float]:
    """Each lane's height without label rows: its tracks and paddings."""
    return [LANE_PAD_BOTTOM + n * TRACK + LABEL_LIFT + LANE_PAD_TOP for n in parts.tracks]
