"""Charts of 10,000 events and more: a density strip per lane, and only the labels
that fit (no matplotlib).

From `DENSE` events on, a marker per event would be a smear, and drawing (and
shipping) 100,000 of them costs seconds and megabytes. Each lane then shows a
*density strip* instead: its events counted in calendar bins along the axis,
where each begins (the finest of the axis's steps, an hour, a day, a month, a
year, ten years, whose bins are at least `MIN_BIN` points wide), drawn as bars
on one scale for every lane, with a few ticks with counts at the strip's right
end; the legend names the bins ("events per bin of 1 year").

Labels go to a few candidates per lane, chosen before anything is measured:
every key event (up to `MAX_KEYS`), then in each `STRETCH` points of the axis its
`PER_STRETCH` strongest events (certainty, then span, then the latest), the
strongest of every stretch before the second of any (its `turn`), so that the
labels spread along the axis instead of crowding its latest end. Only the
labelled events get a marker (above the strip); the chart says how many went
without a label.

What is taken from every event is taken once (`survey`), whatever the text size
the chart is tried at; everything else sees only the candidates.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Mapping, Sequence

import attrs

from timeline.dates.duration import Duration
from timeline.dates.edtf import EdtfDate, EdtfInterval, End
from timeline.dates.format import describe_duration
from timeline.render.layout import axis as _axis
from timeline.render.presentation import Entry

__all__ = ["DENSE", "STRIP", "Survey", "anchor_instant", "count_ticks", "survey"]

DENSE = 10_000  # events shown: from this many on, a lane is a density strip
MIN_BIN = 3.0  # points: bins are at least about this wide
STRETCH = 40.0  # points of the axis that share PER_STRETCH label candidates a lane
PER_STRETCH = 4
MAX_KEYS = 200  # key events a lane considers for a label
STRIP = 24.0  # points: the height of the strip (the tallest bar reaches its top)


@attrs.frozen(slots=True)
class Survey:
    """What a dense chart takes from every event, once (independent of text sizes)."""

    chosen: tuple[tuple[int, int], ...]  # (entry index, turn) of each label candidate
    unit: tuple[str, int]  # the bins' step: ("year", 10) is ten years
    bins: tuple[tuple[int, int], ...]  # (t0, t1): instants, in order
    counts: tuple[tuple[int, ...], ...]  # per lane, the events beginning in each bin

    @property
    def peak(self) -> int:
        return max((max(lane, default=0) for lane in self.counts), default=0)

    def span_words(self, locale: str) -> str:
        """The bins' length in words: "1 year", "3 mois"."""
        unit, count = self.unit
        return describe_duration(Duration(**{unit + "s": count}), locale)


def anchor_instant(span: EdtfDate | EdtfInterval) -> int | None:
    """Where an event's marker would stand: the middle of its date, or of its start
    (else of its end); None when neither end is a date."""
    if isinstance(span, EdtfDate):
        return (span.lower + span.upper) // 2
    for end in (span.start, span.end):
        if isinstance(end, EdtfDate):
            return (end.lower + end.upper) // 2
    return None


def _length(span: EdtfDate | EdtfInterval, t: int, last: int) -> int:
    """How long an event's bar runs from `t`, in seconds (`last`: the axis's end)."""
    if isinstance(span, EdtfDate) or not isinstance(span.start, EdtfDate):
        return 0
    end = span.end
    if isinstance(end, EdtfDate):
        return max(0, (end.lower + end.upper) // 2 - t)
    return max(0, last - t) if end is End.OPEN else 0


def survey(
    entries: Sequence[Entry], lane_of: Mapping[str, int], rank_of: Mapping[str, int],
    scale: _axis.Scale, left: float, lanes_of: Sequence[tuple[int, ...]] | None = None,
    lanes: int | None = None,
) -> Survey:  # fmt: skip
    """Count every event into its lane's bins and choose the label candidates.

    `lanes_of`, when given, is each entry's lanes (lanes by actors: `lanes` of them):
    an entry counts in each, and is a candidate in the first.
    One cheap pass an event: two bisections (its bin, its stretch) and a tuple."""
    unit, bins = _axis.bins(scale, MIN_BIN)
    starts, ends = [t0 for t0, _ in bins], [t1 for _, t1 in bins]
    # Where each stretch of the axis begins, as instants (the second stretch first).
    stretch_starts = [round(scale.t(x)) for x in _stretch_edges(left + STRETCH, scale.x1, STRETCH)]
    count = len(lane_of) if lanes is None else lanes
    counts = [[0] * len(bins) for _ in range(count)]
    keys: list[list[tuple[int, int, int, int]]] = [[] for _ in range(count)]
    stretches: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    weakest, last = len(rank_of), scale.t1
    find = bisect.bisect_right
    for index, entry in enumerate(entries):
        event = entry.event
        span = event.span
        if isinstance(span, EdtfDate):  # most events: a single date, no bar
            t, length = (span.lower + span.upper) // 2, 0
        else:
            anchor = anchor_instant(span)
            if anchor is None:
                continue
            t, length = anchor, _length(span, anchor, last)
        lane = lane_of[event.lane or ""] if lanes_of is None else lanes_of[index][0]
        found = find(starts, t) - 1
        if found >= 0 and t < ends[found]:
            counts[lane][found] += 1
            for other in () if lanes_of is None else lanes_of[index][1:]:
                counts[other][found] += 1
        priority = (rank_of.get(event.certainty, weakest), -length, -t, index)
        if event.key:
            keys[lane].append(priority)
        else:
            stretches.setdefault((lane, find(stretch_starts, t)), []).append(priority)
    chosen: dict[int, int] = {}
    for wanted in keys:
        chosen.update((priority[-1], 0) for priority in heapq.nsmallest(MAX_KEYS, wanted))
    for found_here in stretches.values():
        best = heapq.nsmallest(PER_STRETCH, found_here)
        chosen.update((priority[-1], turn) for turn, priority in enumerate(best))
    return Survey(tuple(sorted(chosen.items())), unit, bins, tuple(map(tuple, counts)))


def _stretch_edges(start: float, stop: float, step: float) -> list[float]:
    edges = []
    while start < stop:
        edges.append(start)
        start += step
    return edges


def count_ticks(peak: int) -> tuple[int, tuple[int, ...]]:
    """The count the top of a strip stands for (a round number at least `peak`), and
    the counts its ticks mark: that and its half, when whole."""
    top = 1
    while top < peak:
        for factor in (2, 5 / 2, 2):  # 1, 2, 5, 10, 20, 50, ...
            top = round(top * factor)
            if top >= peak:
                break
    marked = (top // 2, top) if top % 2 == 0 else (top,)
    return top, marked
