"""Hostile sizes: each input renders (SVG and text) or is refused with a clear error,
within 2 GB of memory. Prints time, peak memory and the outcome of each case.

    python benchmarks/hostile.py [--quick]     (--quick skips the 50 MB file)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import chronology

HEAD = '[timeline]\ntitle = "Hostile"\n\n[sources.s]\ntitle = "S"\n\n'
LIMIT_KB = 2 * 1024 * 1024


def event(i: int, when: str, title: str | None = None, lane: str | None = None) -> str:
    lane_line = f'lane = "{lane}"\n' if lane else ""
    return (
        f'[[event]]\nid = "e{i}"\ntitle = "{title or f"Event {i}"}"\n{when}\n'
        f'certainty = "probable"\nsources = ["s"]\n{lane_line}\n'
    )


def cases(quick: bool) -> dict[str, str]:
    found = {
        "100,000-character title": HEAD + event(0, 'date = "2020"', "x" * 100_000),
        "years -9999 and 9999": HEAD
        + event(0, 'date = "-9999"')
        + event(1, 'date = "9999-12-31"')
        + event(2, 'start = "-9999"\nend = "9999"'),
        "zero-length ranges": HEAD
        + event(0, 'start = "2020-01-01"\nend = "2020-01-01"')
        + event(1, "start = 2020-01-01T10:00:00Z\nend = 2020-01-01T10:00:00Z")
        + event(2, 'date = "2020-01-01/2020-01-01"'),
        "10,000 lanes": HEAD
        + "".join(event(i, f'date = "{1000 + i % 1000}"', lane=f"Lane {i}") for i in range(10_000)),
    }
    if not quick:
        found["50 MB file (250,000 events)"] = chronology(250_000)
    return found


def main(quick: bool) -> int:
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for name, text in cases(quick).items():
            path = os.path.join(folder, "case.toml")
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-m", "timeline", "render", path, "-o", folder],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert child.stderr is not None
            errors = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            peak_kb = usage.ru_maxrss
            last = errors.strip().splitlines()[-1] if errors.strip() else ""
            outcome = "rendered" if code == 0 else f"refused (exit {code}): {last}"
            ok = peak_kb < LIMIT_KB and (code == 0 or (code in (1, 2) and last))
            failed |= not ok
            print(f"{name:30} {seconds:7.1f} s {peak_kb / 1024:7.0f} MB  {outcome}"
                  f"{'' if ok else '  FAIL'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main("--quick" in sys.argv[1:]))
