"""EDTF Level 0 and Level 1 dates (LoC specification of 2019-02-04) as integer instants.

An instant is an ``int``: seconds since 1970-01-01T00:00:00Z on the proleptic Gregorian
calendar with astronomical year numbering (year 0 = 1 BCE). Every date has strict bounds
``lower`` (first second inside) and ``upper`` (first second after: exclusive), so a day is
``[midnight, next midnight)``. Local times without an offset are taken as UTC.

Choices the specification leaves open, made here and relied on elsewhere:

* Seasons are Northern meteorological: 21 spring = March-May, 22 summer = June-August,
  23 autumn = September-November, 24 winter = December of that year to the end of February
  of the next.
* Fuzzy bounds: ``~`` or ``?`` widen each strict bound outward by one unit of the date's
  precision (a day, a calendar month, a season = 3 months, a year, a decade, a century, a
  millennium; a date-time by one minute); ``%`` widens by two units. In an interval each
  end's own qualifier widens only that end's outer bound.
* For unspecified digits (``201X``, ``-01XX``) ``year`` is the first year of the range.
* ``1XXX`` (three unspecified digits) is accepted as a millennium, like python-edtf.
* A qualifier may also follow a date-time (``1985-04-12T23:20:30~``).
* Y-prefixed years and times of day are rejected inside intervals, as edtf-validate does;
  so is ``/`` alone (no end is known or open).
* ``from_toml`` drops microseconds: text and bounds are to the second.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from typing import ClassVar

import attrs

from timeline.dates.calendar import (
    civil_from_days,
    days_from_civil,
    days_in_month,
    month_start,
    to_civil,
)
from timeline.errors import EdtfError

__all__ = [
    "MAX_YEAR", "Date", "EdtfDate", "EdtfError", "EdtfInterval", "End", "Precision",
    "civil_from_days", "days_from_civil", "from_toml", "interval", "parse", "to_civil",
]  # fmt: skip


class Precision(enum.IntEnum):
    """The finest known unit of a date; smaller is finer."""

    SECOND = 0
    DAY = 1
    MONTH = 2
    SEASON = 3
    YEAR = 4
    DECADE = 5
    CENTURY = 6
    MILLENNIUM = 7


class End(enum.Enum):
    """An interval end that is not a date: open (``..``) or unknown (empty)."""

    OPEN = ".."
    UNKNOWN = ""


@attrs.frozen(slots=True)
class EdtfDate:
    """One date, with strict and fuzzy bounds as instants (``upper`` exclusive).

    Only what cannot be derived is stored: a chronology holds one of these per
    event, and each stored field costs load time. The calendar parts (``year``,
    ``month``, ``day``, ``season``, ``time``) and the fuzzy bounds are derived
    from the strict bounds, the precision and the qualifiers.
    """

    text: str
    precision: Precision
    uncertain: bool
    approximate: bool
    lower: int
    upper: int
    offset_minutes: int | None = None  # None = no offset given; 0 for Z
    is_interval: ClassVar[bool] = False

    @property
    def _local(self) -> tuple[int, int, int]:
        # The calendar date as written: a date-time's offset moves it back from UTC.
        return civil_from_days((self.lower + (self.offset_minutes or 0) * 60) // 86400)

    @property
    def year(self) -> int:
        """The year; for unspecified digits (``201X``) the first year of the range."""
        return self._local[0]

    @property
    def month(self) -> int | None:
        """None when not given or unspecified (``XX``), and for seasons."""
        return self._local[1] if self.precision <= _MONTH else None

    @property
    def day(self) -> int | None:
        return self._local[2] if self.precision <= _DAY else None

    @property
    def season(self) -> int | None:
        """21-24 (spring to winter) for season dates, else None."""
        return _SEASON_OF_MONTH[self._local[1]] if self.precision is _SEASON else None

    @property
    def time(self) -> tuple[int, int, int] | None:
        if self.precision is not _SECOND:
            return None
        seconds = (self.lower + (self.offset_minutes or 0) * 60) % 86400
        return (seconds // 3600, seconds // 60 % 60, seconds % 60)

    @property
    def lower_fuzzy(self) -> int:
        return self._fuzzy(-1)

    @property
    def upper_fuzzy(self) -> int:
        return self._fuzzy(1)

    @property
    def lower_date(self) -> datetime.date | None:
        """The first day the date certainly lies within, as a `datetime.date` (for pandas
        and scripts); None outside the years 1-9999, which `datetime` cannot hold."""
        return _as_date(self.lower)

    @property
    def upper_date(self) -> datetime.date | None:
        """The last day the date certainly lies within (its strict upper bound is the
        instant after it), as a `datetime.date`; None outside the years 1-9999."""
        return _as_date(self.upper - 1)

    def _fuzzy(self, side: int) -> int:
        bound = self.upper if side > 0 else self.lower
        if not (self.uncertain or self.approximate):
            return bound
        units = side * (2 if self.uncertain and self.approximate else 1)
        if self.precision is _DAY:
            return bound + units * 86400
        if self.precision is _SECOND:
            return bound + units * 60
        y, m, _ = civil_from_days(bound // 86400)
        return month_start(y * 12 + m - 1 + units * _UNIT_MONTHS[self.precision])


def _as_date(instant: int) -> datetime.date | None:
    y, m, d = to_civil(instant)
    return datetime.date(y, m, d) if 1 <= y <= 9999 else None


@attrs.frozen(slots=True)
class EdtfInterval:
    """``start/end``; a bound is None where its end is OPEN or UNKNOWN."""

    text: str
    start: EdtfDate | End
    end: EdtfDate | End
    is_interval: ClassVar[bool] = True

    @property
    def lower(self) -> int | None:
        return self.start.lower if isinstance(self.start, EdtfDate) else None

    @property
    def upper(self) -> int | None:
        return self.end.upper if isinstance(self.end, EdtfDate) else None

    @property
    def lower_fuzzy(self) -> int | None:
        return self.start.lower_fuzzy if isinstance(self.start, EdtfDate) else None

    @property
    def upper_fuzzy(self) -> int | None:
        return self.end.upper_fuzzy if isinstance(self.end, EdtfDate) else None

    @property
    def precision(self) -> Precision:
        ends = [e.precision for e in (self.start, self.end) if isinstance(e, EdtfDate)]
        return max(ends, default=Precision.YEAR)

    @property
    def uncertain(self) -> bool:
        return any(isinstance(e, EdtfDate) and e.uncertain for e in (self.start, self.end))

    @property
    def approximate(self) -> bool:
        return any(isinstance(e, EdtfDate) and e.approximate for e in (self.start, self.end))


Date = EdtfDate | EdtfInterval


_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")  # fmt: skip
_SEASON_FIRST_MONTH = {21: 2, 22: 5, 23: 8, 24: 11}  # 0-based: March, June, September, December
_SEASON_OF_MONTH = {3: 21, 6: 22, 9: 23, 12: 24}  # the first month of each season
_UNIT_MONTHS = {
    Precision.MONTH: 1, Precision.SEASON: 3, Precision.YEAR: 12,
    Precision.DECADE: 120, Precision.CENTURY: 1200, Precision.MILLENNIUM: 12000,
}  # fmt: skip
# The years a date may have: Y-1000000000 to Y1000000000. Far more than history needs,
# and every instant stays well inside a 64-bit integer (about 3.2e16 seconds).
MAX_YEAR = 10**9
_X_PRECISION = (Precision.YEAR, Precision.DECADE, Precision.CENTURY, Precision.MILLENNIUM)
# Enum attribute lookups cost as much as a regex match here: bind the members once.
_SECOND, _DAY, _MONTH, _SEASON, _YEAR = (Precision(i) for i in range(5))

# Deliberately lenient (any digit counts, qualifiers anywhere) so that wrong lengths,
# ranges and Level 2 forms get a specific message instead of "no match". [0-9], not \d:
# \d would accept non-ASCII digits.
_DATE = re.compile(
    r"([?~%])?(-?Y-?[0-9]+|-?[0-9X]+)([?~%])?"  # 1-3: left qualifier, year, qualifier
    r"(?:-([?~%])?([0-9X]+)([?~%])?"  # 4-6: month or season
    r"(?:-([?~%])?([0-9X]+)([?~%])?)?)?"  # 7-9: day
    r"(?:([Tt])([0-9:]*)([Zz]|[+-][0-9:]*)?([?~%])?)?"  # 10-13: time, UTC offset, qualifier
)
_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})")
_SHIFT = re.compile(r"[+-]([0-9]{2})(?::([0-9]{2}))?")
_SPACE = re.compile(r"\s")


def _quote(s: str) -> str:
    return f"'{s}'" if len(s) <= 24 else f"'{s[:20]}...'"


def _level2(what: str, segment: str, offset: int) -> EdtfError:
    return EdtfError(f"Level 2 EDTF is not supported: {what} ({_quote(segment)})", offset)


# Results are immutable, so a cache is safe; chronologies repeat their dates (and errors,
# which are not cached, are rare). Building the 14-field frozen attrs object dominates.
@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Date:
    """Parse a Level 0/1 EDTF string; raise EdtfError saying what is wrong and where."""
    simple = _SIMPLE.match(text)
    if simple is not None:
        date = _simple_date(text, *simple.groups())
        if date is not None:
            return date
    try:
        slash = text.find("/")
        if slash >= 0:
            return _parse_interval(text, slash)
        if not text:
            raise EdtfError("empty date", 0)
        if text == "..":
            raise EdtfError("'..' (open end) is only allowed on one side of an interval", 0)
        return _parse_date(text, 0, False)
    except EdtfError:
        # No pattern admits whitespace, so it always fails; name it rather than the symptom.
        space = _SPACE.search(text)
        if space:
            raise EdtfError(
                f"unexpected whitespace {space.group()!r}: EDTF allows none", space.start()
            ) from None
        raise


_DATE_SLOTS = tuple(getattr(EdtfDate, f.name).__set__ for f in attrs.fields(EdtfDate))


def _new_date(
    text: str, precision: Precision, uncertain: bool, approximate: bool,
    lower: int, upper: int, offset_minutes: int | None,
) -> EdtfDate:  # fmt: skip
    """EdtfDate(...) without attrs' frozen-__init__ overhead (a third of a parse)."""
    date: EdtfDate = object.__new__(EdtfDate)
    set_text, set_precision, set_uncertain, set_approximate, set_lower, set_upper, set_offset = (
        _DATE_SLOTS
    )
    set_text(date, text)
    set_precision(date, precision)
    set_uncertain(date, uncertain)
    set_approximate(date, approximate)
    set_lower(date, lower)
    set_upper(date, upper)
    set_offset(date, offset_minutes)
    return date


# The Level 0 forms most chronologies are made of; everything else, and every error,
# goes through the general parser below.
_SIMPLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def _simple_date(text: str, y: str, m: str | None, d: str | None) -> EdtfDate | None:
    year = int(y)
    if m is None:
        lower, upper = month_start(year * 12), month_start(year * 12 + 12)
        return _new_date(text, _YEAR, False, False, lower, upper, None)
    month = int(m)
    if not 1 <= month <= 12:
        return None
    if d is None:
        index = year * 12 + month - 1
        lower, upper = month_start(index), month_start(index + 1)
        return _new_date(text, _MONTH, False, False, lower, upper, None)
    day = int(d)
    if not 1 <= day <= days_in_month(year, month):
        return None
    lower = month_start(year * 12 + month - 1) + (day - 1) * 86400
    upper = lower + 86400
    return _new_date(text, _DAY, False, False, lower, upper, None)


def _parse_interval(text: str, slash: int) -> EdtfInterval:
    first, second = text[:slash], text[slash + 1 :]
    if "/" in second:
        raise EdtfError("unexpected second '/': an interval has one", slash + 1 + second.find("/"))
    if not first and not second:
        raise EdtfError("empty interval: expected a date or '..' on a side of '/'", 0)
    start = _parse_end(first, 0)
    end = _parse_end(second, slash + 1)
    _check_order(start, end, slash + 1)
    return EdtfInterval(text, start, end)


def _parse_end(s: str, offset: int) -> EdtfDate | End:
    if not s:
        return End.UNKNOWN
    if s == "..":
        return End.OPEN
    return _parse_date(s, offset, True)


def _check_order(start: EdtfDate | End, end: EdtfDate | End, offset: int) -> None:
    # Strict lower bounds, as edtf-validate: '1111-01-01/1111' is valid, '2012-24/2012-21' not.
    if isinstance(start, EdtfDate) and isinstance(end, EdtfDate) and start.lower > end.lower:
        later, earlier = _quote(start.text), _quote(end.text)
        raise EdtfError(f"interval ends before it starts: {earlier} begins before {later}", offset)


def interval(start: EdtfDate | End, end: EdtfDate | End) -> EdtfInterval:
    """The interval ``start/end`` from parsed parts (e.g. TOML start/end fields)."""
    first = start.text if isinstance(start, EdtfDate) else start.value
    second = end.text if isinstance(end, EdtfDate) else end.value
    _check_order(start, end, len(first) + 1)
    return EdtfInterval(f"{first}/{second}", start, end)


def _parse_date(s: str, off: int, in_interval: bool) -> EdtfDate:  # noqa: C901, PLR0912, PLR0915
    m = _DATE.match(s)
    if m is None:
        if s[0] in "[{":
            raise _level2("set of dates", s, off)
        raise EdtfError(f"expected a date such as 1985-04-12, found {_quote(s)}", off)
    lq, ytxt, yq, mlq, mtxt, mq, dlq, dtxt, dq, tsep, clock, shift, tq = m.groups()
    if m.end() < len(s):
        rest = s[m.end() :]
        if rest[0] in "ES" and m.end() == m.end(2):
            raise _level2("exponential year or significant digits", s, off + m.end())
        raise EdtfError(f"unexpected text {_quote(rest)} after the date", off + m.end())
    if lq or mlq or dlq:
        group = 1 if lq else 4 if mlq else 7
        what = "qualifier before the date" if lq else "qualifier before a component"
        raise _level2(what, s, off + m.start(group))
    # Only the qualifier after the last component qualifies the whole date (Level 1).
    last = 3 if tsep else 2 if dtxt else 1 if mtxt else 0
    q = (yq, mq, dq, tq)[last]
    if yq or mq or dq:
        for i in range(last):
            if (yq, mq, dq)[i]:
                raise _level2("qualifier on a single component", s, off + m.start(3 + 3 * i))

    negative = ytxt[0] == "-"
    digits = ytxt[1:] if negative else ytxt
    if "Y" in ytxt:
        if negative:
            raise EdtfError(f"invalid year '{ytxt}': the sign goes after Y ('Y-{ytxt[2:]}')", off)
        if len(ytxt.lstrip("Y-")) <= 4 or ytxt.lstrip("Y-")[0] == "0":
            raise EdtfError(f"invalid year '{ytxt}': Y is only for years of over 4 digits", off)
        magnitude = ytxt.lstrip("Y-")  # no int() yet: 5,000 digits would raise ValueError
        if len(magnitude) > len(str(MAX_YEAR)) or int(magnitude) > MAX_YEAR:
            raise EdtfError(
                f"invalid year {_quote(ytxt)}: beyond the supported range of years,"
                f" {-MAX_YEAR} to {MAX_YEAR}",
                off,
            )
        if mtxt is not None or tsep:
            rest = s[m.end(2) :]
            raise EdtfError(f"unexpected text {_quote(rest)} after a Y year", off + m.end(2))
        if in_interval:
            raise EdtfError("a Y-prefixed year is not allowed in an interval", off)
    elif len(digits) != 4:
        if len(digits) > 4 and "X" not in digits:
            raise EdtfError(
                f"invalid year {_quote(ytxt)}: over 4 digits needs Y ({_quote('Y' + ytxt)})", off
            )
        raise EdtfError(f"invalid year {_quote(ytxt)}: expected 4 digits", off)
    elif negative and digits == "0000":
        raise EdtfError(f"invalid year '{ytxt}': year zero has no sign", off)

    for text, group in ((mtxt, 5), (dtxt, 8)):
        if text is not None and len(text) != 2:
            name = "month" if group == 5 else "day"
            raise EdtfError(f"invalid {name} '{text}': expected 2 digits", off + m.start(group))
    unspecified = 0  # X digits in the year
    if "X" in s:
        # Level 1 allows X only as a suffix of the digits that covers whole month/day parts.
        known = (digits + (mtxt or "") + (dtxt or "")).rstrip("X")
        level2 = (
            "unspecified digits in an interval" if in_interval
            else "unspecified digit before a specified one" if "X" in known
            else "fully unspecified year" if not known
            else "unspecified year with a month" if len(known) < 4 and mtxt is not None
            else "unspecified digit inside a month or day" if len(known) in (5, 7)
            else None
        )  # fmt: skip
        if level2:
            raise _level2(level2, s, off + s.find("X"))
        unspecified = max(0, 4 - len(known))

    month = day = None
    precision = _YEAR
    if unspecified:
        width = 10**unspecified
        first_year = int(digits[: 4 - unspecified]) * width
        last_year = first_year + width - 1
        if negative:
            first_year, last_year = -last_year, -first_year
        year, precision = first_year, _X_PRECISION[unspecified]
        lo, hi = first_year * 12, last_year * 12 + 12
    else:
        year = int(ytxt.lstrip("Y"))
        lo, hi = year * 12, year * 12 + 12
    if mtxt is not None and mtxt != "XX":
        value = int(mtxt)
        if dtxt is None and 21 <= value <= 24:
            precision = _SEASON
            lo = year * 12 + _SEASON_FIRST_MONTH[value]
            hi = lo + 3
        elif dtxt is None and 25 <= value <= 41:
            raise _level2(f"sub-year grouping '{mtxt}'", s, off + m.start(5))
        elif not 1 <= value <= 12:
            also = " or a season 21-24" if dtxt is None else ""
            raise EdtfError(f"invalid month '{mtxt}': expected 01-12{also}", off + m.start(5))
        else:
            month, precision = value, _MONTH
            lo, hi = year * 12 + value - 1, year * 12 + value
    if dtxt is not None and dtxt != "XX":
        assert month is not None  # a month of XX with a known day is rejected above
        day, limit = int(dtxt), days_in_month(year, month)
        if not 1 <= day <= 31:
            raise EdtfError(f"invalid day '{dtxt}': expected 01-31", off + m.start(8))
        if day > limit:
            where = off + m.start(8)
            raise EdtfError(
                f"invalid day '{dtxt}': {_MONTH_NAMES[month]} {ytxt} has {limit} days", where
            )
        precision = _DAY

    clock_time = offset_minutes = None
    if tsep:
        where = off + m.start(10)
        if in_interval:
            raise EdtfError("a time of day is not allowed in an interval", where)
        if day is None:
            raise EdtfError("a time of day needs a complete date (YYYY-MM-DD)", where)
        if tsep == "t":
            raise EdtfError("lower-case 't': expected 'T' before the time", where)
        c = _CLOCK.fullmatch(clock)
        if c is None:
            raise EdtfError(f"invalid time {_quote(clock)}: expected hh:mm:ss", where + 1)
        for name, part, limit in (("hour", c[1], 23), ("minute", c[2], 59), ("second", c[3], 59)):
            if int(part) > limit:
                raise EdtfError(f"invalid {name} '{part}': expected 00-{limit}", where + 1)
        clock_time = (int(c[1]), int(c[2]), int(c[3]))
        if shift == "z":
            raise EdtfError("lower-case 'z': expected 'Z' for UTC", off + m.start(12))
        if shift:
            offset_minutes = 0 if shift == "Z" else _parse_shift(shift, off + m.start(12))
        precision = _SECOND

    if precision <= _DAY:
        assert month is not None
        assert day is not None  # DAY and SECOND precision imply a month and a day
        lower = days_from_civil(year, month, day) * 86400
        if clock_time is None:
            upper = lower + 86400
        else:
            h, mi, sec = clock_time
            lower += h * 3600 + mi * 60 + sec - (offset_minutes or 0) * 60
            upper = lower + 1
    else:
        lower, upper = month_start(lo), month_start(hi)
    uncertain, approximate = q in ("?", "%"), q in ("~", "%")
    return _new_date(s, precision, uncertain, approximate, lower, upper, offset_minutes)


def _parse_shift(shift: str, where: int) -> int:
    t = _SHIFT.fullmatch(shift)
    if t is None:
        raise EdtfError(f"invalid UTC offset '{shift}': expected Z, ±hh or ±hh:mm", where)
    hours, minutes = int(t[1]), int(t[2] or 0)
    if hours > 23:
        raise EdtfError(f"invalid UTC offset '{shift}': hours must be 00-23", where)
    if minutes > 59:
        raise EdtfError(f"invalid UTC offset '{shift}': minutes must be 00-59", where)
    return (hours * 60 + minutes) * (-1 if shift[0] == "-" else 1)


def from_toml(value: datetime.date | datetime.datetime | datetime.time) -> EdtfDate:
    """A TOML date (day precision) or date-time (second precision; naive = no offset).

    ``text`` is the EDTF form of the value; microseconds are dropped from text and bounds.
    """
    if isinstance(value, datetime.datetime):
        text = value.replace(microsecond=0, tzinfo=None).isoformat()
        shift = value.utcoffset()
        if shift is not None:
            seconds = int(shift.total_seconds())
            if seconds % 60:
                raise EdtfError("a UTC offset with seconds is not EDTF", len(text))
            sign, minutes = "-" if seconds < 0 else "+", abs(seconds) // 60
            text += "Z" if seconds == 0 else f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    else:
        raise EdtfError("a time of day without a date is not a date", 0)
    date = parse(text)
    assert isinstance(date, EdtfDate)  # a date's ISO form is never an interval
    return date
