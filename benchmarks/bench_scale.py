"""SVG and HTML of very large chronologies: time and peak memory, 10k and 100k events.

Targets (issue: briefing-fit output, item 9), measured in this one run: 100,000
events render to SVG in under 4 s and 400 MB, and to the HTML page in under
6 s. Each figure comes from a fresh process that loads the chronology, then
renders once (imports and loading excluded from the time; the peak resident
memory is the process's whole, since that is what a user's machine must have).
The 100k / 10k ratios show how each cost grows: 10.0 is linear.

Run: python benchmarks/bench_scale.py [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {("svg", 100_000): (4.0, 400.0), ("html", 100_000): (6.0, None)}


def one(n: int, format: str) -> dict[str, float]:
    """In this (fresh) process: load n events, render `format` once, report."""
    sys.path.insert(0, str(HERE))
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401  (imports are not what is measured)
    from generate import chronology

    import timeline

    tl = timeline.loads(chronology(n), name=f"bench-{n}.toml")
    tl.validate()  # the CLI validates first; not what is measured here
    render = timeline.render_svg if format == "svg" else timeline.render_html
    start = time.perf_counter()
    out = render(tl)
    took = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": took, "peak_mb": peak_mb, "kb": len(out.encode("utf-8")) / 1024}


def measured(n: int, format: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(n), format],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, metavar=("N", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="10000,100000")
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(one(int(arguments.one[0]), arguments.one[1])))
        return 0
    sizes = [int(s) for s in arguments.sizes.split(",")]
    failed = False
    print(f"{'format':>6} {'events':>8} {'render s':>9} {'peak MB':>8} {'KB out':>8}  target")
    for format in ("svg", "html"):
        results = {}
        for n in sizes:
            r = results[n] = measured(n, format)
            goal = TARGETS.get((format, n))
            verdict = ""
            if goal is not None:
                seconds, megabytes = goal
                ok = r["seconds"] < seconds and (megabytes is None or r["peak_mb"] < megabytes)
                failed |= not ok
                limit = f"< {seconds:g} s" + (f", < {megabytes:g} MB" if megabytes else "")
                verdict = f"{limit}: {'met' if ok else 'MISSED'}"
            figures = f"{r['seconds']:9.2f} {r['peak_mb']:8.0f} {r['kb']:8.0f}"
            print(f"{format:>6} {n:>8} {figures}  {verdict}")
        if len(sizes) > 1:
            low, high = results[sizes[0]], results[sizes[-1]]
            print(f"{'':>6} {'ratio':>8} {high['seconds'] / low['seconds']:9.1f}"
                  f" {high['peak_mb'] / low['peak_mb']:8.1f} {high['kb'] / low['kb']:8.1f}"
                  f"  ({sizes[-1]:,} / {sizes[0]:,} events)")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
