"""The chart's lanes: which there are, which lanes each event is in, and the connectors
between an event's markers in several lanes (no matplotlib).

By default (`lanes_by="lane"`) the lanes are the presentation's, the events' own,
one lane an event. With `lanes_by="actors"` there is a lane per actor an event
shown names, in `[timeline] actors` order, then the others in order of first
appearance in the file, and a last unnamed lane ("No actor") for the events that
name none. An event of several actors is in each of their lanes: its marks are
drawn in every one, its label only in the first (the topmost), and a thin
vertical connector joins its markers from lane to lane, one a lane after the first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from timeline.model.timeline import Timeline
from timeline.render.chart.geometry import EventGeometry
from timeline.render.presentation import Presentation

__all__ = ["Connector", "Lanes", "assign", "connectors"]


@attrs.frozen(slots=True)
class Lanes:
    """The lanes of a chart, and which each entry of its presentation is in."""

    names: tuple[str, ...]  # in order; "" is the unnamed lane (no lane, no actor)
    unnamed: str = "other"  # the chart word (`words.MESSAGES`) that names the "" lane
    # Per presentation entry, its lanes, ascending (its label goes in the first). None:
    # each entry in the lane its event names (the default, without a tuple an event).
    of: tuple[tuple[int, ...], ...] | None = None

    def lanes_of(self, presentation: Presentation) -> Sequence[tuple[int, ...]]:
        """Each entry's lanes, ascending."""
        if self.of is not None:
            return self.of
        lane_of = {lane: i for i, lane in enumerate(self.names)}
        return [(lane_of[entry.event.lane or ""],) for entry in presentation.entries]


def assign(presentation: Presentation, timeline: Timeline, lanes_by: str) -> Lanes:
    """The lanes of the chart of `presentation` (see the module's docstring)."""
    if lanes_by != "actors":
        return Lanes(presentation.lanes)
    entries = presentation.entries
    named = {key for entry in entries for key in entry.event.actors}
    keys = [key for key in timeline.actor_order if key in named]
    for entry in sorted(entries, key=lambda entry: entry.file_index):  # first appearance
        keys += [key for key in entry.event.actors if key not in keys]
    index = {key: i for i, key in enumerate(keys)}
    none = (len(keys),)
    of = tuple(
        tuple(sorted({index[key] for key in entry.event.actors})) or none for entry in entries
    )
    names = [timeline.actors[key].name if key in timeline.actors else key for key in keys]
    if not keys or any(lanes == none for lanes in of):
        names.append("")
    return Lanes(tuple(names), "no_actor", of)


@attrs.frozen(slots=True)
class Connector:
    """The thin vertical line between an event's markers in two lanes."""

    event: int  # the labelled one (index into the layout's events)
    x: float
    y0: float  # the lower marker's centre
    y1: float  # the upper one's


def connectors(
    events: Sequence[EventGeometry], echo_of: Sequence[int],
    tracks: Sequence[Sequence[float]], shown: set[int],
) -> tuple[Connector, ...]:  # fmt: skip
    """One connector a lane after an event's first, top down, from marker to marker:
    `events` ends with the echoes (an event's marks in its other lanes), `echo_of`
    names the event each of them repeats; only the events in `shown` are joined."""
    first = len(events) - len(echo_of)
    places: dict[int, list[float]] = {}
    for offset, event in enumerate(echo_of):
        if event in shown:
            if event not in places:
                geo = events[event]
                places[event] = [tracks[geo.lane][geo.track]]
            echo = events[first + offset]
            places[event].append(tracks[echo.lane][echo.track])
    found = []
    for event, ys in sorted(places.items()):
        ys.sort(reverse=True)  # top down
        x = events[event].anchor
        found += [Connector(event, x, low, high) for high, low in itertools.pairwise(ys)]
    return tuple(found)
