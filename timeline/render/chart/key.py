"""The numbered key under the chart (no matplotlib).

Every event the chart does not label in full (no label, or a shortened one)
has a number, in date order; the key lists them by number with their whole
title, date and footnote numbers ("12 JCPOA concluded, 14 Jul 2015 [3]"), in
as many columns as the width holds. A printed or pasted chart thus identifies
every event without hovering. Only a page too small for the whole key cuts it
short, with a line saying how many it left out; with sources="below", that page
lists the whole key after the chart instead (a block under it, or PDF pages).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from timeline.render.chart.fonts import Type
from timeline.render.chart.labels import LINE
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.words import clean
from timeline.render.presentation import Entry

__all__ = [
    "Key",
    "KeyEntry",
    "PlacedEntry",
    "entry_text",
    "key",
    "lines_height",
    "listed_after",
    "place_key",
    "unlisted",
]

COLUMN = 200.0  # points at full size: a column of the key is at least this wide
GAP = 16.0  # between columns
MAX_LINES = 3  # an entry wraps to this many lines, then is shortened with "…"


@attrs.frozen(slots=True)
class KeyEntry:
    number: str
    event: int  # index into ChartLayout.events
    lines: tuple[str, ...]


@attrs.frozen(slots=True)
class Key:
    columns: tuple[tuple[KeyEntry, ...], ...]
    column_width: float  # the pitch of the columns
    indent: float  # from a number to its text
    height: float  # heading included; 0 for no key
    size: float
    more: int = 0  # entries left out for want of room
    unlisted: int = 0  # events too many to number: the key is one line saying how many
    after: int = 0  # events listed after the chart (sources="below"): one line says so

    @property
    def entries(self) -> tuple[KeyEntry, ...]:
        return tuple(entry for column in self.columns for entry in column)


@attrs.frozen(slots=True)
class PlacedEntry:
    number: str
    x: float  # the number's right edge
    y: float  # the top of the first line
    body: str
    body_x: float


def entry_text(entry: Entry) -> str:
    """What the key says of an event: its whole title, date and footnote numbers."""
    text = f"{clean(entry.event.title)}, {clean(entry.label)}"
    if entry.references:
        text += f" [{', '.join(str(n) for n in entry.references)}]"
    return text


def _height(columns: Sequence[Sequence[KeyEntry]], size: float, more: int) -> float:
    lines = max((sum(len(entry.lines) for entry in column) for column in columns), default=0)
    return lines_height(lines, size, bool(more))


def lines_height(lines: int, size: float, more: bool) -> float:
    """The height of a key whose longest column holds `lines` lines, under its heading,
    with an "and N more" line when `more`."""
    return size * LINE * 1.3 + 4 + (lines + (1 if more else 0)) * size * LINE + 4


def _columns(entries: Sequence[KeyEntry], count: int) -> list[tuple[KeyEntry, ...]]:
    """`entries` in `count` columns of about as many lines, down then across."""
    target = math.ceil(sum(len(entry.lines) for entry in entries) / count)
    columns: list[list[KeyEntry]] = [[]]
    filled = 0
    for entry in entries:
        if filled >= target and len(columns) < count:
            columns.append([])
            filled = 0
        columns[-1].append(entry)
        filled += len(entry.lines)
    return [tuple(column) for column in columns]


def key(
    numbered: Sequence[tuple[str, int, Entry]], metrics: Metrics, sizes: Type, width: float,
    *, max_height: float | None = None,
) -> Key:  # fmt: skip
    """The key of `numbered` (number, event index, entry), `width` points wide; with
    `max_height`, as many entries as fit in it and a line for the rest."""
    size = sizes.key
    if not numbered:
        return Key((), width, 0.0, 0.0, size)
    count = max(1, min(len(numbered), int((width + GAP) // (COLUMN * sizes.scale + GAP))))
    column_width = (width - GAP * (count - 1)) / count
    indent = metrics.width(numbered[-1][0], size, True) + 4
    body = column_width - indent
    entries = [
        KeyEntry(number, event, tuple(metrics.wrap(entry_text(entry), size, body,
                                                   max_lines=MAX_LINES)))
        for number, event, entry in numbered
    ]  # fmt: skip

    def made(kept: int) -> Key:
        columns = _columns(entries[:kept], count) if kept else [()]
        more = len(entries) - kept
        return Key(tuple(columns), column_width + GAP, indent, _height(columns, size, more),
                   size, more)  # fmt: skip

    whole = made(len(entries))
    if max_height is None or whole.height <= max_height:
        return whole
    low, high = 0, len(entries) - 1
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if made(middle).height <= max_height else (low, middle - 1)
    return made(low)


def unlisted(count: int, sizes: Type, width: float) -> Key:
    """No key: `count` events without a label, too many to number; one line says so."""
    return Key((), width, 0.0, sizes.key * LINE + 8, sizes.key, 0, count)


def listed_after(count: int, sizes: Type, width: float) -> Key:
    """The key of `count` events listed after the chart: here, one line says so."""
    return Key((), width, 0.0, sizes.key * LINE + 8, sizes.key, after=count)


def place_key(found: Key, x0: float, y: float) -> tuple[PlacedEntry, ...]:
    """Each entry placed, under a heading whose top is at `y`."""
    y -= found.size * LINE * 1.3 + 4
    pitch = found.size * LINE
    placed = []
    for index, column in enumerate(found.columns):
        x = x0 + index * found.column_width
        top = y
        for entry in column:
            placed.append(PlacedEntry(
                entry.number, x + found.indent - 4, top, "\n".join(entry.lines), x + found.indent
            ))  # fmt: skip
            top -= len(entry.lines) * pitch  # one text a column: no gap between entries
    return tuple(placed)
