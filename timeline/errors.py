"""The errors timeline raises, under one base class `timeline.Error`.

Each also subclasses the builtin it has always been (a bad field value is a
`ValueError`), so ``except ValueError`` in old scripts keeps working. All are
picklable, so a process pool can load files in parallel and get the error
back whole, and all say ``timeline.X`` in a traceback: that is where users
import them from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from timeline.diagnostics import Diagnostic, format_diagnostic

__all__ = ["EdtfError", "Error", "FieldError", "OptionError", "PageTooShortError", "TimelineError"]


class Error(Exception):
    """Base class of every error timeline raises on purpose."""

    __module__ = "timeline"


class TimelineError(Error):
    """A chronology that cannot be used; carries the diagnostics that say why."""

    __module__ = "timeline"

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: Sequence[Diagnostic] = tuple(diagnostics)
        super().__init__("\n".join(format_diagnostic(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.diagnostics,))


class FieldError(Error, ValueError):
    """A value a model field cannot hold; names the field and a diagnostic code."""

    __module__ = "timeline"

    def __init__(self, field: str, code: str, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
        self.offset = offset  # character index inside a string value, when known

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.code, self.message, self.offset))


class EdtfError(Error, ValueError):
    """Text that is not a Level 0/1 EDTF date; ``offset`` is the 0-based column at fault."""

    __module__ = "timeline"

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return self.message


class OptionError(Error, ValueError):
    """A render option that does not exist or has a value it cannot take.

    ``option`` is its name as the library spells it (``date_from``); the
    command line maps that to its flag (``--from``) and exits with status 2.
    """

    __module__ = "timeline"

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.option, self.message))


class PageTooShortError(OptionError):
    """An exact page (the `size` option) shorter than its chart can be: `least` points is
    the least height the chart takes at `width` (its header, lanes, axis and legend at
    the smallest text, without a label), `height` the page's. A caller that chose the size
    itself may draw the chart at ``(width, least)`` instead."""

    __module__ = "timeline"

    def __init__(self, message: str, width: float, height: float, least: float) -> None:
        super().__init__("size", message)
        self.width = width
        self.height = height
        self.least = least

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.width, self.height, self.least))
