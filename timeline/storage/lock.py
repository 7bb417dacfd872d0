"""An exclusive lock around read-modify-write of a chronology file.

`save()` is atomic (rename), so a reader never sees half a file; but two writers
that both load, change and save would each write their own version. Every
writer therefore holds an advisory `fcntl.flock` on a sidecar file from before
it reads until after it renames: `save()` takes it itself, and
`timeline.locked(path)` holds it across several steps of a script.

The rules:

* The lock belongs to the file's *real* path: writers through a symlink and
  through the target queue for the same lock (``REAL.lock`` beside the target).
* The lock file is created with the data file's own permission bits, and a
  writer that may only read it takes the lock through a read-only descriptor
  (flock needs no write access): whoever can write the chronology can take
  its lock, whoever created the lock file first.
* The lock is re-entrant within a process: `save()` inside `locked()` does not
  wait for itself.
* A lock file that can be neither created nor opened (a folder the user may not
  write, a lock file of another user that they may not read) is a `TimelineError`
  (E030, "not saved: ..."), not an OSError: whoever cannot take the lock cannot save.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from collections.abc import Iterator

from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError

__all__ = ["lock_path", "locked"]

_HELD: dict[str, int] = {}  # real path -> depth, for this process
_GUARD = threading.Lock()
_THREADS: dict[str, threading.RLock] = {}


def lock_path(path: str | os.PathLike[str]) -> str:
    """The sidecar lock file of the chronology at `path`."""
    return os.path.realpath(os.fspath(path)) + ".lock"


def _mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o666
    except OSError:
        return 0o666  # the umask still applies


def _open(lock: str, data: str, name: str) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, _mode(data))
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise _refused(name, lock, error) from None
        first = error
    try:  # Someone else created it and we may not write it: reading is enough for flock.
        return os.open(lock, os.O_RDONLY)
    except FileNotFoundError:  # there is none, and we may not create one
        raise _refused(name, lock, first) from None
    except OSError as error:
        raise _refused(name, lock, error) from None


def _refused(name: str, lock: str, error: OSError) -> TimelineError:
    why = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM) and not os.path.exists(lock):
        why += " (its folder is not writable)"
    message = f"not saved: cannot take the lock '{lock}': {why}"
    return TimelineError([Diagnostic(name, 1, 1, severity_of("E030"), "E030", message)])


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the exclusive write lock of the chronology at `path`.

    Raises `TimelineError` (E030) when the lock file can be neither created nor
    opened (the folder is not writable and no lock file exists, say).
    """
    name = os.fspath(path)
    real = os.path.realpath(name)
    with _GUARD:
        thread_lock = _THREADS.setdefault(real, threading.RLock())
    with thread_lock:  # threads of one process queue here; processes queue on flock
        if _HELD.get(real):
            _HELD[real] += 1
            try:
                yield
            finally:
                _HELD[real] -= 1
            return
        descriptor = _open(real + ".lock", real, name)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            _HELD[real] = 1
            try:
                yield
            finally:
                _HELD[real] = 0
        finally:
            os.close(descriptor)  # closing releases the lock
