"""Reading and writing events.toml: load, save, the write lock, source positions."""

from typing import TYPE_CHECKING, Any

from timeline.storage.load import load, loads

if TYPE_CHECKING:
    from timeline.storage.lock import locked
    from timeline.storage.save import save

__all__ = ["load", "loads", "locked", "save"]


def __getattr__(name: str) -> Any:
    # Reading needs neither the writer nor the lock (fcntl): `check` imports them not.
    if name == "save":
        from timeline.storage.save import save

        return save
    if name == "locked":
        from timeline.storage.lock import locked

        return locked
    raise AttributeError(f"module 'timeline.storage' has no attribute {name!r}")
