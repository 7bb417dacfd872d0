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
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = _create_temporary(directory, f".{os.path.basename(path)}.")
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
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # tempfile's, so its names read as before
# Created as tempfile.mkstemp creates: new (O_EXCL), not through a symbolic link,
# readable and writable by the owner only, not inherited by child processes.
_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _create_temporary(directory: str, prefix: str) -> tuple[int, str]:
    """A new file `prefix` + 8 random letters + ".tmp" in `directory`, open: what
    tempfile.mkstemp makes, without importing tempfile (random, hashlib, shutil and
    bz2 with it: a tenth of a text render's start-up)."""
    for _ in range(100):
        token = "".join(_LETTERS[byte % len(_LETTERS)] for byte in os.urandom(8))
        temporary = os.path.join(directory, f"{prefix}{token}{_SUFFIX}")
        try:
            return os.open(temporary, _FLAGS, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name in {directory}")


def temporary_name(path: str) -> re.Pattern[str]:
    """The names `atomic_write(path, ...)` gives its temporary files (eight random
    letters between the prefix and the suffix)."""
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
