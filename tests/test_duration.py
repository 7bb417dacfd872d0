"""ISO 8601 durations without pendulum: what parses, what does not, and a round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates.duration import Duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P18M", Duration(months=18)),
        ("P1Y6M", Duration(years=1, months=6)),
        ("P2W", Duration(weeks=2)),
        ("P10D", Duration(days=10)),
        ("P1Y2M3W4DT5H6M7S", Duration(1, 2, 3, 4, 5, 6, 7)),
        ("PT36H", Duration(hours=36)),
        ("PT1.5S", Duration(seconds=1)),
        ("P0D", Duration()),
    ],
)
def test_durations_parse_into_their_parts_as_written(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "P", "PT", "P1MT", "18M", "P18", "P1M1Y", "P-1M", "P1.5Y", "PT1H1H", "p18m", "P18M ",
     "P1" + "0" * 12 + "Y"],
)  # fmt: skip
def test_what_is_not_a_duration_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def _written(d: Duration) -> str:
    date = "".join(f"{n}{u}" for n, u in zip((d.years, d.months, d.weeks, d.days), "YMWD",
                                              strict=True) if n)  # fmt: skip
    time = "".join(f"{n}{u}" for n, u in zip((d.hours, d.minutes, d.seconds), "HMS",
                                              strict=True) if n)  # fmt: skip
    return "P" + (date or ("" if time else "0D")) + (f"T{time}" if time else "")


@given(st.builds(Duration, *[st.integers(0, 10**6)] * 7))
def test_a_written_duration_reads_back(duration: Duration) -> None:
    assert parse_duration(_written(duration)) == duration
    months, days, seconds = duration.calendar_parts()
    assert months == duration.years * 12 + duration.months
    assert days == duration.weeks * 7 + duration.days
    assert seconds == duration.hours * 3600 + duration.minutes * 60 + duration.seconds
