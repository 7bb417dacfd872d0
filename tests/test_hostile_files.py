"""Every file is a regular file or a clear error: no hang, no traceback, no 3 GB read."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

import timeline
from timeline.storage.load import MAX_BYTES


def _error(path: str | pathlib.Path) -> str:
    with pytest.raises(timeline.TimelineError) as raised:
        timeline.load(path)
    return str(raised.value)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: pathlib.Path) -> None:
    fifo = tmp_path / "events.toml"
    os.mkfifo(fifo)
    # In a child with a timeout: the old loader blocked here forever.
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check", str(fifo)],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"{fifo}:1:1: error[E002]: cannot read '{fifo}': it is a FIFO, not a file"
    )


def test_a_device_is_refused_before_reading() -> None:
    assert _error("/dev/zero") == (
        "/dev/zero:1:1: error[E002]: cannot read '/dev/zero': it is a device, not a file"
    )


def test_a_directory_is_refused(tmp_path: pathlib.Path) -> None:
    assert _error(tmp_path).endswith(f"cannot read '{tmp_path}': it is a directory")


def test_a_file_over_the_limit_is_refused_with_the_limit(tmp_path: pathlib.Path) -> None:
    big = tmp_path / "events.toml"
    with big.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    assert _error(big) == (
        f"{big}:1:1: error[E002]: cannot read '{big}': it is 200 MB; the limit is 200 MB"
    )


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "1:105"),
        ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", "1:505"),
        ('x = "[[["\n' + "y = " + "[" * 2000 + "]" * 2000 + "\n", "2:105"),
        ("ok = 1\n" + "a" + ".a" * 1000 + " = 1\n", "2:1"),
    ],
    ids=["arrays", "inline-tables", "brackets-in-strings-do-not-count", "dotted-keys"],
)
def test_deep_nesting_is_a_positioned_error(text: str, position: str) -> None:
    with pytest.raises(timeline.TimelineError) as raised:
        timeline.loads(text, name="deep.toml")
    assert str(raised.value) == (
        f"deep.toml:{position}: error[E001]: invalid TOML: nested more than 100 levels deep"
    )
