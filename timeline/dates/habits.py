"""Spreadsheet date habits as EDTF: what people type in a date cell, made exact.

`habit(value, order)` gives the EDTF text of a cell, or raises `HabitError`
saying why it cannot. EDTF itself passes through (`2012`, `2012-12-05`,
`2026-01~`, `2023/..`); besides it:

* `12/2012`, `Dec 2012`, `December 2012`, `Sept. 2012` -> `2012-12`;
* `5 Dec 2012`, `Dec 5, 2012`, `2012/12/05` -> `2012-12-05`;
* `05/10/2013` -> a day, read in `order` ("day-first" or "month-first"); without
  an order it is refused unless only one reading exists (`25/10/2013`, `05/05/2013`);
* `08/??/1999` (`XX`, `--` too) -> `1999-08`: the known number is the month (EDTF
  cannot hold a day without its month, so with `day-first` it is refused);
  `??/??/1999` -> `1999`;
* `c. 1850`, `circa 1850`, `ca. 1850`, `approx. 1850` -> `1850~` (on any of the above);
* spreadsheet date cells (`datetime.date`, `datetime.datetime`) -> the day, or the
  moment when it has a time of day; a whole number (`-43`, `79`) -> that year.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.dates.edtf import _MONTH_NAMES, parse
from timeline.errors import EdtfError

__all__ = ["ORDERS", "HabitError", "habit"]

ORDERS = ("day-first", "month-first")

_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES) if name}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_CIRCA = re.compile(
    r"(?:approximately|approx|circa|ca|c)\.?\s*(\d.*|[A-Za-z]{3,}.*)", re.IGNORECASE
)
_YEAR = r"(-?\d{1,4})"
# A month and a year: the year has 4 digits (with a sign, any), as `12/25` or `3-4` are
# a day and a month more often than year 25.
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](-?\d{4})")
_NAMED = re.compile(rf"([A-Za-z]+)\.?,?\s+{_YEAR}")
_DAY_NAMED = re.compile(rf"(\d{{1,2}})\s+([A-Za-z]+)\.?,?\s+{_YEAR}")
_NAMED_DAY = re.compile(rf"([A-Za-z]+)\.?\s+(\d{{1,2}}),?\s+{_YEAR}")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_PART = r"(\d{1,2}|\?\?|XX|xx|--)"
_NUMERIC = re.compile(rf"{_PART}[/.]{_PART}[/.](\d{{4}})")
_UNKNOWN = ("??", "XX", "xx", "--")
_WHOLE = re.compile(r"-?\d{1,9}")


class HabitError(ValueError):
    """A cell that is no date timeline can read; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def habit(value: object, order: str | None = None) -> str:
    """The EDTF text of a spreadsheet cell (see the module); `HabitError` otherwise."""
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise HabitError(f"{value!r} is not a date")
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return _year(int(value))
    text = str(value).strip()
    circa = _CIRCA.fullmatch(text)
    if circa is not None and not _is_edtf(text):
        inner = habit(circa.group(1), order)
        if inner[-1] in "~?%" or "/" in inner:
            raise HabitError(f"'{text}' is approximate twice")
        return f"{inner}~"
    if _is_edtf(text):
        return text
    if _WHOLE.fullmatch(text):
        return _year(int(text))
    found = _words(text) or _numbers(text, order)
    if found is None:
        raise HabitError(
            f"'{text}' is not a date timeline can read (EDTF such as 2012-12-05, or 12/2012,"
            " Dec 2012, 05/12/2012, c. 1850)"
        )
    return found


def _is_edtf(text: str) -> bool:
    try:
        parse(text)
    except EdtfError:
        return False
    return True


def _year(year: int) -> str:
    if abs(year) > 9999:
        return f"Y{year}"
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _day(year: str, month: int, day: int) -> str:
    text = f"{_year(int(year))}-{month:02d}-{day:02d}"
    try:
        parse(text)
    except EdtfError as error:
        raise HabitError(error.message) from None
    return text


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def _words(text: str) -> str | None:
    """`Dec 2012`, `5 Dec 2012`, `Dec 5, 2012`, `2012/12/05`, `12/2012`."""
    if match := _NAMED.fullmatch(text):
        month = _month(match.group(1))
        return None if month is None else f"{_year(int(match.group(2)))}-{month:02d}"
    if match := _DAY_NAMED.fullmatch(text):
        month = _month(match.group(2))
        return None if month is None else _day(match.group(3), month, int(match.group(1)))
    if match := _NAMED_DAY.fullmatch(text):
        month = _month(match.group(1))
        return None if month is None else _day(match.group(3), month, int(match.group(2)))
    if match := _YMD.fullmatch(text):
        return _day(match.group(1), int(match.group(2)), int(match.group(3)))
    if match := _MONTH_YEAR.fullmatch(text):
        month = int(match.group(1))
        if 1 <= month <= 12:
            return f"{_year(int(match.group(2)))}-{month:02d}"
    return None


def _numbers(text: str, order: str | None) -> str | None:
    """`05/10/2013`, `08/??/1999`, `??/??/1999`: two parts and a year."""
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    first, second, year = match.groups()
    if first in _UNKNOWN and second in _UNKNOWN:
        return _year(int(year))
    if first in _UNKNOWN or second in _UNKNOWN:
        known, known_first = (second, False) if first in _UNKNOWN else (first, True)
        day_known = known_first if order == "day-first" else not known_first
        if order is not None and day_known:  # the known part is the day, for that order
            raise HabitError(
                f"'{text}' gives a day but not its month (--{order}), which EDTF cannot"
                f" hold; write the year, {_year(int(year))}"
            )
        if not 1 <= int(known) <= 12:
            raise HabitError(f"'{text}': {known} is not a month")
        return f"{_year(int(year))}-{int(known):02d}"
    a, b = int(first), int(second)
    if order is None and a != b and a <= 12 and b <= 12:
        raise HabitError(
            f"'{text}' is ambiguous: day {a} of month {b}, or month {a} day {b}; give"
            " --day-first or --month-first"
        )
    if order == "day-first" or (order is None and a > 12):
        a, b = b, a
    if not 1 <= a <= 12:
        raise HabitError(f"'{text}': {a} is not a month")
    return _day(year, a, b)
