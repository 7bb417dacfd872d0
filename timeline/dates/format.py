"""Dates and durations in words: the one place that says how a date reads.

Every renderer and every diagnostic message words a date with `date_label`
("Dec 2020", "~Jan 2026", "2023 → …", "44 BCE"), so one output never shows one
date two ways. Choices made once:

* Years before year 1 read "BCE" (astronomical year 0 is 1 BCE), in every output.
* An open end (``..``, "ongoing") reads "…"; an unknown end (``2020/``) reads "?".
* English month names are built in; other locales' come from pendulum (CLDR),
  imported only when such a locale is asked for.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from timeline.dates.calendar import add_months, civil_from_days
from timeline.dates.edtf import Date, EdtfDate, End, Precision

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "OPEN_END",
    "UNKNOWN_END",
    "date_label",
    "describe_duration",
    "duration_label",
    "gap_words",
    "instant_label",
    "max_gap_parts",
    "month_name",
    "show",
    "year_label",
]

OPEN_END = "…"
UNKNOWN_END = "?"
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")  # fmt: skip
_SEASONS = {
    "en": ("spring", "summer", "autumn", "winter"),
    "fr": ("printemps", "été", "automne", "hiver"),
    "de": ("Frühling", "Sommer", "Herbst", "Winter"),
    "es": ("primavera", "verano", "otoño", "invierno"),
}
_BEFORE_COMMON_ERA = {"en": "BCE", "fr": "av. J.-C.", "de": "v. Chr.", "es": "a. C."}


def _language(locale: str) -> str:
    return locale.split("_", 1)[0]


def year_label(year: int, locale: str = "en") -> str:
    """A year as readers write it: 2022, 45 BCE (astronomical year -44)."""
    if year > 0:
        return str(year)
    # Astronomical year 0 is 1 BCE.
    return f"{1 - year} {_BEFORE_COMMON_ERA.get(_language(locale), 'BCE')}"


@functools.cache  # 12 months x a few locales; pendulum is slow here
def month_name(month: int, locale: str = "en") -> str:
    """The abbreviated month name: "Dec", "déc.", "Dez."."""
    if _language(locale) == "en":
        return _MONTHS[month]
    import pendulum

    # A proxy year: pendulum only knows years 1-9999, month names do not depend on it.
    return str(pendulum.datetime(2000, month, 1).format("MMM", locale=locale))


def _clock(date: EdtfDate) -> str:
    assert date.time is not None
    hours, minutes, seconds = date.time
    text = f" {hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
    if date.offset_minutes == 0:
        text += " UTC"
    elif date.offset_minutes is not None:
        sign = "+" if date.offset_minutes > 0 else "−"
        shift = abs(date.offset_minutes)
        text += f" UTC{sign}{shift // 60:02d}:{shift % 60:02d}"
    return text


def _single(date: EdtfDate, locale: str) -> str:
    precision = date.precision
    year = date.year
    if precision is Precision.DECADE:
        text = f"{year}s" if year >= 0 else f"{year_label(year + 9, locale)}s"
    elif precision in (Precision.CENTURY, Precision.MILLENNIUM):
        span = 99 if precision is Precision.CENTURY else 999
        text = f"{year_label(year, locale)}–{year_label(year + span, locale)}"
    elif precision is Precision.YEAR:
        text = year_label(year, locale)
    elif precision is Precision.SEASON:
        assert date.season is not None
        names = _SEASONS.get(_language(locale), _SEASONS["en"])
        text = f"{names[date.season - 21]} {year_label(year, locale)}"
    else:
        assert date.month is not None
        text = f"{month_name(date.month, locale)} {year_label(year, locale)}"
        if date.day is not None:
            text = f"{date.day} {text}"
        if date.time is not None:
            text += _clock(date)
    if date.approximate:
        text = "~" + text
    if date.uncertain:
        text += "?"
    return text


def _end(end: EdtfDate | End, locale: str) -> str:
    if end is End.OPEN:
        return OPEN_END
    if end is End.UNKNOWN:
        return UNKNOWN_END
    assert isinstance(end, EdtfDate)
    return _single(end, locale)


def date_label(date: Date, locale: str = "en") -> str:
    """A date at its own precision: "Dec 2020", "2022", "~Jan 2026", "2023 → …"."""
    if isinstance(date, EdtfDate):
        return _single(date, locale)
    return f"{_end(date.start, locale)} → {_end(date.end, locale)}"


def instant_label(instant: int, precision: Precision, locale: str = "en") -> str:
    """The year, month or day that contains `instant`, worded as `date_label` words
    a date of that precision (axis ticks: "2022", "Jan 2022", "5 Jan 2022")."""
    year, month, day = civil_from_days(instant // 86400)
    if precision >= Precision.YEAR:
        return year_label(year, locale)
    text = f"{month_name(month, locale)} {year_label(year, locale)}"
    return text if precision >= Precision.MONTH else f"{day} {text}"


def show(date: Date) -> str:
    """A date as diagnostics quote it: `date_label` in English."""
    return date_label(date, "en")


# Durations -----------------------------------------------------------------


def max_gap_parts(duration: pendulum.Duration) -> tuple[int, int, int]:
    """(months, days, seconds) of a max_gap, each added on the calendar in that order."""
    months = duration.years * 12 + duration.months
    days = duration.weeks * 7 + duration.remaining_days
    seconds = duration.hours * 3600 + duration.minutes * 60 + duration.remaining_seconds
    return months, days, seconds


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
    while months > 0 and add_months(start, months) > end:
        months -= 1
    days, seconds = divmod(end - add_months(start, months), 86400)
    return _words(months // 12, months % 12, 0, days, seconds)


_YEAR = 31_556_952  # the mean Gregorian year, in seconds
_UNITS = (
    ("years", _YEAR), ("months", _YEAR // 12), ("days", 86400), ("hours", 3600),
    ("minutes", 60),
)  # fmt: skip


def duration_label(seconds: int, locale: str = "en") -> str:
    """A rounded length in words of the locale: "20 years", "3 mois", "5 hours"."""
    for unit, size in _UNITS:
        if seconds >= 2 * size:
            return _in_words(unit, round(seconds / size), locale)
    return _in_words("seconds", max(1, seconds), locale)


@functools.lru_cache(maxsize=256)
def _in_words(unit: str, count: int, locale: str) -> str:
    import pendulum

    try:
        if count <= 10**6:
            return str(pendulum.duration(**{unit: count}).in_words(locale=locale))
        # pendulum's durations stop at C ints; the words for 2 take the count.
        return str(pendulum.duration(**{unit: 2}).in_words(locale=locale)).replace(
            "2", f"{count}", 1
        )
    except Exception:  # an unknown locale or a pendulum limit: never fail a render on words
        return f"{count} {unit}"
