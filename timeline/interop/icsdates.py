"""The date of an iCalendar VEVENT as EDTF: DTSTART, and DTEND or DURATION.

An all-day span (`VALUE=DATE`, DTEND exclusive) of exactly one day, month or
year is that day, month or year (`20201201` to `20210101` is `2020-12`); any
other all-day span is an interval of days. A date-time is an instant: in UTC
when it ends in "Z", at the offset its `TZID` zone had on that day (`TZID=
Europe/Paris:20260315T093000` is `2026-03-15T09:30:00+01:00`), else a local
time of no zone, as RFC 5545's "floating" times are. A date-time event that
ends on a later day is the interval of its days (EDTF intervals hold no time of
day). What cannot be read exactly is said (`Reading.partly`): a `TZID` this
machine has no zone for keeps the time as a local one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from timeline.dates.calendar import civil_from_days, days_from_civil, days_in_month
from timeline.dates.duration import parse_duration

__all__ = ["Property", "Reading", "edtf_of"]

Property = tuple[int, dict[str, str], str]  # (line, parameters, value as written)

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})\Z")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\Z")


@attrs.define
class Reading:
    """The EDTF date read, or None when DTSTART is not a date; what was read in part."""

    date: str | None = None
    partly: list[tuple[int, str]] = attrs.field(factory=list)  # (line, what was lost)


def edtf_of(start: Property | None, end: Property | None, duration: Property | None) -> Reading:
    """The date of a VEVENT with these DTSTART, DTEND and DURATION (see the module)."""
    reading = Reading()
    if start is None:
        return reading
    first = _day_or_instant(start, reading)
    if first is None:
        return reading
    day, instant, clock = first
    last = _end_day(day, clock, end, duration)
    _say_lost_end(reading, day, last, end, duration)
    if instant is not None:
        reading.date = instant if last is None or last <= day else _days(day, last)
    else:
        reading.date = _all_day(day, last)
    return reading


def _day_or_instant(start: Property, reading: Reading) -> tuple[int, str | None, int | None] | None:
    """DTSTART's day (days since the epoch) and, for a date-time, its EDTF instant and
    its time of day in seconds."""
    line, params, value = start
    date = _DATE.match(value)
    if date:
        y, m, d = (int(part) for part in date.groups())
        return days_from_civil(y, m, d), None, None
    found = _DATE_TIME.match(value)
    if found is None:
        return None
    y, mo, d, h, mi, s = (int(part) for part in found.groups()[:6])
    text = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
    if found.group(7):
        text += "Z"
    elif "TZID" in params:
        offset = _offset(params["TZID"], dt.datetime(y, mo, d, h, mi, s))
        if offset is None:
            reading.partly.append((line, f"TZID '{params['TZID']}' is not a time zone this"
                                         " machine knows: the time is kept as a local time"
                                         " of no zone"))  # fmt: skip
        else:
            text += offset
    return days_from_civil(y, mo, d), text, h * 3600 + mi * 60 + s


def _end_day(
    day: int, clock: int | None, end: Property | None, duration: Property | None
) -> int | None:
    """The last day the event covers, None when neither DTEND nor DURATION says. `clock`
    is DTSTART's time of day (None for a date). An end at midnight (a date's DTEND is
    one, exclusive) covers nothing of its day."""
    if end is not None:
        date = _DATE.match(end[2]) or _DATE_TIME.match(end[2])
        if date is None:
            return None
        midnight = date.re is _DATE or date.group(4, 5, 6) == ("00", "00", "00")
        return _day_of(end[2]) - (1 if midnight else 0)
    if duration is not None:
        try:
            parts = parse_duration(duration[2].lstrip("+"))
        except ValueError:
            return None
        if parts.years or parts.months:
            return None
        seconds = (parts.weeks * 7 + parts.days) * 86400
        seconds += parts.hours * 3600 + parts.minutes * 60 + parts.seconds
        after = (clock or 0) + seconds  # from the start of DTSTART's day
        return day + (after - 1) // 86400 if after > 0 else day
    return None


def _say_lost_end(
    reading: Reading, day: int, last: int | None, end: Property | None,
    duration: Property | None,
) -> None:  # fmt: skip
    """W041 for an end that was given but cannot be the event's: one before the start,
    or a DTEND or DURATION that is not one (RFC 5545 durations count weeks, days,
    hours, minutes and seconds: no months, no years)."""
    given = end or duration
    if given is None:
        return
    name = "DTEND" if end is not None else "DURATION"
    if last is None:
        reading.partly.append((given[0], f"{name} {given[2]!r} is not an iCalendar"
                               f" {'date or date-time' if end else 'duration'}:"
                               " only the start is imported"))  # fmt: skip
    elif end is not None and _day_of(end[2]) < day:  # an end on the start's day is none
        reading.partly.append((given[0], f"DTEND {end[2]!r} is before the start:"
                               " only the start is imported"))  # fmt: skip


def _day_of(value: str) -> int:
    """The day (since the epoch) of a DATE or DATE-TIME value already read as one."""
    found = _DATE.match(value) or _DATE_TIME.match(value)
    assert found is not None
    y, m, d = (int(part) for part in found.groups()[:3])
    return days_from_civil(y, m, d)


def _all_day(day: int, last: int | None) -> str:
    """An all-day span from `day` to `last` (inclusive): a day, a month, a year, or days."""
    y, m, d = civil_from_days(day)
    if last is None or last <= day:
        return f"{y:04d}-{m:02d}-{d:02d}"
    ly, lm, ld = civil_from_days(last)
    if d == 1 and (ly, lm) == (y, m) and ld == days_in_month(y, m):
        return f"{y:04d}-{m:02d}"
    if (m, d, ly, lm, ld) == (1, 1, y, 12, 31):
        return f"{y:04d}"
    return _days(day, last)


def _days(first: int, last: int) -> str:
    y, m, d = civil_from_days(first)
    ly, lm, ld = civil_from_days(last)
    return f"{y:04d}-{m:02d}-{d:02d}/{ly:04d}-{lm:02d}-{ld:02d}"


def _offset(tzid: str, local: dt.datetime) -> str | None:
    """The UTC offset ("+01:00") zone `tzid` had at `local`, or None when no zone of this
    machine has that name. Some programs put a path before the zone's name
    ("/mozilla.org/20050126_1/Europe/Paris"): its tail is tried too."""
    zone = _zone(tzid)
    if zone is None:
        return None
    offset = local.replace(tzinfo=zone).utcoffset()
    assert offset is not None  # a ZoneInfo gives every local time an offset
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@functools.lru_cache(maxsize=64)
def _zone(tzid: str) -> dt.tzinfo | None:
    import zoneinfo  # only for a calendar that names zones

    parts = tzid.strip("/").split("/")
    for first in range(len(parts)):
        try:
            return zoneinfo.ZoneInfo("/".join(parts[first:]))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # "Canada": a folder
            continue
    return None
