"""Crash safety: SIGKILL at chosen points of `save` and `render` never leaves a broken file.

A writer is killed exactly where a crash would hurt, not at a random moment: in
the fsync of a temporary file (its data written, the rename not done yet), in
the fsync of the directory (the rename done), and between two writes. The
process writing is a fork of a server that imported timeline once (see SERVER),
so a kill costs milliseconds, not an interpreter's start-up; it stops at the
point it was sent to, says so on stdout and waits there to be killed. Every
round knows exactly what the file must hold afterwards.
"""

from __future__ import annotations

import os
import pathlib
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

import timeline
from timeline.storage.atomic import STALE_AFTER, remove_stale

TIMEOUT = 60.0  # seconds, for any line of the server
# More than a pipe's or a page's worth of bytes: the data is written in several pieces.
PADDING = "".join(f"# padding line {n:06d} {'x' * 60}\n" for n in range(2_000))
HEADER = '[timeline]\ntitle = "Crash test"\n\n[sources.wire]\ntitle = "Wire"\n\n' + PADDING
RENDER = ["--format", "svg,txt", "--width", "80"]

# Reads commands "WORK<TAB>POINT<TAB>N<TAB>ARG..." on stdin; for each, forks a
# child that does WORK over and over until it reaches POINT for the N-th time,
# prints "stop POINT N" there and waits to be killed. The points: "data" (in
# the fsync of a temporary file, between writing its data and renaming it),
# "directory" (in the fsync of the directory, after the rename) and "done"
# (after a whole save or render, outside any write). The server prints "child
# PID", then "status PID STATUS" once the child is gone.
SERVER = """
import os, signal, stat, sys, tempfile, traceback
import timeline
from timeline.cli import main

def emit(line):  # file descriptor 1 is for these lines; what render prints goes nowhere
    os.write(1, (line + "\\n").encode())

sys.stdout = open(os.devnull, "w")

def save(path):
    tl = timeline.load(path)
    n = len(tl.events)
    tl.add(timeline.Event(f"e{n}", f"Event {n}", "probable", ["wire"], date="2020")).save()

def render(source, out, *options):
    assert main(["render", source, "-o", out, *options]) == 0

WORK = {"save": save, "render": render}

# Every import a save and a render make, once, before any fork.
with tempfile.TemporaryDirectory() as scratch:
    path = os.path.join(scratch, "events.toml")
    with open(path, "w", encoding="utf-8") as file:
        file.write('[timeline]\\ntitle = "Warm-up"\\n\\n[sources.wire]\\ntitle = "Wire"\\n')
    save(path)
    render(path, scratch, "--format", "svg,txt")

def child(work, point, n, args):
    seen = {"data": 0, "directory": 0, "done": 0}

    def reached(kind):
        seen[kind] += 1
        if (kind, seen[kind]) == (point, n):
            emit(f"stop {kind} {seen[kind]}")
            while True:
                signal.pause()
        if seen["done"] > n + 3:
            raise RuntimeError(f"{work} never reached {point} {n}: {seen}")

    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        reached("directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "data")

    os.fsync = fsync
    while True:
        WORK[work](*args)
        reached("done")

emit("ready")
for command in sys.stdin:
    work, point, n, *args = command.rstrip("\\n").split("\\t")
    pid = os.fork()
    if pid == 0:
        try:
            child(work, point, int(n), args)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(70)
    emit(f"child {pid}")
    _, status = os.waitpid(pid, 0)
    emit(f"status {pid} {status}")
"""


class Server:
    """The SERVER script in a subprocess; `kill_at` has it fork a writer and kills it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()
        assert self.line() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        self.errors.extend(self.process.stderr)

    def line(self) -> str:
        try:
            return self.lines.get(timeout=TIMEOUT).rstrip("\n")
        except queue.Empty:
            raise AssertionError(f"the server said nothing in {TIMEOUT:.0f} s") from None

    def kill_at(self, work: str, point: str, n: int, *args: str) -> None:
        """Fork a child doing `work` with `args`, and SIGKILL it at the n-th `point`."""
        assert self.process.stdin is not None
        self.process.stdin.write("\t".join([work, point, str(n), *args]) + "\n")
        self.process.stdin.flush()
        kind, pid = self.line().split()
        assert kind == "child"
        stop = self.line()
        assert stop == f"stop {point} {n}", f"{stop!r}:\n{''.join(self.errors)}"
        os.kill(int(pid), signal.SIGKILL)
        status = self.line().split()
        assert status[:2] == ["status", pid], status
        assert os.WIFSIGNALED(int(status[2])), status
        assert os.WTERMSIG(int(status[2])) == signal.SIGKILL, status

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=TIMEOUT) == 0, "".join(self.errors)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    started = Server()
    yield started
    started.close()


def temporaries(folder: pathlib.Path) -> set[pathlib.Path]:
    return {path for path in folder.iterdir() if path.name.endswith(".tmp")}


# (point, n): where each round's writer dies, in the file the rounds before left.
SAVE_ROUNDS = [
    ("data", 1),
    ("directory", 1),
    ("done", 2),
    ("data", 3),
    ("directory", 2),
    ("data", 2),
    ("done", 1),
    ("directory", 3),
]


def test_sigkill_during_save_leaves_old_or_new_file(
    tmp_path: pathlib.Path, write_chronology: Callable[[str], pathlib.Path], server: Server
) -> None:
    path = write_chronology(HEADER)
    events = 0
    in_writes = 0
    for point, n in SAVE_ROUNDS:
        before = temporaries(tmp_path)
        server.kill_at("save", point, n, str(path))
        # The saves before the one killed are in the file; the one killed is in it
        # only when the kill came after its rename.
        events += n - 1 if point == "data" else n
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER)
        loaded = timeline.load(path)  # complete and loadable
        assert [e.id for e in loaded.events] == [f"e{k}" for k in range(events)]
        left = temporaries(tmp_path) - before
        if point == "data":
            # Killed inside the write: the data file is the old one, and the new
            # one, complete but never renamed, is the temporary file left behind.
            (temporary,) = left
            assert temporary.name.startswith(".events.toml.")
            assert len(timeline.load(temporary).events) == events + 1
            in_writes += 1
        else:
            assert not left, left
    assert events > 0, "the saver never completed a save: the test proved nothing"
    assert in_writes == sum(point == "data" for point, _ in SAVE_ROUNDS)
    assert in_writes, "no kill landed inside a write"
    # The next writer that holds the lock removes what the killed ones left, once it is
    # over a minute old (younger, it could be a live writer's): age them as if it were.
    leftovers = temporaries(tmp_path)
    assert len(leftovers) == in_writes  # the writers since kept the fresh ones
    for leftover in leftovers:
        os.utime(leftover, (time.time() - 120,) * 2)
    event = timeline.Event(f"e{events}", f"Event {events}", "probable", ["wire"], date="2020")
    timeline.load(path).add(event).save()
    assert temporaries(tmp_path) == set()
    assert len(timeline.load(path).events) == events + 1


RENDER_ROUNDS = [("data", 1), ("directory", 1), ("data", 2), ("done", 1), ("directory", 2)]
RENDER_ROUNDS += [("data", 3), ("data", 4)]


def test_sigkill_during_render_leaves_old_or_new_files(
    tmp_path: pathlib.Path,
    bundled_path: pathlib.Path,
    cli: Callable[[list[str]], tuple[int, str, str]],
    server: Server,
) -> None:
    out = tmp_path / "out"
    args = ["render", str(bundled_path), "-o", str(out), *RENDER]
    assert cli(args)[0] == 0  # a complete render first: every later state is old or new
    complete = {name: (out / name).read_bytes() for name in ("timeline.svg", "timeline.txt")}
    hit: list[str] = []
    for point, n in RENDER_ROUNDS:
        before = temporaries(out)
        server.kill_at("render", point, n, str(bundled_path), str(out), *RENDER)
        for name, data in complete.items():
            assert (out / name).read_bytes() == data  # renders are deterministic
        left = temporaries(out) - before
        if point == "data":
            (temporary,) = left  # killed inside the write of this file
            name = next(name for name in complete if temporary.name.startswith(f".{name}."))
            assert temporary.read_bytes() == complete[name]
            hit.append(name)
        else:
            assert not left, left
    assert hit, "no kill landed inside a write"
    assert sorted(set(hit)) == sorted(complete), f"kills inside writes hit only {hit}"


# Stale temporary files: the next save removes them ----------------------------


def _age(path: pathlib.Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_next_save_removes_only_stale_temporaries_of_its_own_file(
    tmp_path: pathlib.Path,
) -> None:
    path = tmp_path / "events.toml"
    path.write_text(HEADER, encoding="utf-8")
    stale = tmp_path / ".events.toml.k1ll3d_x.tmp"
    kept = {
        tmp_path / ".events.toml.fresh123.tmp": STALE_AFTER / 2,  # a live writer's, maybe
        tmp_path / ".events.toml.short.tmp": 3600,  # not tempfile's eight characters
        tmp_path / ".events.toml.ABCDEFGH.tmp": 3600,  # tempfile writes lower case
        tmp_path / ".other.toml.abcdefgh.tmp": 3600,  # another file's
        tmp_path / "events.toml.abcdefgh.tmp": 3600,  # no leading dot
        tmp_path / ".events.toml.abcdefgh.tmp.bak": 3600,
    }
    for leftover, age in [(stale, 3600), *kept.items()]:
        leftover.write_text("half a chronology", encoding="utf-8")
        _age(leftover, age)
    folder = tmp_path / ".events.toml.folder00.tmp"  # not a regular file
    folder.mkdir()
    _age(folder, 3600)
    event = timeline.Event("b", "B", "probable", ["wire"], date="2020")
    timeline.load(path).add(event).save()
    assert not stale.exists()
    assert all(leftover.exists() for leftover in kept)
    assert folder.is_dir()
    assert len(timeline.load(path).events) == 1


def test_remove_stale_says_what_it_removed(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    old = tmp_path / ".events.toml.abcdefgh.tmp"
    old.write_bytes(b"")
    _age(old, STALE_AFTER + 5)
    young = tmp_path / ".events.toml.ijklmnop.tmp"
    young.write_bytes(b"")
    _age(young, STALE_AFTER - 5)
    assert remove_stale(str(path)) == [str(old)]
    assert young.exists()
    assert remove_stale(str(tmp_path / "missing-folder" / "events.toml")) == []
