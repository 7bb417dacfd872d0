"""Helpers of the chronology rules: dates and durations in words, and fast positions.

The date form here is deliberately minimal and English only ("Dec 2020", "~Jan 2026",
"2023 → …"): it is what diagnostics quote. The renderers have their own.
"""

from __future__ import annotations

import functools
import re
from itertools import accumulate, repeat

import pendulum

from timeline._diagnostics import Diagnostic, Severity
from timeline._edtf import (
    EdtfDate,
    EdtfInterval,
    Precision,
    _days_in_month,
    civil_from_days,
    days_from_civil,
)
from timeline._locate import _ELEMENT, _HEADER, Locator, Path, _split_key
from timeline._timeline import Timeline

__all__ = [
    "Positions",
    "add_calendar",
    "describe_duration",
    "gap_words",
    "max_gap_parts",
    "show",
]

_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")  # fmt: skip
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}  # by first month
_SEVERITY = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTE}


def _year(year: int) -> str:
    return str(year) if year > 0 else f"{1 - year} BC"


def _show_date(date: EdtfDate) -> str:
    precision = date.precision
    # The calendar date as written (an offset moves a date-time back from UTC), once.
    local = date.lower + (date.offset_minutes or 0) * 60
    year, month, day = civil_from_days(local // 86400)
    if precision is Precision.YEAR:
        text = _year(year)
    elif precision is Precision.MONTH:
        text = f"{_MONTHS[month]} {_year(year)}"
    elif precision is Precision.DAY:
        text = f"{day} {_MONTHS[month]} {_year(year)}"
    elif precision is Precision.SECOND:
        minutes, second = divmod(local % 86400, 60)
        clock = f"{minutes // 60:02d}:{minutes % 60:02d}" + (f":{second:02d}" if second else "")
        text = f"{day} {_MONTHS[month]} {_year(year)} {clock}"
    elif precision is Precision.SEASON:
        text = f"{_SEASONS[month]} {_year(year)}"
    elif precision is Precision.DECADE:
        text = f"{_year(year)}s"
    else:  # a century or a millennium: its first and last years
        width = 100 if precision is Precision.CENTURY else 1000
        text = f"{_year(year)}–{_year(year + width - 1)}"
    if date.approximate:
        text = "~" + text
    if date.uncertain:
        text += "?"
    return text


def show(date: EdtfDate | EdtfInterval) -> str:
    """A date in compact English at its own precision: '5 Jan 2026', '2023 → …'."""
    if isinstance(date, EdtfDate):
        return _show_date(date)
    start = _show_date(date.start) if isinstance(date.start, EdtfDate) else "…"
    end = _show_date(date.end) if isinstance(date.end, EdtfDate) else "…"
    return f"{start} → {end}"


# Durations -----------------------------------------------------------------


def max_gap_parts(duration: pendulum.Duration) -> tuple[int, int, int]:
    """(months, days, seconds) of a max_gap, each added on the calendar in that order."""
    months = duration.years * 12 + duration.months
    days = duration.weeks * 7 + duration.remaining_days
    seconds = duration.hours * 3600 + duration.minutes * 60 + duration.remaining_seconds
    return months, days, seconds


def _add_months(instant: int, months: int) -> int:
    day, second = divmod(instant, 86400)
    y, m, d = civil_from_days(day)
    index = y * 12 + m - 1 + months
    y, m0 = divmod(index, 12)
    d = min(d, _days_in_month(y, m0 + 1))
    return days_from_civil(y, m0 + 1, d) * 86400 + second


def add_calendar(instant: int, parts: tuple[int, int, int]) -> int:
    """`instant` plus (months, days, seconds) on the calendar: 31 Jan + 1 month = 28 Feb."""
    months, days, seconds = parts
    if months:
        instant = _add_months(instant, months)
    return instant + days * 86400 + seconds


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _words(years: int, months: int, weeks: int, days: int, seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    counts = (years, months, weeks, days, hours, minutes, seconds)
    units = ("year", "month", "week", "day", "hour", "minute", "second")
    parts = [_plural(n, unit) for n, unit in zip(counts, units, strict=True) if n]
    return " ".join(parts) or "0 days"


def describe_duration(duration: pendulum.Duration) -> str:
    """A max_gap as written: P18M is '18 months', P1Y6M '1 year 6 months'."""
    seconds = duration.hours * 3600 + duration.minutes * 60 + duration.remaining_seconds
    return _words(duration.years, duration.months, duration.weeks, duration.remaining_days, seconds)


def gap_words(start: int, end: int) -> str:
    """The calendar length from `start` to `end` (end > start): '1 year 1 month 3 days'."""
    (y0, m0, _), (y1, m1, _) = civil_from_days(start // 86400), civil_from_days(end // 86400)
    months = (y1 * 12 + m1) - (y0 * 12 + m0)
    while months > 0 and _add_months(start, months) > end:
        months -= 1
    days, seconds = divmod(end - _add_months(start, months), 86400)
    return _words(months // 12, months % 12, 0, days, seconds)


# Positions -----------------------------------------------------------------


class Positions:
    """Diagnostics for a timeline, positioned without indexing the whole file.

    `Timeline.locate` indexes every line of the file on first use, which on a
    100k-event file costs twice tomli's parse. An event's keys lie between its
    `[[event]]` header and the next one, so this finds the headers with `str.find`
    and reads just the one event's text: the key's line directly when the event
    holds no multi-line string, else with the same `Locator`. A table above the
    first event (sources) is found in the text above it. When the headers cannot
    be trusted (their count differs from the events loaded, say because a
    multi-line string holds a line '[[event]]'), and for any other path, it uses
    `Timeline.locate`. tests/test_rules.py checks that both always agree.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._headers: tuple[list[int], list[int]] | None = None
        self._scanned = False
        self._prefix: Locator | None = None

    def diagnostic(
        self, path: Path, code: str, message: str, event_ids: tuple[str, ...], *, value: bool
    ) -> Diagnostic:
        line, column = self.locate(path, value=value)
        severity = _SEVERITY[code[0]]
        return Diagnostic(self.timeline.name, line, column, severity, code, message, event_ids)

    def locate(self, path: Path, *, value: bool) -> tuple[int, int]:
        origin = self.timeline.origin
        headers = self._event_headers()
        if origin is None or headers is None or len(path) < 2:
            return self.timeline.locate(path, value=value)
        if path[0] != "event":
            return self._before_events(path, value=value)
        if len(path) < 3:
            return self.timeline.locate(path, value=value)
        index, key = path[1], path[2]
        assert isinstance(index, int)
        offsets, lines = headers
        if index >= len(offsets) or not isinstance(key, str):
            return self.timeline.locate(path, value=value)
        text = origin.text
        start = offsets[index]
        stop = offsets[index + 1] if index + 1 < len(offsets) else len(text)
        found = _key_line(text, start, stop, key)
        if found is not None:
            begin = found.start()  # the key's line
            line = lines[index] + text.count("\n", start, begin)
            if not value:
                return (line, found.end(1) - begin + 1)
            if len(path) == 3:
                return (line, found.end() - begin + 1)
            item = path[3]
            if isinstance(item, int):
                column = _item_column(text, begin, found.end(), item)
                if column is not None:
                    return (line, column)
        # The general way: the Locator, on this event's text only.
        inner: Path = ("event", 0, *path[2:])
        local = Locator(text[start:stop])
        line, column = local.value(inner) if value else local.key(inner)
        return (lines[index] + line - 1, column)

    def _before_events(self, path: Path, *, value: bool) -> tuple[int, int]:
        """A table above the first event (sources usually are) is found in that text."""
        origin = self.timeline.origin
        offsets = self._headers[0] if self._headers is not None else []
        if origin is None or not offsets:
            return self.timeline.locate(path, value=value)
        if self._prefix is None:
            self._prefix = Locator(origin.text[: offsets[0]])
        if path[:2] not in self._prefix._index():  # below the events: the whole file
            return self.timeline.locate(path, value=value)
        return self._prefix.value(path) if value else self._prefix.key(path)

    def _event_headers(self) -> tuple[list[int], list[int]] | None:
        if self._scanned:
            return self._headers
        self._scanned = True
        origin = self.timeline.origin
        if origin is None:
            return None
        text = origin.text
        # The usual file: every '[[' begins a line '[[event]]'. If there are as many as
        # events, none can hide in a multi-line string (each event has its header).
        offsets = [found.start() + 1 for found in _EVENT_LINE.finditer(text)]
        if text.startswith("[[event]]"):
            offsets.insert(0, 0)
        if len(offsets) == len(origin.events) == text.count("[["):
            newlines = map(text.count, repeat("\n"), [0, *offsets[:-1]], offsets)
            self._headers = (offsets, list(accumulate(newlines, initial=1))[1:])
            return self._headers
        self._headers = self._scan(text, len(origin.events))
        return self._headers

    @staticmethod
    def _scan(text: str, events: int) -> tuple[list[int], list[int]] | None:
        """Every line the Locator could take for an event header; None unless there
        are as many as events (then none is inside a multi-line string)."""
        find, rfind, count, match, starts = (
            text.find, text.rfind, text.count, _HEADER.match, text.startswith
        )  # fmt: skip
        offsets: list[int] = []
        lines: list[int] = []
        line, previous = 1, 0
        position = find("[[")
        while position >= 0:
            begin = position if position == 0 or text[position - 1] == "\n" else None
            if begin is None:
                begin = rfind("\n", 0, position) + 1
                if text[begin:position].strip(" \t"):
                    begin = None
            if begin is not None and (
                starts("[[event]]", position) or _is_event_header(match(text, begin))
            ):
                line += count("\n", previous, begin)
                previous = begin
                offsets.append(begin)
                lines.append(line)
            position = find("[[", position + 2)
        return (offsets, lines) if len(offsets) == events else None


@functools.lru_cache(maxsize=32)
def _key_pattern(key: str) -> re.Pattern[str]:
    name = re.escape(key)
    return re.compile(rf"^([ \t]*)(?:{name}|\"{name}\"|'{name}')[ \t]*=[ \t]*", re.MULTILINE)


_LINE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_EVENT_LINE = re.compile(r"\n\[\[event\]\]")


def _key_line(text: str, start: int, stop: int, key: str) -> re.Match[str] | None:
    """The line of `key = ` in the event whose text is text[start:stop], or None when
    this cannot be sure to find the line the Locator finds.

    It is sure when the event has no multi-line string and no other table begins
    before the key: then only a multi-line array can span lines, and none of its
    lines can look like `key =` (or like a header) in a file that loaded.
    """
    if text.find('"""', start, stop) >= 0 or text.find("'''", start, stop) >= 0:
        return None
    found = _key_pattern(key).search(text, start, stop)
    if found is None:
        return None
    if _LINE_HEADER.search(text, text.find("\n", start) + 1, found.start()) is not None:
        return None
    return found


def _item_column(text: str, begin: int, position: int, index: int) -> int | None:
    """Column of item `index` of the array at `position`, as Locator._element finds it,
    when the array closes on its line; None when it goes on (the Locator follows it)."""
    end = text.find("\n", position)
    if end < 0:
        end = len(text)
    start, depth, count = position, 0, -1
    while position < end:
        char = text[position]
        if char == "[":
            depth += 1
            position += 1
        elif char == "]":
            depth -= 1
            position += 1
            if depth <= 0:
                return start - begin + 1
        elif char in ", \t":
            position += 1
        elif char == "#":
            return None
        else:
            element = _ELEMENT.match(text, position, end)
            if element is None:
                position += 1
                continue
            if depth == 1:
                count += 1
                if count == index:
                    return position - begin + 1
            position = element.end()
    return None


def _is_event_header(found: re.Match[str] | None) -> bool:
    return found is not None and found[1] == "[[" and _split_key(found[2]) == ("event",)
