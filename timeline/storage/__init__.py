"""Reading and writing events.toml: load, save, the write lock, source positions."""

from timeline.storage.load import load, loads
from timeline.storage.lock import locked
from timeline.storage.save import save

__all__ = ["load", "loads", "locked", "save"]
