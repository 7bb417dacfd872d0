"""The terminal's width, for help text and the text renderer.

shutil.get_terminal_size answers the same, but importing shutil brings bz2, lzma
and zlib with it: several milliseconds of a command whose whole budget is a few
tens (see benchmarks/bench_startup.py).
"""

from __future__ import annotations

import os
import sys

__all__ = ["columns"]


def columns(fallback: int = 80) -> int:
    """$COLUMNS when it is a positive number, else the width of the terminal standard
    output is on, else `fallback` (shutil.get_terminal_size's order)."""
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return width or fallback
