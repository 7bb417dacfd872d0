"""Checking a chronology: structural checks and the chronology rules.

`validate(timeline)` returns every finding, sorted by position; `CODES` is the
catalogue of the rules' codes.
"""

from timeline.rules.engine import validate
from timeline.rules.order import CODES

__all__ = ["CODES", "validate"]
