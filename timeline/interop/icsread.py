"""Importing iCalendar (RFC 5545): each VEVENT an event.

`X-EDTF` and `X-TIMELINE-CERTAINTY` (which `timeline export ics` writes) give the
date and certainty back exactly; otherwise the date comes from `DTSTART` and
`DTEND`: an all-day span of exactly one day, month or year is that day, month or
year (`DTSTART;VALUE=DATE:20201201` to `20210101` is `2020-12`), any other span an
interval, a date-time a UTC instant. `STATUS:CONFIRMED` is the scale's strongest
word, anything else its last (`unknown`), as a spreadsheet row without a
certainty. The id is the `UID`'s own part (what `export ics` wrote), else a slug
of the summary; `X-TIMELINE-LANE` is the lane, `CATEGORIES` the tags. The
calendar itself is the events' source (reliability F): an iCalendar file does
not say where its events come from. A diagnostic points at the line of the
property at fault, or of the event's `BEGIN:VEVENT`.
"""

from __future__ import annotations

import os
import re
from typing import Any

import attrs

from timeline.dates.calendar import days_from_civil, days_in_month
from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.interop.building import Owner, build
from timeline.interop.derive import Keys, slug
from timeline.model.fields import ID_PATTERN
from timeline.model.timeline import DEFAULT_CERTAINTY, Timeline

__all__ = ["import_ics"]

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\Z")
_CITATION_LINE = re.compile(r"\[\d+\] ")
_CONTENT = re.compile(r'((?:[^:"]|"[^"]*")*):?(.*)', re.DOTALL)


def _unfolded(text: str) -> list[tuple[int, str]]:
    """The content lines of `text` with their first physical line (folds joined)."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if physical[:1] in (" ", "\t") and lines:
            first, joined = lines[-1]
            lines[-1] = (first, joined + physical[1:])
        elif physical:
            lines.append((number, physical))
    return lines


def _unescaped(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:value as (NAME, params, value); quoted parameters kept whole."""
    match = _CONTENT.match(line)
    assert match is not None  # the pattern matches any text
    head, value = match.group(1), match.group(2)
    name, *params = head.split(";")
    found = dict(p.split("=", 1) for p in params if "=" in p)
    return name.upper(), {k.upper(): v.strip('"') for k, v in found.items()}, value


def _events(text: str) -> list[dict[str, tuple[int, dict[str, str], str]]]:
    """Each VEVENT's properties: NAME -> (line, params, raw value); BEGIN's line too."""
    found, current = [], None
    for line, content in _unfolded(text):
        name, params, value = _split(content)
        if name == "BEGIN" and value.upper() == "VEVENT":
            current = {"BEGIN": (line, params, value)}
        elif name == "END" and value.upper() == "VEVENT" and current is not None:
            found.append(current)
            current = None
        elif current is not None and name not in current:
            current[name] = (line, params, value)
    return found


def _edtf_of(start: str, end: str | None) -> str | None:
    """The EDTF date of an all-day span (DTEND exclusive) or an instant; None if neither."""
    instant = _DATE_TIME.match(start)
    if instant:
        y, mo, d, h, mi, s = instant.groups()
        return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"
    first = _DATE.match(start)
    if not first:
        return None
    y, m, d = (int(part) for part in first.groups())
    after = _DATE.match(end) if end else None
    if after is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    ay, am, ad = (int(part) for part in after.groups())
    days = days_from_civil(ay, am, ad) - days_from_civil(y, m, d)
    if days <= 1:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if d == 1 and days == days_in_month(y, m) and ad == 1:
        return f"{y:04d}-{m:02d}"
    if (m, d, am, ad, ay) == (1, 1, 1, 1, y + 1):
        return f"{y:04d}"
    last_y, last_m, last_d = _day_before(ay, am, ad)
    return f"{y:04d}-{m:02d}-{d:02d}/{last_y:04d}-{last_m:02d}-{last_d:02d}"


def _dated(date: str) -> dict[str, str]:
    """An interval as `start` and `end`, as events.toml writes one (the loader checks an
    end before its start as rule E101, with its position, not as a bad date)."""
    if "/" not in date:
        return {"date": date}
    start, end = date.split("/", 1)
    if not start:
        return {"date": date}
    return {"start": start, "end": end} if end else {"start": start}  # "": not known


def _day_before(y: int, m: int, d: int) -> tuple[int, int, int]:
    from timeline.dates.calendar import civil_from_days

    return civil_from_days(days_from_civil(y, m, d) - 1)


@attrs.define
class _Reading:
    name: str
    into: Timeline | None
    lines: dict[Owner, dict[str, int]] = attrs.field(factory=dict)  # owner -> key -> line
    problems: list[Diagnostic] = attrs.field(factory=list)

    def problem(self, line: int, code: str, message: str) -> None:
        self.problems.append(Diagnostic(self.name, line, 1, severity_of(code), code, message))

    def place(self, diagnostic: Diagnostic, owner: Owner, key: str | None) -> Diagnostic | None:
        keys = self.lines.get(owner)
        if keys is None:
            if owner[0] != "timeline" and self.into is not None:
                return None  # a table of the chronology imported into: `check` says
            keys = {}
        line = keys.get(key or "", keys.get("", 1))
        return attrs.evolve(diagnostic, file=self.name, line=line, column=1)


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
    date = value.get("X-EDTF") or _edtf_of(value.get("DTSTART", ""), value.get("DTEND"))
    if date is None:
        shown = value.get("DTSTART", "")
        message = f"invalid date: DTSTART {shown!r} is not an iCalendar date or date-time"
        reading.problem(lines.get("DTSTART", begin), "E013", message)
        return None
    uid = value.get("UID", "").split("@", 1)[0].split(".", 1)[0]
    event: dict[str, Any] = {
        "id": ids.key(uid if ID_PATTERN.match(uid) else slug(summary) or "event"),
        "title": summary, **_dated(date),
        "certainty": value.get("X-TIMELINE-CERTAINTY")
        or (scale[0] if value.get("STATUS", "").upper() == "CONFIRMED" else scale[-1]),
        "sources": [source],
    }  # fmt: skip
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
    text: str, name: str, into: Timeline | None = None
) -> tuple[Timeline, list[Diagnostic], Any]:
    """The chronology of the iCalendar `text` (with the settings of `into`, the chronology
    it will be added to, when given), its findings, and where each table came from (see
    the module). A `TimelineError` when an event cannot be read."""
    reading = _Reading(name, None)
    scale = into.certainty if into is not None else DEFAULT_CERTAINTY
    base = slug(os.path.basename(name)) or "calendar"
    key = f"{base}-file" if into is not None and base in into.sources else base
    data: dict[str, Any] = {"timeline": {}, "sources": {}, "event": []}
    if into is not None:
        from timeline.interop.document import document

        data["timeline"] = document(into)["timeline"]
    title = f"{os.path.basename(name)} (the imported calendar)"
    data["sources"][key] = {"title": title, "reliability": "F"}
    reading.lines[("sources", key)] = {"": 1}
    ids = Keys()
    for props in _events(text):
        event = _event(reading, props, ids, scale, key)
        if event is not None:
            reading.lines[("event", len(data["event"]))] = reading.lines.pop(("event", -1))
            data["event"].append(event)
    if reading.problems:
        raise TimelineError(reading.problems)
    found, findings = build(data, name, reading.place)
    return found, findings, reading.place
