"""The ordering rules: intervals (E101, W101), relations (E102-E104), file order (W105).

Each is O(n log n) at worst: O(1) per relation, a prefix maximum for file
order, iterative graph walks (Tarjan) for cycles. The events' windows are the
`RuleContext`'s (see timeline.rules.context).
"""

from __future__ import annotations

from collections import deque

from timeline._hints import did_you_mean
from timeline._intervals import merge
from timeline.dates.edtf import EdtfDate, EdtfInterval, End, Precision
from timeline.dates.format import show
from timeline.model.records import Event
from timeline.rules.context import NEG, RuleContext
from timeline.storage.locate import Path

__all__ = ["check_file_order", "check_intervals", "check_relations"]

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


# E101, W101 ----------------------------------------------------------------


def check_intervals(c: RuleContext) -> None:
    """E101 and W101 for each event with a start and an end, then for each period."""
    for i in c.ranges:
        event = c.events[i]
        path: Path = ("event", i, "end" if event.end is not None else "date")
        _check_interval(c, event.span, path, f"'{event.id}'", (event.id,))
    for i, period in enumerate(c.timeline.periods):
        if isinstance(period.span, EdtfDate):
            continue
        path = ("period", i, "end" if period.end is not None else "date")
        _check_interval(c, period.span, path, f"period {period.title!r}", ())


def _check_interval(
    c: RuleContext, span: EdtfDate | EdtfInterval, path: Path, what: str, ids: tuple[str, ...]
) -> None:
    assert not isinstance(span, EdtfDate)
    start, end = span.start, span.end
    if not (isinstance(start, EdtfDate) and isinstance(end, EdtfDate)):
        return
    if end.upper <= start.lower:
        c.report(path, "E101", f"{what} ends ({show(end)}) before it starts ({show(start)})", *ids)
    elif end.lower < start.lower or end.upper < start.upper:
        c.report(
            path, "W101",
            f"{what} may end ({show(end)}) before it starts ({show(start)}):"
            " its start could be later than its end",
            *ids,
        )  # fmt: skip


# E102, W102, E103, E104 ----------------------------------------------------


def _side(event: Event, which: str) -> EdtfDate | End:
    span = event.span
    if isinstance(span, EdtfDate):
        return span
    return span.start if which == "start" else span.end


def _advice(c: RuleContext, first: tuple[int, str], second: tuple[int, str]) -> str:
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


def check_relations(c: RuleContext) -> None:
    """E102/W102/E103 per relation, O(1) each; then E104 where a cycle can be."""
    # Each relation that points up the file (or at its own event) spans a window of
    # the file; a cycle lies within windows that overlap (see _cycle_windows).
    spans: list[tuple[int, int]] = []
    for i, event in enumerate(c.events):
        if event.after:
            _relations(c, i, "after", event.after, spans)
        if event.before:
            _relations(c, i, "before", event.before, spans)
    if spans:
        _cycles(c, _cycle_windows(spans))


def _relations(
    c: RuleContext, i: int, field: str, others: tuple[str, ...], spans: list[tuple[int, int]]
) -> None:
    """The relations of event `i` in `field`: "after" (i begins once the other has
    ended) or "before" (i ends before the other begins)."""
    index, start_lo, start_hi, end_lo, end_hi = c.index, c.start_lo, c.start_hi, c.end_lo, c.end_hi
    after = field == "after"
    settle = ("start", "end") if after else ("end", "start")
    for k, other in enumerate(others):
        j = index.get(other)
        if j is None:
            _unknown(c, ("event", i, field, k), c.ids[i], field, other)
            continue
        later, earlier = (i, j) if after else (j, i)  # `later` begins once `earlier` ended
        if earlier >= later:  # points up the file (or at itself)
            spans.append((later, earlier))
            if j == i:
                continue
        if start_lo[later] < end_hi[earlier]:  # not established for certain
            fails = start_hi[later] <= end_lo[earlier]
            _order(c, i, j, field, k, fails, ((i, settle[0]), (j, settle[1])))


def _cycle_windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of the file (first, last event index) that can hold a cycle.

    Relations that point down the file go from an earlier to a later index, so a
    cycle needs relations pointing up it, and every index between its lowest and
    highest event lies in the span of one of those (the cycle must come back down
    past it). The spans of a cycle thus overlap into one stretch: merging all spans
    gives stretches, and each cycle lies within one of them.
    """
    return merge(spans)


def _unknown(c: RuleContext, path: Path, event_id: str, field: str, other: str) -> None:
    hint = ""
    if len(c.ids) <= _HINT_LIMIT:
        hint = did_you_mean(other, c.ids)
    c.report(
        path, "E103",
        f"'{event_id}' is declared {field} '{other}', which is not an event of this"
        f" chronology{hint}", event_id,
    )  # fmt: skip


def _order(
    c: RuleContext, i: int, j: int, field: str, k: int, fails: bool,
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


def _cycles(c: RuleContext, windows: list[tuple[int, int]]) -> None:
    """E104 once per strongly connected component; the cycle shown is canonical:
    the shortest from the component's smallest id, neighbours taken in id order.
    Only relations within one window (see _cycle_windows) can be part of a cycle."""
    graph, where = _relation_graph(c, windows)
    ids = c.ids
    for component in _components(graph):
        if len(component) == 1 and (component[0], component[0]) not in where:
            continue
        cycle = _shortest_cycle(graph, component, ids)
        names = [ids[n] for n in cycle]
        c.report(
            where[(cycle[-1], cycle[0])], "E104",
            "relations form a cycle: " + " → ".join([*names, names[0]]), *names,
        )  # fmt: skip


def _relation_graph(
    c: RuleContext, windows: list[tuple[int, int]]
) -> tuple[dict[int, list[int]], dict[tuple[int, int], Path]]:
    """The edges earlier → later of the relations within each window, and where each
    is declared (the first declaration of an edge)."""
    graph: dict[int, list[int]] = {}
    where: dict[tuple[int, int], Path] = {}
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
    return graph, where


def _shortest_cycle(graph: dict[int, list[int]], component: list[int], ids: list[str]) -> list[int]:
    """The shortest cycle through the component's smallest id, by breadth-first search
    with neighbours in id order; it starts at that event."""
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
    return cycle


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


def check_file_order(c: RuleContext) -> None:
    start_lo, start_hi = c.start_lo, c.start_hi
    latest, holder = NEG, -1  # the greatest start lower bound so far, and whose it is
    for i in range(len(start_lo)):
        if start_hi[i] <= latest:
            c.report(
                c.date_path(i), "W105",
                f"{c.shown(i)} is listed after {c.shown(holder)}, which certainly begins later;"
                ' keep the file in date order (or set order = "any" in [timeline])',
                c.ids[i], c.ids[holder],
            )  # fmt: skip
        if start_lo[i] > latest:
            latest, holder = start_lo[i], i
