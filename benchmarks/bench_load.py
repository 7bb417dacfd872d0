"""Load + structural validation against tomli's own parse of the same file.

Target (issue: chronology core): at 100k events, at most 1.5x tomli, peak memory
under 500 MB. Each size runs in a fresh process so that peak memory is its own.
Run: python benchmarks/bench_load.py [SIZES...]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(n: int) -> dict[str, float]:
    import resource

    import tomli

    sys.path.insert(0, HERE)
    from generate import chronology

    import timeline
    from timeline.dates.edtf import parse
    from timeline.rules.structural import structural

    text = chronology(n)
    best_tomli = best_ours = float("inf")
    pairs: list[float] = []
    # CPU time of this process (not wall time): other processes on a small shared
    # machine then disturb the ratio less. Best of 5, interleaved.
    clock = time.process_time
    for _ in range(5):
        start = clock()
        tomli.loads(text)
        tomli_s = clock() - start
        parse.cache_clear()  # every run parses every date, as a first load does
        start = clock()
        loaded = timeline.loads(text, name="bench.toml")
        found = structural(loaded)
        ours_s = clock() - start
        assert not found, found[:3]
        del loaded
        best_tomli, best_ours = min(best_tomli, tomli_s), min(best_ours, ours_s)
        pairs.append(ours_s / tomli_s)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n, "bytes": len(text), "tomli": best_tomli, "ours": best_ours,
        "pair_median": statistics.median(pairs), "peak_mb": peak_mb,
    }  # fmt: skip


def main(sizes: list[int]) -> int:
    failed = False
    print(
        f"{'events':>8} {'MB':>6} {'tomli s':>8} {'load+check s':>13} {'ratio':>6}"
        f" {'pair median':>11} {'peak MB':>8}"
    )
    for n in sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True
        ).stdout
        r = json.loads(output)
        ratio = r["ours"] / r["tomli"]
        print(
            f"{n:>8} {r['bytes'] / 1e6:>6.1f} {r['tomli']:>8.3f} {r['ours']:>13.3f}"
            f" {ratio:>6.2f} {r['pair_median']:>11.2f} {r['peak_mb']:>8.0f}"
        )
        if n >= 100_000:
            failed |= ratio > 1.5 or r["peak_mb"] > 500
    print("target at 100k: ratio <= 1.5, peak < 500 MB:", "FAIL" if failed else "met")
    print(
        "ratio: best load over best tomli (the target); pair median: the median of the"
        " five ratios of a tomli run and the load right after it (a check on the first"
        " while the machine's speed changes)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        sys.exit(main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000]))
