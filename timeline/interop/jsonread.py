"""Importing the project's own JSON (`timeline export json`): the tables of events.toml.

The JSON is the chronology's data model, so importing it is loading it: the
same checks, and `import_json(export_json(tl).text)` holds exactly `tl`. A
diagnostic points at the JSON: the line and column of the key at fault, or of
the object (`{`) of its event, period, source or actor.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from typing import Any

import attrs

from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.interop.building import Owner, Place, build
from timeline.model.timeline import Timeline

__all__ = ["import_json", "parse_positioned", "position"]


def parse_positioned(text: str, name: str) -> tuple[Any, dict[int, int]]:
    """The JSON value of `text` and where each object of it starts (by id)."""
    starts: dict[int, int] = {}
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        starts[id(value)] = s_and_end[1] - 1
        return value, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text), starts
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg[:1].lower()}{error.msg[1:]}"
        diagnostic = Diagnostic(
            name, error.lineno, error.colno, severity_of("E040"), "E040", message
        )
        raise TimelineError([diagnostic]) from None


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def import_json(text: str, name: str) -> tuple[Timeline, list[Diagnostic], Place]:
    """The chronology of the JSON `text`, its findings at JSON positions, and where a
    table's key stands (for the import's own findings)."""
    data, starts = parse_positioned(text, name)
    if not isinstance(data, dict):
        message = f"the JSON must be an object of tables, got {type(data).__name__}"
        raise TimelineError([Diagnostic(name, 1, 1, severity_of("E011"), "E011", message)])

    def table(owner: Owner) -> object:
        kind, ident = owner
        found = data.get(kind)
        if isinstance(ident, int):
            return found[ident] if isinstance(found, list) and ident < len(found) else None
        return found.get(ident) if isinstance(found, dict) and ident is not None else found

    def place(diagnostic: Diagnostic, owner: Owner, key: str | None) -> Diagnostic:
        start = starts.get(id(table(owner)))
        if start is None:
            start = starts.get(id(data), 0)
        if key is not None:
            found = text.find(f'"{key}"', start)
            start = found if found >= 0 else start
        line, column = position(text, start)
        return attrs.evolve(diagnostic, file=name, line=line, column=column)

    found, findings = build(data, name, place)
    return found, findings, place
