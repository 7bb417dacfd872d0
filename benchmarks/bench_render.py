"""SVG rendering: the bundled chronology from the command line, and big chronologies.

Targets (issue: renderers), all measured in this one run:

* `python -m timeline render --format svg` of the bundled events.toml takes at
  most 1.3x the floor: a fresh Python importing matplotlib and saving the
  smallest SVG plot (`FLOOR` below). Both are timed as fresh processes,
  interleaved, and the medians compared.
* 1,000 events: render_svg under 1.5 s, and an SVG under 500 KB.
* 10,000 events: render_svg (labels thinned) under 10 s.

The big renders are timed inside a fresh process after `import timeline` and
loading (so: imports excluded, first-render costs such as font loading
included). Bytecode: this environment sets PYTHONDONTWRITEBYTECODE=1, so every
run of the command line compiles the timeline package from source, while
matplotlib's bytecode is installed; the command-line figure is printed both as
the environment has it and with a bytecode cache (PYTHONPYCACHEPREFIX primed
once), which is what an installed package has.

Run: python benchmarks/bench_render.py [--runs N]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVENTS = os.path.join(ROOT, "events.toml")
FLOOR = (
    "import io; from matplotlib.figure import Figure; f=Figure(); f.add_subplot().plot([0,1]);"
    " f.savefig(io.BytesIO(), format='svg')"
)
TEXT_FLOOR = "import tomli, attrs, pendulum"
TARGET_RATIO, TARGET_1K_S, TARGET_1K_KB, TARGET_10K_S = 1.3, 1.5, 500, 10.0
TARGET_TEXT_RATIO = 1.5


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def command_line(runs: int, format: str, floor_code: str) -> dict[str, float]:
    """Medians of a floor command and of our CLI rendering `format`, interleaved, in
    fresh processes: with a bytecode cache (what `pip install .` leaves: it compiles
    the package) and without one (an editable install under PYTHONDONTWRITEBYTECODE=1
    recompiles the package on every run, while the floor's libraries are precompiled)."""
    out = tempfile.mkdtemp(prefix="bench-render-")
    cache = tempfile.mkdtemp(prefix="bench-pycache-")
    plain = dict(os.environ)
    cached = {**plain, "PYTHONPYCACHEPREFIX": cache}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    ours = [sys.executable, "-m", "timeline", "render", EVENTS, "--format", format, "-o", out]
    floor_command = [sys.executable, "-c", floor_code]
    timed(ours, cached)  # prime the bytecode cache
    timed(floor_command, plain)  # warm the OS file cache
    floor, as_is, with_cache = [], [], []
    for _ in range(runs):
        floor.append(timed(floor_command, plain))
        as_is.append(timed(ours, plain))
        with_cache.append(timed(ours, cached))
    return {
        "floor": statistics.median(floor),
        "ours": statistics.median(as_is),
        "ours_cached": statistics.median(with_cache),
    }


def one(n: int) -> dict[str, float]:
    """In this (fresh) process: load n events, render once, report."""
    sys.path.insert(0, HERE)
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401  (imports are not what is measured)
    from generate import chronology

    import timeline
    from timeline import render_svg

    tl = timeline.loads(chronology(n), name=f"bench-{n}.toml")
    start = time.perf_counter()
    svg = render_svg(tl)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = render_svg(tl)
    second = time.perf_counter() - start
    assert again == svg
    return {"n": n, "first": first, "second": second, "kb": len(svg.encode("utf-8")) / 1024}


def big(n: int) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--one", str(n)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(runs: int) -> int:
    print(f"python {sys.version.split()[0]}; {runs} interleaved runs per command (medians)\n")
    cli = command_line(runs, "svg", FLOOR)
    ratio = cli["ours"] / cli["floor"]
    ratio_cached = cli["ours_cached"] / cli["floor"]
    print("SVG of the bundled events.toml from the command line")
    print(f"  floor (matplotlib import + smallest SVG)   {cli['floor']:7.3f} s")
    print(
        f"  python -m timeline render --format svg     {cli['ours']:7.3f} s"
        f"   ratio {ratio:4.2f}  (package compiled from source each run)"
    )
    print(
        f"  same, with a bytecode cache                {cli['ours_cached']:7.3f} s"
        f"   ratio {ratio_cached:4.2f}"
    )
    print(f"  target: ratio <= {TARGET_RATIO}: {verdict(max(ratio, ratio_cached) <= TARGET_RATIO)}")
    failed = max(ratio, ratio_cached) > TARGET_RATIO
    text = command_line(runs, "txt", TEXT_FLOOR)
    text_ratio = text["ours_cached"] / text["floor"]
    print("\nText of the bundled events.toml from the command line")
    print(f"  floor (python -c '{TEXT_FLOOR}')  {text['floor']:7.3f} s")
    print(
        f"  python -m timeline render --format txt     {text['ours_cached']:7.3f} s"
        f"   ratio {text_ratio:4.2f}  (installed: bytecode compiled)"
    )
    print(
        f"  same, recompiling the package every run    {text['ours']:7.3f} s"
        f"   ratio {text['ours'] / text['floor']:4.2f}  (for information)"
    )
    print(f"  target: ratio <= {TARGET_TEXT_RATIO}: {verdict(text_ratio <= TARGET_TEXT_RATIO)}")
    failed |= text_ratio > TARGET_TEXT_RATIO
    print("\nBig chronologies: render_svg in a fresh process after imports and load")
    print(f"  {'events':>7} {'first s':>8} {'again s':>8} {'KB':>7}  targets")
    for n in (1000, 10000):
        r = big(n)
        if n == 1000:
            ok = r["first"] < TARGET_1K_S and r["kb"] < TARGET_1K_KB
            goal = f"< {TARGET_1K_S} s and < {TARGET_1K_KB} KB: {verdict(ok)}"
        else:
            ok = r["first"] < TARGET_10K_S
            goal = f"< {TARGET_10K_S} s: {verdict(ok)}"
        failed |= not ok
        print(f"  {n:>7} {r['first']:8.3f} {r['second']:8.3f} {r['kb']:7.0f}  {goal}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        sys.exit(0)
    count = 7
    if len(sys.argv) == 3 and sys.argv[1] == "--runs":
        count = int(sys.argv[2])
    sys.exit(main(count))
