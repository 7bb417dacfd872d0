"""Event labels: their texts, measured, and their places in each lane (no matplotlib).

A label is a date line over the title (or the event's own short `label`), with
its footnote numbers, wrapped wide and low or narrow and tall: as many lines
as the text needs. Only when neither fits anywhere is a shortened title tried,
ending in "…" and the number the key lists the event under.

Who gets a label, lane by lane: key events (`key = true`) first, placed among
themselves before any other label is tried, so that no other event ever takes
a key event's place; then the rest by certainty (the strongest first), then
span (the longest first), then date (the latest first, which stacks
neighbours as a staircase instead of shutting them out). Every event left
without a label gets a number on a short stem above its marker (`place_numbers`),
beside the marker when even that finds no room; the numbered key lists them.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Sequence

import attrs

from timeline.render.chart.fonts import Type
from timeline.render.chart.geometry import EventGeometry
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.words import clean
from timeline.render.layout import placement as _labels
from timeline.render.presentation import Entry

__all__ = [
    "LINE", "MAX_ROWS", "MIN_ROWS", "NUMBER_ROWS", "ROW", "TEXT_GAP", "LabelText", "Shape",
    "Texts", "key_rows", "label_text", "place", "place_numbers", "rows_used",
]  # fmt: skip

LINE = 1.15  # line spacing, in font sizes: every line of every text is this tall
ROW = 8.0  # label rows
MIN_ROWS, MAX_ROWS = 12, 26  # label rows per lane: room for two stacked labels; never more
NUMBER_ROWS = 6  # rows a lane's numbers may take above a lane with fewer label rows
TEXT_GAP = 3.0  # between a stem and its label text
SHAPES = ((28, 6), (18, 8))  # whole titles: (characters per line, at most lines), wide first
SHORTENED = (18, 4)  # the last resort: a title cut to this, ending in "…"
SEE = "→"  # a shortened label ends with this and its number in the key

Placements = dict[int, _labels.Placement]


@attrs.frozen(slots=True)
class Shape:
    lines: tuple[str, ...]  # the title, wrapped, with its footnote numbers
    width: float  # of the box, from the stem
    height: float  # date line and title lines
    rows: int
    shortened: bool = False  # cut with "…": the key lists the event, and the label says so


@attrs.frozen(slots=True)
class LabelText:
    date: str
    shapes: tuple[Shape, ...]  # whole wide, whole narrow, then (spare) shortened

    @property
    def spare(self) -> int:
        return sum(shape.shortened for shape in self.shapes)


def _with_refs(lines: list[str], refs: str, wrap: int, max_lines: int) -> list[str] | None:
    """The title's lines with its footnote numbers, or None if they need one line too many."""
    if not refs:
        return lines
    if len(lines[-1]) + 1 + len(refs) <= wrap + 6:
        return [*lines[:-1], f"{lines[-1]} {refs}".strip()]
    return [*lines, refs] if len(lines) < max_lines else None


def _shortened(title: str, refs: str, digits: int) -> list[str]:
    """The title cut to SHORTENED, ending in "… [refs] →" (the number is written in later)."""
    wrap, max_lines = SHORTENED
    lines = textwrap.wrap(title, wrap, max_lines=max_lines, placeholder=" …") or [""]
    tail = " ".join(part for part in (refs, SEE + "0" * digits) if part)
    last = lines[-1]
    if len(last) + 1 + len(tail) > wrap + 6:
        last = last.removesuffix(" …")[: max(1, wrap + 4 - len(tail))].rstrip() + " …"
    lines[-1] = f"{last} {tail}".removesuffix("0" * digits)
    return lines


def label_text(entry: Entry, metrics: Metrics, sizes: Type, digits: int) -> LabelText:
    """The label of `entry` in each of its shapes, measured; a shortened one keeps room
    for a key number of `digits` digits (written in by the layout)."""
    refs = f"[{', '.join(str(n) for n in entry.references)}]" if entry.references else ""
    title = clean(entry.event.label or entry.event.title)
    date = clean(entry.label)
    date_width = metrics.width(date, sizes.date, True)

    def shape(lines: Sequence[str], shortened: bool) -> Shape:
        measured = [*lines[:-1], lines[-1] + "0" * digits] if shortened else lines
        width = max(date_width, *(metrics.width(line, sizes.label) for line in measured))
        height = len(lines) * sizes.label * LINE + sizes.date * LINE + 1
        rows = math.ceil((height + 3) / ROW)
        return Shape(tuple(lines), width + TEXT_GAP + 1, height, rows, shortened)

    shapes: list[Shape] = []
    for wrap, max_lines in SHAPES:
        whole = textwrap.wrap(title, wrap) or [""]
        lines = _with_refs(whole, refs, wrap, max_lines) if len(whole) <= max_lines else None
        if lines is not None and not (shapes and tuple(lines) == shapes[-1].lines):
            shapes.append(shape(lines, False))
    if len(textwrap.wrap(title, SHORTENED[0])) > SHORTENED[1]:  # shorter than the narrow shape
        shapes.append(shape(_shortened(title, refs, digits), True))
    return LabelText(date, tuple(shapes))


class Texts:
    """The label texts of events, made on first use (most are never shown).

    One belongs to one layout: it is never shared between renders.
    """

    def __init__(
        self, events: Sequence[EventGeometry], metrics: Metrics, sizes: Type, digits: int
    ) -> None:
        self._events = events
        self._metrics = metrics
        self._sizes = sizes
        self._digits = digits
        self._made: dict[int, LabelText] = {}

    def __getitem__(self, index: int) -> LabelText:
        made = self._made.get(index)
        if made is None:
            made = label_text(self._events[index].entry, self._metrics, self._sizes, self._digits)
            self._made[index] = made
        return made

    def min_width(self, index: int) -> float:
        """A lower bound of the label's width, cheap: its date line."""
        date = clean(self._events[index].entry.label)
        return self._metrics.width(date, self._sizes.date, True) + TEXT_GAP + 1

    def sizes(self, index: int) -> tuple[tuple[float, int], ...]:
        return tuple((shape.width, shape.rows) for shape in self[index].shapes)

    def spare(self, index: int) -> int:
        return self[index].spare


def rows_used(placements: Placements) -> int:
    """The label rows a lane's placements take."""
    return max((p.row + p.rows for p in placements.values()), default=0)


def _priority(geo: EventGeometry) -> tuple[float, ...]:
    """Certainty, span, the latest; in a dense chart, each stretch's best first (`turn`)."""
    return (geo.turn, geo.rank, -round(geo.length, 2), -geo.anchor)


@attrs.frozen(slots=True)
class _Lane:
    """A lane's label candidates: its key events' and the others'."""

    keys: tuple[_labels.Label, ...]
    others: tuple[_labels.Label, ...]

    def place(self, left: float, right: float, max_rows: int) -> tuple[Placements, int]:
        """(the lane's placements, the rows its key events' labels take)."""
        keys = _labels.place_labels(self.keys, lo=left, hi=right, max_rows=max_rows)
        if not self.others:
            return keys, rows_used(keys)
        others = _labels.place_labels(
            self.others, lo=left, hi=right, max_rows=max_rows, occupied=tuple(keys.values())
        )
        return {**keys, **others}, rows_used(keys)


def _candidates(
    by_lane: Sequence[Sequence[int]], texts: Texts, events: Sequence[EventGeometry]
) -> list[_Lane]:
    lanes = []
    for lane in by_lane:
        made = [
            (
                events[i].entry.event.key,
                _labels.Label(
                    i, events[i].anchor, functools.partial(texts.sizes, i),
                    _priority(events[i]), texts.min_width(i),
                    functools.partial(texts.spare, i),
                ),
            )
            for i in lane
        ]  # fmt: skip
        keys = tuple(label for key, label in made if key)
        lanes.append(_Lane(keys, tuple(label for key, label in made if not key)))
    return lanes


def key_rows(
    by_lane: Sequence[Sequence[int]], texts: Texts, events: Sequence[EventGeometry],
    left: float, right: float,
) -> list[int]:  # fmt: skip
    """The label rows the key events of each lane take (placed first, on their own)."""
    return [
        rows_used(_labels.place_labels(lane.keys, lo=left, hi=right, max_rows=MAX_ROWS))
        for lane in _candidates(by_lane, texts, events)
    ]


def _number_caps(needed: Sequence[int], budget: int | None) -> list[int]:
    """Each lane's rows when its labels take `needed`: NUMBER_ROWS at the least for its
    numbers, or (within a `budget`) an even share of what the labels leave."""
    if budget is None:
        return [max(n, NUMBER_ROWS) for n in needed]
    caps = list(needed)
    spare = budget - sum(caps)
    while spare > 0:
        short = [i for i, cap in enumerate(caps) if cap < NUMBER_ROWS]
        if not short:
            break
        for lane in short[:spare]:
            caps[lane] += 1
        spare -= min(spare, len(short))
    return caps


def place(
    by_lane: Sequence[Sequence[int]], texts: Texts, events: Sequence[EventGeometry],
    left: float, right: float, budget: int, roomy: int, *, floor: int = MIN_ROWS,
    keys_only: bool = False, key_floors: bool = True, out_of: int | None = None,
    exact: bool = False,
) -> tuple[list[Placements], list[int]]:  # fmt: skip
    """Label placements per lane (keys index `events`) within a shared row budget, and
    the rows each lane may use (its cap).

    When every label fits in `roomy` rows, all are placed; otherwise the lanes
    share `budget` rows, each keeping at least `floor` and (with `key_floors`)
    the rows its key events need, and the weakest labels give way. The key
    events of a lane are placed first and alone, so their places never depend
    on the other events; with `keys_only`, no other is labelled. `out_of` is how many
    events the chart has, when `events` are only some of them (a dense chart's).
    The caps give each lane's numbers NUMBER_ROWS rows at the least, unless `exact`
    (a page of fixed height): then they never add up to more than `budget`.
    """
    lanes = _candidates(by_lane, texts, events)
    if keys_only:
        lanes = [attrs.evolve(lane, others=()) for lane in lanes]
    full = [lane.place(left, right, MAX_ROWS) for lane in lanes]
    placements = [placed for placed, _ in full]
    needed = [rows_used(placed) for placed in placements]
    key_rows = [keys for _, keys in full]
    if not key_floors:
        key_rows = [0] * len(key_rows)
    everyone = sum(map(len, placements)) == (len(events) if out_of is None else out_of)
    if sum(needed) <= budget or (everyone and sum(needed) <= roomy):
        return placements, _number_caps(needed, budget if exact else None)
    level = floor

    def total(level: int) -> int:
        return sum(max(min(n, level), k) for n, k in zip(needed, key_rows, strict=True))

    while level < MAX_ROWS and total(level + 1) <= budget:
        level += 1
    caps = [max(min(n, level), k) for n, k in zip(needed, key_rows, strict=True)]
    # What the even share leaves goes to the lanes with the most key rows, then the
    # most wanted, whole: an even share too thin for any label would waste it.
    spare = budget - sum(caps)
    for lane in sorted(range(len(caps)), key=lambda i: (-key_rows[i], -needed[i], i)):
        more = min(max(0, spare), needed[lane] - caps[lane])
        caps[lane] += max(0, more)
        spare -= max(0, more)
    placed = [
        done if n <= cap else lane.place(left, right, cap)[0]
        for lane, done, n, cap in zip(lanes, placements, needed, caps, strict=True)
    ]
    return placed, caps


def place_numbers(
    by_lane: Sequence[Sequence[int]], numbered: dict[int, str], events: Sequence[EventGeometry],
    placements: Sequence[Placements], caps: Sequence[int], left: float, right: float,
    width: float,
) -> list[Placements]:  # fmt: skip
    """Per lane, the places of the numbers of its unlabelled events (`numbered`: event
    -> its number) among its labels, in at most `caps` rows; a number is `width`
    points wide per digit. A number with no place is absent (drawn beside its marker)."""
    found: list[Placements] = []
    for lane, placed, cap in zip(by_lane, placements, caps, strict=True):
        labels = [
            _labels.Label(
                i, events[i].anchor, ((width * len(numbered[i]) + TEXT_GAP + 1, 1),),
                (-events[i].anchor,),
            )
            for i in lane
            if i in numbered and i not in placed
        ]  # fmt: skip
        if not labels:
            found.append({})
            continue
        rows = max(cap, rows_used(placed))
        found.append(
            _labels.place_labels(
                labels, lo=left, hi=right, max_rows=rows, gap=2.0, occupied=tuple(placed.values())
            )
        )
    return found
