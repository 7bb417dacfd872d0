"""Helpers of the chronology rules: dates and durations in words.

The date form here is deliberately minimal and English only ("Dec 2020", "~Jan 2026",
"2023 → …"): it is what diagnostics quote. The renderers have their own.
"""

from __future__ import annotations

import pendulum

from timeline.dates.edtf import (
    EdtfDate,
    EdtfInterval,
    Precision,
    _days_in_month,
    civil_from_days,
    days_from_civil,
)

__all__ = [
    "add_calendar",
    "describe_duration",
    "gap_words",
    "max_gap_parts",
    "show",
]

_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")  # fmt: skip
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}  # by first month


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
