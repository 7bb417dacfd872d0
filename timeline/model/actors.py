"""Actors: the states, organisations, companies, people and units events involve.

Declared once under `[actors.KEY]` and named by key in an event's `actors`;
`render --lanes actors` draws a lane per actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from timeline.errors import FieldError
from timeline.model.fields import check_line, check_title, strings

if TYPE_CHECKING:
    from timeline.model.records import Event
    from timeline.model.timeline import Timeline

__all__ = ["WIKIDATA", "Actor", "kept_actors", "still_named"]

WIKIDATA = re.compile(r"Q[1-9][0-9]*\Z")


def _check_wikidata(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_line(instance, attribute, value)
    if value is not None and (not isinstance(value, str) or WIKIDATA.match(value) is None):
        raise FieldError(
            "wikidata",
            "E018",
            f"'wikidata' must be a Wikidata item id such as Q1028, got {value!r}",
        )


@attrs.frozen(slots=True)
class Actor:
    """Who acts in events: `name` as outputs show it, an optional `kind` word
    (state, organisation, company, person, unit, ...), other names it goes by, and
    its Wikidata item."""

    key: str = attrs.field(validator=check_line)
    name: str = attrs.field(validator=check_title)
    kind: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=check_line, kw_only=True
    )
    wikidata: str | None = attrs.field(default=None, validator=_check_wikidata, kw_only=True)


def kept_actors(timeline: Timeline, events: Iterable[Event]) -> dict[str, Any]:
    """What a view of `timeline` that keeps `events` keeps of its actors, as settings
    for `attrs.evolve`: the actors the kept events name, and those no event of
    `timeline` names (declared and unused, as in the file), in their `[timeline] actors`
    order. A view (as known, without a source, released) thus adds no N117 of its own
    and names no actor only what it hides was about."""
    used = {key for event in events for key in event.actors}
    named = {key for event in timeline.events for key in event.actors}
    kept = still_named(timeline.actors, named, used)
    actors = {key: timeline.actors[key] for key in kept}
    return {"actors": actors, "actor_order": [k for k in timeline.actor_order if k in actors]}


def still_named(declared: Iterable[str], named: set[str], used: set[str]) -> list[str]:
    """Those of `declared` (actor keys, lanes) a view keeps: the ones its events use
    (`used`), and the ones no event of the whole chronology names (`named`)."""
    return [name for name in declared if name in used or name not in named]
