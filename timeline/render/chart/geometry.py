"""Where each event and period is drawn along the axis, in points (no matplotlib).

An event is a marker at its `anchor` (the middle of its date, or of its
start), with, as its date says: precision bands (a month, a year), whiskers
for approximate or uncertain bounds, a bar to its end, an arrow for an open
end (``..``) and a fading tail for an unknown one. An interval the axis's dates
(a `date_from`/`date_to` selection) cut off runs to the edge of the lane, where
a cut mark says so; its marker then stands at its end, when that is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from timeline.dates.edtf import EdtfDate, EdtfInterval, End
from timeline.render.layout import axis as _axis
from timeline.render.presentation import Entry

__all__ = ["CUT", "FADE", "EventGeometry", "event_geometry", "period_band", "time_extents"]

FADE = 64.0  # length of the fading tail of an unknown end
CUT = 4.0  # half the width of a cut mark


@attrs.frozen(slots=True)
class EventGeometry:
    """Where one event is drawn, in x (points); y comes with its lane and track."""

    entry: Entry
    lane: int
    rank: int
    anchor: float
    bands: tuple[tuple[float, float], ...] = ()
    whiskers: tuple[tuple[float, float, float], ...] = ()  # x0, x1, cap x
    bar: tuple[float, float] | None = None
    fade: tuple[float, float] | None = None  # from, to: opaque at `from`
    arrows: tuple[tuple[float, str], ...] = ()  # x, ">" or "<"
    end_tick: float | None = None
    cuts: tuple[float, ...] = ()  # x of each cut mark: the event runs on past the axis
    track: int = 0
    turn: int = 0  # a dense chart's label candidate: its place in its stretch (0: the best)

    @property
    def length(self) -> float:
        """How long the event's bar is, in points (0 for a single date or an unknown end)."""
        return 0.0 if self.bar is None else self.bar[1] - self.bar[0]

    def extent(self, radius: float) -> tuple[float, float]:
        xs = [self.anchor - radius, self.anchor + radius]
        for a, b in self.bands:
            xs += [a, b]
        for a, b, _ in self.whiskers:
            xs += [a, b]
        for pair in (self.bar, self.fade):
            if pair is not None:
                xs += list(pair)
        xs += [x + dx for x in self.cuts for dx in (-CUT, CUT)]
        return min(xs), max(xs)


def time_extents(
    spans: Sequence[EdtfDate | EdtfInterval], extra: Sequence[int]
) -> list[tuple[int, int]]:
    """The instants the events occupy on the axis (fuzzy bounds included).

    An open end (`..`) occupies everything up to the last instant anything
    else reaches (and an open start from the first): an ongoing event leaves no
    empty stretch to collapse. An unknown end occupies only its known side.
    """
    found = [_occupied(span) for span in spans]
    los = [lo for lo, _ in found if lo is not None]
    his = [hi for _, hi in found if hi is not None]
    known = [*los, *his, *extra]
    if not known:
        return []
    first, last = min(known), max(known)
    extents = [(first if lo is None else lo, last if hi is None else hi) for lo, hi in found]
    extents += [(t, t) for t in extra]
    return [(lo, hi) if lo <= hi else (hi, lo) for lo, hi in extents]


def _occupied(span: EdtfDate | EdtfInterval) -> tuple[int | None, int | None]:
    if isinstance(span, EdtfDate):
        if not (span.uncertain or span.approximate):  # most dates: no fuzzy bounds
            return span.lower, span.upper
        return span.lower_fuzzy, span.upper_fuzzy
    start, end = span.start, span.end
    lo = start.lower_fuzzy if isinstance(start, EdtfDate) else None
    hi = end.upper_fuzzy if isinstance(end, EdtfDate) else None
    if lo is None and start is End.UNKNOWN and isinstance(end, EdtfDate):
        lo = end.lower
    if hi is None and end is End.UNKNOWN and isinstance(start, EdtfDate):
        hi = start.upper
    return lo, hi


def _middle(date: EdtfDate) -> int:
    return (date.lower + date.upper) // 2


@attrs.define(slots=True)
class _Builder:
    """The marks of one event, collected along its axis."""

    scale: _axis.Scale
    left: float
    right: float
    bands: list[tuple[float, float]] = attrs.Factory(list)
    whiskers: list[tuple[float, float, float]] = attrs.Factory(list)
    arrows: list[tuple[float, str]] = attrs.Factory(list)

    def x(self, t: int) -> float:
        return min(self.right, max(self.left, self.scale.x(t)))

    def precision(self, date: EdtfDate, sides: str = "lr") -> None:
        a, b = self.x(date.lower), self.x(date.upper)
        if b - a >= 3:
            self.bands.append((a, b))
        if "l" in sides and date.lower_fuzzy < date.lower:
            fa = self.x(date.lower_fuzzy)
            if a - fa >= 1.5:
                self.whiskers.append((fa, a, fa))
        if "r" in sides and date.upper_fuzzy > date.upper:
            fb = self.x(date.upper_fuzzy)
            if fb - b >= 1.5:
                self.whiskers.append((b, fb, fb))


def event_geometry(
    entry: Entry, lane: int, rank: int, scale: _axis.Scale, left: float, right: float
) -> EventGeometry:
    """Where `entry` is drawn on `scale`, clipped to `left`..`right`."""
    marks = _Builder(scale, left, right)
    span = entry.event.span
    if isinstance(span, EdtfDate):
        marks.precision(span)
        return EventGeometry(entry, lane, rank, marks.x(_middle(span)), tuple(marks.bands),
                             tuple(marks.whiskers))  # fmt: skip
    start, end = span.start, span.end
    # Cut off by the axis's dates: the event runs on to the lane's edge.
    cut_start = isinstance(start, EdtfDate) and start.lower < scale.t0
    cut_end = isinstance(end, EdtfDate) and end.upper > scale.t1
    xs = marks.x(_middle(start)) if isinstance(start, EdtfDate) else None
    xe = marks.x(_middle(end)) if isinstance(end, EdtfDate) else None
    xs, xe = left if cut_start else xs, right if cut_end else xe
    shown_end = xe if isinstance(end, EdtfDate) and not cut_end else None
    if cut_start:  # the marker at its end when shown, else inside the cut: not on the edge
        anchor = shown_end if shown_end is not None else left + 3 * CUT
    else:
        anchor = xs if xs is not None else xe if xe is not None else left
    if isinstance(start, EdtfDate) and not cut_start:
        marks.precision(start, "l")
    if isinstance(end, EdtfDate) and not cut_end:
        marks.precision(end, "r")
    if start is End.OPEN:
        xs = left
        marks.arrows.append((left, "<"))
    if end is End.OPEN:
        xe = right
        marks.arrows.append((right, ">"))
    dated_end = shown_end is not None and not cut_start  # else the marker is its end
    bar, fade, end_tick = _reach(xs, xe, dated_end, left, right)
    cuts = tuple(x for x, cut in ((left + CUT, cut_start), (right - CUT, cut_end)) if cut)
    return EventGeometry(
        entry, lane, rank, anchor, tuple(marks.bands), tuple(marks.whiskers), bar, fade,
        tuple(marks.arrows), end_tick, cuts,
    )  # fmt: skip


def _reach(
    xs: float | None, xe: float | None, dated_end: bool, left: float, right: float
) -> tuple[tuple[float, float] | None, tuple[float, float] | None, float | None]:
    """(bar, fade, end tick) of an interval from `xs` to `xe` (None: not known)."""
    if xs is not None and xe is not None:
        return (xs, xe) if xe > xs else None, None, xe if dated_end else None
    if xs is not None:  # unknown end
        return None, (xs, min(right, xs + FADE)), None
    if xe is not None:  # unknown start
        return None, (xe, max(left, xe - FADE)), None
    return None, None, None


def period_band(
    span: EdtfDate | EdtfInterval, scale: _axis.Scale, left: float, right: float
) -> tuple[float, float, float, float] | None:
    """(x0, x1, fuzzy x0, fuzzy x1) of a period band, clipped; None when off the axis."""
    lo, hi, flo, fhi = _period_instants(span)

    def x(t: int | None, default: float) -> float:
        return default if t is None else min(right, max(left, scale.x(t)))

    x0, x1 = x(lo, left), x(hi, right)
    if x1 - x0 < 1:
        return None
    return x0, x1, x(flo, left), x(fhi, right)


def _period_instants(
    span: EdtfDate | EdtfInterval,
) -> tuple[int | None, int | None, int | None, int | None]:
    """(lower, upper, fuzzy lower, fuzzy upper) of a period; None: the axis's end."""
    if isinstance(span, EdtfDate):
        return span.lower, span.upper, span.lower_fuzzy, span.upper_fuzzy
    start, end = span.start, span.end
    lo: int | None
    hi: int | None
    flo: int | None
    fhi: int | None
    if isinstance(start, EdtfDate):
        lo, flo = start.lower, start.lower_fuzzy
    elif isinstance(end, EdtfDate) and start is End.UNKNOWN:
        lo = flo = end.lower
    else:
        lo = flo = None
    if isinstance(end, EdtfDate):
        hi, fhi = end.upper, end.upper_fuzzy
    elif isinstance(start, EdtfDate) and end is End.UNKNOWN:
        hi = fhi = start.upper
    else:
        hi = fhi = None
    return lo, hi, flo, fhi
