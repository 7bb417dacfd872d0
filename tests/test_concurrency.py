"""Concurrent writers: 20 processes each `add` 10 events to one file through the CLI."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import timeline

HEADER = """\
# Shared chronology: several people and scripts append to it.
[timeline]
title = "Shared"   # keep this comment

[sources.wire]
title = "Wire"  # and this one
"""

WRITER = """
import sys
from timeline.cli import main
worker = int(sys.argv[1])
for n in range(10):
    status = main(["add", "--id", f"w{worker}-e{n}", "--title", f"Worker {worker} event {n}",
                   "--date", f"20{10 + n}", "--certainty", "probable", "--source", "wire",
                   sys.argv[2]])
    assert status == 0, status
"""


def test_twenty_concurrent_writers_lose_nothing(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(HEADER, encoding="utf-8")
    command = [sys.executable, "-c", WRITER]
    workers = [
        subprocess.Popen([*command, str(n), str(path)], stderr=subprocess.PIPE, text=True)
        for n in range(20)
    ]
    errors = [worker.communicate(timeout=300)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 20, errors
    loaded = timeline.load(path)
    expected = {f"w{w}-e{n}" for w in range(20) for n in range(10)}
    assert {event.id for event in loaded.events} == expected
    assert len(loaded.events) == 200
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert not [d for d in loaded.validate() if d.severity is timeline.Severity.ERROR]
