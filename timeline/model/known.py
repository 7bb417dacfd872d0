"""The chronology as it was known on a day: `Timeline.known_at(date)`.

Only citations whose source was certainly published on or before the day
count: a `published` date that may be later (`2023-01` seen from 15 January
2023, an open interval) does not, so the view never shows what might not yet
have been public. Sources without `published` cannot be placed and are kept
(the view lists them, for outputs to say so). An event left with no citation
disappears, together with the `after` / `before` items that named it; an event
left with one citation that gives a date takes that date. Sources published
later vanish, and a kept source `via` one of them loses that `via`.

`without(timeline, key)` is the what-if of a discredited source, and
`sole_support` says, for every source, which events it would take with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from timeline.dates.edtf import EdtfDate, EdtfInterval
from timeline.errors import FieldError
from timeline.model.actors import kept_actors
from timeline.model.fields import DateInput, convert_date
from timeline.model.records import Event, Source

if TYPE_CHECKING:
    from timeline.model.timeline import Timeline

__all__ = ["AsKnown", "known_at", "sole_support", "without"]


@attrs.frozen(slots=True)
class AsKnown:
    """What a `known_at` view says about itself: the day, the sources kept because they
    have no publication date (their keys), and the ids of the events that disappeared."""

    date: EdtfDate
    undated: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()


def _day(value: DateInput) -> EdtfDate:
    if isinstance(value, EdtfDate):
        return value
    date = convert_date(value, "known_at")
    if isinstance(date, EdtfInterval):
        raise FieldError("known_at", "E013", f"'known_at' must be a single date, got {date.text!r}")
    return date


def _public(source: Source, by: int) -> bool:
    """Whether `source` was certainly published by the instant `by` (undated: kept)."""
    published = source.published
    if published is None:
        return True
    upper = published.upper
    return upper is not None and upper <= by


def _event(
    event: Event, sources: dict[str, Source], kept: set[str], gone: set[str], *, claims: bool
) -> Event:
    """`event` with only the citations kept (it has at least one), relations to events
    that disappeared removed, and (with `claims`) a lone citation's claimed date as its
    date."""
    cited = tuple(c for c in event.sources if c.source in kept or c.source not in sources)
    changes: dict[str, Any] = {}
    if len(cited) != len(event.sources):
        changes["sources"] = cited
        if claims and len(cited) == 1 and cited[0].date is not None:
            changes.update(date=cited[0].date, start=None, end=None)
    if gone and (gone.intersection(event.after) or gone.intersection(event.before)):
        changes["after"] = [i for i in event.after if i not in gone]
        changes["before"] = [i for i in event.before if i not in gone]
    return attrs.evolve(event, **changes) if changes else event


def _restrict(
    timeline: Timeline, kept: set[str], *, claims: bool
) -> tuple[list[Event], dict[str, Source], tuple[str, ...]]:
    """The events, sources and hidden event ids of `timeline` with only the sources
    `kept` (and keys no source has, which structural checks report)."""
    sources = dict(timeline.sources)
    known: list[Event] = []
    gone: set[str] = set()
    for event in timeline.events:
        if any(c.source in kept or c.source not in sources for c in event.sources):
            known.append(event)
        else:
            gone.add(event.id)
    events = [_event(event, sources, kept, gone, claims=claims) for event in known]
    if len(kept) != len(sources):
        sources = {
            key: source
            if source.via is None or source.via in kept or source.via not in sources
            else attrs.evolve(source, via=None)
            for key, source in sources.items()
            if key in kept
        }
    hidden = tuple(event.id for event in timeline.events if event.id in gone)
    return events, sources, hidden


def known_at(timeline: Timeline, date: DateInput) -> Timeline:
    """The chronology as an analyst could have known it on `date` (see the module)."""
    day = _day(date)
    by = day.upper
    kept = {key for key, source in timeline.sources.items() if _public(source, by)}
    undated = tuple(key for key, source in timeline.sources.items() if source.published is None)
    events, sources, hidden = _restrict(timeline, kept, claims=True)
    return attrs.evolve(
        timeline, events=events, sources=sources, as_known=AsKnown(day, undated, hidden),
        **kept_actors(timeline, events),
    )  # fmt: skip


def _through(timeline: Timeline) -> dict[str, set[str]]:
    """Each source's via chain: itself and every source it reaches through `via`."""
    sources = timeline.sources
    chains: dict[str, set[str]] = {}
    for key in sources:
        chain: set[str] = set()
        step: str | None = key
        while step is not None and step in sources and step not in chain:
            chain.add(step)
            step = sources[step].via
        chains[key] = chain
    return chains


def without(timeline: Timeline, key: str) -> Timeline:
    """`timeline` with the source `key` discredited: it and every source that goes back
    to it through `via` are removed with their citations; an event left with no
    citation disappears (with the `after` / `before` items that named it)."""
    if key not in timeline.sources:
        raise ValueError(f"'{key}' is not a source of this chronology")
    chains = _through(timeline)
    kept = {other for other, chain in chains.items() if key not in chain}
    events, sources, _ = _restrict(timeline, kept, claims=False)
    return attrs.evolve(timeline, events=events, sources=sources, **kept_actors(timeline, events))


def sole_support(timeline: Timeline) -> dict[str, list[str]]:
    """For each source, the ids of the events `without(timeline, source)` would lose: those
    whose every citation is the source or goes back to it through `via`."""
    chains = _through(timeline)
    lost: dict[str, list[str]] = {key: [] for key in timeline.sources}
    for event in timeline.events:
        common: set[str] | None = None
        for citation in event.sources:
            chain = chains.get(citation.source, set())
            common = set(chain) if common is None else common & chain
            if not common:
                break
        for source in sorted(common or ()):
            lost[source].append(event.id)
    return lost
