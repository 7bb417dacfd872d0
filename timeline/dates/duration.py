"""ISO 8601 durations (`max_gap = "P18M"`), parsed without pendulum.

`timeline check` and English text need nothing more from a duration than its
parts, so parsing one here keeps pendulum (a tenth of a second to import) off
their path. The grammar is ISO 8601-1's designator form: ``P`` then any of
``nY nM nW nD``, then optionally ``T`` and any of ``nH nM nS``, in that order,
at least one part in all, and at least one after a ``T``. Parts are whole
numbers; seconds may carry a fraction, which is dropped (the gap rule measures
whole seconds).
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Duration", "parse_duration"]

_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)(?:[.,]\d+)?S)?)?\Z"
)
_MAX_DIGITS = 12  # a trillion years is already more than any chronology spans


@attrs.frozen(slots=True)
class Duration:
    """The parts of an ISO 8601 duration as written (P1Y6M is 1 year and 6 months,
    not 18 months): calendar parts stay calendar parts."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @property
    def is_zero(self) -> bool:
        return not any(attrs.astuple(self))

    def calendar_parts(self) -> tuple[int, int, int]:
        """(months, days, seconds), each added on the calendar in that order."""
        return (
            self.years * 12 + self.months,
            self.weeks * 7 + self.days,
            self.hours * 3600 + self.minutes * 60 + self.seconds,
        )


def parse_duration(text: str) -> Duration:
    """The duration `text` writes; ValueError saying why when it is not one."""
    found = _DURATION.match(text)
    if found is None or text in ("P", "PT"):
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    parts = {name: value for name, value in found.groupdict().items() if value is not None}
    if not parts:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    if any(len(value) > _MAX_DIGITS for value in parts.values()):
        raise ValueError(f"duration too long: {text!r}")
    return Duration(**{name: int(value) for name, value in parts.items()})
