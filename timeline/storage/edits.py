"""What a `Timeline` value changed relative to the file it was loaded from.

`save()` never trusts positions or counts: it compares the value being saved with
the chronology the loaded bytes hold, table by table (events by id, sources by
key, periods by position, the `[timeline]` settings as one table), and gets a
`Changes` value. The same `Changes` can then be applied on top of what the file
holds *now*, when another writer saved in between: edits to different tables
merge, edits to the same table conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from timeline.model import Event, Period, Timeline
from timeline.model.timeline import SETTINGS

__all__ = ["SETTINGS", "Changes", "Conflict", "Keyed", "apply", "changes", "settings_of"]


def settings_of(timeline: Timeline) -> dict[str, object]:
    return {name: getattr(timeline, name) for name in SETTINGS}


@attrs.frozen(slots=True)
class Keyed:
    """The edits of keyed tables (`[sources.KEY]`, `[actors.KEY]`): by key."""

    added: Mapping[str, Any] = attrs.field(factory=dict)
    changed: Mapping[str, Any] = attrs.field(factory=dict)
    removed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def _keyed(before: Mapping[str, Any], after: Mapping[str, Any]) -> Keyed:
    return Keyed(
        added={k: v for k, v in after.items() if k not in before},
        changed={k: v for k, v in after.items() if k in before and before[k] != v},
        removed=frozenset(before.keys() - after.keys()),
    )


def _keyed_conflicts(what: str, edits: Keyed, then: Mapping[str, Any],
                     now: Mapping[str, Any]) -> list[Conflict]:  # fmt: skip
    found = [
        Conflict(f"{what} '{key}'")
        for key in sorted({*edits.changed, *edits.removed})
        if then.get(key) != now.get(key)
    ]
    found += [
        Conflict(f"{what} '{key}' (added by both)") for key in sorted(edits.added) if key in now
    ]
    return found


def _keyed_apply(edits: Keyed, base: Mapping[str, Any]) -> dict[str, Any]:
    kept = {k: edits.changed.get(k, v) for k, v in base.items() if k not in edits.removed}
    return {**kept, **edits.added}


@attrs.frozen(slots=True)
class Changes:
    """Edits per table. Events by id, sources and actors by key (`Keyed`), periods by
    their loaded index.

    `removed_*` hold what the value no longer has; `changed_*` the new version of a
    table that is still there; `added_*` what is new. `settings` holds only the
    settings whose value changed.
    """

    added_events: tuple[Event, ...] = ()
    changed_events: Mapping[str, Event] = attrs.field(factory=dict)
    removed_events: frozenset[str] = frozenset()
    sources: Keyed = Keyed()
    actors: Keyed = Keyed()
    added_periods: tuple[Period, ...] = ()
    changed_periods: Mapping[int, Period] = attrs.field(factory=dict)
    removed_periods: frozenset[int] = frozenset()
    settings: Mapping[str, object] = attrs.field(factory=dict)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, field.name) for field in attrs.fields(Changes))


@attrs.frozen(slots=True)
class Conflict:
    """A table this value changed that another writer changed too."""

    table: str  # as a reader names it: "event 'deal'", "source 'wire'", "[timeline] title"


def _by_id(events: Sequence[Event]) -> dict[str, Event]:
    return {event.id: event for event in events}


def changes(loaded: Timeline, value: Timeline) -> Changes:
    """The edits that turn `loaded` into `value`."""
    before, after = _by_id(loaded.events), _by_id(value.events)
    periods_before, periods_after = loaded.periods, value.periods
    kept = min(len(periods_before), len(periods_after))
    return Changes(
        added_events=tuple(e for e in value.events if e.id not in before),
        changed_events={k: e for k, e in after.items() if k in before and before[k] != e},
        removed_events=frozenset(before.keys() - after.keys()),
        sources=_keyed(loaded.sources, value.sources),
        actors=_keyed(loaded.actors, value.actors),
        added_periods=tuple(periods_after[kept:]),
        changed_periods={
            i: periods_after[i] for i in range(kept) if periods_after[i] != periods_before[i]
        },
        removed_periods=frozenset(range(kept, len(periods_before))),
        settings={
            name: new
            for name, new in settings_of(value).items()
            if settings_of(loaded)[name] != new
        },
    )


def conflicts(loaded: Timeline, current: Timeline, edits: Changes) -> list[Conflict]:
    """The tables `edits` touch that differ between `loaded` and `current`."""
    found = []
    then, now = _by_id(loaded.events), _by_id(current.events)
    for key in sorted({*edits.changed_events, *edits.removed_events}):
        if then.get(key) != now.get(key):
            found.append(Conflict(f"event '{key}'"))
    for event in edits.added_events:
        if event.id in now:
            found.append(Conflict(f"event '{event.id}' (added by both)"))
    found += _keyed_conflicts("source", edits.sources, loaded.sources, current.sources)
    found += _keyed_conflicts("actor", edits.actors, loaded.actors, current.actors)
    touched_periods = {*edits.changed_periods, *edits.removed_periods}
    if (touched_periods or edits.added_periods) and loaded.periods != current.periods:
        found.append(Conflict("[[period]] tables"))
    then_settings, now_settings = settings_of(loaded), settings_of(current)
    for name in edits.settings:
        if then_settings[name] != now_settings[name]:
            found.append(Conflict(f"[timeline] {name}"))
    return found


def apply(edits: Changes, base: Timeline) -> Timeline:
    """`base` with `edits` made to it; the result keeps `base`'s origin."""
    events = [
        edits.changed_events.get(e.id, e) for e in base.events if e.id not in edits.removed_events
    ]
    events += edits.added_events
    periods = [
        edits.changed_periods.get(i, period)
        for i, period in enumerate(base.periods)
        if i not in edits.removed_periods
    ]
    periods += edits.added_periods
    settings: dict[str, Any] = dict(edits.settings)
    return attrs.evolve(
        base, events=events, sources=_keyed_apply(edits.sources, base.sources),
        actors=_keyed_apply(edits.actors, base.actors), periods=periods, **settings,
    )  # fmt: skip
