"""Start-up of `timeline check` and `timeline render --format txt`, as a user gets it.

Target (issue: briefing-fit output, item 9), measured in this one run: on the
bundled events.toml each command takes at most 1.3x the floor, a fresh Python
running ``import tomli, attrs``, and imports neither matplotlib, pendulum nor
Babel.

"As a user gets it" means a clean virtual environment holding only the package
(installed from its wheel, non-editable, its bytecode compiled) and the two
dependencies these commands need, attrs and tomli (copied from this
interpreter's installation, same versions). The interpreter's own site-packages
are not on the path: here their .pth files (an editable install's finder,
coverage's hook) cost tens of milliseconds at every start, which would swell the
floor and flatter the ratio. Commands and floor run as fresh processes,
interleaved, and the medians of their wall times are compared.

A third line measures what no implementation of these commands can avoid: the
floor plus argparse and the package's model, its frozen attrs classes (dates,
records, the chronology, diagnostics) that `check` builds from any file. Its
ratio is the least any command that loads a chronology can reach.

Run: python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = str(ROOT / "events.toml")
FLOOR = "import tomli, attrs"
MODEL = "import tomli, attrs, argparse, timeline.model, timeline.diagnostics"
TARGET_RATIO = 1.3
HEAVY = ("matplotlib", "pendulum", "babel")
# Runs the CLI in this process and names the heavy packages it imported.
PROBE = (
    "import sys; from timeline.cli import main; status = main(sys.argv[1:]);"
    f" print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))),"
    " file=sys.stderr)"
)


def environment(folder: Path) -> Path:
    """A clean virtual environment in `folder` with the package, attrs and tomli; its
    python."""
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    paths = {"base": str(folder), "platbase": str(folder)}
    site = Path(sysconfig.get_path("purelib", vars=paths))
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(ROOT)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         *map(str, wheels.glob("*.whl"))],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for name in ("attrs", "tomli"):
        distribution = importlib.metadata.distribution(name)
        for file in distribution.files or ():
            source = Path(str(distribution.locate_file(file)))
            if source.is_file():
                target = site / file
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    return python


def timed(command: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    python = str(environment(folder / "env"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    out = str(folder / "out")
    os.mkdir(out)
    commands = {
        f"python -c '{MODEL}'": [python, "-c", MODEL],
        "timeline check": [python, "-m", "timeline", "check", EVENTS],
        "timeline render --format txt": [
            python, "-m", "timeline", "render", EVENTS, "--format", "txt", "-o", out,
        ],
    }  # fmt: skip
    floor_command = [python, "-c", FLOOR]
    heavy = {}
    for name, command in commands.items():
        if name.startswith("timeline"):
            probe = subprocess.run(
                [python, "-c", PROBE, *command[3:]], env=env, cwd=out, capture_output=True,
                text=True, check=True,
            )  # fmt: skip
            heavy[name] = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else ""
    for command in [floor_command, *commands.values()]:  # warm: bytecode, file cache
        timed(command, env, out)
    times: dict[str, list[float]] = {name: [] for name in ["floor", *commands]}
    for _ in range(runs):
        times["floor"].append(timed(floor_command, env, out))
        for name, command in commands.items():
            times[name].append(timed(command, env, out))
    floor = statistics.median(times["floor"])
    print(f"Start-up on the bundled events.toml, in a clean virtual environment ({runs} runs,")
    print("interleaved, median wall times)")
    print(f"  {'floor: ' + FLOOR:<30} {floor * 1000:6.1f} ms")
    failed = False
    for name in commands:
        median = statistics.median(times[name])
        ratio = median / floor
        label = "model: the least possible" if name.startswith("python") else name
        line = f"  {label:<30} {median * 1000:6.1f} ms   ratio {ratio:4.2f}"
        if name in heavy:
            ok = ratio <= TARGET_RATIO and not heavy[name]
            failed |= not ok
            line += f"   heavy imports: {heavy[name] or 'none'}; {'met' if ok else 'MISSED'}"
        print(line)
    print(f"  (model: {MODEL})")
    print(f"  target: ratio <= {TARGET_RATIO} and no heavy import")
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
