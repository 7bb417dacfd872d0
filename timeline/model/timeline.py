"""The `Timeline`: settings, sources, periods and events, immutable.

`add` returns a new timeline (the old one is untouched), so a script can keep
both and compare. A loaded timeline remembers the text it came from, which is
what lets `save` append to the file without rewriting a byte of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from timeline.dates import edtf as _edtf
from timeline.diagnostics import Diagnostic
from timeline.errors import FieldError
from timeline.model.fields import convert_date
from timeline.model.records import Event, Period, Source

__all__ = ["DEFAULT_CERTAINTY", "Origin", "Timeline"]

DEFAULT_CERTAINTY = ("confirmed", "probable", "possible", "doubtful", "improbable", "unknown")
ORDERS = ("file", "any")
GAP_MODES = ("all", "per-lane")
RULE_LEVELS = ("off", "note", "warning", "error")


@attrs.frozen(slots=True, eq=False)
class Origin:
    """Where a timeline was loaded from, and exactly what the file held then."""

    name: str
    path: str | None
    raw: bytes
    text: str
    events: tuple[Event, ...]


def _parse_duration(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith("P"):
        raise FieldError(
            "max_gap",
            "E017",
            f"'max_gap' must be an ISO 8601 duration such as 'P18M', got {value!r}",
        )
    try:
        pendulum.parse(value)
    except Exception:  # pendulum raises several types for bad input
        raise FieldError(
            "max_gap",
            "E017",
            f"'max_gap' must be an ISO 8601 duration such as 'P18M', got {value!r}",
        ) from None


def _as_of(value: object) -> _edtf.EdtfDate | None:
    if value is None or isinstance(value, _edtf.EdtfDate):
        return value
    date = convert_date(value, "as_of")
    if isinstance(date, _edtf.EdtfInterval):
        raise FieldError("as_of", "E013", f"'as_of' must be a single date, got {date.text!r}")
    return date


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            raise FieldError(
                attribute.name, "E018", f"'{attribute.name}' must be one of {listed}, got {value!r}"
            )

    return check


def _check_rules(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, str]
) -> None:
    for code, level in value.items():
        if level not in RULE_LEVELS:
            listed = ", ".join(repr(c) for c in RULE_LEVELS)
            raise FieldError(
                f"rules.{code}", "E018", f"rule {code} must be one of {listed}, got {level!r}"
            )


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


def _periods(value: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(value)


def _words(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _sources(value: Mapping[str, Source]) -> dict[str, Source]:
    return dict(value)


def _rules(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


@attrs.frozen(slots=True)
class Timeline:
    """A chronology: what `load` returns and what renderers draw."""

    title: str = ""
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)
    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_sources)
    periods: tuple[Period, ...] = attrs.field(default=(), converter=_periods)
    subtitle: str | None = None
    max_gap: str | None = attrs.field(default=None, validator=_parse_duration)
    as_of: _edtf.EdtfDate | None = attrs.field(default=None, converter=_as_of)
    certainty: tuple[str, ...] = attrs.field(default=DEFAULT_CERTAINTY, converter=_words)
    lanes: tuple[str, ...] = attrs.field(default=(), converter=_words)
    order: str = attrs.field(default="file", validator=_one_of(ORDERS))
    gaps: str = attrs.field(default="all", validator=_one_of(GAP_MODES))
    rules: Mapping[str, str] = attrs.field(factory=dict, converter=_rules, validator=_check_rules)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    # validate()'s answer: the timeline is immutable, so it never goes stale, and one
    # `render` asks for it several times (the CLI, the text gaps, the HTML summary).
    _findings: tuple[Diagnostic, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def name(self) -> str:
        """The file name diagnostics carry."""
        return self.origin.name if self.origin is not None else "<timeline>"

    @property
    def max_gap_duration(self) -> pendulum.Duration | None:
        if self.max_gap is None:
            return None
        duration = pendulum.parse(self.max_gap)
        assert isinstance(duration, pendulum.Duration)
        return duration

    def add(self, event: Event) -> Timeline:
        """Return a new timeline with `event` appended; this one is unchanged."""
        if not isinstance(event, Event):
            raise TypeError(f"add() takes an Event, got {type(event).__name__}")
        return attrs.evolve(self, events=(*self.events, event))

    def validate(self) -> list[Diagnostic]:
        """Every finding about this chronology, sorted by position."""
        if self._findings is None:
            from timeline.rules import validate

            object.__setattr__(self, "_findings", tuple(validate(self)))
        assert self._findings is not None
        return list(self._findings)

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the chronology back as TOML; the same as `timeline.save(self, path)`."""
        from timeline.storage.save import save

        save(self, path)
