"""What a model field accepts: the converters and validators of the records.

Converters take the values events.toml holds (EDTF strings, TOML dates, a lone
string for a list) and return the model's own; validators refuse what no
chronology could use (a control character, a line break in a title, an id that
is not a slug). Both raise `FieldError`, naming the field and a diagnostic code,
which the loader turns into a positioned diagnostic. The loader's fast path
uses the same patterns (`CONTROL`, `ID_PATTERN`) on whole tables at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from timeline.dates import edtf as _edtf
from timeline.dates.edtf import Date, EdtfDate, EdtfInterval, End
from timeline.errors import FieldError

__all__ = [
    "CONTROL",
    "ID_PATTERN",
    "SURROGATE",
    "DateInput",
    "Span",
    "check_id",
    "check_line",
    "check_text",
    "check_title",
    "convert_date",
    "convert_end",
    "convert_start",
    "invalid_id",
    "resolve_span",
    "strings",
    "text_problem",
]

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
# C0 controls but tab and newline, DEL and C1: they corrupt SVG and terminals.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Half of a UTF-16 pair on its own: no character, and no UTF-8 encoding (files cannot
# hold one; Python strings can, e.g. from bytes decoded with "surrogateescape").
SURROGATE = re.compile("[\ud800-\udfff]")

DateInput = Date | str | dt.date | dt.datetime
Span = EdtfDate | EdtfInterval


# Converters ----------------------------------------------------------------


def convert_date(value: object, field: str) -> Date:
    """A TOML/EDTF value as a date; FieldError (E011, E013) naming `field` otherwise."""
    if isinstance(value, EdtfDate | EdtfInterval):
        return value
    try:
        if isinstance(value, str):
            return _edtf.parse(value)
        if isinstance(value, dt.date | dt.datetime | dt.time):
            return _edtf.from_toml(value)
    except _edtf.EdtfError as error:
        shown = f"'{value[:20]}...'" if isinstance(value, str) and len(value) > 24 else repr(value)
        raise FieldError(
            field, "E013", f"invalid date {shown} in '{field}': {error.message}", error.offset
        ) from None
    raise FieldError(field, "E011", f"'{field}' must be an EDTF string or a date, got {value!r}")


def convert_start(value: DateInput | None) -> EdtfDate | None:
    if value is None:
        return None
    date = convert_date(value, "start")
    if isinstance(date, EdtfInterval):
        raise FieldError(
            "start", "E013", f"'start' must be a single date, not an interval (got {date.text!r})"
        )
    return date


def convert_end(value: DateInput | End | None) -> EdtfDate | End | None:
    if value is None or isinstance(value, End):
        return value
    if value == "..":
        return End.OPEN
    date = convert_date(value, "end")
    if isinstance(date, EdtfInterval):
        raise FieldError(
            "end",
            "E013",
            f"'end' must be a single date or '..', not an interval (got {date.text!r})",
        )
    return date


def strings(value: str | Iterable[str]) -> tuple[str, ...]:
    """A list field: a lone string is a list of one."""
    return (value,) if isinstance(value, str) else tuple(value)


# Validators ----------------------------------------------------------------


def check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text (or a tuple of texts, or None) without control characters or lone
    surrogates (E011, E016)."""
    values = value if isinstance(value, tuple) else (value,)
    for text in values:
        if text is None:
            continue
        problem = text_problem(attribute.name, text)
        if problem is not None:
            raise problem


def text_problem(name: str, text: object) -> FieldError | None:
    """What is wrong with `text` as the text of field `name` (E011, E016), or None."""
    if not isinstance(text, str):
        return FieldError(name, "E011", f"'{name}' must be text, got {text!r}")
    control = CONTROL.search(text)
    if control:
        return FieldError(
            name,
            "E016",
            f"'{name}' contains the control character U+{ord(control.group()):04X},"
            " which would corrupt SVG and terminals",
            control.start(),
        )
    surrogate = SURROGATE.search(text)
    if surrogate:
        # What a lone surrogate is, and where one usually comes from: Python decodes a
        # byte that is not UTF-8 (in a command-line argument, a file name) as U+DC80-DCFF.
        point = ord(surrogate.group())
        origin = (
            f" (the byte 0x{point - 0xDC00:02X}, which is not UTF-8)" if point >= 0xDC80 else ""
        )
        return FieldError(
            name,
            "E016",
            f"'{name}' contains the lone surrogate U+{point:04X}{origin}: it is not a"
            " character, and cannot be saved as UTF-8",
            surrogate.start(),
        )
    return None


def check_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """As `check_text`, and on one line (E016)."""
    check_text(instance, attribute, value)
    for text in value if isinstance(value, tuple) else (value,):
        if isinstance(text, str) and "\n" in text:
            raise FieldError(
                attribute.name,
                "E016",
                f"'{attribute.name}' must be a single line (it contains a line break)",
                text.index("\n"),
            )


def check_title(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """As `check_line`, and not empty or only whitespace (E012)."""
    check_line(instance, attribute, value)
    if isinstance(value, str) and not value.strip():
        what = "blank" if value else "empty"
        owner = type(instance).__name__.lower()
        raise FieldError(
            attribute.name, "E012", f"'{attribute.name}' is {what}; every {owner} needs a title"
        )


def invalid_id(value: object) -> str | None:
    """What is wrong with `value` as an event id, or None."""
    if isinstance(value, str) and ID_PATTERN.match(value):
        return None
    return (
        f"invalid id {value!r}: use lower-case letters, digits, '-' and '_',"
        " starting with a letter or digit"
    )


def check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = invalid_id(value)
    if problem is not None:
        raise FieldError(attribute.name, "E015", problem)


# The one date of an event or period -----------------------------------------


def resolve_span(owner: str, date: Date | None, start: EdtfDate | None, end: object) -> Span:
    """The one date of an event or period, from `date` or from `start`/`end` (E012, E014)."""
    if date is not None:
        if start is not None or end is not None:
            field = "start" if start is not None else "end"
            raise FieldError(field, "E014", f"{owner} has both 'date' and '{field}'; give one")
        return date
    if start is None:
        if end is not None:
            raise FieldError("end", "E014", f"{owner} has an 'end' but no 'start'")
        raise FieldError("", "E012", f"{owner} has no date; give 'date' or 'start'")
    # Not _edtf.interval(): an end before its start is a validation finding (rule E101),
    # reported with its position, not a reason to refuse the event.
    second = End.UNKNOWN if end is None else end
    assert isinstance(second, EdtfDate | End)
    text = f"{start.text}/{second.text if isinstance(second, EdtfDate) else second.value}"
    return EdtfInterval(text, start, second)
