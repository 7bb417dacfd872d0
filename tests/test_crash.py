"""Crash safety: SIGKILL at random points of `save` and `render` never leaves a broken file."""

from __future__ import annotations

import os
import pathlib
import random
import signal
import subprocess
import sys
import time

import timeline
from timeline.cli import main

# A file big enough that writing and fsyncing it takes a while, so kills land mid-save.
PADDING = "".join(f"# padding line {n:06d} {'x' * 60}\n" for n in range(20_000))
HEADER = '[timeline]\ntitle = "Crash test"\n\n[sources.wire]\ntitle = "Wire"\n\n' + PADDING

# The disk here is fast: writing takes a millisecond of a 100 ms save, so random kills
# would almost never land inside the write. A slow disk is simulated by making fsync
# take 50 ms longer (the code path is unchanged; only its timing is).
SAVER = """
import os, sys, time, timeline, timeline.storage.save  # imports before "ready"
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    print("fsync", flush=True)
    time.sleep(0.2)
os.fsync = slow_fsync
path = sys.argv[1]
n = 0
print("ready", flush=True)
while True:
    tl = timeline.load(path)
    n = len(tl.events)
    tl.add(timeline.Event(f"e{n}", f"Event {n}", "probable", ["wire"], date="2020")).save()
"""

RENDERER = """
import os, sys, time
import timeline.render.chart, timeline.render.text  # imports before "ready"
from timeline.cli import main
real_fsync = os.fsync
def slow_fsync(fd):  # a slow disk, as for SAVER
    real_fsync(fd)
    print("fsync", flush=True)
    time.sleep(0.2)
os.fsync = slow_fsync
print("ready", flush=True)
while True:
    main(["render", sys.argv[1], "-o", sys.argv[2], "--format", "svg,txt", "--width", "80"])
"""


def kill_at_random(script: str, *args: str, seed: int, in_write: bool) -> None:
    """Run `script` and SIGKILL it: at a random moment, or (in_write) while it is
    inside an fsync of a write, the moment between writing data and renaming it."""
    rng = random.Random(seed)
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"ready\n"
    if in_write:
        skip = rng.randrange(3)  # not always the first write
        while skip >= 0:
            line = child.stdout.readline()
            assert line, "the child ended before writing"
            skip -= line.startswith(b"fsync")
        time.sleep(rng.uniform(0.0, 0.15))
    else:
        time.sleep(rng.uniform(0.0, 1.0))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


def test_sigkill_during_save_leaves_old_or_new_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(HEADER, encoding="utf-8")
    seen = 0
    for round_ in range(14):
        kill_at_random(SAVER, str(path), seed=round_, in_write=round_ % 2 == 0)
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER)
        loaded = timeline.load(path)  # complete and loadable
        assert [e.id for e in loaded.events] == [f"e{n}" for n in range(len(loaded.events))]
        seen = len(loaded.events)
    assert seen > 0, "the saver never completed a save: the test proved nothing"
    # A writer killed mid-write leaves its temporary file behind (never the data file);
    # at least one must have been, or no kill hit the window this test is about.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers, "no kill landed inside a write"
    assert all(name.startswith(".events.toml.") for name in leftovers)


def test_sigkill_during_render_leaves_old_or_new_files(tmp_path: pathlib.Path) -> None:
    source = pathlib.Path(__file__).parent.parent / "events.toml"
    out = tmp_path / "out"
    args = ["render", str(source), "-o", str(out), "--format", "svg,txt", "--width", "80"]
    assert main(args) == 0  # a complete render first: every later state is old or new
    complete = {name: (out / name).read_bytes() for name in ("timeline.svg", "timeline.txt")}
    for round_ in range(6):
        kill_at_random(RENDERER, str(source), str(out), seed=round_, in_write=round_ % 2 == 0)
        for name, data in complete.items():
            assert (out / name).read_bytes() == data  # renders are deterministic
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert leftovers, "no kill landed inside a write"
