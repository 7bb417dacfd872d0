"""What the text outputs add for handling markings and actors, worked out once a render.

A chronology that marks anything (`model.markings.marked`) carries a banner at the
top and bottom of every output: the highest level of what it shows
(`shown_level`), as outputs print it ("TLP:AMBER", or an organisation's own word).
With `[timeline] portion_marks = true` each event's line carries its own effective
level too, "(TLP:AMBER)". A chronology that marks nothing has neither: its outputs
are those of a chronology written before markings existed.

Each event's actors are shown by name (`Timeline.actors[key].name`; an undeclared
key, which validation reports as E028, by its key).

Like the text renderers that use it, this module must not import matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from timeline.model.markings import banner, event_level, marked, shown_level
from timeline.model.records import Event
from timeline.model.timeline import Timeline

__all__ = ["Marks", "actor_names", "banner_of", "marks"]


@attrs.frozen(slots=True)
class Marks:
    """A render's banner (None when the chronology marks nothing), and by the position
    of each event shown in the file, its portion mark and its actors' names."""

    banner: str | None = None
    portions: dict[int, str] = attrs.field(factory=dict)
    actors: dict[int, tuple[str, ...]] = attrs.field(factory=dict)

    def portion(self, file_index: int) -> str | None:
        """The event's portion mark, "(TLP:AMBER)", or None."""
        return self.portions.get(file_index)

    def names(self, file_index: int) -> tuple[str, ...]:
        """The names of the event's actors, in the event's order."""
        return self.actors.get(file_index, ())


def banner_of(timeline: Timeline, shown: Iterable[int] | None = None) -> str | None:
    """The banner of an output of `timeline` showing the events at the positions
    `shown` (default: all), or None when the chronology marks nothing. A selection
    (`--lane`, `--tag`, ...) is marked at what it shows, not at the whole's level."""
    if not marked(timeline):
        return None
    events = None if shown is None else [timeline.events[index] for index in shown]
    return banner(timeline.markings, shown_level(timeline, events))


def actor_names(timeline: Timeline, event: Event) -> tuple[str, ...]:
    """The names of `event`'s actors (an undeclared key as itself)."""
    known = timeline.actors
    return tuple(known[key].name if key in known else key for key in event.actors)


def marks(timeline: Timeline, shown: Iterable[int]) -> Marks:
    """The marks of a render that shows the events at the positions `shown`."""
    shown = list(shown)
    top = banner_of(timeline, shown)
    portions: dict[int, str] = {}
    actors: dict[int, tuple[str, ...]] = {}
    events = timeline.events
    for index in shown:
        event = events[index]
        if top is not None and timeline.portion_marks:
            portions[index] = f"({banner(timeline.markings, event_level(timeline, event))})"
        if event.actors:
            actors[index] = actor_names(timeline, event)
    return Marks(top, portions, actors)
