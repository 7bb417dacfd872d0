"""Saves of one file, as they happen: the common part of `render --watch` and `serve`.

watchfiles (an optional extra, `timeline[preview]`) reports changes to the
file's folder, not the file: a save replaces the file by renaming a new one
over it, which a watch on the old inode would miss. Only changes to the file's
real name count, and they are debounced briefly, so one save is one event.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["Generations", "MissingExtra", "saves"]

DEBOUNCE_MS = 50  # a save is a few file-system events within a few milliseconds
PRIME_MS = 200  # how long a wait for changes lasts before it starts again


class MissingExtra(Exception):
    """An optional package the command needs is not installed."""


def _watch() -> Callable[..., Iterator[Any]]:
    try:
        from watchfiles import watch
    except ImportError:
        raise MissingExtra(
            "this needs the watchfiles package; install it with: pip install 'timeline[preview]'"
        ) from None
    return watch


def saves(path: str, stop: threading.Event | None = None) -> Iterator[None]:
    """Yield once after each change of the file at `path`, until `stop` is set."""
    watch = _watch()
    real = os.path.realpath(path)
    folder = os.path.dirname(real)

    def ours(change: object, changed: str) -> bool:
        return os.path.realpath(changed) == real

    # Each wait ends after a short timeout with no change; the first wait starts the
    # watcher, so a save right after saves() returns is never missed.
    batches = watch(folder, watch_filter=ours, debounce=DEBOUNCE_MS, step=DEBOUNCE_MS,
                    stop_event=stop, rust_timeout=PRIME_MS, yield_on_timeout=True)  # fmt: skip
    next(batches)
    return (None for changes in batches if changes)


class Generations:
    """A counter of saves that threads can wait on (one per open page of `serve`)."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    @property
    def count(self) -> int:
        with self._changed:
            return self._count

    def bump(self) -> None:
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        """The count once it exceeds `seen`, or `seen` after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._count > seen, timeout=timeout)
            return self._count
