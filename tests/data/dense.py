"""A dense chronology for the chart's tests: `python tests/data/dense.py [N]` writes
tests/data/dense.toml (N events, 150 unless told), and `dense_text(n)` is its text.

Made, not random: the same N gives the same file. Twelve years in four lanes, a
mix of day, month and year dates, approximate and uncertain ones, intervals
(some ongoing), every word of the default certainty scale, a dozen sources
(two an event), and one event in eleven marked `key = true` (every fourth of
those with a short chart `label`). Titles are as long as real ones, 30 to 90
characters.
"""

from __future__ import annotations

import pathlib
import sys

__all__ = ["dense_text"]

LANES = ("Diplomacy", "Military", "Sanctions", "Nuclear programme")
WORDS = ("confirmed", "probable", "possible", "doubtful")
SUBJECTS = (
    "Foreign ministers meet in Vienna", "Inspectors report on enrichment levels",
    "Parliament votes on the additional protocol", "Envoys exchange draft texts",
    "Oil exports fall under new sanctions", "Centrifuge hall reported at the site",
    "Talks adjourn without an agreement", "Naval incident in the Gulf",
    "Central bank assets frozen abroad", "Leaders speak by telephone",
)  # fmt: skip
DETAILS = (
    "", " after months of delay", " as both sides harden their positions",
    " under pressure from the mediators", " and a second round is set for the spring",
)  # fmt: skip


def _date(i: int) -> dict[str, str]:
    year = 2012 + (i * 7) % 12
    month = 1 + (i * 5 + i // 12) % 12
    day = 1 + (i * 11 + i // 3) % 28
    kind = i % 9
    if kind in (0, 4):
        return {"date": f"{year}-{month:02d}"}
    if kind == 6:
        return {"date": f"{year}-{month:02d}~"}
    if kind == 7:
        return {"date": f"{year}?"}
    if kind == 8:
        end = ".." if i % 4 == 0 else f"{min(year + 1 + i % 3, 2024)}-{month:02d}"
        return {"start": f"{year}-{month:02d}", "end": end}
    return {"date": f"{year}-{month:02d}-{day:02d}"}


def _event(i: int) -> str:
    title = f"{SUBJECTS[i % len(SUBJECTS)]}{DETAILS[(i // 3) % len(DETAILS)]} ({i + 1})"
    fields = {
        "id": f"e{i + 1:03d}",
        "title": title,
        **_date(i),
        "certainty": WORDS[(i * 3) % 4 if i % 5 else 0],
        "lane": LANES[(i * 3 + i // 7) % len(LANES)],
    }
    lines = [f'{key} = "{value}"' for key, value in fields.items()]
    lines.append(f'sources = ["s{1 + i % 12}", "s{1 + (i + 5) % 12}"]')
    if i % 11 == 5:
        lines.append("key = true")
        if i % 44 == 5:
            lines.append(f'label = "Key event {i + 1}"')
    return "[[event]]\n" + "\n".join(lines) + "\n"


def dense_text(n: int = 150) -> str:
    """The TOML text of the dense chronology of `n` events."""
    head = [
        "# Made by tests/data/dense.py: do not edit by hand.",
        "[timeline]",
        f'title = "Dense chronology ({n} events)"',
        'subtitle = "Twelve years of talks, sanctions and incidents"',
        'max_gap = "P5Y"',
        'order = "any"',  # made in lane order, not date order
        f"lanes = [{', '.join(chr(34) + lane + chr(34) for lane in LANES)}]",
        "",
    ]
    sources = [
        f'[sources.s{k}]\ntitle = "Report number {k} on the negotiations"\n'
        f'publisher = "Agency {k}"\nurl = "https://example.org/reports/{k}"\n'
        f'published = "2024-{k:02d}"\n'
        for k in range(1, 13)
    ]
    return "\n".join([*head, *sources, *(_event(i) for i in range(n))])


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    target = pathlib.Path(__file__).with_name("dense.toml")
    target.write_text(dense_text(count), encoding="utf-8")
    print(f"wrote {target} ({count} events)")
