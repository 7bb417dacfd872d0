"""Replacing a file so that it is always the old or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os

__all__ = ["atomic_write"]


def atomic_write(path: str, data: bytes) -> None:
    """Write via a temporary file, fsync and rename: the file is always old or new."""
    import tempfile  # only when writing: it costs a tenth of a text render's start-up

    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        try:  # keep the permissions of the file being replaced ...
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:  # ... or give a new file what open() would
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
