"""An exclusive lock around read-modify-write of a chronology file.

`save()` is atomic (rename), so a reader never sees half a file; but two writers
that both load, add and save would each write their own version and one event
would be lost. Writers therefore hold an advisory `fcntl` lock on a sidecar file
(`events.toml.lock`; the data file itself is replaced on every save, so a lock on
it would not survive) from before they load until after they save.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator

__all__ = ["locked"]


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the exclusive write lock of the chronology at `path`."""
    lock_path = os.fspath(path) + ".lock"
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
