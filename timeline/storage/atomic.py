"""Replacing a file so that it is always the old or the new one, never half of each.

A writer killed between creating its temporary file and renaming it leaves the
temporary file behind (`.NAME.XXXXXXXX.tmp` beside NAME). `remove_stale` removes
those of one file; `save` calls it while it holds the file's lock.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time

__all__ = ["STALE_AFTER", "atomic_write", "remove_stale", "temporary_name"]

# A temporary file older than this (seconds since its last change) is a dead writer's:
# a live one renames its file within a second or so of writing it.
STALE_AFTER = 60.0


def atomic_write(path: str, data: bytes) -> None:
    """Write via a temporary file, fsync and rename: the file is always old or new."""
    import tempfile  # only when writing: it costs a tenth of a text render's start-up

    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=_SUFFIX, dir=directory
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


_SUFFIX = ".tmp"


def temporary_name(path: str) -> re.Pattern[str]:
    """The names `atomic_write(path, ...)` gives its temporary files (tempfile's eight
    random characters between the prefix and the suffix)."""
    base = re.escape(f".{os.path.basename(path)}.")
    return re.compile(rf"{base}[a-z0-9_]{{8}}{re.escape(_SUFFIX)}")


def remove_stale(path: str, older_than: float = STALE_AFTER) -> list[str]:
    """Remove the temporary files of `path` that dead writers left; return their paths.

    Only regular files named as `atomic_write` names those of `path` and unchanged for
    `older_than` seconds are removed; anything else in the folder is left alone, and a
    file that cannot be removed is skipped (the save goes on).
    """
    directory = os.path.dirname(os.path.abspath(path))
    pattern = temporary_name(path)
    try:
        names = [name for name in os.listdir(directory) if pattern.fullmatch(name)]
    except OSError:
        return []
    removed = []
    now = time.time()
    for name in names:
        temporary = os.path.join(directory, name)
        try:
            info = os.lstat(temporary)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                os.unlink(temporary)
                removed.append(temporary)
        except OSError:
            continue
    return removed
