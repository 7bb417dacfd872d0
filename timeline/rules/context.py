"""What the chronology rules share: `RuleContext`, the events reduced to numbers.

Every rule reasons on the *strict* bounds of dates (`lower` inclusive, `upper`
exclusive, in seconds) and has three outcomes where dates are imprecise: holds
for certain (nothing is said), cannot hold (an error) and not established (a
warning). docs/rules.md states each rule, its code, an example and its message.

Each event is reduced once to four numbers, the windows of its start and end:
a point event's start and end are both its date; a range's are its two ends.
An open (`..`) or unknown end is unbounded on its side (an infinity), except
that an unknown start is no later than the end and an unknown end no earlier
than the start. The rules then work on these lists, never on per-event objects,
and each is O(n log n) at worst.
"""

from __future__ import annotations

from operator import attrgetter

from timeline.dates.edtf import EdtfDate
from timeline.dates.format import show
from timeline.diagnostics import Diagnostic, codes_in
from timeline.model.timeline import Timeline
from timeline.storage.locate import Path
from timeline.storage.positions import Positions

__all__ = ["CODES", "INF", "NEG", "RuleContext"]

# The chronology rules' part of the one catalogue (timeline.diagnostics.CODES).
CODES = codes_in(100, 999)

INF = float("inf")
NEG = -INF


class RuleContext:
    """What the rules share: the timeline, its events' windows, ids, and positions.

    For event ``i``, its start lies in ``[start_lo[i], start_hi[i])`` and its end
    in ``[end_lo[i], end_hi[i])`` (instants in seconds; ``NEG``/``INF`` where a
    side is unbounded). ``ranges`` lists the events with a start and an end.
    Findings go to ``found`` through `report`, at their codes' default severities.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.events = events = timeline.events
        self.positions = Positions(timeline)
        self.found: list[Diagnostic] = []
        self._shown: dict[int, str] = {}
        self.ids: list[str] = list(map(attrgetter("id"), events))
        self.index = dict(zip(self.ids, range(len(events)), strict=True))
        self.strongest = timeline.certainty[0] if timeline.certainty else None
        start_lo: list[float] = []
        start_hi: list[float] = []
        end_lo: list[float] = []
        end_hi: list[float] = []
        self.ranges: list[int] = []
        ranges = self.ranges.append
        for i, event in enumerate(events):
            span = event.span
            if isinstance(span, EdtfDate):
                lower, upper = span.lower, span.upper
                start_lo.append(lower)
                start_hi.append(upper)
                end_lo.append(lower)
                end_hi.append(upper)
                continue
            ranges(i)
            start, end = span.start, span.end
            if isinstance(start, EdtfDate):
                start_lo.append(start.lower)
                start_hi.append(start.upper)
            else:  # no later than the end
                start_lo.append(NEG)
                start_hi.append(end.upper if isinstance(end, EdtfDate) else INF)
            if isinstance(end, EdtfDate):
                end_lo.append(end.lower)
                end_hi.append(end.upper)
            else:  # no earlier than the start
                end_lo.append(start.lower if isinstance(start, EdtfDate) else NEG)
                end_hi.append(INF)
        self.start_lo, self.start_hi = start_lo, start_hi
        self.end_lo, self.end_hi = end_lo, end_hi

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
