"""Dates: EDTF Level 0/1 parsing, calendar arithmetic, and dates in words."""

from timeline.dates.edtf import Date, EdtfDate, EdtfInterval, End, Precision, from_toml, parse
from timeline.dates.format import date_label, year_label
from timeline.errors import EdtfError

__all__ = [
    "Date",
    "EdtfDate",
    "EdtfError",
    "EdtfInterval",
    "End",
    "Precision",
    "date_label",
    "from_toml",
    "parse",
    "year_label",
]
