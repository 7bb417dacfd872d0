"""The chronology as data: frozen, slotted, typed value classes.

Constructors accept the same values as events.toml (`Event(date="2026-03~")`):
strings are parsed by converters, so a model object is always well-formed.
What needs the whole chronology to judge (unknown source keys, duplicate ids,
certainty words of the scale) is reported by `Timeline.validate()` instead.
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

__all__ = ["DEFAULT_CERTAINTY", "Event", "FieldError", "Period", "Source", "Span"]

DEFAULT_CERTAINTY = ("confirmed", "probable", "possible", "doubtful", "improbable", "unknown")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
# C0 controls but tab and newline, DEL and C1: they corrupt SVG and terminals.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

DateInput = Date | str | dt.date | dt.datetime
Span = EdtfDate | EdtfInterval


def parse_date(value: object, field: str) -> Date:
    """Convert a TOML/EDTF value to a date; raise ValueError naming the field."""
    if isinstance(value, EdtfDate | EdtfInterval):
        return value
    try:
        if isinstance(value, str):
            return _edtf.parse(value)
        if isinstance(value, dt.date | dt.datetime | dt.time):
            return _edtf.from_toml(value)
    except _edtf.EdtfError as error:
        raise FieldError(
            field, "E013", f"invalid date {value!r} in '{field}': {error.message}", error.offset
        ) from None
    raise FieldError(field, "E011", f"'{field}' must be an EDTF string or a date, got {value!r}")


def _convert_date(value: DateInput | None) -> Date | None:
    return None if value is None else parse_date(value, "date")


def convert_start(value: DateInput | None) -> EdtfDate | None:
    if value is None:
        return None
    date = parse_date(value, "start")
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
    date = parse_date(value, "end")
    if isinstance(date, EdtfInterval):
        raise FieldError(
            "end",
            "E013",
            f"'end' must be a single date or '..', not an interval (got {date.text!r})",
        )
    return date


def _strings(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    values = value if isinstance(value, tuple) else (value,)
    for text in values:
        if text is None:
            continue
        if not isinstance(text, str):
            raise FieldError(
                attribute.name, "E011", f"'{attribute.name}' must be text, got {text!r}"
            )
        control = CONTROL.search(text)
        if control:
            raise FieldError(
                attribute.name,
                "E016",
                f"'{attribute.name}' contains the control character"
                f" U+{ord(control.group()):04X}, which would corrupt SVG and terminals",
                control.start(),
            )


def invalid_id(value: object) -> str | None:
    """What is wrong with `value` as an event id, or None."""
    if isinstance(value, str) and ID_PATTERN.match(value):
        return None
    return (
        f"invalid id {value!r}: use lower-case letters, digits, '-' and '_',"
        " starting with a letter or digit"
    )


def _check_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_text(instance, attribute, value)
    for text in value if isinstance(value, tuple) else (value,):
        if isinstance(text, str) and "\n" in text:
            raise FieldError(
                attribute.name,
                "E016",
                f"'{attribute.name}' must be a single line (it contains a line break)",
                text.index("\n"),
            )


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = invalid_id(value)
    if problem is not None:
        raise FieldError(attribute.name, "E015", problem)


def resolve_span(owner: str, date: Date | None, start: EdtfDate | None, end: object) -> Span:
    """The one date of an event or period, from `date` or from `start`/`end`."""
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


@attrs.frozen(slots=True)
class Event:
    """A dated happening, with the sources that report it and how certain it is."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_line)
    certainty: str = attrs.field(validator=_check_line)
    sources: tuple[str, ...] = attrs.field(converter=_strings, validator=_check_line)
    date: Date | None = attrs.field(default=None, converter=_convert_date, kw_only=True)
    start: EdtfDate | None = attrs.field(default=None, converter=convert_start, kw_only=True)
    end: EdtfDate | End | None = attrs.field(default=None, converter=convert_end, kw_only=True)
    lane: str | None = attrs.field(default=None, validator=_check_line, kw_only=True)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_line, kw_only=True
    )
    description: str | None = attrs.field(default=None, validator=_check_text, kw_only=True)
    after: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_line, kw_only=True
    )
    before: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_check_line, kw_only=True
    )
    span: Span = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "span", resolve_span(f"event {self.id!r}", self.date, self.start, self.end)
        )


@attrs.frozen(slots=True)
class Period:
    """A shaded era in the background of a timeline."""

    title: str = attrs.field(validator=_check_line)
    date: Date | None = attrs.field(default=None, converter=_convert_date, kw_only=True)
    start: EdtfDate | None = attrs.field(default=None, converter=convert_start, kw_only=True)
    end: EdtfDate | End | None = attrs.field(default=None, converter=convert_end, kw_only=True)
    span: Span = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "span", resolve_span(f"period {self.title!r}", self.date, self.start, self.end)
        )


def _convert_published(value: DateInput | None) -> Date | None:
    return None if value is None else parse_date(value, "published")


@attrs.frozen(slots=True)
class Source:
    """A report that events cite; `via` names the source it itself cites."""

    key: str = attrs.field(validator=_check_line)
    title: str = attrs.field(validator=_check_line)
    publisher: str | None = attrs.field(default=None, validator=_check_line, kw_only=True)
    url: str | None = attrs.field(default=None, validator=_check_line, kw_only=True)
    published: Date | None = attrs.field(default=None, converter=_convert_published, kw_only=True)
    reliability: str | None = attrs.field(default=None, validator=_check_line, kw_only=True)
    via: str | None = attrs.field(default=None, validator=_check_line, kw_only=True)


# Slot setters in field order: they bypass the frozen __setattr__, as attrs' own __init__ does.
_EVENT_SLOTS = tuple(getattr(Event, field.name).__set__ for field in attrs.fields(Event))


def trusted_event(
    id: str, title: str, certainty: str, sources: tuple[str, ...], date: Date | None,
    start: EdtfDate | None, end: EdtfDate | End | None, lane: str | None,
    tags: tuple[str, ...], description: str | None, after: tuple[str, ...],
    before: tuple[str, ...],
) -> Event:  # fmt: skip
    """An Event from values the loader has already checked, without the validators.

    The arguments are Event's fields in order, already converted; the span is
    resolved exactly as `Event.__attrs_post_init__` does. (Loading 100k events
    spends a fifth of its time here, hence the unrolled slot stores.)
    """
    event: Event = object.__new__(Event)
    (set_id, set_title, set_certainty, set_sources, set_date, set_start, set_end, set_lane,
     set_tags, set_description, set_after, set_before, set_span) = _EVENT_SLOTS  # fmt: skip
    set_id(event, id)
    set_title(event, title)
    set_certainty(event, certainty)
    set_sources(event, sources)
    set_date(event, date)
    set_start(event, start)
    set_end(event, end)
    set_lane(event, lane)
    set_tags(event, tags)
    set_description(event, description)
    set_after(event, after)
    set_before(event, before)
    if date is None or start is not None or end is not None:
        date = resolve_span(f"event {id!r}", date, start, end)
    set_span(event, date)
    return event
