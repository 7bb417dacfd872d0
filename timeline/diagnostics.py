"""Diagnostics are data: positioned findings, turned into text only at the edge."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = ["Diagnostic", "Severity", "format_diagnostic", "severity_of"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


_BY_LETTER = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTE}


def severity_of(code: str) -> Severity:
    """A code's default severity, from its letter: E error, W warning, N note.

    The one place that says so: the loader, the structural checks and the rules
    all build their diagnostics with it; `[timeline.rules]` may change it later.
    """
    return _BY_LETTER[code[0]]


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"Diagnostic.{attribute.name} must be >= 1 (1-based), got {value!r}")


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Diagnostic:
    """One finding about a chronology, pointing at the key or value at fault.

    `line` and `column` are 1-based, as editors and compilers count them.
    """

    file: str
    line: int = attrs.field(validator=_positive)
    column: int = attrs.field(validator=_positive)
    severity: Severity
    code: str
    message: str
    event_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def __str__(self) -> str:
        return format_diagnostic(self)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "event_ids": list(self.event_ids),
        }


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """The one text form: ``FILE:LINE:COL: severity[CODE]: message``."""
    d = diagnostic
    return f"{d.file}:{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}"
