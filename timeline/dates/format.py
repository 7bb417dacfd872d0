"""Dates and durations in words: the one place that says how a date reads.

Every renderer and every diagnostic message words a date with `date_label`
("Dec 2020", "~Jan 2026", "2023 → …", "44 BCE"), so one output never shows one
date two ways. Choices made once:

* Years before year 1 read "BCE" in English (astronomical year 0 is 1 BCE), in every
  output; other languages use their CLDR era ("av. J.-C.", "v. Chr.").
* An open end (``..``, "ongoing") reads "…"; an unknown end (``2020/``) reads "?".
* English ("en") is built in, day month year: "14 Jun 2013", "Dec 2020", and needs
  neither Babel nor pendulum (`timeline check` and English text start fast).
* Every other locale follows CLDR, through Babel, imported only when such a locale
  is asked for: its own order, month names and era ("14. Juni 2013", "déc. 2020",
  "44 av. J.-C.", "2013年6月14日") and its unit words for durations ("20 Jahre").
  The years are written out whole (no digit grouping): "170000000 ans".
* Seasons and decades, which CLDR does not word, come from the message catalogues
  (`timeline._i18n`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from timeline._i18n import babel_name, language, pN_, translation
from timeline.dates.calendar import add_months, civil_from_days
from timeline.dates.edtf import Date, EdtfDate, End, Precision

if TYPE_CHECKING:
    from timeline.dates.duration import Duration

__all__ = [
    "OPEN_END",
    "UNKNOWN_END",
    "date_label",
    "describe_duration",
    "duration_label",
    "gap_words",
    "grouped",
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
_SEASONS = (pN_("season", "spring"), pN_("season", "summer"), pN_("season", "autumn"),
            pN_("season", "winter"))  # fmt: skip


def _english(locale: str) -> bool:
    """Whether `locale` is the built-in English (en_gb and en_us follow CLDR)."""
    return locale == "en"


@functools.cache
def _cldr(locale: str, skeleton: str) -> tuple[tuple[str, str], ...]:
    """The CLDR pattern of `skeleton` in `locale`, as (field, literal) pieces:
    ("d", "") for a field, ("", ". ") for literal text."""
    from babel import Locale
    from babel.dates import match_skeleton

    known = Locale.parse(babel_name(locale)).datetime_skeletons
    found = known.get(skeleton) or known[match_skeleton(skeleton, known) or "yMMMd"]
    return _pieces(found.pattern)


def _pieces(pattern: str) -> tuple[tuple[str, str], ...]:
    """A CLDR date pattern cut into fields ("MMM") and literals ('de' quoted or not)."""
    pieces: list[tuple[str, str]] = []
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "'":
            end = pattern.find("'", at + 1)
            end = len(pattern) if end < 0 else end
            pieces.append(("", pattern[at + 1 : end] or "'"))
            at = end + 1
        elif char.isascii() and char.isalpha():
            end = at
            while end < len(pattern) and pattern[end] == char:
                end += 1
            pieces.append((pattern[at:end], ""))
            at = end
        else:
            pieces.append(("", char))
            at += 1
    return tuple(pieces)


@functools.cache
def _month(locale: str, context: str, width: str, month: int) -> str:
    """A CLDR month name: `context` "format" or "stand-alone", `width` "abbreviated"..."""
    from babel import Locale

    return str(Locale.parse(babel_name(locale)).months[context][width][month])


@functools.cache
def _era(locale: str, before: bool) -> str:
    """The abbreviated era before year 1 (`before`) or from it on."""
    if language(locale) == "en":  # CLDR's variant English eras, as the built-in English
        return "BCE" if before else "CE"
    from babel import Locale

    return str(Locale.parse(babel_name(locale)).eras["abbreviated"][0 if before else 1])


def _field(field: str, locale: str, year: int, month: int | None, day: int | None) -> str:
    letter, width = field[0], len(field)
    if letter == "y":
        return str(year if year > 0 else 1 - year)
    if letter == "G":
        return _era(locale, year <= 0)
    if letter in "ML" and month is not None:
        if width <= 2:
            return f"{month:0{width}d}"
        context = "format" if letter == "M" else "stand-alone"
        return _month(locale, context, {3: "abbreviated", 4: "wide"}.get(width, "narrow"), month)
    if letter == "d" and day is not None:
        return f"{day:0{width}d}"
    return field  # a field these skeletons never hold


def _calendar(
    locale: str,
    year: int,
    month: int | None = None,
    day: int | None = None,
    *,
    with_year: bool = True,
) -> str:
    """A year, month or day in `locale`: "14 Jun 2013", "14. Juni 2013", "Jun 2013"."""
    if _english(locale):
        parts = [str(day)] if day is not None else []
        parts += [_MONTHS[month]] if month is not None else []
        return " ".join([*parts, year_label(year, locale)] if with_year else parts)
    skeleton = ("G" if year <= 0 and with_year else "") + ("y" if with_year else "")
    skeleton += ("MMM" if month is not None else "") + ("d" if day is not None else "")
    pieces = _cldr(locale, skeleton)
    return "".join(literal or _field(field, locale, year, month, day) for field, literal in pieces)


def year_label(year: int, locale: str = "en") -> str:
    """A year as readers write it: 2022, 45 BCE (astronomical year -44), 2022年."""
    if not _english(locale):
        return _calendar(locale, year)
    if year > 0:
        return str(year)
    # Astronomical year 0 is 1 BCE.
    return f"{1 - year} BCE"


@functools.cache  # 12 months x a few locales
def month_name(month: int, locale: str = "en") -> str:
    """The abbreviated month name: "Dec", "déc.", "Dez."."""
    if _english(locale):
        return _MONTHS[month]
    return _month(locale, "format", "abbreviated", month)


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
    # One calendar conversion (`year`, `month` and `day` would each make their own).
    year, month, day = date._local
    if precision is Precision.DECADE:
        decade = str(year) if year >= 0 else year_label(year + 9, locale)
        text = translation(locale).gettext("{decade}s").format(decade=decade)
    elif precision in (Precision.CENTURY, Precision.MILLENNIUM):
        span = 99 if precision is Precision.CENTURY else 999
        text = f"{year_label(year, locale)}–{year_label(year + span, locale)}"
    elif precision is Precision.YEAR:
        text = year_label(year, locale)
    elif precision is Precision.SEASON:
        assert date.season is not None
        words = translation(locale)
        season = words.pgettext("season", _SEASONS[date.season - 21])
        text = words.gettext("{season} {year}").format(season=season, year=year_label(year, locale))
    else:  # a month, a day, or a day and time
        text = _calendar(locale, year, month, day if precision <= Precision.DAY else None)
        if precision is Precision.SECOND:
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


def instant_label(
    instant: int, precision: Precision, locale: str = "en", *, with_year: bool = True
) -> str:
    """The year, month or day that contains `instant`, worded as `date_label` words
    a date of that precision (axis ticks: "2022", "Jan 2022", "5 Jan 2022"); without
    the year when `with_year` is false ("Jan", "5 Jan")."""
    year, month, day = civil_from_days(instant // 86400)
    if precision >= Precision.YEAR:
        return year_label(year, locale)
    if precision >= Precision.MONTH:
        return _calendar(locale, year, month, with_year=with_year)
    return _calendar(locale, year, month, day, with_year=with_year)


def show(date: Date) -> str:
    """A date as diagnostics quote it: `date_label` in English."""
    return date_label(date, "en")


# Durations -----------------------------------------------------------------


def max_gap_parts(duration: Duration) -> tuple[int, int, int]:
    """(months, days, seconds) of a max_gap, each added on the calendar in that order."""
    return duration.calendar_parts()


_UNIT_NAMES = ("year", "month", "week", "day", "hour", "minute", "second")


def _count(n: int, unit: str, locale: str) -> str:
    """`n` `unit`s in words: "1 year", "18 months", "5 Tage", "170000000 ans"."""
    if _english(locale):
        return f"{n} {unit}{'' if n == 1 else 's'}"
    return _cldr_count(n, unit, locale)


@functools.lru_cache(maxsize=1024)
def _cldr_count(n: int, unit: str, locale: str) -> str:
    from babel.units import format_unit

    return str(
        format_unit(n, f"duration-{unit}", length="long", format="0", locale=babel_name(locale))
    )


def _words(years: int, months: int, weeks: int, days: int, seconds: int, locale: str) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    counts = (years, months, weeks, days, hours, minutes, seconds)
    parts = [_count(n, unit, locale) for n, unit in zip(counts, _UNIT_NAMES, strict=True) if n]
    if not parts:
        return _count(0, "day", locale)
    if _english(locale) or len(parts) == 1:
        return " ".join(parts)
    return _join_units(parts, locale)


def _join_units(parts: list[str], locale: str) -> str:
    """Parts of a duration joined by CLDR's unit list patterns ("1 Jahr, 1 Monat")."""
    from babel import Locale

    found = Locale.parse(babel_name(locale)).list_patterns

    def pattern(key: str) -> str:
        # Babel's data leaves out what a style inherits (narrow from short from long).
        for style in ("unit-narrow", "unit-short", "unit"):
            if key in found.get(style, {}):
                return str(found[style][key])
        return "{0}, {1}"

    if len(parts) == 2:
        return pattern("2").format(*parts)
    text = pattern("end").format(parts[-2], parts[-1])
    for part in reversed(parts[1:-2]):
        text = pattern("middle").format(part, text)
    return pattern("start").format(parts[0], text)


def describe_duration(duration: Duration, locale: str = "en") -> str:
    """A max_gap as written: P18M is '18 months', P1Y6M '1 year 6 months'."""
    seconds = duration.hours * 3600 + duration.minutes * 60 + duration.seconds
    return _words(duration.years, duration.months, duration.weeks, duration.days, seconds, locale)


def gap_words(start: int, end: int, locale: str = "en") -> str:
    """The calendar length from `start` to `end` (end > start): '1 year 1 month 3 days'."""
    (y0, m0, _), (y1, m1, _) = civil_from_days(start // 86400), civil_from_days(end // 86400)
    months = (y1 * 12 + m1) - (y0 * 12 + m0)
    while months > 0 and add_months(start, months) > end:
        months -= 1
    days, seconds = divmod(end - add_months(start, months), 86400)
    return _words(months // 12, months % 12, 0, days, seconds, locale)


_YEAR = 31_556_952  # the mean Gregorian year, in seconds
_UNITS = (
    ("year", _YEAR), ("month", _YEAR // 12), ("day", 86400), ("hour", 3600), ("minute", 60),
)  # fmt: skip


def duration_label(seconds: int, locale: str = "en") -> str:
    """A rounded length in words of the locale: "20 years", "3 mois", "5 hours"."""
    for unit, size in _UNITS:
        if seconds >= 2 * size:
            return _count(round(seconds / size), unit, locale)
    return _count(max(1, seconds), "second", locale)


def grouped(n: int, locale: str = "en") -> str:
    """A count with its digits grouped as `locale` groups them (CLDR): "1,950" in
    English, "1 950" in French (a narrow no-break space), "1.950" in German."""
    if language(locale) == "en":
        return f"{n:,}"
    from babel.numbers import format_decimal  # only for another language: Babel's data

    return str(format_decimal(n, locale=babel_name(locale)))
