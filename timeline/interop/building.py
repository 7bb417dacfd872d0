"""An import's data to a checked `Timeline`, through the one loader and the one check.

Every importer turns its file into the data of events.toml (the tables as dicts
and lists, as `document` gives them) and says where each table and key came
from. `build` writes that data as TOML, one table at a time, loads it with
`loads` and checks it with `validate()`, so an import is judged exactly as the
file it becomes; each diagnostic is then moved, by the table and key it names,
to the cell, row or JSON key it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import attrs

from timeline.diagnostics import Diagnostic
from timeline.errors import TimelineError
from timeline.model.records import sort_key
from timeline.model.timeline import Timeline

__all__ = ["Owner", "Place", "build", "build_in_date_order"]

# What a table of the intermediate text is: ("timeline", None), ("sources", KEY),
# ("actors", KEY), ("period", INDEX), ("event", INDEX).
Owner = tuple[str, str | int | None]
# Where a diagnostic about `owner`'s `key` (None: the table as a whole) belongs in the
# imported file: the moved diagnostic, or None to leave it out (a table of the
# chronology imported into, whose findings `check` gives).
Place = Callable[[Diagnostic, Owner, str | None], Diagnostic | None]

_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_LINE = re.compile(r"\bline (\d+)\b")


def _parts(data: dict[str, Any]) -> tuple[str, list[int], list[Owner]]:
    import tomlkit

    texts: list[str] = []
    owners: list[Owner] = []

    def add(owner: Owner, value: dict[str, Any]) -> None:
        texts.append(tomlkit.dumps(value))
        owners.append(owner)

    add(("timeline", None), {"timeline": data.get("timeline", {})})
    for kind in ("sources", "actors"):
        for key, table in data.get(kind, {}).items():
            add((kind, key), {kind: {key: table}})
    for kind in ("period", "event"):
        for index, table in enumerate(data.get(kind, [])):
            add((kind, index), {kind: [table]})
    starts, line = [], 1
    for text in texts:
        starts.append(line)
        line += text.count("\n") + 1  # parts are joined by an empty line
    return "\n".join(texts), starts, owners


def _lines_moved(
    diagnostic: Diagnostic, starts: list[int], owners: list[Owner], place: Place
) -> Diagnostic:
    """A message naming a line of the intermediate text ("the event at line 7") names
    the line its table came from instead."""

    def line(match: re.Match[str]) -> str:
        index = max(0, bisect.bisect_right(starts, int(match.group(1))) - 1)
        moved = place(diagnostic, owners[index], None)
        return f"line {moved.line}" if moved is not None else match.group()

    return attrs.evolve(diagnostic, message=_LINE.sub(line, diagnostic.message))


def build(data: dict[str, Any], name: str, place: Place) -> tuple[Timeline, list[Diagnostic]]:
    """The chronology `data` holds and its findings, moved by `place`; a `TimelineError`
    with the moved diagnostics when it would not load."""
    from timeline.storage.load import loads

    text, starts, owners = _parts(data)
    lines = text.split("\n")

    def moved(diagnostics: Any) -> list[Diagnostic]:
        found = []
        for diagnostic in diagnostics:
            index = max(0, bisect.bisect_right(starts, diagnostic.line) - 1)
            match = (
                _KEY.match(lines[diagnostic.line - 1]) if diagnostic.line <= len(lines) else None
            )
            key = match.group(1) if match else None
            result = place(diagnostic, owners[index], key)
            if result is not None:
                found.append(_lines_moved(result, starts, owners, place))
        return found

    try:
        loaded = loads(text, name=name)
    except TimelineError as error:
        raise TimelineError(moved(error.diagnostics)) from None
    return attrs.evolve(loaded, origin=None), moved(loaded.validate())


def build_in_date_order(
    data: dict[str, Any], name: str, place: Place, origins: dict[Owner, Any]
) -> tuple[Timeline, list[Diagnostic]]:
    """`build`, the events put in date order first (equal dates keep their order), for
    a file whose events come in any order (a calendar, TimelineJS slides or rows): the
    chronology it becomes is in the order `timeline add` keeps, and W105 does not fire
    for the file's order. `origins` (owner -> where each table came from, what `place`
    reads) is reordered with the events."""
    found, findings = build(data, name, place)
    ordered = sorted(range(len(found.events)), key=lambda i: sort_key(found.events[i]))
    if ordered == list(range(len(found.events))):
        return found, findings
    data["event"] = [data["event"][i] for i in ordered]
    moved: dict[Owner, Any] = {
        ("event", new): origins[("event", old)]
        for new, old in enumerate(ordered)
        if ("event", old) in origins
    }
    origins.update(moved)
    return build(data, name, place)
