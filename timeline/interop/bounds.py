"""Where an event lies, for formats that know only days: strict bounds as civil dates.

Calendars, Gantt charts and TimelineJS have no "about" or "maybe" and no open
end; an EDTF date goes out at its strict bounds (the days it certainly lies
within), and what that flattens is counted by the caller as a loss.
"""

from __future__ import annotations

import attrs

from timeline.dates.calendar import DAY, to_civil
from timeline.dates.edtf import Date, EdtfDate, End, Precision

__all__ = ["Bounds", "bounds"]

Civil = tuple[int, int, int]


@attrs.frozen(slots=True)
class Bounds:
    """The first day, the day after the last (exclusive, as iCalendar's DTEND), and what
    the flattening lost: `qualified` (~ ? %), `open_end` (ongoing), `unknown_start` /
    `unknown_end`, and `instant` when the date has a time of day."""

    first: Civil | None
    after: Civil | None
    qualified: bool = False
    open_end: bool = False
    unknown_start: bool = False
    unknown_end: bool = False
    instant: tuple[int, int] | None = None  # (lower, upper) seconds, for a date-time

    @property
    def point(self) -> bool:
        """One day (or less): a milestone."""
        return self.first is not None and self.after is not None and _days(self) <= 1


def _days(b: Bounds) -> int:
    from timeline.dates.calendar import days_from_civil

    assert b.first is not None
    assert b.after is not None
    return days_from_civil(*b.after) - days_from_civil(*b.first)


def _upper_day(instant: int) -> Civil:
    """The day after the last day an exclusive upper bound covers."""
    return to_civil(-(-instant // DAY) * DAY)


def bounds(date: Date) -> Bounds:
    """The strict civil bounds of `date` (an event's or a period's span)."""
    if isinstance(date, EdtfDate):
        instant = (date.lower, date.upper) if date.precision is Precision.SECOND else None
        return Bounds(
            to_civil(date.lower), _upper_day(date.upper), date.uncertain or date.approximate,
            instant=instant,
        )  # fmt: skip
    start, end = date.start, date.end
    first = to_civil(start.lower) if isinstance(start, EdtfDate) else None
    after = _upper_day(end.upper) if isinstance(end, EdtfDate) else None
    if after is None and isinstance(start, EdtfDate):
        after = _upper_day(start.upper)  # at least the start itself
    qualified = any(
        isinstance(s, EdtfDate) and (s.uncertain or s.approximate) for s in (start, end)
    )
    return Bounds(
        first, after, qualified, open_end=end is End.OPEN,
        unknown_start=not isinstance(start, EdtfDate), unknown_end=end is End.UNKNOWN,
    )  # fmt: skip
