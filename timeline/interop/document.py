"""The chronology as plain data: the tables of events.toml as dicts and lists.

The same shape as the TOML file (`timeline`, `sources`, `actors`, `period`,
`event`; dates as EDTF text, citations as keys or tables), written by the one
set of item functions `save` uses, so the JSON export, `to_records` and the
file never disagree on a field.
"""

from __future__ import annotations

from typing import Any

from timeline.model.timeline import Timeline
from timeline.storage.splice import (
    actor_items,
    event_items,
    period_items,
    settings_items,
    source_items,
)

__all__ = ["MARKING_LOSS", "document", "locale_of", "marked_title", "records"]

# The words of the loss every export but json counts for each marking of a marked
# chronology: the format has no place for them, so only the title carries the banner.
MARKING_LOSS = (
    "handling marking carried only in the title (the format has no markings)",
    "handling markings carried only in the title (the format has no markings)",
)


def locale_of(timeline: Timeline) -> str:
    """The locale an export words its dates and citation lines in: the chronology's
    `[timeline] locale`, else English (as its renders do without --locale)."""
    from timeline._i18n import canonical

    return canonical(timeline.locale) or "en"


def marked_title(timeline: Timeline) -> tuple[str, int]:
    """The chronology's title for a format without markings, and how many markings it
    cannot carry (0: the chronology marks nothing): the default level and each item's
    own, every one a loss (MARKING_LOSS). A marked chronology's title starts with its
    banner ("TLP:AMBER Morocco–Israel ...") so that the export never looks releasable
    wider than it is."""
    from timeline.model.markings import banner, marked, shown_level

    if not marked(timeline):
        return timeline.title, 0
    own = sum(s.marking is not None for s in timeline.sources.values())
    own += sum(p.marking is not None for p in timeline.periods)
    own += sum(e.marking is not None for e in timeline.events)
    own += sum(c.marking is not None for e in timeline.events for c in e.sources)
    shown = banner(timeline.markings, shown_level(timeline))
    return f"{shown} {timeline.title}".strip(), max(1, own + (timeline.marking is not None))


def document(timeline: Timeline) -> dict[str, Any]:
    """The whole chronology as the data of its events.toml (tables absent when empty)."""
    found: dict[str, Any] = {"timeline": settings_items(timeline)}
    if timeline.sources:
        found["sources"] = {k: source_items(s) for k, s in timeline.sources.items()}
    if timeline.actors:
        found["actors"] = {k: actor_items(a) for k, a in timeline.actors.items()}
    if timeline.periods:
        found["period"] = [period_items(p) for p in timeline.periods]
    found["event"] = [event_items(e) for e in timeline.events]
    return found


def records(timeline: Timeline) -> list[dict[str, Any]]:
    """One plain dict per event, as events.toml writes it (for pandas, scripts)."""
    return [event_items(event) for event in timeline.events]
