"""Actors: the states, organisations, companies, people and units events involve.

Declared once under `[actors.KEY]` and named by key in an event's `actors`;
`render --lanes actors` draws a lane per actor.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from timeline.errors import FieldError
from timeline.model.fields import check_line, check_title, strings

__all__ = ["WIKIDATA", "Actor"]

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
