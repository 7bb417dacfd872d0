"""The time axis, as pure functions: instant -> x, broken axis, ticks and their labels.

Instants are the integers of `timeline.dates.edtf` (seconds since 1970-01-01 UTC,
proleptic Gregorian, any year). x is in points. No matplotlib here: the
renderer draws what these functions decide, and the tests check them directly.

The mapping is piecewise linear and strictly increasing. Every linear piece
has the same scale (points per second), so the axis is to scale everywhere
except in its *breaks*: a gap between consecutive events that takes more than
a third of the axis is collapsed into a fixed width and marked with its length.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Iterator, Sequence

import attrs

from timeline._intervals import merge
from timeline.dates.calendar import civil_from_days, days_from_civil, year_start
from timeline.dates.edtf import Precision
from timeline.dates.format import duration_label, instant_label

__all__ = [
    "Piece",
    "Scale",
    "Tick",
    "bins",
    "build_scale",
    "duration_label",
    "merge",
    "ticks",
]

DAY = 86400
YEAR = 31_556_952  # mean Gregorian year in seconds


@attrs.frozen(slots=True)
class Piece:
    """One linear piece of the mapping; `broken` pieces are collapsed gaps."""

    t0: int
    t1: int
    x0: float
    x1: float
    broken: bool = False
    gap: int = 0  # for a break: the empty time between the events on either side


@attrs.frozen(slots=True)
class Scale:
    """A strictly increasing, piecewise-linear map from instants to x (points)."""

    pieces: tuple[Piece, ...]
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        assert self.pieces, "a scale needs at least one piece"
        object.__setattr__(self, "_starts", tuple(piece.t0 for piece in self.pieces))

    @property
    def t0(self) -> int:
        return self.pieces[0].t0

    @property
    def t1(self) -> int:
        return self.pieces[-1].t1

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        return self.pieces[-1].x1

    @property
    def breaks(self) -> tuple[Piece, ...]:
        return tuple(piece for piece in self.pieces if piece.broken)

    @property
    def linear(self) -> tuple[Piece, ...]:
        return tuple(piece for piece in self.pieces if not piece.broken)

    @property
    def points_per_second(self) -> float:
        piece = self.linear[0]
        return (piece.x1 - piece.x0) / (piece.t1 - piece.t0)

    def x(self, t: int) -> float:
        """x of instant `t`; beyond the ends the first/last piece's slope goes on."""
        index = max(0, bisect.bisect_right(self._starts, t) - 1)
        piece = self.pieces[index]
        if t > piece.t1:  # only past the last piece
            piece = self.pieces[-1]
        # Integer subtraction first: instants of year 170000000 exceed a float's
        # exact integers only slightly, their differences never do.
        return piece.x0 + (t - piece.t0) * (piece.x1 - piece.x0) / (piece.t1 - piece.t0)

    def t(self, x: float) -> float:
        """The instant at `x` (inverse of `x()`)."""
        xs = [piece.x0 for piece in self.pieces]
        piece = self.pieces[max(0, bisect.bisect_right(xs, x) - 1)]
        return piece.t0 + (x - piece.x0) * (piece.t1 - piece.t0) / (piece.x1 - piece.x0)


def build_scale(
    extents: Sequence[tuple[int, int]],
    x0: float,
    x1: float,
    *,
    start: int | None = None,
    end: int | None = None,
    break_width: float = 24.0,
    pad: float = 0.03,
    gap_fraction: float = 1 / 3,
    max_breaks: int = 4,
) -> Scale:
    """The axis for events occupying `extents` (instants), drawn from `x0` to `x1`.

    `start`/`end` fix the ends of the axis (a date window); otherwise the axis
    runs from the first to the last extent with a small padding. Gaps between
    the merged extents that take more than `gap_fraction` of the whole axis are
    collapsed into breaks of `break_width` points (at most `max_breaks`).
    """
    if x1 <= x0:
        raise ValueError(f"the axis needs a positive width, got {x0}..{x1}")
    clipped = [
        (lo if start is None else max(lo, start), hi if end is None else min(hi, end))
        for lo, hi in extents
    ]
    blocks = merge([(lo, hi) for lo, hi in clipped if lo <= hi])
    lo = start if start is not None else blocks[0][0] if blocks else None
    hi = end if end is not None else blocks[-1][1] if blocks else None
    if lo is None or hi is None:
        lo = hi = lo if lo is not None else hi if hi is not None else 0
    if hi <= lo:
        middle = (lo + hi) // 2
        lo, hi = middle - DAY // 2, middle + DAY // 2
    gaps = sorted(
        ((b[0] - a[1], a[1], b[0]) for a, b in itertools.pairwise(blocks)),
        reverse=True,
    )
    full = total = hi - lo
    collapsed: list[tuple[int, int]] = []
    for length, a, b in gaps[:max_breaks]:
        # A gap is collapsed when it takes over `gap_fraction` of the whole axis,
        # unless that would blow what is left up more than 20 times (two lone
        # events are not a "long empty stretch" between clusters: they are the
        # whole story).
        if length <= gap_fraction * full or total - length < length / 20:
            break
        collapsed.append((a, b))
        total -= length
    # Keep a margin of linear time on either side of a break, so that what
    # sits next to it is not drawn on the break mark.
    margin = max(1, round(0.015 * total))
    cuts = []
    for a, b in sorted(collapsed):
        m = min(margin, (b - a) // 4)
        cuts.append((a + m, b - m, b - a))
    padding = max(1, round(pad * total))
    if start is None:
        lo -= padding
    if end is None:
        hi += padding
    linear = (hi - lo) - sum(b - a for a, b, _ in cuts)
    width = (x1 - x0) - break_width * len(cuts)
    if width <= 0.5 * (x1 - x0):
        cuts, linear, width = [], hi - lo, x1 - x0
    k = width / linear
    pieces: list[Piece] = []
    t, x = lo, x0
    for a, b, gap in cuts:
        x_a = x + (a - t) * k
        pieces.append(Piece(t, a, x, x_a))
        pieces.append(Piece(a, b, x_a, x_a + break_width, True, gap))
        t, x = b, x_a + break_width
    pieces.append(Piece(t, hi, x, x1))
    return Scale(tuple(pieces))


# ---------------------------------------------------------------- durations


# ---------------------------------------------------------------- ticks


@attrs.frozen(slots=True)
class Tick:
    t: int
    x: float
    label: str


@attrs.frozen(slots=True)
class _Step:
    unit: str  # "minute", "hour", "day", "month", "year"
    count: int

    @property
    def seconds(self) -> float:
        return self.count * {"minute": 60, "hour": 3600, "day": DAY, "month": YEAR / 12}.get(
            self.unit, YEAR
        )


def _steps() -> Iterator[_Step]:
    for count in (1, 2, 5, 10, 15, 30):
        yield _Step("minute", count)
    for count in (1, 2, 3, 6, 12):
        yield _Step("hour", count)
    for count in (1, 2, 5, 10):
        yield _Step("day", count)
    for count in (1, 2, 3, 6):
        yield _Step("month", count)
    power = 1
    while power <= 10**10:
        for mantissa in (1, 2, 5):
            yield _Step("year", mantissa * power)
        power *= 10


def _instants(step: _Step, t0: int, t1: int) -> Iterator[int]:
    """Round instants of `step` in [t0, t1], in order."""
    if step.unit in ("minute", "hour"):
        size = 60 * step.count if step.unit == "minute" else 3600 * step.count
        return iter(range(-(-t0 // size) * size, t1 + 1, size))
    if step.unit == "year":
        return _round_years(step.count, t0, t1)
    if step.unit == "month":
        return _round_months(step.count, t0, t1)
    return _round_days(step.count, t0, t1)


def _round_years(n: int, t0: int, t1: int) -> Iterator[int]:
    # Historical numbering for the round years: 500 BCE is astronomical -499.
    y0 = civil_from_days(t0 // DAY)[0]
    y1 = civil_from_days(t1 // DAY)[0]
    years: list[int] = []
    if y0 <= 0:
        for h in range(-(-(1 - min(y1, 0)) // n) * n, (1 - y0) + 1, n):
            years.append(1 - h)
        years.reverse()
    if y1 >= 1:
        years.extend(range(-(-max(y0, 1) // n) * n, y1 + 1, n))
    for year in years:
        t = year_start(year)
        if t0 <= t <= t1:
            yield t


def _round_months(n: int, t0: int, t1: int) -> Iterator[int]:
    y0 = civil_from_days(t0 // DAY)[0]
    y1 = civil_from_days(t1 // DAY)[0]
    for index in range(y0 * 12, y1 * 12 + 12):
        year, month0 = divmod(index, 12)
        if month0 % n == 0:
            t = days_from_civil(year, month0 + 1, 1) * DAY
            if t0 <= t <= t1:
                yield t


def _round_days(n: int, t0: int, t1: int) -> Iterator[int]:
    for day in range(-(-t0 // DAY), t1 // DAY + 1):
        dom = civil_from_days(day)[2]
        if (dom - 1) % n == 0 and (n == 1 or dom + n <= 31):
            yield day * DAY


@functools.lru_cache(maxsize=4096)
def _label(t: int, precision: Precision, locale: str, with_year: bool = True) -> str:
    return instant_label(t, precision, locale, with_year=with_year)


def _tick_labels(step: _Step, instants: Sequence[int], locale: str) -> list[str]:
    """Labels that say the year/day once and then only what changes."""
    labels = []
    previous: tuple[int, int, int] | None = None
    for t in instants:
        civil = civil_from_days(t // DAY)
        year_text = _label(t, Precision.YEAR, locale)
        if step.unit == "year":
            text = year_text
        elif step.unit == "month":
            # The year once, then only the month (in the locale's own order: "Jan", "1月").
            text = _label(t, Precision.MONTH, locale, previous is None or civil[1] == 1)
        elif step.unit == "day":
            text = _label(t, Precision.DAY, locale, previous is None or civil[0] != previous[0])
        else:
            clock = f"{t % DAY // 3600:02d}:{t % 3600 // 60:02d}"
            if previous is None:
                text = f"{_label(t, Precision.DAY, locale)} {clock}"
            elif civil != previous:
                text = f"{_label(t, Precision.DAY, locale, False)} {clock}"
            else:
                text = clock
        labels.append(text)
        previous = civil
    return labels


def ticks(
    scale: Scale,
    measure: Callable[[str], float],
    locale: str = "en",
    *,
    spacing: float = 14.0,
    reserved: Sequence[tuple[float, float]] = (),
    left: float | None = None,
    right: float | None = None,
) -> list[Tick]:
    """Round ticks for the span, labelled in `locale`, that do not collide.

    The finest step whose labels (widths from `measure`) keep `spacing` points
    apart wins. Ticks inside breaks, or whose labels would cross a `reserved`
    x-interval (break labels) or leave [left, right], are dropped.
    """
    left = scale.x0 if left is None else left
    right = scale.x1 if right is None else right
    pieces = scale.linear
    span = sum(piece.t1 - piece.t0 for piece in pieces)
    width = sum(piece.x1 - piece.x0 for piece in pieces)
    blocked = sorted(
        [(piece.x0, piece.x1) for piece in scale.breaks] + [tuple(r) for r in reserved]
    )

    def fits(x: float, w: float) -> bool:
        lo, hi = x - w / 2, x + w / 2
        if lo < left or hi > right:
            return False
        return not any(lo - spacing / 2 < b and a < hi + spacing / 2 for a, b in blocked)

    best: list[Tick] = []
    for step in _steps():
        if span / step.seconds > width / 20 + 1:  # too many to ever fit
            continue
        chosen: list[Tick] = []
        for piece in pieces:
            kept = [
                t
                for t in _instants(step, piece.t0, piece.t1)
                if fits(scale.x(t), measure(_tick_labels(step, [t], locale)[0]))
            ]
            labels = _tick_labels(step, kept, locale)
            chosen.extend(Tick(t, scale.x(t), label) for t, label in zip(kept, labels, strict=True))
        crowded = any(
            b.x - a.x < (measure(a.label) + measure(b.label)) / 2 + spacing
            for a, b in itertools.pairwise(chosen)
        )
        if not crowded:
            best = chosen
            break
    return _fill_empty_pieces(scale, best, measure, locale, spacing, fits)


def _fill_empty_pieces(
    scale: Scale,
    chosen: list[Tick],
    measure: Callable[[str], float],
    locale: str,
    spacing: float,
    fits: Callable[[float, float], bool],
) -> list[Tick]:
    """Give a linear piece that got no tick (a short stretch beside a break) one."""
    result = list(chosen)
    for piece in scale.linear:
        if any(piece.t0 <= tick.t <= piece.t1 for tick in result):
            continue
        middle = (piece.t0 + piece.t1) // 2
        for step in reversed(list(_steps())):
            if not _few(step, piece):
                break
            instants = sorted(_instants(step, piece.t0, piece.t1), key=lambda t: abs(t - middle))
            for t in instants[:3]:
                label = _tick_labels(step, [t], locale)[0]
                x, w = scale.x(t), measure(label)
                clear = all(
                    abs(tick.x - x) >= (measure(tick.label) + w) / 2 + spacing for tick in result
                )
                if fits(x, w) and clear:
                    result.append(Tick(t, x, label))
                    break
            else:
                continue
            break
    result.sort(key=lambda tick: tick.t)
    return result


def bins(scale: Scale, min_width: float) -> tuple[tuple[str, int], tuple[tuple[int, int], ...]]:
    """Calendar bins along the axis: the finest tick step (an hour, a day, a month, a
    year, ten years, ...) whose bins are at least about `min_width` points wide, as
    (unit, count), and the bins, (t0, t1) in order, across the linear pieces (a
    piece's first and last bins may be partial; breaks have none)."""
    per_second = scale.points_per_second
    steps = list(_steps())
    step = next((s for s in steps if s.seconds * 0.9 * per_second >= min_width), steps[-1])
    found: list[tuple[int, int]] = []
    for piece in scale.linear:
        edges = sorted({piece.t0, piece.t1, *_instants(step, piece.t0, piece.t1)})
        found += itertools.pairwise(edges)
    return (step.unit, step.count), tuple(found)


def _few(step: _Step, piece: Piece) -> bool:
    return (piece.t1 - piece.t0) / step.seconds < 1000
