"""The evidence the chart shows on the events' rows (no matplotlib): a ring and a
"new" badge on the events first reported after `new_since` (`Entry.new`), and a thin
bracket for each claimed date that differs from the event's own (`Entry.claims`),
labelled with the claim's footnote number."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

from timeline.render.chart import themes as _themes
from timeline.render.chart.geometry import EventGeometry, time_extents
from timeline.render.layout import axis as _axis

__all__ = ["BRACKET_DROP", "BRACKET_STEP", "Bracket", "NewMark", "brackets", "new_marks", "strokes"]

RING = 2.5  # how far the ring of a new event stands out of its marker
BRACKET_DROP = 6.5  # the first bracket's line under the row's middle
BRACKET_STEP = 3.5  # between an event's brackets
CAP = 2.0  # the height of a bracket's ends


@attrs.frozen(slots=True)
class NewMark:
    """A new event's ring (centre and diameter, in points) and its badge's place (the
    left end of its baseline's middle)."""

    x: float
    y: float
    size: float
    badge_x: float
    badge_y: float
    text: str  # the badge's: "new"


@attrs.frozen(slots=True)
class Bracket:
    """A claimed date on its event's row: from `x0` to `x1` at `y`, its ends rising
    `CAP`; `text` the claim's footnote number, drawn at `text_x`."""

    x0: float
    x1: float
    y: float
    text: str
    text_x: float

    @property
    def strokes(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        return strokes(self.x0, self.x1, self.y)


def strokes(
    x0: float, x1: float, y: float
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """A bracket's three strokes, its ends rising `CAP` from `y`."""
    top = y + CAP
    return [((x0, top), (x0, y)), ((x0, y), (x1, y)), ((x1, y), (x1, top))]


def _tracks(geo: EventGeometry, lanes: Sequence[Sequence[float]]) -> float:
    return lanes[geo.lane][geo.track]


def new_marks(
    events: Sequence[EventGeometry], tracks: Sequence[Sequence[float]], count: int,
    shown: Collection[int], text: str,
) -> tuple[NewMark, ...]:  # fmt: skip
    """The ring and badge of each new event among those whose markers are `shown`
    (indexes into `events`); `tracks` are each lane's track heights, `count` the
    certainty ranks, `text` the badge's word."""
    marks = []
    for i, geo in enumerate(events):
        if i not in shown or not geo.entry.new:
            continue
        size = _themes.certainty_style(geo.rank, count).size + 2 * RING
        y = _tracks(geo, tracks)
        marks.append(NewMark(geo.anchor, y, size, geo.anchor + size / 2 + 1, y + size / 2, text))
    return tuple(marks)


def brackets(
    events: Sequence[EventGeometry], tracks: Sequence[Sequence[float]], scale: _axis.Scale,
    left: float, right: float, shown: Collection[int],
) -> tuple[Bracket, ...]:  # fmt: skip
    """A bracket under its event's row for each claimed date that differs from the
    event's, within the axis (`left` to `right`)."""
    made = []
    for i, geo in enumerate(events):
        if i not in shown:
            continue
        y = _tracks(geo, tracks) - BRACKET_DROP
        for claim in (claim for claim in geo.entry.claims if claim.differs):
            [(lo, hi)] = time_extents([claim.date], [])
            x0 = min(right, max(left, scale.x(lo)))
            x1 = min(right, max(left, scale.x(hi)))
            if x1 - x0 < 2 * CAP:  # a day's claim: still a bracket
                middle = (x0 + x1) / 2
                x0, x1 = middle - CAP, middle + CAP
            made.append(Bracket(x0, x1, y, str(claim.number), x1 + 1.5))
            y -= BRACKET_STEP
    return tuple(made)
