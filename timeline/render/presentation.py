"""What every renderer shows, decided once: which events, in what order, with
which date labels and which footnote numbers.

The SVG, text and Markdown renderers all start from `present()`, so a filter,
a date label or a footnote number can never differ between them.
"""

from __future__ import annotations

import math

import attrs

from timeline.dates.edtf import Date, EdtfDate
from timeline.dates.format import date_label
from timeline.model.records import Event, Period, Source
from timeline.model.timeline import Timeline
from timeline.render.options import Selection

__all__ = ["Entry", "Presentation", "present"]


@attrs.frozen(slots=True)
class Entry:
    """One event as shown: its date label and its footnote numbers."""

    event: Event
    file_index: int  # position in the file, for stable ordering and positions
    label: str
    references: tuple[int, ...]


@attrs.frozen(slots=True)
class Presentation:
    title: str
    subtitle: str | None
    entries: tuple[Entry, ...]
    # Every cited key by footnote number (order of first citation), with its source;
    # None for a key the chronology does not declare (E021), still shown by its key.
    citations: tuple[tuple[int, str, Source | None], ...]
    lanes: tuple[str, ...]  # in display order; "" is the lane of events without one
    periods: tuple[Period, ...]
    as_of: EdtfDate | None
    locale: str

    @property
    def sources(self) -> tuple[tuple[int, str, Source], ...]:
        """(number, key, source) of the cited keys the chronology declares."""
        return tuple((n, key, s) for n, key, s in self.citations if s is not None)


def _sort_key(index: int, event: Event) -> tuple[float, float, int]:
    span = event.span
    lower = -math.inf if span.lower is None else span.lower
    upper = math.inf if span.upper is None else span.upper
    return (lower, upper, index)


def _overlaps(date: Date, start: EdtfDate | None, end: EdtfDate | None) -> bool:
    if start is not None and date.upper is not None and date.upper <= start.lower:
        return False
    return not (end is not None and date.lower is not None and date.lower >= end.upper)


def present(timeline: Timeline, chosen: Selection | None = None) -> Presentation:
    """Select, order, label and number the events of `timeline`."""
    chosen = chosen or Selection()
    scale = timeline.certainty
    weakest = len(scale) if chosen.min_certainty is None else scale.index(chosen.min_certainty)
    rank = {word: i for i, word in enumerate(scale)}
    kept = [
        (index, event)
        for index, event in enumerate(timeline.events)
        if _overlaps(event.span, chosen.date_from, chosen.date_to)
        and (not chosen.lanes or (event.lane or "") in chosen.lanes)
        and (not chosen.tags or any(tag in chosen.tags for tag in event.tags))
        and rank.get(event.certainty, len(scale)) <= weakest
    ]
    kept.sort(key=lambda pair: _sort_key(*pair))
    numbers: dict[str, int] = {}
    entries = []
    for index, event in kept:
        for key in event.sources:
            numbers.setdefault(key, len(numbers) + 1)
        references = tuple(numbers[key] for key in event.sources)
        entries.append(Entry(event, index, date_label(event.span, chosen.locale), references))
    citations = tuple((number, key, timeline.sources.get(key)) for key, number in numbers.items())
    used = {event.lane or "" for _, event in kept}
    lanes = tuple(lane for lane in timeline.lanes if lane in used)
    lanes += tuple(sorted(used - set(lanes)))
    return Presentation(
        timeline.title, timeline.subtitle, tuple(entries), citations, lanes or ("",),
        timeline.periods, timeline.as_of, chosen.locale,
    )  # fmt: skip
