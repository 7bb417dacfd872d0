"""Label placement and track packing, as pure functions (no matplotlib).

Labels sit in *rows* stacked above their markers. A label is a box of a
measured width and a height in rows, tied to its marker by a vertical stem at
its `anchor` x; its text runs to the right of the stem, or to its left when
that fits better. `place_labels` takes the labels in priority order (strongest
certainty first) and gives each the lowest row where

* its box is clear of every box already placed (with `gap` points between),
* its box covers no stem of a label placed higher, and
* its own stem, from the marker up to the box, crosses no box below it;

a label with no such row within `max_rows` stays unplaced (its marker is still
drawn). A label's last `spare` shapes (a shortened title, say) are tried only
when none of its other shapes fits in any row, and boxes already `occupied`
(labels placed by an earlier call, which go first) are kept clear of too.
Occupancy is kept per row as a bit mask of `cell`-point columns, with
boxes widened outward to whole cells, so two placed boxes are always at least
`gap` points apart: the check is exact, not approximate, and a few integer
operations per row make it fast enough for 10,000 events.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

__all__ = ["Label", "Placement", "pack_tracks", "place_labels"]


Shapes = tuple[tuple[float, int], ...]  # (box width from the stem in points, rows >= 1)


@attrs.frozen(slots=True)
class Label:
    """A label to place. `shapes` are its (width, rows) alternatives, preferred
    first: the same text wrapped wide and low or narrow and tall. They may be
    given as a function, called only if the label has a chance: measuring
    10,000 titles to place a hundred of them would be most of the work."""

    key: int  # the caller's index
    anchor: float  # x of the stem (the marker), points
    shapes: Shapes | Callable[[], Shapes]
    priority: tuple[float, ...] = ()  # smaller goes first; ties by key
    min_width: float = 0.0  # no shape is narrower: lets a hopeless label go unmeasured
    spare: int | Callable[[], int] = 0  # the last shapes, tried only where no other fits

    def spares(self) -> int:
        return self.spare() if callable(self.spare) else self.spare

    def sizes(self) -> Shapes:
        return self.shapes() if callable(self.shapes) else self.shapes


@attrs.frozen(slots=True)
class Placement:
    key: int
    row: int  # the box's lowest row; 0 = just above the markers
    rows: int  # the box's height in rows
    left: float  # box extent, points
    right: float
    side: str  # "right": text runs right of the stem; "left": it ends at the stem
    shape: int = 0  # which of the label's shapes


def place_labels(
    labels: Sequence[Label],
    *,
    lo: float,
    hi: float,
    max_rows: int,
    gap: float = 4.0,
    cell: float = 2.0,
    stems: bool = True,
    occupied: Sequence[Placement] = (),
) -> dict[int, Placement]:
    """Place `labels` within [lo, hi] and rows [0, max_rows); unplaced keys are absent.

    `occupied` are placements made before (with the same lo, gap and cell) that
    these labels keep clear of, boxes and stems; they are not returned.

    With stems, two passes: the first keeps every box off the anchors of the
    labels not placed yet (a box over an anchor would leave that label no way
    up), the second places what is left without that courtesy. Placing each
    priority class right to left (priority (rank, -anchor)) then stacks
    neighbours as a staircase instead of shutting them out.
    """
    cells = max(1, math.ceil((hi - lo) / cell))
    boxes = [0] * max_rows  # per row: cells taken by boxes
    poles = [0] * max_rows  # per row: cells crossed by stems of boxes higher up
    placed: dict[int, Placement] = {}
    half = gap / 2
    order = sorted(labels, key=lambda item: (item.priority, item.key))

    def pole_of(label: Label) -> int:
        return _pole(label.anchor, lo, cell, cells)

    for taken in occupied:
        anchor = taken.left if taken.side == "right" else taken.right
        first = max(0, int((taken.left - half - lo) // cell))
        last = min(cells, math.ceil((taken.right + half - lo) / cell))
        mask = ((1 << max(0, last - first)) - 1) << first
        rows = max(0, min(taken.rows, max_rows - taken.row))
        pole = _pole(anchor, lo, cell, cells) if stems else 0
        _occupy(boxes, poles, min(taken.row, max_rows), rows, mask, pole)
    waiting: dict[int, int] = {}  # anchor bit -> labels not yet placed there
    for label in order:
        bit = pole_of(label)
        waiting[bit] = waiting.get(bit, 0) + 1
    waiting_mask = sum(waiting)
    for courteous in (True, False) if stems else (False,):
        for label in order:
            if label.key in placed:
                continue
            pole = pole_of(label)
            found = None
            # The second pass, too, first tries to keep off the anchors still waiting.
            for avoid in (waiting_mask & ~pole, 0) if stems else (0,):
                found = _find(
                    label, pole, avoid, boxes, poles, max_rows, lo, hi, half, cell, cells, stems
                )
                if found is not None or courteous:
                    break
            if found is None:
                continue
            row, rows, shape, side, left, right, mask = found
            _occupy(boxes, poles, row, rows, mask, pole if stems else 0)
            waiting[pole] -= 1
            if not waiting[pole]:
                waiting_mask &= ~pole
            placed[label.key] = Placement(label.key, row, rows, left, right, side, shape)
    return placed


def _pole(anchor: float, lo: float, cell: float, cells: int) -> int:
    """The bit of the cell a stem at `anchor` stands in."""
    return 1 << min(cells - 1, max(0, int((anchor - lo) // cell)))


def _occupy(boxes: list[int], poles: list[int], row: int, rows: int, mask: int, pole: int) -> None:
    """Mark a box in rows [row, row + rows) and its stem in the rows below it."""
    for r in range(row, row + rows):
        boxes[r] |= mask
    for r in range(row if pole else 0):
        poles[r] |= pole


def _find(
    label: Label, pole: int, avoid: int, boxes: list[int], poles: list[int], max_rows: int,
    lo: float, hi: float, half: float, cell: float, cells: int, stems: bool,
) -> tuple[int, int, int, str, float, float, int] | None:  # fmt: skip
    """The lowest free (row, rows, shape, side, left, right, mask) for `label`, or None."""
    if stems and boxes and boxes[0] & pole:
        return None  # a box covers the marker: no row is reachable (shapes not measured)
    if avoid and label.min_width > 0:
        reach = math.ceil((label.min_width + half) / cell)
        at = pole.bit_length() - 1
        right_side = ((1 << reach) - 1) << at
        left_side = ((1 << reach) - 1) << max(0, at - reach + 1)
        if avoid & right_side and avoid & left_side:
            return None  # every box would cover a waiting anchor (shapes not measured)
    sizes = label.sizes()
    options = _options(sizes, label.anchor, avoid, max_rows, lo, hi, half, cell, cells)
    first_spare = len(sizes) - label.spares()
    for tier in (
        [option for option in options if option[1] < first_spare],
        [option for option in options if option[1] >= first_spare],
    ):
        found = _lowest(tier, pole, boxes, poles, max_rows, stems) if tier else None
        if found is not None:
            return found
    return None


def _lowest(
    options: list[tuple[int, int, str, float, float, int]], pole: int, boxes: list[int],
    poles: list[int], max_rows: int, stems: bool,
) -> tuple[int, int, int, str, float, float, int] | None:  # fmt: skip
    """The lowest free row for one of `options` (the first that fits there), or None."""
    for row in range(max_rows):
        if stems and row and boxes[row - 1] & pole:
            return None  # the stem cannot pass this row, nor reach any row above
        for rows, shape, side, left, right, mask in options:
            if row + rows <= max_rows and not any(
                (boxes[r] | poles[r]) & mask for r in range(row, row + rows)
            ):
                return row, rows, shape, side, left, right, mask
    return None


def _options(
    sizes: Shapes, anchor: float, avoid: int, max_rows: int, lo: float, hi: float, half: float,
    cell: float, cells: int,
) -> list[tuple[int, int, str, float, float, int]]:  # fmt: skip
    """Every (rows, shape, side, left, right, mask) of a label at `anchor` that fits in
    [lo, hi] and keeps off the `avoid` cells, widest shape first, right side before left."""
    options = []
    for shape, (width, rows) in enumerate(sizes):
        if rows > max_rows:
            continue
        for side, left, right in (
            ("right", anchor, anchor + width),
            ("left", anchor - width, anchor),
        ):
            if left < lo or right > hi:
                continue
            first = max(0, int((left - half - lo) // cell))
            last = min(cells, math.ceil((right + half - lo) / cell))
            mask = ((1 << (last - first)) - 1) << first
            if not mask & avoid:
                options.append((rows, shape, side, left, right, mask))
    return options


def pack_tracks(
    extents: Sequence[tuple[float, float]], *, max_tracks: int, gap: float = 3.0
) -> list[int]:
    """A track (0 = lowest) for each (lo, hi) extent so that extents on one track
    do not touch, first fit in order of `lo`; past `max_tracks` an extent goes to
    the track that frees up first (it then overlaps)."""
    ends: list[float] = []  # per track: the hi of its last extent
    result = [0] * len(extents)
    for index in sorted(range(len(extents)), key=lambda i: (extents[i][0], i)):
        lo, hi = extents[index]
        track = next((t for t, end in enumerate(ends) if end + gap <= lo), None)
        if track is None:
            if len(ends) < max_tracks:
                ends.append(hi)
                result[index] = len(ends) - 1
                continue
            track = min(range(len(ends)), key=lambda t: (ends[t], t))
        ends[track] = max(ends[track], hi)
        result[index] = track
    return result
