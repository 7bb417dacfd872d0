"""The gap rule (W106): stretches of time no event covers, longer than max_gap."""

from __future__ import annotations

from timeline.dates.calendar import add_calendar
from timeline.dates.format import describe_duration, gap_words, max_gap_parts
from timeline.rules.order import INF, Chronology

__all__ = ["check_gaps"]


def check_gaps(c: Chronology) -> None:
    timeline = c.timeline
    duration = timeline.max_gap_duration
    assert duration is not None
    parts = max_gap_parts(duration)
    # Below this many seconds no gap can exceed max_gap (a month has >= 28 days, and
    # clamping 31 Jan to 28 Feb loses at most 3): most gaps are dismissed without a calendar.
    quick = max(0, parts[0] * 28 - 3) * 86400 + parts[1] * 86400 + parts[2]
    sl, su, el, eu = c.sl, c.su, c.el, c.eu
    if timeline.as_of is not None:
        horizon: float = timeline.as_of.upper
    else:
        finite = [b for b in (*su, *eu) if b != INF] if INF in eu or INF in su else [*su, *eu]
        if not finite:
            return
        horizon = max(finite)
    lows = [a if a <= b else b for a, b in zip(sl, el, strict=True)]
    highs = [b if b >= a else a for a, b in zip(su, eu, strict=True)]
    for i, high in enumerate(highs):
        if high == INF:
            highs[i] = max(horizon, su[i]) if su[i] != INF else horizon
    order = sorted(range(len(lows)), key=lows.__getitem__)
    limit = describe_duration(duration)
    reported: set[tuple[int, int]] = set()
    _sweep(c, order, lows, highs, parts, quick, limit, None, reported)
    if timeline.gaps == "per-lane":
        lanes: dict[str, list[int]] = {}
        for i in order:
            lane = c.events[i].lane
            if lane is not None:
                lanes.setdefault(lane, []).append(i)
        for lane in sorted(lanes):
            _sweep(c, lanes[lane], lows, highs, parts, quick, limit, lane, reported)


def _sweep(
    c: Chronology, order: list[int], lows: list[float], highs: list[float],
    parts: tuple[int, int, int], quick: int, limit: str, lane: str | None,
    reported: set[tuple[int, int]],
) -> None:  # fmt: skip
    ids = c.ids
    if not order:
        return
    left = order[0]
    until = highs[left]
    for position in range(1, len(order)):
        i = order[position]
        low = lows[i]
        if low > until and low - until > quick and add_calendar(int(until), parts) < low:
            right = i  # of the events starting at `low`, the smallest id (order-independent)
            following = position + 1
            while following < len(order) and lows[order[following]] == low:
                if ids[order[following]] < ids[right]:
                    right = order[following]
                following += 1
            if (left, right) not in reported:
                reported.add((left, right))
                where = "" if lane is None else f" in lane '{lane}'"
                as_of = c.timeline.as_of
                # An open end runs to as_of (or past the last event, when not set).
                cut = (
                    f" ('{ids[left]}' has no end date: it counts until as_of {as_of.text})"
                    if c.eu[left] == INF and as_of is not None and until == as_of.upper
                    else ""
                )
                c.report(
                    c.date_path(right), "W106",
                    f"no event{where} for at least {gap_words(int(until), int(low))} between"
                    f" {c.shown(left)} and {c.shown(right)}; max_gap is {limit}{cut}",
                    ids[left], ids[right],
                )  # fmt: skip
        high = highs[i]
        if high > until or (high == until and ids[i] < ids[left]):
            until, left = high, i
