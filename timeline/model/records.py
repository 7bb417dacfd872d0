"""The chronology's records: frozen, slotted, typed value classes.

Constructors accept the same values as events.toml (`Event(date="2026-03~")`):
strings are parsed by the converters of `timeline.model.fields`, so a model
object is always well-formed. What needs the whole chronology to judge (unknown
source keys, duplicate ids, certainty words of the scale) is reported by
`Timeline.validate()` instead.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from timeline.dates.edtf import Date, EdtfDate, EdtfInterval, End
from timeline.errors import FieldError
from timeline.model.citations import Citation, citations
from timeline.model.fields import (
    DateInput,
    Span,
    check_id,
    check_line,
    check_text,
    check_title,
    convert_date,
    convert_end,
    convert_start,
    resolve_span,
    strings,
)

__all__ = [
    "Citation", "Event", "Period", "Source", "Span", "redated", "sort_key", "trusted_event",
    "unlinked",
]  # fmt: skip


def _convert_date(value: DateInput | None) -> Date | None:
    return None if value is None else convert_date(value, "date")


def _convert_published(value: DateInput | None) -> Date | None:
    return None if value is None else convert_date(value, "published")


def _convert_accessed(value: DateInput | None) -> Date | None:
    return None if value is None else convert_date(value, "accessed")


def _flag(value: object) -> object:
    return False if value is None else value


def _check_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldError(
            attribute.name, "E011", f"'{attribute.name}' must be true or false, got {value!r}"
        )


@attrs.frozen(slots=True)
class Event:
    """A dated happening, with the sources that report it and how certain it is.

    `sources` takes a source key, a mapping of a citation's fields, a `Citation`,
    or a list of these, and holds `Citation` values; `source_keys` their keys.
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_title)
    certainty: str = attrs.field(validator=check_line)
    sources: tuple[Citation, ...] = attrs.field(converter=citations)
    date: Date | None = attrs.field(default=None, converter=_convert_date, kw_only=True)
    start: EdtfDate | None = attrs.field(default=None, converter=convert_start, kw_only=True)
    end: EdtfDate | End | None = attrs.field(default=None, converter=convert_end, kw_only=True)
    lane: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=check_line, kw_only=True
    )
    description: str | None = attrs.field(default=None, validator=check_text, kw_only=True)
    after: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=check_line, kw_only=True
    )
    before: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=check_line, kw_only=True
    )
    span: Span = attrs.field(init=False, eq=False, repr=False)
    # For the chart: a key event is labelled first; `label` is its short chart text.
    key: bool = attrs.field(default=False, converter=_flag, validator=_check_flag, kw_only=True)
    label: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    # Who acts in it (keys of [actors]) and its handling level (timeline.model.markings).
    actors: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=check_line, kw_only=True
    )
    marking: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    # The keys of `sources`, in order: what most rules and renderers need, made once.
    _keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "span", resolve_span(f"event {self.id!r}", self.date, self.start, self.end)
        )
        object.__setattr__(self, "_keys", tuple(c.source for c in self.sources))

    @property
    def source_keys(self) -> tuple[str, ...]:
        """The keys of the sources this event cites, in order (repeats kept)."""
        return self._keys


@attrs.frozen(slots=True)
class Period:
    """A shaded era in the background of a timeline."""

    title: str = attrs.field(validator=check_title)
    date: Date | None = attrs.field(default=None, converter=_convert_date, kw_only=True)
    start: EdtfDate | None = attrs.field(default=None, converter=convert_start, kw_only=True)
    end: EdtfDate | End | None = attrs.field(default=None, converter=convert_end, kw_only=True)
    marking: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    span: Span = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "span", resolve_span(f"period {self.title!r}", self.date, self.start, self.end)
        )


@attrs.frozen(slots=True)
class Source:
    """A report that events cite; `via` names the source it itself cites."""

    key: str = attrs.field(validator=check_line)
    title: str = attrs.field(validator=check_title)
    publisher: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    url: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    published: Date | None = attrs.field(default=None, converter=_convert_published, kw_only=True)
    reliability: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    via: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    archive: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    accessed: Date | None = attrs.field(default=None, converter=_convert_accessed, kw_only=True)
    marking: str | None = attrs.field(default=None, validator=check_line, kw_only=True)


def sort_key(event: Event) -> tuple[float, float]:
    """The chronological order every output uses: by the earliest instant the event may
    begin, then the latest it may end (unbounded sides first and last).
    `sorted(tl.events, key=timeline.sort_key)`: ties keep their file order."""
    span = event.span
    lower = -math.inf if span.lower is None else span.lower
    upper = math.inf if span.upper is None else span.upper
    return (lower, upper)


def unlinked(event: Event, gone: set[str]) -> Event:
    """`event` without the `after` / `before` items naming an event in `gone` (removed
    from a view: a cut, a selection), so the view names no event it does not hold."""
    if not gone or not (gone.intersection(event.after) or gone.intersection(event.before)):
        return event
    after = [i for i in event.after if i not in gone]
    return attrs.evolve(event, after=after, before=[i for i in event.before if i not in gone])


def redated(event: Event, *, start: object = None, end: object = None) -> dict[str, object]:
    """The date fields (for `attrs.evolve`) of `event` given a new `start`, a new `end`,
    or both (None: not given), keeping what it already says of the other: a new start
    keeps the event's end, also the end of a `date` interval ("2021/2023" with start
    2020 is 2020 to 2023); a new end alone keeps its start, also a `date`'s own (a
    single date is where the span now starts). What cannot be a `start` field (a
    `date` interval with an open or unknown start) stays a `date` interval."""
    span = event.span
    if isinstance(span, EdtfInterval):
        first, last = span.start, span.end
    else:
        first, last = span, None
    if start is None:
        start = first
    if end is None:
        end = None if last is End.UNKNOWN else last
    if isinstance(start, End):  # "../2023", "/2023": only a date interval says that
        shown = end.text if isinstance(end, EdtfDate) else getattr(end, "value", end)
        return {"date": f"{start.value}/{'' if shown is None else shown}", "start": None,
                "end": None}  # fmt: skip
    return {"date": None, "start": start, "end": end}


# Slot setters in field order: they bypass the frozen __setattr__, as attrs' own __init__ does.
_EVENT_SLOTS = tuple(getattr(Event, field.name).__set__ for field in attrs.fields(Event))


def trusted_event(
    id: str, title: str, certainty: str, sources: tuple[Citation, ...], date: Date | None,
    start: EdtfDate | None, end: EdtfDate | End | None, lane: str | None,
    tags: tuple[str, ...], description: str | None, after: tuple[str, ...],
    before: tuple[str, ...], *, key: bool = False, label: str | None = None,
    actors: tuple[str, ...] = (), marking: str | None = None,
    keys: tuple[str, ...] | None = None,
) -> Event:  # fmt: skip
    """An Event from values the loader has already checked, without the validators.

    The arguments are Event's fields in order (from `key` on by name), already
    converted, and `keys` the sources' keys when the caller has them; the span is
    resolved exactly as `Event.__attrs_post_init__` does.
    (Loading 100k events spends a fifth of its time here, hence the unrolled slot
    stores.)
    """
    event: Event = object.__new__(Event)
    (set_id, set_title, set_certainty, set_sources, set_date, set_start, set_end, set_lane,
     set_tags, set_description, set_after, set_before, set_span, set_key,
     set_label, set_actors, set_marking, set_keys) = _EVENT_SLOTS  # fmt: skip
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
    set_key(event, key)
    set_label(event, label)
    set_actors(event, actors)
    set_marking(event, marking)
    set_keys(event, tuple(c.source for c in sources) if keys is None else keys)
    if date is None or start is not None or end is not None:
        date = resolve_span(f"event {id!r}", date, start, end)
    set_span(event, date)
    return event
