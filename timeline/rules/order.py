"""The chronology rules: what the dates, relations and sources of events establish.

Every rule reasons on the *strict* bounds of dates (`lower` inclusive, `upper`
exclusive) and has three outcomes where dates are imprecise: holds for certain
(nothing is said), cannot hold (an error) and not established (a warning).
docs/rules.md states each rule, its code, an example and its exact message.

Each event is reduced once to four numbers, the windows of its start and end:
a point event's start and end are both its date; a range's are its two ends.
An open (`..`) or unknown end is unbounded on its side (an infinity), except
that an unknown start is no later than the end and an unknown end no earlier
than the start. The rules then work on these lists, never on per-event objects,
and each is O(n log n) at worst: one sort for gaps, a dict for ids and titles,
a prefix maximum for file order, O(1) per relation, iterative graph walks.
"""

from __future__ import annotations

from collections import deque
from operator import attrgetter

from timeline._hints import did_you_mean
from timeline.dates.edtf import EdtfDate, End, Precision
from timeline.dates.format import show
from timeline.diagnostics import Diagnostic
from timeline.model.records import Event
from timeline.model.timeline import Timeline
from timeline.storage.locate import Path
from timeline.storage.positions import Positions

__all__ = ["CODES", "check_rules"]

CODES = {
    "E101": "interval end certainly before its start",
    "W101": "interval end may be before its start",
    "E102": "declared order (after/before) cannot hold",
    "W102": "declared order not established by the dates",
    "E103": "unknown event id in after/before",
    "E104": "cycle in after/before relations",
    "W105": "event listed after an event that certainly begins later",
    "W106": "gap longer than max_gap",
    "W107": "reported before it happened",
    "W108": "strongest certainty uncorroborated",
    "N109": "source no event cites",
    "E110": "cycle in via chains",
    "W111": "strongest certainty on an event after as_of",
    "W112": "possible duplicate event",
}

INF = float("inf")
NEG = -INF
_HINT_LIMIT = 2000  # above this many events, unknown ids get no "did you mean" (O(n) each)
_FINER = {
    Precision.MILLENNIUM: Precision.CENTURY, Precision.CENTURY: Precision.DECADE,
    Precision.DECADE: Precision.YEAR, Precision.YEAR: Precision.MONTH,
    Precision.SEASON: Precision.MONTH, Precision.MONTH: Precision.DAY,
    Precision.DAY: Precision.SECOND,
}  # fmt: skip
_UNIT = {
    Precision.CENTURY: "century", Precision.DECADE: "decade", Precision.YEAR: "year",
    Precision.MONTH: "month", Precision.DAY: "day", Precision.SECOND: "time of day",
}  # fmt: skip


class Chronology:
    """What the rules share: the timeline, its events' windows, and positions."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.events = events = timeline.events
        self.positions = Positions(timeline)
        self.found: list[Diagnostic] = []
        self._shown: dict[int, str] = {}
        self.ids: list[str] = list(map(attrgetter("id"), events))
        self.index = dict(zip(self.ids, range(len(events)), strict=True))
        self.strongest = timeline.certainty[0] if timeline.certainty else None
        sl: list[float] = []
        su: list[float] = []
        el: list[float] = []
        eu: list[float] = []
        self.ranges: list[int] = []  # the events with a start and an end
        ranges = self.ranges.append
        for i, event in enumerate(events):
            span = event.span
            if isinstance(span, EdtfDate):
                lower, upper = span.lower, span.upper
                sl.append(lower)
                su.append(upper)
                el.append(lower)
                eu.append(upper)
                continue
            ranges(i)
            start, end = span.start, span.end
            if isinstance(start, EdtfDate):
                sl.append(start.lower)
                su.append(start.upper)
            else:  # no later than the end
                sl.append(NEG)
                su.append(end.upper if isinstance(end, EdtfDate) else INF)
            if isinstance(end, EdtfDate):
                el.append(end.lower)
                eu.append(end.upper)
            else:  # no earlier than the start
                el.append(start.lower if isinstance(start, EdtfDate) else NEG)
                eu.append(INF)
        self.sl, self.su, self.el, self.eu = sl, su, el, eu

    def report(self, path: Path, code: str, message: str, *ids: str, value: bool = True) -> None:
        self.found.append(self.positions.diagnostic(path, code, message, ids, value=value))

    def shown(self, i: int) -> str:
        """An event as messages name it: 'deal' (2022)."""
        text = self._shown.get(i)
        if text is None:
            text = self._shown[i] = f"'{self.ids[i]}' ({show(self.events[i].span)})"
        return text

    def date_path(self, i: int) -> Path:
        event = self.events[i]
        return ("event", i, "date" if event.date is not None else "start")


def check_rules(timeline: Timeline) -> list[Diagnostic]:
    """Every finding of the chronology rules, unsorted and at default severities."""
    if not timeline.events:
        return []  # W020 already says the chronology is empty
    from timeline.rules.gaps import check_gaps
    from timeline.rules.sources import check_as_of, check_duplicates, check_sources

    # validate() runs this with the cyclic GC paused (timeline._gc).
    chronology = Chronology(timeline)
    check_intervals(chronology)
    check_relations(chronology)
    if timeline.order == "file":
        check_file_order(chronology)
    if timeline.max_gap is not None:
        check_gaps(chronology)
    check_sources(chronology)
    check_as_of(chronology)
    check_duplicates(chronology)
    return chronology.found


# E101, W101 ----------------------------------------------------------------


def check_intervals(c: Chronology) -> None:
    for i in c.ranges:
        event = c.events[i]
        span = event.span
        assert not isinstance(span, EdtfDate)
        start, end = span.start, span.end
        if not (isinstance(start, EdtfDate) and isinstance(end, EdtfDate)):
            continue
        path: Path = ("event", i, "end" if event.end is not None else "date")
        if end.upper <= start.lower:
            c.report(
                path, "E101",
                f"'{event.id}' ends ({show(end)}) before it starts ({show(start)})", event.id,
            )  # fmt: skip
        elif end.lower < start.lower or end.upper < start.upper:
            c.report(
                path, "W101",
                f"'{event.id}' may end ({show(end)}) before it starts ({show(start)}):"
                " its start could be later than its end",
                event.id,
            )  # fmt: skip


# E102, W102, E103, E104 ----------------------------------------------------


def _side(event: Event, which: str) -> EdtfDate | End:
    span = event.span
    if isinstance(span, EdtfDate):
        return span
    return span.start if which == "start" else span.end


def _advice(c: Chronology, first: tuple[int, str], second: tuple[int, str]) -> str:
    """What would settle an order: "give 'x' a month or day", "give 'y' an end date".

    An open or unknown end needs a date. Otherwise the coarser date (both, when
    equally coarse) needs the next finer unit, or the one after it when the other
    date is already that fine (a month inside the other's month settles nothing).
    """
    sides = [(i, side, _side(c.events[i], side)) for i, side in (first, second)]
    ends = [(i, side) for i, side, date in sides if isinstance(date, End)]
    if ends:
        return "give " + " and ".join(
            f"'{c.ids[i]}' {'a start' if side == 'start' else 'an end'} date" for i, side in ends
        )
    dates = [date for _, _, date in sides if isinstance(date, EdtfDate)]
    coarse = max(date.precision for date in dates)
    names = [
        f"'{c.ids[i]}'" if isinstance(c.events[i].span, EdtfDate) else f"the {side} of '{c.ids[i]}'"
        for (i, side, _), date in zip(sides, dates, strict=True)
        if date.precision == coarse
    ]
    who = " and ".join(names)
    if coarse is Precision.SECOND:
        return f"give {who} distinct times"
    finer = _FINER[coarse]
    units = [_UNIT[finer]]
    if min(date.precision for date in dates) <= finer and finer in _FINER:
        units.append(_UNIT[_FINER[finer]])
    return f"give {who} a {' or '.join(units)}"


def check_relations(c: Chronology) -> None:
    """E102/W102/E103 per relation, O(1) each; then E104 where a cycle can be."""
    sl, su, el, eu, index = c.sl, c.su, c.el, c.eu, c.index
    # Each relation that points up the file (or at its own event) spans a window of
    # the file; a cycle lies within windows that overlap (see _cycle_windows).
    spans: list[tuple[int, int]] = []
    for i, event in enumerate(c.events):
        for k, other in enumerate(event.after):  # i begins once other has ended
            j = index.get(other)
            if j is None:
                _unknown(c, ("event", i, "after", k), event.id, "after", other)
            elif j >= i:
                spans.append((i, j))
                if j == i:
                    continue
            if j is not None and sl[i] < eu[j]:
                fails = su[i] <= el[j]
                _order(c, i, j, "after", k, fails, ((i, "start"), (j, "end")))
        for k, other in enumerate(event.before):  # i ends before other begins
            j = index.get(other)
            if j is None:
                _unknown(c, ("event", i, "before", k), event.id, "before", other)
            elif j <= i:
                spans.append((j, i))
                if j == i:
                    continue
            if j is not None and sl[j] < eu[i]:
                fails = su[j] <= el[i]
                _order(c, i, j, "before", k, fails, ((i, "end"), (j, "start")))
    if spans:
        _cycles(c, _cycle_windows(spans))


def _cycle_windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of the file (first, last event index) that can hold a cycle.

    Relations that point down the file go from an earlier to a later index, so a
    cycle needs relations pointing up it, and every index between its lowest and
    highest event lies in the span of one of those (the cycle must come back down
    past it). The spans of a cycle thus overlap into one stretch: merging all spans
    gives stretches, and each cycle lies within one of them.
    """
    windows: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if windows and first <= windows[-1][1]:
            if last > windows[-1][1]:
                windows[-1] = (windows[-1][0], last)
        else:
            windows.append((first, last))
    return windows


def _unknown(c: Chronology, path: Path, event_id: str, field: str, other: str) -> None:
    hint = ""
    if len(c.ids) <= _HINT_LIMIT:
        hint = did_you_mean(other, c.ids)
    c.report(
        path, "E103",
        f"'{event_id}' is declared {field} '{other}', which is not an event of this"
        f" chronology{hint}", event_id,
    )  # fmt: skip


def _order(
    c: Chronology, i: int, j: int, field: str, k: int, fails: bool,
    settle: tuple[tuple[int, str], tuple[int, str]],
) -> None:  # fmt: skip
    path: Path = ("event", i, field, k)
    declared = f"{c.shown(i)} is declared {field} {c.shown(j)}"
    if fails:
        points = isinstance(c.events[i].span, EdtfDate) and isinstance(c.events[j].span, EdtfDate)
        if points:
            why = f"is dated {'before' if field == 'after' else 'after'} it"
        elif field == "after":
            why = f"certainly begins before '{c.ids[j]}' ends"
        else:
            why = f"certainly ends after '{c.ids[j]}' begins"
        c.report(path, "E102", f"{declared} but {why}", c.ids[i], c.ids[j])
    else:
        c.report(
            path, "W102",
            f"{declared} but the dates do not establish it; {_advice(c, *settle)} to settle it",
            c.ids[i], c.ids[j],
        )  # fmt: skip


def _cycles(c: Chronology, windows: list[tuple[int, int]]) -> None:
    """E104 once per strongly connected component; the cycle shown is canonical:
    the shortest from the component's smallest id, neighbours taken in id order.
    Only relations within one window (see _cycle_windows) can be part of a cycle."""
    graph: dict[int, list[int]] = {}
    where: dict[tuple[int, int], Path] = {}  # (earlier, later): where it is declared
    index, events = c.index, c.events
    for first, last in windows:
        for i in range(first, last + 1):
            event = events[i]
            for field, others in (("after", event.after), ("before", event.before)):
                for k, other in enumerate(others):
                    j = index.get(other)
                    if j is not None and first <= j <= last:
                        edge = (j, i) if field == "after" else (i, j)
                        graph.setdefault(edge[0], []).append(edge[1])
                        where.setdefault(edge, ("event", i, field, k))
    ids = c.ids
    for component in _components(graph):
        if len(component) == 1 and (component[0], component[0]) not in where:
            continue
        members = set(component)
        # By id, then by index: ids repeat only when E020 is turned off.
        start = min(component, key=lambda n: (ids[n], n))
        parent: dict[int, int] = {}
        queue = deque([start])
        last = -1
        while queue and last < 0:
            u = queue.popleft()
            for v in sorted(set(graph.get(u, ())) & members, key=lambda n: (ids[n], n)):
                if v == start:
                    last = u
                    break
                if v not in parent:
                    parent[v] = u
                    queue.append(v)
        cycle = [last]
        while cycle[-1] != start:
            cycle.append(parent[cycle[-1]])
        cycle.reverse()
        names = [ids[n] for n in cycle]
        c.report(
            where[(last, start)], "E104",
            "relations form a cycle: " + " → ".join([*names, names[0]]), *names,
        )  # fmt: skip


def _components(graph: dict[int, list[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components, without recursion."""
    number: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []
    for root in graph:
        if root in number:
            continue
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph.get(root, ())))]
        while work:
            v, successors = work[-1]
            for w in successors:
                if w not in number:
                    number[w] = low[w] = len(number)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(graph.get(w, ()))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], number[w])
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == number[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    found.append(component)
    return found


# W105 ----------------------------------------------------------------------


def check_file_order(c: Chronology) -> None:
    sl, su = c.sl, c.su
    latest, holder = NEG, -1  # the greatest start lower bound so far, and whose it is
    for i in range(len(sl)):
        if su[i] <= latest:
            c.report(
                c.date_path(i), "W105",
                f"{c.shown(i)} is listed after {c.shown(holder)}, which certainly begins later;"
                ' keep the file in date order (or set order = "any" in [timeline])',
                c.ids[i], c.ids[holder],
            )  # fmt: skip
        if sl[i] > latest:
            latest, holder = sl[i], i
