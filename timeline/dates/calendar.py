"""Calendar arithmetic on integer instants (seconds since 1970-01-01 UTC),
proleptic Gregorian, for any year: the one place that does it.

Instants are plain ints, so every computation is exact and fast; the civil-date
conversions are Howard Hinnant's algorithms.
"""

from __future__ import annotations

import functools

__all__ = [
    "DAY",
    "add_calendar",
    "add_months",
    "civil_from_days",
    "days_from_civil",
    "days_in_month",
    "month_start",
    "to_civil",
    "year_start",
]

DAY = 86400


def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 (Howard Hinnant's algorithm; floor division makes it exact
    for negative and arbitrarily large years)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def civil_from_days(n: int) -> tuple[int, int, int]:
    """(year, month, day) of day ``n`` since 1970-01-01; inverse of days_from_civil."""
    z = n + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) // 5 + 1


def to_civil(instant: int) -> tuple[int, int, int]:
    """(year, month, day) of the day containing ``instant``."""
    return civil_from_days(instant // 86400)


@functools.lru_cache(maxsize=8192)  # the hot spot of a parse; few distinct months recur
def month_start(index: int) -> int:
    """The first instant of month `index` (= year * 12 + month - 1), so that month
    arithmetic (fuzz, seasons, max_gap) stays integer."""
    y, m0 = divmod(index, 12)
    return days_from_civil(y, m0 + 1, 1) * 86400


def days_in_month(y: int, m: int) -> int:
    """28-31: the proleptic Gregorian month `m` of year `y`."""
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def year_start(year: int) -> int:
    """The first instant of `year` (astronomical numbering: 0 is 1 BCE)."""
    return days_from_civil(year, 1, 1) * DAY


def add_months(instant: int, months: int) -> int:
    """`instant` moved by whole calendar months; the day is clipped to the month's
    length (31 Jan + 1 month = 28 or 29 Feb)."""
    day, second = divmod(instant, DAY)
    y, m, d = civil_from_days(day)
    index = y * 12 + m - 1 + months
    y, m0 = divmod(index, 12)
    d = min(d, days_in_month(y, m0 + 1))
    return days_from_civil(y, m0 + 1, d) * DAY + second


def add_calendar(instant: int, parts: tuple[int, int, int]) -> int:
    """`instant` plus (months, days, seconds) on the calendar, in that order."""
    months, days, seconds = parts
    if months:
        instant = add_months(instant, months)
    return instant + days * DAY + seconds
