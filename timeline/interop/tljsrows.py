"""TimelineJS's spreadsheet layout (Knight Lab's template) to events, periods, settings.

`Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
Background`, in any order and case. A row of Type `title` gives the chronology's
title (Headline) and subtitle (Text, on one line); `era` rows are periods; the
others events: the id the Headline's slug (made unique), Group the lane, Text
(HTML) the description as plain text, Media Credit a source (its URL the Media's).
Years are astronomical, as EDTF and TimelineJS count them (`-43` is 44 BCE). A
Year alone may be any date habit (`c. 1850`, `Dec 2012`, a date cell). Display
Date, Media Caption, Media Thumbnail and Background are not kept (the renderers
word dates themselves).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from timeline._hints import did_you_mean
from timeline.interop.collect import Collected, Origin
from timeline.interop.derive import Keys, group_text, plain_text, slug
from timeline.interop.sheets import Row

__all__ = ["TIMELINEJS_COLUMNS", "collect_timelinejs", "is_timelinejs"]

TIMELINEJS_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
_KNOWN = {name.lower(): name for name in TIMELINEJS_COLUMNS}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")
_INTEGER = re.compile(r"-?\d+")


def is_timelinejs(header: tuple[str, ...]) -> bool:
    names = {name.lower() for name in header}
    return {"year", "headline"} <= names


def _columns(collected: Collected) -> dict[str, int]:
    sheet = collected.sheet
    columns: dict[str, int] = {}
    for index, name in enumerate(sheet.header):
        known = _KNOWN.get(name.lower())
        if known is not None and known not in columns:
            columns[known] = index
        elif name:
            hint = did_you_mean(name, TIMELINEJS_COLUMNS) if known is None else ""
            why = "repeated" if known is not None else "not a column of TimelineJS's layout"
            collected.problem(sheet.header_line, index, "E010", f"column '{name}' is {why}{hint}")
    return columns


def collect_timelinejs(collected: Collected) -> None:
    columns = _columns(collected)
    ids = Keys()
    for row in collected.sheet.rows:
        kind = str(row.cell(columns["Type"]) or "").strip().lower() if "Type" in columns else ""
        _row(collected, row, columns, kind, ids)


def _row(collected: Collected, row: Row, columns: dict[str, int], kind: str, ids: Keys) -> None:
    def cell(name: str) -> Any:
        return row.cell(columns[name]) if name in columns else None

    line, first = row.line, columns["Headline"]
    headline = plain_text(str(cell("Headline") or ""))
    text = plain_text(str(cell("Text") or ""))
    if not headline:
        collected.skip(line, first, "no headline")
        return
    if kind == "title":
        settings = collected.data["timeline"]
        if collected.into is None:
            settings["title"] = headline
            if text:
                settings["subtitle"] = " ".join(text.split())
        return
    at = {"date": columns["Year"], "start": columns["Year"]}
    at["end"] = columns.get("End Year", columns["Year"])
    table: dict[str, Any] = {"title": headline}
    before = len(collected.problems)
    start = _date(collected, row, columns, "")
    end = _date(collected, row, columns, "End ")
    if start is None or len(collected.problems) > before:
        if len(collected.problems) == before:
            collected.problem(line, columns["Year"], "E012", f"row {line} has no Year")
        return
    if end is None or end == start:
        table["date"] = start
    else:
        table.update(start=start, end=end)
    if kind == "era":
        collected.add("period", table, Origin(collected.sheet, line, at, first))
        return
    _event(collected, row, columns, table, ids, text)
    collected.add("event", table, Origin(collected.sheet, line, {**at, "title": first,
              "id": first, "lane": columns.get("Group", first)}, first))  # fmt: skip


def _event(
    collected: Collected, row: Row, columns: dict[str, int], table: dict[str, Any],
    ids: Keys, text: str,
) -> None:  # fmt: skip
    def cell(name: str) -> Any:
        return row.cell(columns[name]) if name in columns else None

    line = row.line
    table["id"] = ids.key(slug(table["title"]) or f"row-{line}")
    table["certainty"] = collected.certainty
    collected.defaulted.append(line)
    credit, media = cell("Media Credit"), cell("Media")
    if credit is not None:
        credit = plain_text(str(credit))
    if credit:
        media_url = None if media is None else str(media)
        key = collected.source(line, columns["Media Credit"], credit, media_url)
        table["sources"] = [key]
    else:
        table["sources"] = [collected.cite_file(line)]
    group = group_text(str(cell("Group") or ""))
    if group:
        table["lane"] = group
    if text:
        table["description"] = text


def _date(collected: Collected, row: Row, columns: dict[str, int], side: str) -> str | None:
    """The EDTF of the Year/Month/Day/Time columns of `side` ("" or "End "), None when
    the Year is empty (E012 for a Time, Month or Day without it) or after an error."""
    names = [f"{side}{part}" for part in ("Year", "Month", "Day", "Time")]
    year, month, day, time = (
        row.cell(columns[n]) if n in columns else None for n in names
    )  # fmt: skip
    line = row.line
    if year is None:
        given = [n for n, v in zip(names[1:], (month, day, time), strict=True) if v is not None]
        if given:
            column = columns[given[-1]]
            collected.problem(line, column, "E012",
                              f"row {line} has a {given[-1]} but no {names[0]}")  # fmt: skip
        return None
    column = columns[names[0]]
    if month is None and day is None and time is None:
        return collected.date(line, column, year, names[0])
    parts = [_number(year)] + [_number(v) if v is not None else None for v in (month, day)]
    for name, value, part in zip(names[:3], (year, month, day), parts, strict=True):
        if value is not None and part is None:  # the first cell that is not a number
            collected.problem(line, columns[name], "E013",
                              f"invalid date in '{name}': '{value}' is not a whole number"
                              " (the Year, Month and Day must be)")  # fmt: skip
            return None
    if day is not None and month is None:
        collected.problem(line, columns[names[2]], "E012",
                          f"row {line} has a {names[2]} but no {names[1]}")  # fmt: skip
        return None
    assert parts[0] is not None  # the loop above returned otherwise
    # Each column's text in turn, so an error names the cell at fault.
    pieces = [(names[0], f"{parts[0]:05d}" if parts[0] < 0 else f"{parts[0]:04d}")]
    for name, part in zip(names[1:3], parts[1:], strict=True):
        if part is not None:
            pieces.append((name, f"-{part:02d}"))
    if time is not None:
        if day is None:
            collected.problem(line, columns[names[3]], "E012",
                              f"row {line} has a {names[3]} but no {names[2]}")  # fmt: skip
            return None
        clock = _clock(time)
        if clock is None:
            message = f"invalid date in '{names[3]}': '{time}' is not a time of day"
            collected.problem(line, columns[names[3]], "E013", message)
            return None
        pieces.append((names[3], f"T{clock}"))
    return _edtf(collected, line, columns, pieces)


def _edtf(
    collected: Collected, line: int, columns: dict[str, int], pieces: list[tuple[str, str]]
) -> str | None:
    """The EDTF of `pieces` (column name, its text), or None after E013 at the first
    column whose text makes it invalid: a Month of 14 is the Month's fault, not the Year's."""
    from timeline.dates.edtf import parse
    from timeline.errors import EdtfError

    text = "".join(piece for _, piece in pieces)
    try:
        parse(text)
    except EdtfError:
        for end, (name, _) in enumerate(pieces, start=1):
            prefix = "".join(piece for _, piece in pieces[:end])
            if collected.edtf(line, columns[name], prefix, name) is None:
                return None
        raise  # unreachable: the last prefix is `text` itself
    return text


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return int(value)
    text = str(value).strip()
    return int(text) if _INTEGER.fullmatch(text) else None


def _clock(value: object) -> str | None:
    if isinstance(value, dt.time | dt.datetime):
        return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    match = _TIME.fullmatch(str(value).strip())
    if match is None:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if match.group(4):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(4).lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{second:02d}"
