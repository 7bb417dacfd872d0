"""Permission problems are diagnostics (E030, exit 1), and a read-only file is not replaced.

Root may write anything, so each case runs in a fork of this process that has
become the unprivileged user `nobody` (or, when the tests do not run as root, as
the user they run as). The fork has no interpreter to start and imports nothing:
every module a save and an `add` need is imported here first (`warm`), since
`nobody` may not read the installed packages under /root.
"""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import pickle
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import timeline
from timeline.cli import main

NOBODY = 65534
TIMEOUT = 30  # seconds: a child that waits on a lock for longer has hung

BASE = """\
[timeline]
title = "T"

[sources.wire]
title = "Wire"

[[event]]
id = "a"
title = "A"
date = "2020"
certainty = "probable"
sources = ["wire"]
"""
ADD = ["--id", "b", "--title", "B", "--date", "2021", "--certainty", "probable"]
ADD += ["--source", "wire"]


def _new_event() -> timeline.Event:
    return timeline.Event("b", "B", "probable", ["wire"], date="2021")


def _save(path: pathlib.Path) -> None:
    timeline.load(path).add(_new_event()).save()


def _add(path: pathlib.Path) -> tuple[int, str]:
    """`timeline add` in this process: its status and everything it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = main(["add", str(path), *ADD])
    return status, printed.getvalue()


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """A save and an `add` as this user, so that a fork imports nothing."""
    with tempfile.TemporaryDirectory() as scratch:
        path = pathlib.Path(scratch) / "events.toml"
        path.write_text(BASE, encoding="utf-8")
        _save(path)
        path.write_text(BASE, encoding="utf-8")
        assert _add(path)[0] == 0


def as_nobody(work: Callable[[], Any]) -> Any:
    """What `work()` returns (or raises) when the user `nobody` runs it."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        outcome: tuple[str, Any]
        try:
            os.close(read)
            signal.alarm(TIMEOUT)
            if os.getuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            try:
                outcome = ("returned", work())
            except BaseException as error:
                outcome = ("raised", error)
            data = pickle.dumps(outcome)
        except BaseException as error:  # could not become nobody, or not pickle
            data = pickle.dumps(("broken", repr(error)))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert data, f"the child died without a word (status {status}): hung or crashed"
    kind, value = pickle.loads(data)
    if kind == "broken":
        pytest.fail(f"the child could not run as nobody: {value}")
    if kind == "raised":
        raise value
    return value


@pytest.fixture
def folder() -> Iterator[pathlib.Path]:
    """A folder that `nobody` can reach (pytest's tmp_path is root's alone)."""
    made = pathlib.Path(tempfile.mkdtemp(prefix="timeline-permissions-"))
    made.chmod(0o755)
    try:
        yield made
    finally:
        shutil.rmtree(made)


def _chronology(folder: pathlib.Path, mode: int) -> pathlib.Path:
    path = folder / "events.toml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(mode)
    return path


def _refusal(path: pathlib.Path, work: Callable[[], Any]) -> str:
    with pytest.raises(timeline.TimelineError) as raised:
        as_nobody(work)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.file, diagnostic.code) == (str(path), "E030")
    assert path.read_text(encoding="utf-8") == BASE
    return diagnostic.message


def test_the_children_do_run_as_nobody(folder: pathlib.Path) -> None:
    expected = NOBODY if os.getuid() == 0 else os.getuid()
    assert as_nobody(os.getuid) == expected


def test_no_lock_in_a_folder_nobody_may_write(folder: pathlib.Path) -> None:
    """Used to be FileNotFoundError (PermissionError creating it, then no file to read)."""
    path = _chronology(folder, 0o666)  # the file is writable: the folder is not
    message = _refusal(path, lambda: _save(path))
    assert message == (
        f"not saved: cannot take the lock '{folder}/events.toml.lock':"
        " Permission denied (its folder is not writable)"
    )


def test_a_folder_nobody_may_write_with_a_lock_in_it(folder: pathlib.Path) -> None:
    """The lock can be had read-only, but the new file cannot be made: PermissionError."""
    path = _chronology(folder, 0o666)
    (folder / "events.toml.lock").write_bytes(b"")
    message = _refusal(path, lambda: _save(path))
    assert message == (
        f"not saved: cannot write '{path}': Permission denied"
        " (saving writes a new file in its folder, then renames it)"
    )


def test_a_lock_file_nobody_may_open(folder: pathlib.Path) -> None:
    folder.chmod(0o777)
    path = _chronology(folder, 0o666)
    lock = folder / "events.toml.lock"
    lock.write_bytes(b"")
    lock.chmod(0o600)  # another user's, unreadable
    message = _refusal(path, lambda: _save(path))
    assert message == f"not saved: cannot take the lock '{lock}': Permission denied"


def test_the_lock_is_the_same_refusal_for_scripts(folder: pathlib.Path) -> None:
    path = _chronology(folder, 0o666)

    def hold() -> None:
        with timeline.locked(path):
            pass

    assert _refusal(path, hold).startswith("not saved: cannot take the lock")


def test_a_file_nobody_may_write_is_not_replaced(folder: pathlib.Path) -> None:
    """The folder allows the rename, so the old save replaced root's 0644 file."""
    folder.chmod(0o777)
    path = _chronology(folder, 0o644)
    inode = path.stat().st_ino
    message = _refusal(path, lambda: _save(path))
    assert message == f"not saved: cannot write '{path}': Permission denied"
    assert path.stat().st_ino == inode
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_file_of_ones_own_is_not_replaced(folder: pathlib.Path) -> None:
    folder.chmod(0o777)
    path = _chronology(folder, 0o444)
    os.chown(path, NOBODY if os.getuid() == 0 else os.getuid(), -1)
    message = _refusal(path, lambda: _save(path))
    assert message == (
        f"not saved: '{path}' is read-only (mode 0444); make it writable to change it"
    )


def test_a_read_only_file_is_refused_for_root_too(tmp_path: pathlib.Path) -> None:
    """Root passes every permission check; a file with no write bit is still refused
    (someone made it read-only on purpose). A writable file of another user is not."""
    path = _chronology(tmp_path, 0o444)
    with pytest.raises(timeline.TimelineError) as raised:
        _save(path)
    assert str(raised.value) == (
        f"{path}:1:1: error[E030]: not saved: '{path}' is read-only (mode 0444);"
        " make it writable to change it"
    )
    assert path.read_text(encoding="utf-8") == BASE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    path.chmod(0o644)
    _save(path)
    assert len(timeline.load(path).events) == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_add_says_so_and_exits_1(folder: pathlib.Path) -> None:
    """The command line: a diagnostic and status 1, not a PermissionError traceback."""
    path = _chronology(folder, 0o666)
    status, printed = as_nobody(lambda: _add(path))
    assert status == 1
    assert "Traceback" not in printed
    assert (
        f"error[E030]: not saved: cannot take the lock '{folder}/events.toml.lock':"
        " Permission denied (its folder is not writable)"
    ) in printed
    assert path.read_text(encoding="utf-8") == BASE
