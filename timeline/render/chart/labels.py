"""Event labels: their texts, measured, and their places in each lane (no matplotlib).

A label is a date line over the title (with its footnote numbers), wrapped
wide and low or narrow and tall; `place` gives the lanes' labels rows within
the height the chart can take, strongest certainty first.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Sequence

import attrs

from timeline.render.chart.geometry import EventGeometry
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.words import clean
from timeline.render.layout import placement as _labels
from timeline.render.presentation import Entry

__all__ = [
    "DATE_SIZE", "LABEL_SIZE", "LINE", "MAX_ROWS", "MIN_ROWS", "ROW", "TEXT_GAP", "LabelText",
    "Shape", "Texts", "label_text", "place",
]  # fmt: skip

LABEL_SIZE, DATE_SIZE = 8.5, 7.5
LINE = 1.15  # line spacing, in font sizes: every line of every text is this tall
ROW = 8.0  # label rows
MIN_ROWS, MAX_ROWS = 12, 26  # label rows per lane: room for two stacked labels; never more
TEXT_GAP = 3.0  # between a stem and its label text
SHAPES = ((28, 3), (18, 4))  # label titles: (characters per line, lines), wide to narrow

Placements = dict[int, _labels.Placement]


@attrs.frozen(slots=True)
class Shape:
    lines: tuple[str, ...]  # the title, wrapped, with its footnote numbers
    width: float  # of the box, from the stem
    height: float  # date line and title lines
    rows: int


@attrs.frozen(slots=True)
class LabelText:
    date: str
    shapes: tuple[Shape, ...]  # wide and low first, then narrow and tall


def _title_lines(title: str, refs: str, wrap: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(title, wrap, max_lines=max_lines, placeholder=" …") or [""]
    if refs:
        last = lines[-1]
        if len(last) + 1 + len(refs) <= wrap + 6:
            lines[-1] = f"{last} {refs}".strip()
        elif len(lines) < max_lines:
            lines.append(refs)
        else:
            lines[-1] = last[: max(1, wrap + 4 - len(refs))].rstrip() + "… " + refs
    return lines


def label_text(entry: Entry, metrics: Metrics) -> LabelText:
    """The label of `entry` in each of its shapes, measured."""
    refs = f"[{', '.join(str(n) for n in entry.references)}]" if entry.references else ""
    title = clean(entry.event.title)
    date = clean(entry.label)
    date_width = metrics.width(date, DATE_SIZE, True)
    shapes: list[Shape] = []
    for wrap, max_lines in SHAPES:
        lines = tuple(_title_lines(title, refs, wrap, max_lines))
        if shapes and lines == shapes[-1].lines:
            continue
        width = max(date_width, *(metrics.width(line, LABEL_SIZE) for line in lines))
        height = len(lines) * LABEL_SIZE * LINE + DATE_SIZE * LINE + 1
        shapes.append(Shape(lines, width + TEXT_GAP + 1, height, math.ceil((height + 3) / ROW)))
    return LabelText(date, tuple(shapes))


class Texts:
    """The label texts of events, made on first use (most are never shown).

    One belongs to one layout: it is never shared between renders.
    """

    def __init__(self, events: Sequence[EventGeometry], metrics: Metrics) -> None:
        self._events = events
        self._metrics = metrics
        self._made: dict[int, LabelText] = {}

    def __getitem__(self, index: int) -> LabelText:
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = label_text(self._events[index].entry, self._metrics)
        return made

    def min_width(self, index: int) -> float:
        """A lower bound of the label's width, cheap: its date line."""
        date = clean(self._events[index].entry.label)
        return self._metrics.width(date, DATE_SIZE, True) + TEXT_GAP + 1

    def sizes(self, index: int) -> tuple[tuple[float, int], ...]:
        return tuple((shape.width, shape.rows) for shape in self[index].shapes)


def rows_used(placements: Placements) -> int:
    """The label rows a lane's placements take."""
    return max((p.row + p.rows for p in placements.values()), default=0)


def place(
    by_lane: Sequence[Sequence[int]],
    texts: Texts,
    events: Sequence[EventGeometry],
    left: float,
    right: float,
    budget: int,
    roomy: int,
) -> list[Placements]:
    """Label placements per lane (keys index `events`), within a shared row budget.

    When every label fits in `roomy` rows, all are placed (the chart grows up
    to GROWTH times its height); otherwise the lanes share `budget` rows, each
    keeping at least MIN_ROWS, and the weakest labels give way.
    """
    candidates = [
        [
            _labels.Label(
                i, events[i].anchor, functools.partial(texts.sizes, i),
                (events[i].rank, -events[i].anchor), texts.min_width(i),
            )
            for i in lane
        ]
        for lane in by_lane
    ]  # fmt: skip

    def placed_in(labels: list[_labels.Label], max_rows: int) -> Placements:
        return _labels.place_labels(labels, lo=left, hi=right, max_rows=max_rows)

    placements = [placed_in(labels, MAX_ROWS) for labels in candidates]
    needed = [rows_used(lane) for lane in placements]
    everyone = sum(len(lane) for lane in placements) == len(events)
    if sum(needed) <= budget or (everyone and sum(needed) <= roomy):
        return placements
    level = MIN_ROWS
    while level < MAX_ROWS and sum(min(n, level + 1) for n in needed) <= budget:
        level += 1
    return [
        placed_in(labels, level) if n > level else placed
        for labels, n, placed in zip(candidates, needed, placements, strict=True)
    ]
