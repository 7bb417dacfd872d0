"""Synthetic chronologies for the benchmarks: varied EDTF dates, sources, relations."""

from __future__ import annotations

import random

from timeline.dates.edtf import civil_from_days, days_from_civil

FORMS = (
    "{y}",
    "{y}-{m:02d}",
    "{y}-{m:02d}-{d:02d}",
    "{y}-{m:02d}~",
    "{y}?",
    "{y}-{m:02d}-{d:02d}%",
)


def chronology(n: int, *, seed: int = 1, relations: bool = True, backward: bool = False) -> str:
    """A valid events.toml of `n` events in date order, each `after` one of the 50 before it.

    With `backward`, one event in 500 is also declared `before` one of the 10 above it:
    a mistake the dates contradict (E102), which sometimes closes a cycle (E104); either
    way the cycle search runs.
    """
    rng = random.Random(seed)
    parts = [
        '[timeline]\ntitle = "Benchmark chronology"\nmax_gap = "P10Y"\n',
        '[sources.wire]\ntitle = "Wire report"\npublisher = "Agency"\nurl = "https://example.org/a"\n',
        '[sources.paper]\ntitle = "Newspaper"\nurl = "https://example.org/b"\n',
    ]
    day = days_from_civil(1900, 1, 1)
    for i in range(n):
        day += rng.randint(1, 3)
        year, month, dom = civil_from_days(day)
        # Coarse dates only where they cannot overlap their neighbours' order badly.
        form = FORMS[2] if i % 7 else FORMS[rng.randrange(len(FORMS))]
        date = form.format(y=year, m=month, d=dom)
        lines = [
            "[[event]]",
            f'id = "e{i}"',
            f'title = "Event {i}: a report of something that happened, {rng.random():.6f}"',
            f'date = "{date}"',
            f'certainty = "{("probable", "possible", "confirmed")[i % 3]}"',
            'sources = ["wire", "paper"]',
            f'lane = "Lane {i % 4}"',
        ]
        if relations and i:
            lines.append(f'after = ["e{rng.randrange(max(0, i - 50), i)}"]')
        if relations and backward and i % 500 == 250:
            lines.append(f'before = ["e{i - rng.randint(1, 10)}"]')
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
