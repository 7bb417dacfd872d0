"""Importing TimelineJS JSON (Knight Lab's format, which `export timelinejs` writes).

Each slide an event: `start_date` / `end_date` parts at the precision they have
(`{year}` is a year, with `month` a month, with `day` a day; an end that is the
last day of the year or month its `display_date` names is that year or month, as
`export timelinejs` writes it; an end equal to the start at its precision is no
end), years astronomical as in EDTF; the headline
(HTML) its title, the text (HTML) its description, `group` its lane,
`unique_id` its id when it is one (else the headline's slug), `media.credit` a
source (with `media.url`). The `title` slide gives the chronology's title and
subtitle, `eras` its periods. A slide says nothing of certainty: every event
gets the scale's last word (`unknown`), and one with no credit cites the file
itself (reliability F), as a spreadsheet row would. Diagnostics point at the
slide's object in the JSON.
"""

from __future__ import annotations

import os
import re
from typing import Any

from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.interop.building import Owner, Place, build_in_date_order
from timeline.interop.derive import Keys, group_text, plain_text, slug, source_of
from timeline.interop.jsonread import parse_positioned, position
from timeline.model.fields import ID_PATTERN
from timeline.model.timeline import DEFAULT_CERTAINTY, Timeline

__all__ = ["file_source_key", "import_timelinejs"]


def _edtf(parts: object) -> str | None:
    """The EDTF of a TimelineJS date object, at the precision its parts give."""
    if not isinstance(parts, dict) or not isinstance(parts.get("year"), int | str):
        return None
    try:
        year = int(parts["year"])
        month = int(parts["month"]) if parts.get("month") not in (None, "") else None
        given = month is not None and parts.get("day") not in (None, "")
        day = int(parts["day"]) if given else None
    except (TypeError, ValueError):
        return None
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


_UNIT = re.compile(r"-?\d{4}(?:-\d{2})?")


def _end(parts: object) -> str | None:
    """The EDTF of an `end_date`: its parts', but the year or month its `display_date`
    names ("2023", "2023-05") when the parts are that unit's last day, as `export
    timelinejs` writes an end coarser than a day (TimelineJS reads a part it is not
    given as the first: {"year": 2023} ends on 1 January)."""
    text = _edtf(parts)
    shown = parts.get("display_date") if isinstance(parts, dict) else None
    if text is None or not isinstance(shown, str) or not _UNIT.fullmatch(shown.strip()):
        return text
    from timeline.dates.edtf import EdtfDate, Precision, parse
    from timeline.errors import EdtfError

    try:
        unit, day = parse(shown.strip()), parse(text)
    except EdtfError:
        return text
    assert isinstance(unit, EdtfDate)  # no "/" in either
    assert isinstance(day, EdtfDate)
    last = day.precision is Precision.DAY and day.upper == unit.upper
    return unit.text if last else text


def _when(slide: dict[str, Any]) -> str | None:
    start = _edtf(slide.get("start_date"))
    if start is None:
        return None
    end = _end(slide.get("end_date")) if "end_date" in slide else None
    return start if end is None or end == start else f"{start}/{end}"


def file_source_key(name: str) -> str:
    """The key of the source the story's file itself is, for slides that credit none."""
    return slug(os.path.basename(name)) or "timelinejs"


class _Reading:
    def __init__(self, text: str, name: str, starts: dict[int, int], into: bool) -> None:
        self.text, self.name, self.starts, self.into = text, name, starts, into
        self.objects: dict[Owner, object] = {}
        self.problems: list[Diagnostic] = []
        self.filled: dict[int, set[str]] = {}  # id of an event's table -> what was filled in

    def at(self, value: object) -> tuple[int, int]:
        return position(self.text, self.starts.get(id(value), 0))

    def problem(self, value: object, code: str, message: str) -> None:
        line, column = self.at(value)
        self.problems.append(Diagnostic(self.name, line, column, severity_of(code), code, message))

    def place(self, diagnostic: Diagnostic, owner: Owner, key: str | None) -> Diagnostic | None:
        import attrs

        if owner not in self.objects and owner[0] != "timeline" and self.into:
            return None  # a table of the chronology imported into: `check` says
        line, column = self.at(self.objects.get(owner))
        return attrs.evolve(diagnostic, file=self.name, line=line, column=column)


def _slides(reading: _Reading, data: dict[str, Any], scale: tuple[str, ...]) -> dict[str, Any]:
    """The data of events.toml for the slides and eras of `data`."""
    file_key = file_source_key(reading.name)
    found: dict[str, Any] = {"timeline": {}, "sources": {}, "period": [], "event": []}
    ids, keys = Keys(), Keys([file_key])
    for number, slide in enumerate(data.get("events") or [], 1):
        if not isinstance(slide, dict):
            reading.problem(slide, "E011", f"slide {number} must be an object")
            continue
        text: dict[str, Any] = slide["text"] if isinstance(slide.get("text"), dict) else {}
        title = plain_text(str(text.get("headline") or "")).replace("\n", " ")
        when = _when(slide)
        if not title or when is None:
            missing = "headline" if not title else "start_date with a year"
            code = "E012" if not title else "E013"
            reading.problem(slide, code, f"slide {number} has no {missing}")
            continue
        unique = str(slide.get("unique_id") or "")
        event: dict[str, Any] = {
            "id": ids.key(unique if ID_PATTERN.match(unique) else slug(title) or "event"),
            "title": title, "date": when, "certainty": scale[-1],
        }  # fmt: skip
        media: dict[str, Any] = slide["media"] if isinstance(slide.get("media"), dict) else {}
        if media.get("credit"):
            base, table = source_of(plain_text(str(media["credit"])), media.get("url"))
            same = [k for k, t in found["sources"].items() if t == table]
            key = same[0] if same else keys.key(base)
            found["sources"][key] = table
        else:
            key = file_key
            found["sources"][key] = {
                "title": f"{os.path.basename(reading.name)} (the imported TimelineJS)",
                "reliability": "F",
            }
        event["sources"] = [key]
        reading.filled[id(event)] = {"certainty"} | ({"sources"} if key == file_key else set())
        group = group_text(str(slide.get("group") or ""))
        if group:
            event["lane"] = group
        described = plain_text(str(text.get("text") or ""))
        if described:
            event["description"] = described
        reading.objects[("event", len(found["event"]))] = slide
        found["event"].append(event)
    return found


def import_timelinejs(
    text: str, name: str, into: Timeline | None = None
) -> tuple[Timeline, list[Diagnostic], Place, tuple[frozenset[str], ...], str]:
    """The chronology of the TimelineJS JSON `text` (with the settings of `into` when
    given), its findings at the slides, where each table came from, each event's
    fields the slide gave (not its certainty, nor the file as its source), and the key
    of the source the file itself is."""
    data, starts = parse_positioned(text, name)
    reading = _Reading(text, name, starts, into is not None)
    if not isinstance(data, dict):
        message = "TimelineJS JSON must be an object with 'events'"
        raise TimelineError([Diagnostic(name, 1, 1, severity_of("E011"), "E011", message)])
    scale = into.certainty if into is not None else DEFAULT_CERTAINTY
    found = _slides(reading, data, scale)
    if into is not None:
        from timeline.interop.document import document

        base = document(into)  # its settings, and the actors they may name
        found["timeline"], found["actors"] = base["timeline"], dict(base.get("actors", {}))
        known = base.get("sources", {})
        for key, table in found["sources"].items():  # a credit gives a title and a URL:
            if key in known:  # the source's other fields stay (`--update`: only those)
                found["sources"][key] = {**known[key], **table}
    slide = data["title"] if isinstance(data.get("title"), dict) else {}
    title: dict[str, Any] = slide["text"] if isinstance(slide.get("text"), dict) else {}
    if title.get("headline"):
        found["timeline"]["title"] = plain_text(str(title["headline"])).replace("\n", " ")
    if title.get("text"):
        found["timeline"]["subtitle"] = plain_text(str(title["text"])).replace("\n", " ")
    for era in data.get("eras") or []:
        when = _when(era) if isinstance(era, dict) else None
        headline = plain_text(str((era.get("text") or {}).get("headline") or "")) if when else ""
        if when is None or not headline:
            reading.problem(era, "E012", "an era needs a headline and a start_date with a year")
            continue
        start, _, end = when.partition("/")
        reading.objects[("period", len(found["period"]))] = era
        found["period"].append({"title": headline, "start": start, "end": end or start})
    if reading.problems:
        raise TimelineError(reading.problems)
    timeline, findings = build_in_date_order(found, name, reading.place, reading.objects)
    given = tuple(frozenset(t) - reading.filled[id(t)] - {"id"} for t in found["event"])
    return timeline, findings, reading.place, given, file_source_key(name)
