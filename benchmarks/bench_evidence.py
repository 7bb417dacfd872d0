"""Citations at scale: load + every rule, and the `--known-at` view, against tomli.

Targets (issue 11): at 100k events with two detailed citations each (a claimed date,
a locator, a quote, a credibility), `loads` + `validate()` takes at most 2.5x
`tomli.loads` of the same text, measured in the same run; and `known_at(day)` plus
validating that view (what `check --known-at` adds to `check`) adds at most 20% to
load + validate. The day chosen keeps about half the events.

As in bench_validate.py: CPU time of one process, tomli and timeline interleaved, the
fastest of several samples counts (other processes slow a sample, never speed it up).
Run: python benchmarks/bench_evidence.py [N]
"""

from __future__ import annotations

import gc
import random
import sys
import time

LOAD_TARGET = 2.5
KNOWN_TARGET = 0.20
FIRST_YEAR = 1900


def chronology(n: int, seed: int = 11) -> str:
    """`n` events in date order, each citing two sources with every citation field.

    Source k is published in year FIRST_YEAR + k; an event of year y cites two sources
    published in the five years after it, so none is reported before it happened (W107),
    and the claims overlap the event's date (no W113/W114)."""
    rng = random.Random(seed)
    years = 2 * n // 365 + 10
    parts = ['[timeline]\ntitle = "Evidence benchmark"\n']
    for k in range(years):
        parts.append(
            f'[sources.s{k}]\ntitle = "Report {k}"\npublisher = "Outlet {k % 40}"\n'
            f'published = "{FIRST_YEAR + k}-06"\nreliability = "{"ABC"[k % 3]}"\n'
        )
    day = 0
    for i in range(n):
        day += rng.randint(1, 3)
        year, month = FIRST_YEAR + day // 365, 1 + (day % 365) // 31
        first = year - FIRST_YEAR + 1 + rng.randrange(2)
        second = first + 1 + rng.randrange(3)
        parts.append(
            "[[event]]\n"
            f'id = "e{i}"\n'
            f'title = "Event {i}: something reported twice, {rng.random():.6f}"\n'
            f'date = "{year}-{month:02d}"\n'
            f'certainty = "{("probable", "possible", "confirmed")[i % 3]}"\n'
            "sources = [\n"
            f'  {{ source = "s{first}", date = "{year}-{month:02d}", at = "p. {i % 40 + 1}",'
            f' quote = "It happened in month {month}", credibility = 2 }},\n'
            f'  {{ source = "s{second}", date = "{year}", at = "para. {i % 9 + 1}",'
            f' quote = "Some time that year", credibility = 3 }},\n'
            "]\n"
        )
    return "\n".join(parts)


def measure(n: int, samples: int = 3) -> dict[str, float]:
    import tomli

    import timeline

    text = chronology(n)
    mid = f"{FIRST_YEAR + n // 365}-06"  # about half the events are reported by then
    clock = time.process_time
    best = {"tomli": float("inf"), "check": float("inf"), "known": float("inf")}
    kept = found = 0
    for _ in range(samples):
        gc.collect()
        start = clock()
        tomli.loads(text)
        best["tomli"] = min(best["tomli"], clock() - start)
        gc.collect()
        start = clock()
        tl = timeline.loads(text, name="bench.toml")
        found = len(tl.validate())
        best["check"] = min(best["check"], clock() - start)
        del tl
        gc.collect()
        start = clock()
        tl = timeline.loads(text, name="bench.toml")
        view = tl.known_at(mid)
        view.validate()
        best["known"] = min(best["known"], clock() - start)
        kept = len(view.events)
        del tl, view
    return {**best, "bytes": len(text), "kept": kept, "found": found}


def main(n: int = 100_000) -> int:
    r = measure(n)
    load = r["check"] / r["tomli"]
    added = r["known"] / r["check"] - 1
    print(f"{n} events, {r['bytes'] / 1e6:.1f} MB, {r['found']:.0f} diagnostics")
    print(f"tomli.loads                 {r['tomli']:7.3f} s")
    print(f"loads + validate            {r['check']:7.3f} s  {load:.2f}x tomli", end="")
    print(f" (target <= {LOAD_TARGET})")
    print(
        f"loads + known_at + validate {r['known']:7.3f} s  +{added:.0%} (target <= "
        f"{KNOWN_TARGET:.0%}; the view keeps {r['kept']:.0f} events)"
    )
    failed = load > LOAD_TARGET or added > KNOWN_TARGET
    print("targets:", "FAIL" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
