"""Importing iCalendar (RFC 5545): each VEVENT an event.

`X-EDTF` and `X-TIMELINE-CERTAINTY` (which `timeline export ics` writes) give the
date and certainty back exactly; otherwise the date comes from `DTSTART` and
`DTEND` or `DURATION` (`timeline.interop.icsdates`: all-day spans, instants in
UTC, at their `TZID`'s offset, or local). `STATUS:CONFIRMED` is the scale's
strongest word, anything else its last (`unknown`), as a spreadsheet row without a
certainty. The id is the `UID`'s own part (what `export ics` wrote), else a slug
of the summary; `X-TIMELINE-LANE` is the lane, `CATEGORIES` (every such line) the
tags. A component inside an event (an alarm) is not the event. Another
program's events come in date order (a calendar's order means nothing); those
`export ics` wrote keep the chronology's. A repeating event
(`RRULE`, `RDATE`) is imported once, at its first occurrence, with warning W041,
as is a time whose `TZID` this machine has no zone for. The calendar itself is
the events' source (reliability F): an iCalendar file does not say where its
events come from. Folded lines are joined as octets before the file is decoded
(a fold may split a character, RFC 5545 §3.1). A diagnostic points at the
(first physical) line of the property at fault, or of the event's `BEGIN:VEVENT`.
"""

from __future__ import annotations

import os
import re
from typing import Any

import attrs

from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.interop.building import Owner, build, build_in_date_order
from timeline.interop.derive import Keys, slug
from timeline.interop.icsdates import Property, edtf_of
from timeline.model.fields import ID_PATTERN
from timeline.model.timeline import DEFAULT_CERTAINTY, Timeline

__all__ = ["import_ics"]

_CITATION_LINE = re.compile(r"\[\d+\] ")
_NAME = re.compile(r"[A-Za-z0-9-]*")
# One parameter, ";NAME=value[,value...]": a quoted value may hold ";", ":" and ",".
_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*')


def _unfolded(raw: bytes, name: str) -> list[tuple[int, str]]:
    """The content lines of `raw` with their first physical line. Folds (a line break
    then a space or tab) are joined as octets before any decoding: RFC 5545 (§3.1)
    folds at octets, so a fold may split a character of several."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    lines: list[list[tuple[int, bytes]]] = []  # each content line's (line, octets) pieces
    for number, physical in enumerate(body.replace(b"\r\n", b"\n").split(b"\n"), 1):
        if physical[:1] in (b" ", b"\t") and lines:
            lines[-1].append((number, physical))
        elif physical:
            lines.append([(number, physical)])
    return [(pieces[0][0], _decoded(pieces, name)) for pieces in lines]


def _decoded(pieces: list[tuple[int, bytes]], name: str) -> str:
    """One content line's physical lines, unfolded, as text; E003 at the physical line
    and column of the first byte that is not UTF-8."""
    try:
        return b"".join(p[1:] if i else p for i, (_, p) in enumerate(pieces)).decode("utf-8")
    except UnicodeDecodeError as error:
        sizes = [len(p) - (1 if i else 0) for i, (_, p) in enumerate(pieces)]  # joined
        index, offset = 0, error.start
        while offset >= sizes[index]:
            offset, index = offset - sizes[index], index + 1
        line, physical = pieces[index]
        offset += 1 if index else 0  # past a continuation's fold space
        column = len(physical[:offset].decode("utf-8", "replace")) + 1
        message = f"not UTF-8: byte 0x{physical[offset]:02X} cannot be decoded; save as UTF-8"
        raise TimelineError([Diagnostic(name, line, column, severity_of("E003"), "E003",
                                        message)]) from None  # fmt: skip


def _unescaped(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:value as (NAME, params (each one's first value), value)."""
    name = _NAME.match(line)
    assert name is not None  # the pattern matches the empty text
    at, params = name.end(), {}
    while (param := _PARAM.match(line, at)) is not None:
        params[param.group(1).upper()] = param.group(2).strip('"')
        at = param.end()
    return name.group().upper(), params, line[at + 1 :] if line[at : at + 1] == ":" else ""


def _events(raw: bytes, name: str) -> list[dict[str, Property]]:
    """Each VEVENT's properties: NAME -> (line, params, raw value), the first of each
    but CATEGORIES, whose lines add up; BEGIN's line too. What a component inside the
    event says (an alarm's DESCRIPTION) is not the event's."""
    found: list[dict[str, Property]] = []
    current: dict[str, Property] | None = None
    depth = 0  # components open inside the current event
    for line, content in _unfolded(raw, name):
        name, params, value = _split(content)
        if current is None:
            if name == "BEGIN" and value.upper() == "VEVENT":
                current, depth = {"BEGIN": (line, params, value)}, 0
        elif name in ("BEGIN", "END"):
            if name == "END" and not depth:
                found.append(current)  # END:VEVENT (or a malformed END: the event ends)
                current = None
            else:
                depth += 1 if name == "BEGIN" else -1
        elif depth:
            continue
        elif name == "CATEGORIES" and name in current:
            first, first_params, values = current[name]
            current[name] = (first, first_params, f"{values},{value}")
        elif name not in current:
            current[name] = (line, params, value)
    return found


def _dated(date: str) -> dict[str, str]:
    """An interval as `start` and `end`, as events.toml writes one (the loader checks an
    end before its start as rule E101, with its position, not as a bad date)."""
    if "/" not in date:
        return {"date": date}
    start, end = date.split("/", 1)
    if not start:
        return {"date": date}
    return {"start": start, "end": end} if end else {"start": start}  # "": not known


@attrs.define
class _Reading:
    name: str
    into: Timeline | None
    lines: dict[Owner, dict[str, int]] = attrs.field(factory=dict)  # owner -> key -> line
    problems: list[Diagnostic] = attrs.field(factory=list)
    warnings: list[Diagnostic] = attrs.field(factory=list)  # what was read in part (W041)
    filled: dict[int, set[str]] = attrs.field(factory=dict)  # id of an event's table -> ...

    def problem(self, line: int, code: str, message: str) -> None:
        found = Diagnostic(self.name, line, 1, severity_of(code), code, message)
        (self.warnings if code == "W041" else self.problems).append(found)

    def place(self, diagnostic: Diagnostic, owner: Owner, key: str | None) -> Diagnostic | None:
        keys = self.lines.get(owner)
        if keys is None:
            if owner[0] != "timeline" and self.into is not None:
                return None  # a table of the chronology imported into: `check` says
            keys = {}
        line = keys.get(key or "", keys.get("", 1))
        return attrs.evolve(diagnostic, file=self.name, line=line, column=1)


def _date(reading: _Reading, props: dict[str, Property], summary: str) -> str | None:
    """The EDTF date of an event no `X-EDTF` dates, reporting (W041) what is read in part."""
    read = edtf_of(props.get("DTSTART"), props.get("DTEND"), props.get("DURATION"))
    for line, lost in read.partly:
        reading.problem(line, "W041", f"'{summary}': {lost}")
    repeat = next((props[name] for name in ("RRULE", "RDATE") if name in props), None)
    if read.date is not None and repeat is not None:
        reading.problem(repeat[0], "W041", f"'{summary}' repeats: only its first occurrence"
                        f" ({read.date}) is imported")  # fmt: skip
    return read.date


def _event(reading: _Reading, props: dict[str, Any], ids: Keys, scale: tuple[str, ...],
           source: str) -> dict[str, Any] | None:  # fmt: skip
    begin = props["BEGIN"][0]
    lines = {"": begin}
    value = {name: _unescaped(raw) for name, (_, _, raw) in props.items()}
    for name, (line, _, _) in props.items():
        lines[name] = line
    summary = value.get("SUMMARY", "")
    if not summary.strip():
        reading.problem(begin, "E012", "event has no SUMMARY; every event needs a title")
        return None
    date = value.get("X-EDTF") or _date(reading, props, summary)
    if date is None and "DTSTART" not in value:
        reading.problem(begin, "E012", f"'{summary}' has no DTSTART; every event needs a date")
        return None
    if date is None:
        shown = value["DTSTART"]
        message = f"invalid date: DTSTART {shown!r} is not an iCalendar date or date-time"
        reading.problem(lines["DTSTART"], "E013", message)
        return None
    uid = value.get("UID", "").split("@", 1)[0].split(".", 1)[0]
    event: dict[str, Any] = {
        "id": ids.key(uid if ID_PATTERN.match(uid) else slug(summary) or "event"),
        "title": summary, **_dated(date),
        "certainty": value.get("X-TIMELINE-CERTAINTY")
        or (scale[0] if value.get("STATUS", "").upper() == "CONFIRMED" else scale[-1]),
        "sources": [source],
    }  # fmt: skip
    stated = "X-TIMELINE-CERTAINTY" in value or "STATUS" in value
    reading.filled[id(event)] = {"sources"} | (set() if stated else {"certainty"})
    if value.get("X-TIMELINE-LANE"):
        event["lane"] = value["X-TIMELINE-LANE"]
    tags = [t for t in re.split(r"(?<!\\),", props.get("CATEGORIES", (0, {}, ""))[2]) if t]
    tags = [_unescaped(t) for t in tags if _unescaped(t) != event.get("lane")]
    if tags:
        event["tags"] = tags
    ours = "X-EDTF" in value  # a calendar `export ics` wrote: its citation lines go
    described = [
        line for line in value.get("DESCRIPTION", "").split("\n")
        if not (ours and _CITATION_LINE.match(line))
    ]  # fmt: skip
    if "\n".join(described).strip():
        event["description"] = "\n".join(described).strip()
    mapping = {"id": "UID", "title": "SUMMARY", "date": "X-EDTF" if "X-EDTF" in value else
               "DTSTART", "certainty": "X-TIMELINE-CERTAINTY", "lane": "X-TIMELINE-LANE",
               "tags": "CATEGORIES", "description": "DESCRIPTION"}  # fmt: skip
    reading.lines[("event", -1)] = {k: lines.get(v, begin) for k, v in mapping.items()} | {
        "": begin
    }
    return event


def import_ics(
    raw: bytes, name: str, into: Timeline | None = None
) -> tuple[Timeline, list[Diagnostic], Any, tuple[frozenset[str], ...], str]:
    """The chronology of the iCalendar file `raw` (its octets: it is unfolded before it
    is decoded; with the settings of `into`, the chronology
    it will be added to, when given), its findings, where each table came from (see
    the module), each event's fields the VEVENT gave (not the calendar as its source,
    nor a certainty it does not state), and the key of the calendar's own source. A
    `TimelineError` when an event cannot be read."""
    reading = _Reading(name, into)
    scale = into.certainty if into is not None else DEFAULT_CERTAINTY
    base = slug(os.path.basename(name)) or "calendar"
    key = f"{base}-file" if into is not None and base in into.sources else base
    data: dict[str, Any] = {"timeline": {}, "sources": {}, "event": []}
    if into is not None:
        from timeline.interop.document import document

        tables = document(into)  # its settings, and the actors they may name
        data["timeline"], data["actors"] = tables["timeline"], dict(tables.get("actors", {}))
    title = f"{os.path.basename(name)} (the imported calendar)"
    data["sources"][key] = {"title": title, "reliability": "F"}
    reading.lines[("sources", key)] = {"": 1}
    ids = Keys()
    events = _events(raw, name)
    for props in events:
        event = _event(reading, props, ids, scale, key)
        if event is not None:
            reading.lines[("event", len(data["event"]))] = reading.lines.pop(("event", -1))
            data["event"].append(event)
    if reading.problems:
        raise TimelineError(reading.problems)
    ours = all("X-EDTF" in props for props in events)  # in the chronology's own order
    if ours:
        found, findings = build(data, name, reading.place)
    else:
        found, findings = build_in_date_order(data, name, reading.place, reading.lines)
    given = tuple(frozenset(t) - reading.filled[id(t)] - {"id"} for t in data["event"])
    return found, [*reading.warnings, *findings], reading.place, given, key
