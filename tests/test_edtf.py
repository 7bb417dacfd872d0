"""Tests for timeline.dates.edtf: tables of valid, invalid and Level 2 strings, and properties."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates.edtf import (
    MAX_YEAR,
    EdtfDate,
    EdtfError,
    EdtfInterval,
    End,
    Precision,
    civil_from_days,
    days_from_civil,
    from_toml,
    interval,
    parse,
    to_civil,
)

P = Precision


def iso(instant: int | None) -> str | None:
    """The ISO day ('-0199-01-01', '170000002-01-01') of an instant, with the time of day
    when it is not midnight; None stays None (open or unknown interval ends)."""
    if instant is None:
        return None
    y, m, d = to_civil(instant)
    text = f"{'-' if y < 0 else ''}{abs(y):04d}-{m:02d}-{d:02d}"
    seconds = instant % 86400
    if seconds:
        text += f"T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return text


def bounds(date: EdtfDate | EdtfInterval) -> tuple[str | None, ...]:
    return tuple(iso(b) for b in (date.lower, date.upper, date.lower_fuzzy, date.upper_fuzzy))


def flags(date: EdtfDate | EdtfInterval) -> str:
    return ("?" if date.uncertain else "") + ("~" if date.approximate else "")


# text, precision, flags, lower, upper (exclusive), lower_fuzzy, upper_fuzzy; None fuzzy = strict
VALID_DATES = [
    ("1985-04-12", P.DAY, "", "1985-04-12", "1985-04-13", None, None),
    ("2020-12", P.MONTH, "", "2020-12-01", "2021-01-01", None, None),
    ("1985", P.YEAR, "", "1985-01-01", "1986-01-01", None, None),
    ("0000", P.YEAR, "", "0000-01-01", "0001-01-01", None, None),
    ("-1985", P.YEAR, "", "-1985-01-01", "-1984-01-01", None, None),
    ("-0001-12-31", P.DAY, "", "-0001-12-31", "0000-01-01", None, None),
    ("2000-02-29", P.DAY, "", "2000-02-29", "2000-03-01", None, None),
    ("-0004-02-29", P.DAY, "", "-0004-02-29", "-0004-03-01", None, None),
    ("1985-04-12T23:20:30", P.SECOND, "", "1985-04-12T23:20:30", "1985-04-12T23:20:31",
     None, None),
    ("1985-04-12T23:20:30Z", P.SECOND, "", "1985-04-12T23:20:30", "1985-04-12T23:20:31",
     None, None),
    ("1985-04-12T23:20:30-04", P.SECOND, "", "1985-04-13T03:20:30", "1985-04-13T03:20:31",
     None, None),
    ("1985-04-12T23:20:30+04:30", P.SECOND, "", "1985-04-12T18:50:30", "1985-04-12T18:50:31",
     None, None),
    ("1985-04-12T23:20:30~", P.SECOND, "~", "1985-04-12T23:20:30", "1985-04-12T23:20:31",
     "1985-04-12T23:19:30", "1985-04-12T23:21:31"),
    ("Y170000002", P.YEAR, "", "170000002-01-01", "170000003-01-01", None, None),
    ("Y-170000002", P.YEAR, "", "-170000002-01-01", "-170000001-01-01", None, None),
    ("2001-21", P.SEASON, "", "2001-03-01", "2001-06-01", None, None),
    ("2003-22", P.SEASON, "", "2003-06-01", "2003-09-01", None, None),
    ("2000-23", P.SEASON, "", "2000-09-01", "2000-12-01", None, None),
    ("2011-24", P.SEASON, "", "2011-12-01", "2012-03-01", None, None),
    ("-2004-23", P.SEASON, "", "-2004-09-01", "-2004-12-01", None, None),
    ("2001-21~", P.SEASON, "~", "2001-03-01", "2001-06-01", "2000-12-01", "2001-09-01"),
    ("1984?", P.YEAR, "?", "1984-01-01", "1985-01-01", "1983-01-01", "1986-01-01"),
    ("1984~", P.YEAR, "~", "1984-01-01", "1985-01-01", "1983-01-01", "1986-01-01"),
    ("1984%", P.YEAR, "?~", "1984-01-01", "1985-01-01", "1982-01-01", "1987-01-01"),
    ("2004-06~", P.MONTH, "~", "2004-06-01", "2004-07-01", "2004-05-01", "2004-08-01"),
    ("2004-01?", P.MONTH, "?", "2004-01-01", "2004-02-01", "2003-12-01", "2004-03-01"),
    ("2004-06-11?", P.DAY, "?", "2004-06-11", "2004-06-12", "2004-06-10", "2004-06-13"),
    ("2004-06-11%", P.DAY, "?~", "2004-06-11", "2004-06-12", "2004-06-09", "2004-06-14"),
    ("-0001~", P.YEAR, "~", "-0001-01-01", "0000-01-01", "-0002-01-01", "0001-01-01"),
    ("201X", P.DECADE, "", "2010-01-01", "2020-01-01", None, None),
    ("20XX", P.CENTURY, "", "2000-01-01", "2100-01-01", None, None),
    ("1XXX", P.MILLENNIUM, "", "1000-01-01", "2000-01-01", None, None),
    ("-01XX", P.CENTURY, "", "-0199-01-01", "-0099-01-01", None, None),
    ("-20XX", P.CENTURY, "", "-2099-01-01", "-1999-01-01", None, None),
    ("156X~", P.DECADE, "~", "1560-01-01", "1570-01-01", "1550-01-01", "1580-01-01"),
    ("16XX%", P.CENTURY, "?~", "1600-01-01", "1700-01-01", "1400-01-01", "1900-01-01"),
    ("1XXX~", P.MILLENNIUM, "~", "1000-01-01", "2000-01-01", "0000-01-01", "3000-01-01"),
    ("2004-XX", P.YEAR, "", "2004-01-01", "2005-01-01", None, None),
    ("1985-04-XX", P.MONTH, "", "1985-04-01", "1985-05-01", None, None),
    ("1985-XX-XX", P.YEAR, "", "1985-01-01", "1986-01-01", None, None),
    ("1985-04-XX?", P.MONTH, "?", "1985-04-01", "1985-05-01", "1985-03-01", "1985-06-01"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "precision", "qualifiers", "lower", "upper", "lower_fuzzy", "upper_fuzzy"),
    VALID_DATES,
)
def test_valid_date(
    *,
    text: str,
    precision: Precision,
    qualifiers: str,
    lower: str,
    upper: str,
    lower_fuzzy: str | None,
    upper_fuzzy: str | None,
) -> None:
    date = parse(text)
    assert isinstance(date, EdtfDate)
    assert not date.is_interval
    assert date.text == text
    assert (date.precision, flags(date)) == (precision, qualifiers)
    assert bounds(date) == (lower, upper, lower_fuzzy or lower, upper_fuzzy or upper)


# text, year, month, day, season, time, offset_minutes
FIELDS = [
    ("1985-04-12", 1985, 4, 12, None, None, None),
    ("2001-21", 2001, None, None, 21, None, None),
    ("1985-XX-XX", 1985, None, None, None, None, None),
    ("1985-04-XX", 1985, 4, None, None, None, None),
    ("-01XX", -199, None, None, None, None, None),
    ("1985-04-12T23:20:30", 1985, 4, 12, None, (23, 20, 30), None),
    ("1985-04-12T23:20:30Z", 1985, 4, 12, None, (23, 20, 30), 0),
    ("1985-04-12T23:20:30-04", 1985, 4, 12, None, (23, 20, 30), -240),
    ("1985-04-12T23:20:30+04:30", 1985, 4, 12, None, (23, 20, 30), 270),
]


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "season", "time", "offset_minutes"), FIELDS
)
def test_fields(
    *,
    text: str,
    year: int,
    month: int | None,
    day: int | None,
    season: int | None,
    time: tuple[int, int, int] | None,
    offset_minutes: int | None,
) -> None:
    date = parse(text)
    assert isinstance(date, EdtfDate)
    assert (date.year, date.month, date.day, date.season) == (year, month, day, season)
    assert (date.time, date.offset_minutes) == (time, offset_minutes)


OPEN, UNKNOWN = End.OPEN, End.UNKNOWN
# text, precision, flags, lower, upper, lower_fuzzy, upper_fuzzy (None: OPEN/UNKNOWN end)
VALID_INTERVALS = [
    ("1964/2008", P.YEAR, "", "1964-01-01", "2009-01-01", "1964-01-01", "2009-01-01"),
    ("2004-02-01/2005-02", P.MONTH, "", "2004-02-01", "2005-03-01", "2004-02-01", "2005-03-01"),
    ("-2005/-1999-02", P.YEAR, "", "-2005-01-01", "-1999-03-01", "-2005-01-01", "-1999-03-01"),
    ("1111-01-01/1111", P.YEAR, "", "1111-01-01", "1112-01-01", "1111-01-01", "1112-01-01"),
    ("2003-22/2003-22", P.SEASON, "", "2003-06-01", "2003-09-01", "2003-06-01", "2003-09-01"),
    ("2019-24/2020-21", P.SEASON, "", "2019-12-01", "2020-06-01", "2019-12-01", "2020-06-01"),
    ("1985/..", P.YEAR, "", "1985-01-01", None, "1985-01-01", None),
    ("../1985-04", P.MONTH, "", None, "1985-05-01", None, "1985-05-01"),
    ("1985-04-12/", P.DAY, "", "1985-04-12", None, "1985-04-12", None),
    ("/1985", P.YEAR, "", None, "1986-01-01", None, "1986-01-01"),
    ("../..", P.YEAR, "", None, None, None, None),
    ("/..", P.YEAR, "", None, None, None, None),
    ("../", P.YEAR, "", None, None, None, None),
    ("1984~/2004-06", P.YEAR, "~", "1984-01-01", "2004-07-01", "1983-01-01", "2004-07-01"),
    ("1984/2004-06~", P.YEAR, "~", "1984-01-01", "2004-07-01", "1984-01-01", "2004-08-01"),
    ("1984?/2004%", P.YEAR, "?~", "1984-01-01", "2005-01-01", "1983-01-01", "2007-01-01"),
    ("1984-06-02?/", P.DAY, "?", "1984-06-02", None, "1984-06-01", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "precision", "qualifiers", "lower", "upper", "lower_fuzzy", "upper_fuzzy"),
    VALID_INTERVALS,
)
def test_valid_interval(
    *,
    text: str,
    precision: Precision,
    qualifiers: str,
    lower: str | None,
    upper: str | None,
    lower_fuzzy: str | None,
    upper_fuzzy: str | None,
) -> None:
    date = parse(text)
    assert isinstance(date, EdtfInterval)
    assert date.is_interval
    assert date.text == text
    assert (date.precision, flags(date)) == (precision, qualifiers)
    assert bounds(date) == (lower, upper, lower_fuzzy, upper_fuzzy)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("1985/..", None, OPEN), ("../1985", OPEN, None), ("1985/", None, UNKNOWN),
     ("/1985", UNKNOWN, None), ("../..", OPEN, OPEN), ("/..", UNKNOWN, OPEN),
     ("../", OPEN, UNKNOWN)],
)  # fmt: skip
def test_interval_ends(text: str, start: End | None, end: End | None) -> None:
    date = parse(text)
    assert isinstance(date, EdtfInterval)
    for got, want in ((date.start, start), (date.end, end)):
        assert got is want if want is not None else isinstance(got, EdtfDate)


INVALID = [
    ("", "empty date", 0),
    ("abc", "expected a date such as 1985-04-12, found 'abc'", 0),
    ("+2006", "expected a date such as 1985-04-12, found '+2006'", 0),
    ("2020abc", "unexpected text 'abc' after the date", 4),
    ("2001-21^southernHemisphere", "unexpected text '^southernHemisphere' after the date", 7),
    ("2004-(06)?-11", "unexpected text '-(06)?-11' after the date", 4),
    (" 2020", "unexpected whitespace ' ': EDTF allows none", 0),
    ("2020-01 ", "unexpected whitespace ' ': EDTF allows none", 7),
    ("2020-\t01", "unexpected whitespace '\\t': EDTF allows none", 5),
    ("1863-03-29\n", "unexpected whitespace '\\n': EDTF allows none", 10),
    ("198", "invalid year '198': expected 4 digits", 0),
    ("20067890%", "invalid year '20067890': over 4 digits needs Y ('Y20067890')", 0),
    ("Y2006", "invalid year 'Y2006': Y is only for years of over 4 digits", 0),
    ("Y01234", "invalid year 'Y01234': Y is only for years of over 4 digits", 0),
    ("-Y170000002", "invalid year '-Y170000002': the sign goes after Y ('Y-170000002')", 0),
    ("Y170000002-01", "unexpected text '-01' after a Y year", 10),
    ("-0000", "invalid year '-0000': year zero has no sign", 0),
    ("-0000-01-01", "invalid year '-0000': year zero has no sign", 0),
    ("1985-4", "invalid month '4': expected 2 digits", 5),
    ("1985-04-1", "invalid day '1': expected 2 digits", 8),
    ("2020-13", "invalid month '13': expected 01-12 or a season 21-24", 5),
    ("2020-00", "invalid month '00': expected 01-12 or a season 21-24", 5),
    ("2016-13-08", "invalid month '13': expected 01-12", 5),
    ("2001-21-05", "invalid month '21': expected 01-12", 5),
    ("2016-02-00", "invalid day '00': expected 01-31", 8),
    ("2016-02-39", "invalid day '39': expected 01-31", 8),
    ("1960-06-31", "invalid day '31': June 1960 has 30 days", 8),
    ("1900-02-29", "invalid day '29': February 1900 has 28 days", 8),
    ("-0004-02-30", "invalid day '30': February -0004 has 29 days", 9),
    ("1985-04T10:00:00", "a time of day needs a complete date (YYYY-MM-DD)", 7),
    ("1985-04-XXT10:00:00", "a time of day needs a complete date (YYYY-MM-DD)", 10),
    ("1985-04-12t23:20:30", "lower-case 't': expected 'T' before the time", 10),
    ("1985-04-12T23:20:30z", "lower-case 'z': expected 'Z' for UTC", 19),
    ("2012-10-10T1:10:10", "invalid time '1:10:10': expected hh:mm:ss", 11),
    ("2012-10-10T10:10:1", "invalid time '10:10:1': expected hh:mm:ss", 11),
    ("2012-10-10T24:00:00", "invalid hour '24': expected 00-23", 11),
    ("2012-10-10T10:60:00", "invalid minute '60': expected 00-59", 11),
    ("2012-10-10T10:00:60", "invalid second '60': expected 00-59", 11),
    ("2012-10-10T10:50:10Z15", "unexpected text '15' after the date", 20),
    ("2004-01-01T10:10:10-05:60", "invalid UTC offset '-05:60': minutes must be 00-59", 19),
    ("-1985-04-12T23:20:30+24", "invalid UTC offset '+24': hours must be 00-23", 20),
    ("2004-01-01T10:10:10+02:00:30",
     "invalid UTC offset '+02:00:30': expected Z, ±hh or ±hh:mm", 19),
    ("..", "'..' (open end) is only allowed on one side of an interval", 0),
    ("/", "empty interval: expected a date or '..' on a side of '/'", 0),
    ("2012///4444", "unexpected second '/': an interval has one", 5),
    ("NONE/", "expected a date such as 1985-04-12, found 'NONE'", 0),
    ("2000/12-12", "invalid year '12': expected 4 digits", 5),
    ("2012-24/2012-21", "interval ends before it starts: '2012-21' begins before '2012-24'", 8),
    ("0000-01-03/0000-01",
     "interval ends before it starts: '0000-01' begins before '0000-01-03'", 11),
    ("1000/-2000", "interval ends before it starts: '-2000' begins before '1000'", 5),
    ("2005-07-25T10:10:10Z/2006-01", "a time of day is not allowed in an interval", 10),
    ("2005-07-25/2006-01-01T10:10:10Z", "a time of day is not allowed in an interval", 21),
    ("Y-61000/-2000", "a Y-prefixed year is not allowed in an interval", 0),
    ("2020-01-01/2020-13", "invalid month '13': expected 01-12 or a season 21-24", 16),
    ("x" * 40, f"expected a date such as 1985-04-12, found '{'x' * 20}...'", 0),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message", "offset"), INVALID)
def test_invalid(text: str, message: str, offset: int) -> None:
    with pytest.raises(EdtfError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)
    assert str(caught.value) == message


LEVEL_2 = [
    ("2004?-06-11", "qualifier on a single component ('2004?-06-11')", 4),
    ("2004-06~-11", "qualifier on a single component ('2004-06~-11')", 7),
    ("?2004-06-~11", "qualifier before the date ('?2004-06-~11')", 0),
    ("2004-%06-11", "qualifier before a component ('2004-%06-11')", 5),
    ("~2021?", "qualifier before the date ('~2021?')", 0),
    ("156X-12-25", "unspecified digit before a specified one ('156X-12-25')", 3),
    ("1560-XX-25", "unspecified digit before a specified one ('1560-XX-25')", 5),
    ("1X99", "unspecified digit before a specified one ('1X99')", 1),
    ("XXXX", "fully unspecified year ('XXXX')", 0),
    ("1XXX-XX", "unspecified year with a month ('1XXX-XX')", 1),
    ("1984-1X", "unspecified digit inside a month or day ('1984-1X')", 6),
    ("2004-06-XX/2004-07-03", "unspecified digits in an interval ('2004-06-XX')", 8),
    ("1987/199X", "unspecified digits in an interval ('199X')", 8),
    ("Y17E7", "exponential year or significant digits ('Y17E7')", 3),
    ("1950S2", "exponential year or significant digits ('1950S2')", 4),
    ("2001-25", "sub-year grouping '25' ('2001-25')", 5),
    ("-2001-41", "sub-year grouping '41' ('-2001-41')", 6),
    ("[1667,1668,1670..1672]", "set of dates ('[1667,1668,1670..1672]')", 0),
    ("{1960,1961-12}", "set of dates ('{1960,1961-12}')", 0),
    ("1984?/2004~-06", "qualifier on a single component ('2004~-06')", 10),
    ("2019-12/%2020", "qualifier before the date ('%2020')", 8),
]


@pytest.mark.parametrize(("text", "what", "offset"), LEVEL_2)
def test_level_2_is_rejected(text: str, what: str, offset: int) -> None:
    with pytest.raises(EdtfError) as caught:
        parse(text)
    assert caught.value.message == f"Level 2 EDTF is not supported: {what}"
    assert caught.value.offset == offset


UTC, PLUS_0530 = dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    ("value", "text", "precision", "lower", "offset_minutes"),
    [
        (dt.date(2020, 12, 1), "2020-12-01", P.DAY, "2020-12-01", None),
        (dt.date(1, 1, 1), "0001-01-01", P.DAY, "0001-01-01", None),
        (dt.datetime(2020, 12, 1, 10, 30, 5), "2020-12-01T10:30:05", P.SECOND,
         "2020-12-01T10:30:05", None),
        (dt.datetime(2020, 12, 1, 10, 30, 5, 999999, UTC), "2020-12-01T10:30:05Z", P.SECOND,
         "2020-12-01T10:30:05", 0),
        (dt.datetime(2020, 12, 1, 1, 0, 0, tzinfo=PLUS_0530), "2020-12-01T01:00:00+05:30",
         P.SECOND, "2020-11-30T19:30:00", 330),
        (dt.datetime(2020, 12, 1, tzinfo=dt.timezone(-dt.timedelta(hours=4))),
         "2020-12-01T00:00:00-04:00", P.SECOND, "2020-12-01T04:00:00", -240),
    ],
)  # fmt: skip
def test_from_toml(
    value: dt.date, text: str, precision: Precision, lower: str, offset_minutes: int | None
) -> None:
    date = from_toml(value)
    assert (date.text, date.precision, iso(date.lower)) == (text, precision, lower)
    assert date.offset_minutes == offset_minutes
    assert date == parse(text)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.time(10, 30), "a time of day without a date is not a date"),
        (dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=30))),
         "a UTC offset with seconds is not EDTF"),
    ],
)  # fmt: skip
def test_from_toml_rejects(value: dt.time | dt.datetime, message: str) -> None:
    with pytest.raises(EdtfError, match=message):
        from_toml(value)


def test_interval_from_parts() -> None:
    start, end = parse("2020-21"), parse("2021?")
    assert isinstance(start, EdtfDate)
    assert isinstance(end, EdtfDate)
    assert interval(start, end) == parse("2020-21/2021?")
    assert interval(start, End.OPEN).text == "2020-21/.."
    assert interval(End.UNKNOWN, end).text == "/2021?"
    with pytest.raises(EdtfError) as caught:
        interval(end, start)
    assert (caught.value.message, caught.value.offset) == (
        "interval ends before it starts: '2020-21' begins before '2021?'",
        6,
    )


def test_values_are_frozen_and_hashable() -> None:
    date = parse("2020-12")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        date.text = "2021"  # type: ignore[misc]
    assert hash(date) == hash(parse("2020-12"))
    assert {parse("1985/.."), parse("1985/..")} == {parse("1985/..")}


def test_error_is_a_value_error_and_pickles() -> None:
    error = EdtfError("empty date", 0)
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.offset, str(copy)) == ("empty date", 0, "empty date")


def test_epoch_and_ordering() -> None:
    date = parse("1970-01-01T00:00:00Z")
    assert isinstance(date, EdtfDate)
    assert date.lower == 0
    assert to_civil(-1) == (1969, 12, 31)
    assert days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2


# Properties ---------------------------------------------------------------------------


def _days_in_month(y: int, m: int) -> int:
    return (days_from_civil(y + (m == 12), m % 12 + 1, 1)) - days_from_civil(y, m, 1)


@st.composite
def civil_days(draw: st.DrawFn, years: st.SearchStrategy[int]) -> tuple[int, int, int]:
    y, m = draw(years), draw(st.integers(1, 12))
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    last = 29 if m == 2 and leap else 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31
    return y, m, draw(st.integers(1, last))


@given(civil_days(st.integers(-9999, 9999)))
def test_civil_round_trip(ymd: tuple[int, int, int]) -> None:
    assert civil_from_days(days_from_civil(*ymd)) == ymd


@given(civil_days(st.integers(-(10**12), 10**12)))
def test_civil_round_trip_huge_years(ymd: tuple[int, int, int]) -> None:
    n = days_from_civil(*ymd)
    assert civil_from_days(n) == ymd
    assert civil_from_days(n + 1) > ymd  # the next day is the next civil date


@given(st.dates())
def test_days_from_civil_agrees_with_datetime(day: dt.date) -> None:
    epoch = dt.date(1970, 1, 1).toordinal()
    assert days_from_civil(day.year, day.month, day.day) == day.toordinal() - epoch


def _year(y: int) -> str:
    return f"{'-' if y < 0 else ''}{abs(y):04d}"


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """A valid Level 0/1 single date string, of any shape."""
    y, m, d = draw(civil_days(st.integers(-9999, 9999)))
    year = _year(y)
    shapes = [
        year, f"{year}-{m:02d}", f"{year}-{m:02d}-{d:02d}", f"{year}-{draw(st.integers(21, 24))}",
        f"{year}-XX", f"{year}-{m:02d}-XX", f"{year}-XX-XX",
        year[:-1] + "X", year[:-2] + "XX",
        f"Y{'-' if y < 0 else ''}{draw(st.integers(10**4, MAX_YEAR))}",
    ]  # fmt: skip
    if y != 0:
        shapes.append(year[:-3] + "XXX")
    text = draw(st.sampled_from(shapes))
    if draw(st.booleans()):
        hh, mi, ss = draw(st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)))
        shift = draw(st.sampled_from(["", "Z", "+05", "-11:30", "+00:59"]))
        text = f"{year}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}:{ss:02d}{shift}"
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@given(edtf_dates())
def test_bounds_are_ordered(text: str) -> None:
    date = parse(text)
    assert isinstance(date, EdtfDate)
    assert date.lower < date.upper
    assert date.lower_fuzzy <= date.lower
    assert date.upper <= date.upper_fuzzy
    qualified = text[-1] in "?~%"
    assert (date.lower_fuzzy < date.lower) == qualified
    assert (date.uncertain or date.approximate) == qualified


@given(civil_days(st.integers(-9999, 9999)))
def test_day_within_month_within_year(ymd: tuple[int, int, int]) -> None:
    y, m, d = ymd
    day, month, year = (parse(f"{_year(y)}-{m:02d}-{d:02d}"), parse(f"{_year(y)}-{m:02d}"),
                        parse(_year(y)))  # fmt: skip
    assert isinstance(day, EdtfDate)
    assert isinstance(month, EdtfDate)
    assert isinstance(year, EdtfDate)
    assert year.lower <= month.lower <= day.lower < day.upper <= month.upper <= year.upper
    assert month.upper - month.lower == _days_in_month(y, m) * 86400


@given(edtf_dates(), edtf_dates())
def test_intervals_of_valid_dates(first: str, second: str) -> None:
    if "T" in first + second or "X" in first + second or "Y" in first + second:
        return  # not allowed in an interval
    a, b = parse(first), parse(second)
    assert isinstance(a, EdtfDate)
    assert isinstance(b, EdtfDate)
    if a.lower > b.lower:
        a, b, first, second = b, a, second, first
    date = parse(f"{first}/{second}")
    assert isinstance(date, EdtfInterval)
    assert (date.lower, date.upper) == (a.lower, b.upper)


def rejection(text: str) -> EdtfError | None:
    try:
        parse(text)
    except EdtfError as error:
        return error
    return None


@given(st.text())
def test_arbitrary_text_raises_only_edtf_error(text: str) -> None:
    error = rejection(text)  # anything but EdtfError propagates and fails the test
    if error is not None:
        assert 0 <= error.offset <= len(text)
        assert error.message


@given(st.text(alphabet="0123456789-XY?~%/.TZz:+ES[]", max_size=30))
def test_edtf_like_text_raises_only_edtf_error(text: str) -> None:
    error = rejection(text)
    if error is None:
        assert parse(text).text == text
    else:
        assert 0 <= error.offset <= len(text)
