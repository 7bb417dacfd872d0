"""The gap rule (W106): stretches of time no event covers, longer than max_gap.

`find_gaps(timeline)` returns them as data (`Gap`), for the rule and for any
renderer that shows them; the rule's message is each gap's `message`.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from timeline.dates.calendar import add_calendar
from timeline.dates.format import describe_duration, gap_words, max_gap_parts
from timeline.model.timeline import Timeline
from timeline.rules.context import INF, RuleContext

__all__ = ["Gap", "check_gaps", "find_gaps"]


@attrs.frozen(slots=True)
class Gap:
    """A stretch of time longer than max_gap that no event covers.

    It runs from `start`, when the events before it have certainly ended (the
    greatest strict upper bound among them; as_of for an event with no end date),
    to `end`, the earliest instant the event after it can begin (its strict lower
    bound); both in seconds, as `EdtfDate.lower` and `upper` count them.
    `before` and `after` are indices into `timeline.events`.
    """

    before: int
    after: int
    before_id: str
    after_id: str
    start: int
    end: int
    max_gap: str  # as written in [timeline]: "P18M"
    max_gap_words: str  # "18 months"
    duration: str  # the calendar length from start to end: "2 years 1 month"
    lane: str | None  # the lane, for a gap found within one lane (gaps = "per-lane")
    open_end: bool  # `before` has no end date: it counts until as_of (`start` is as_of's end)
    message: str  # the W106 message


def find_gaps(timeline: Timeline) -> list[Gap]:
    """Every gap longer than max_gap, in W106's order: over all events, then per lane.

    Empty without a max_gap or events. Like W106 (see docs/rules.md), a pair of
    events is reported once even when it is also a gap within a lane.
    """
    if timeline.max_gap is None or not timeline.events:
        return []
    return list(_gaps(RuleContext(timeline)))


def check_gaps(c: RuleContext) -> None:
    """W106, at the date of the event after each gap."""
    for gap in _gaps(c):
        c.report(c.date_path(gap.after), "W106", gap.message, gap.before_id, gap.after_id)


class _Sweep:
    """What every sweep over one list of events shares: their spans, the limit."""

    def __init__(self, c: RuleContext) -> None:
        self.c = c
        timeline = c.timeline
        duration = timeline.max_gap_duration
        assert duration is not None
        assert timeline.max_gap is not None
        self.max_gap = timeline.max_gap
        self.parts = parts = max_gap_parts(duration)
        # Below this many seconds no gap can exceed max_gap (a month has >= 28 days, and
        # clamping 31 Jan to 28 Feb loses at most 3): most gaps are dismissed without a
        # calendar.
        self.quick = max(0, parts[0] * 28 - 3) * 86400 + parts[1] * 86400 + parts[2]
        self.limit = describe_duration(duration)
        self.lows: list[float] = []
        self.highs: list[float] = []

    def spans(self) -> bool:
        """Each event's lowest and highest instant; False when nothing is bounded."""
        c = self.c
        start_lo, start_hi, end_lo, end_hi = c.start_lo, c.start_hi, c.end_lo, c.end_hi
        as_of = c.timeline.as_of
        if as_of is not None:
            horizon: float = as_of.upper
        else:
            bounds = (*start_hi, *end_hi)
            finite = [b for b in bounds if b != INF] if INF in bounds else bounds
            if not finite:
                return False
            horizon = max(finite)
        self.lows = [a if a <= b else b for a, b in zip(start_lo, end_lo, strict=True)]
        highs = [b if b >= a else a for a, b in zip(start_hi, end_hi, strict=True)]
        for i, high in enumerate(highs):
            if high == INF:  # an open end runs to as_of (or past the last event)
                highs[i] = max(horizon, start_hi[i]) if start_hi[i] != INF else horizon
        self.highs = highs
        return True

    def pairs(self, order: list[int]) -> Iterator[tuple[int, int, float, float]]:
        """(before, after, start, end) of each gap among the events `order` lists by low."""
        ids, lows, highs, quick, parts = self.c.ids, self.lows, self.highs, self.quick, self.parts
        if not order:
            return
        left = order[0]
        until = highs[left]
        for position in range(1, len(order)):
            i = order[position]
            low = lows[i]
            if low > until and low - until > quick and add_calendar(int(until), parts) < low:
                yield left, self._right(order, position), until, low
            high = highs[i]
            if high > until or (high == until and ids[i] < ids[left]):
                until, left = high, i

    def _right(self, order: list[int], position: int) -> int:
        """Of the events starting at the low of order[position], the smallest id (so
        that the gap does not depend on their order in the file)."""
        ids, lows = self.c.ids, self.lows
        right = order[position]
        low = lows[right]
        following = position + 1
        while following < len(order) and lows[order[following]] == low:
            if ids[order[following]] < ids[right]:
                right = order[following]
            following += 1
        return right

    def gap(self, left: int, right: int, until: float, low: float, lane: str | None) -> Gap:
        c = self.c
        as_of = c.timeline.as_of
        open_end = c.end_hi[left] == INF and as_of is not None and until == as_of.upper
        duration = gap_words(int(until), int(low))
        where = "" if lane is None else f" in lane '{lane}'"
        cut = (
            f" ('{c.ids[left]}' has no end date: it counts until as_of {as_of.text})"
            if open_end and as_of is not None
            else ""
        )
        message = (
            f"no event{where} for at least {duration} between"
            f" {c.shown(left)} and {c.shown(right)}; max_gap is {self.limit}{cut}"
        )
        return Gap(
            left, right, c.ids[left], c.ids[right], int(until), int(low), self.max_gap,
            self.limit, duration, lane, open_end, message,
        )  # fmt: skip


def _gaps(c: RuleContext) -> Iterator[Gap]:
    sweep = _Sweep(c)
    if not sweep.spans():
        return
    lows = sweep.lows
    order = sorted(range(len(lows)), key=lows.__getitem__)
    lanes: list[tuple[str | None, list[int]]] = [(None, order)]
    if c.timeline.gaps == "per-lane":
        members: dict[str, list[int]] = {}
        for i in order:
            lane = c.events[i].lane
            if lane is not None:
                members.setdefault(lane, []).append(i)
        lanes += [(lane, members[lane]) for lane in sorted(members)]
    reported: set[tuple[int, int]] = set()
    for lane, events in lanes:
        for left, right, until, low in sweep.pairs(events):
            if (left, right) not in reported:
                reported.add((left, right))
                yield sweep.gap(left, right, until, low, lane)
