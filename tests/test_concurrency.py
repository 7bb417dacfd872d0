"""Concurrent writers: 20 processes each `add` 10 events to one file through the CLI."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from collections.abc import Callable

import pytest

import timeline

HEADER = """\
# Shared chronology: several people and scripts append to it.
[timeline]
title = "Shared"   # keep this comment

[sources.wire]
title = "Wire"  # and this one
"""

# Imports the command line once, then forks the 20 writers at once: 20 processes
# that each run `timeline add` 10 times, as 20 scripts would, without 20
# interpreter start-ups. Prints the writers' exit statuses as JSON, in order.
WRITERS = """
import json, os, sys, tempfile, traceback
from timeline.cli import main

def write(worker, path):
    for n in range(10):
        status = main(["add", "--id", f"w{worker}-e{n}", "--title", f"Worker {worker} event {n}",
                       "--date", f"20{10 + n}", "--certainty", "probable", "--source", "wire",
                       path])
        assert status == 0, status

sys.stdout = open(os.devnull, "w")  # what `add` prints; the statuses go to descriptor 1
with tempfile.TemporaryDirectory() as scratch:  # every import `add` makes, before the forks
    warm = os.path.join(scratch, "events.toml")
    with open(warm, "w", encoding="utf-8") as file:
        file.write('[timeline]\\ntitle = "Warm-up"\\n\\n[sources.wire]\\ntitle = "Wire"\\n')
    write(0, warm)

workers = int(sys.argv[1])
pids = []
for worker in range(workers):
    pid = os.fork()
    if pid == 0:
        try:
            write(worker, sys.argv[2])
            os._exit(0)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
    pids.append(pid)
statuses = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
os.write(1, json.dumps(statuses).encode())
"""


@pytest.mark.slow  # 8 s: .ci/run's heavy step runs it, beside the 40-writer race
def test_twenty_concurrent_writers_lose_nothing(
    write_chronology: Callable[[str], pathlib.Path],
) -> None:
    path = write_chronology(HEADER)
    done = subprocess.run(
        [sys.executable, "-c", WRITERS, "20", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [0] * 20, done.stderr
    loaded = timeline.load(path)
    expected = {f"w{w}-e{n}" for w in range(20) for n in range(10)}
    assert {event.id for event in loaded.events} == expected
    assert len(loaded.events) == 200
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert not [d for d in loaded.validate() if d.severity is timeline.Severity.ERROR]
