"""Start-up of `timeline check` and `timeline render --format txt`, as a user gets it.

Target (issue: briefing-fit output, item 9), measured in this one run: on the
bundled events.toml each command takes at most 1.3x the floor, a fresh Python
running ``import tomli, attrs``, and imports neither matplotlib, pendulum nor
Babel. The package is installed, non-editable, into a temporary folder first
(``pip install --no-deps --target``), so its bytecode is compiled as a user's
is; commands and floor run as fresh processes, interleaved, and the medians are
compared.

Run: python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = str(ROOT / "events.toml")
FLOOR = "import tomli, attrs"
TARGET_RATIO = 1.3
HEAVY = ("matplotlib", "pendulum", "babel")
# Runs the CLI in this process and names the heavy packages it imported.
PROBE = (
    "import sys; from timeline.cli import main; status = main(sys.argv[1:]);"
    f" print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))),"
    " file=sys.stderr)"
)


def install(target: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", target, str(ROOT)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def timed(command: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    target = tempfile.mkdtemp(prefix="bench-startup-")
    install(target)
    env = {**os.environ, "PYTHONPATH": target}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = tempfile.mkdtemp(prefix="bench-startup-out-")
    commands = {
        "check": ["check", EVENTS],
        "render --format txt": ["render", EVENTS, "--format", "txt", "-o", out],
    }
    floor_command = [sys.executable, "-c", FLOOR]
    failed = False
    print(f"Start-up on the bundled events.toml ({runs} runs each, medians)")
    for name, argv in commands.items():
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, *argv], env=env, cwd=out, capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        heavy = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else ""
        ours = [sys.executable, "-m", "timeline", *argv]
        timed(ours, env, out)
        timed(floor_command, env, out)
        floor, mine = [], []
        for _ in range(runs):
            floor.append(timed(floor_command, env, out))
            mine.append(timed(ours, env, out))
        ratio = statistics.median(mine) / statistics.median(floor)
        ok = ratio <= TARGET_RATIO and not heavy
        failed |= not ok
        print(f"  floor (python -c '{FLOOR}')        {statistics.median(floor):7.3f} s")
        print(f"  timeline {name:<20}           {statistics.median(mine):7.3f} s"
              f"   ratio {ratio:4.2f}")  # fmt: skip
        print(f"    heavy imports: {heavy or 'none'}")
        print(f"    target: ratio <= {TARGET_RATIO}, no heavy import: {'met' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
