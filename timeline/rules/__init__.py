"""Checking a chronology: structural checks and the chronology rules.

`validate(timeline)` returns every finding, sorted by position; `CODES` is the
rules' part of the one catalogue of codes (`timeline.diagnostics.CODES`), code
to one-line summary.
"""

from timeline.rules.context import CODES
from timeline.rules.engine import validate

__all__ = ["CODES", "validate"]
