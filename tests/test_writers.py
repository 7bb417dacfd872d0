"""20 library processes and 20 CLI processes add 10 events each to one file at once:
all 400 are there afterwards, with the file's comments. `save()` takes the lock
itself and merges what others saved meanwhile; the CLI goes through the same save.

TIMELINE_WRITER_ROUNDS (default 1; .ci/run sets 10) repeats the whole race.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

import timeline

HEADER = """\
# Shared chronology: people and scripts add to it at once.
[timeline]
title = "Shared"   # keep this comment

# The one source.
[sources.wire]
title = "Wire"  # and this one
"""

LIBRARY = """
import sys, timeline
worker, path = sys.argv[1], sys.argv[2]
for n in range(10):
    tl = timeline.load(path)
    event = timeline.Event(f"lib{worker}-{n}", f"Library {worker}/{n}", "probable", ["wire"],
                           date=f"20{10 + n}")
    tl.add(event).save()
"""

CLI = """
import sys
from timeline.cli import main
worker, path = sys.argv[1], sys.argv[2]
for n in range(10):
    status = main(["add", "--id", f"cli{worker}-{n}", "--title", f"CLI {worker}/{n}",
                   "--date", f"20{10 + n}", "--certainty", "probable", "--source", "wire", path])
    assert status == 0, status
"""

ROUNDS = int(os.environ.get("TIMELINE_WRITER_ROUNDS", "1"))
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_forty_writers_lose_nothing(tmp_path: pathlib.Path, round_: int) -> None:
    path = tmp_path / "events.toml"
    path.write_text(HEADER, encoding="utf-8")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n), str(path)], stderr=subprocess.PIPE, text=True
        )
        for n in range(20)
        for script in (LIBRARY, CLI)
    ]
    errors = [worker.communicate(timeout=600)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 40, errors
    loaded = timeline.load(path)
    expected = {f"{kind}{w}-{n}" for kind in ("lib", "cli") for w in range(20) for n in range(10)}
    assert {event.id for event in loaded.events} == expected
    assert len(loaded.events) == 400
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert {d.code for d in loaded.validate()} <= {"W112"}  # look-alike titles, nothing else
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
    assert leftovers == []
