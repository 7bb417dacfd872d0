"""What every command prints: diagnostics in the one format, and summary counts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from timeline.diagnostics import Diagnostic, Severity

__all__ = ["DEFAULT_FILE", "count", "print_diagnostics", "refusal", "summary"]

DEFAULT_FILE = "events.toml"


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)


def refusal(command: str, code: str, option: str, message: str) -> int:
    """Say why `timeline COMMAND` wrote nothing, naming the option at fault; exit 1."""
    print(f"timeline {command}: error[{code}]: {option}: {message}", file=sys.stderr)
    return 1


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(events: int | None, diagnostics: Sequence[Diagnostic]) -> str:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    parts = [] if events is None else [count(events, "event")]
    parts += [count(counts[Severity.ERROR], "error"), count(counts[Severity.WARNING], "warning")]
    if counts[Severity.NOTE]:
        parts.append(count(counts[Severity.NOTE], "note"))
    return ", ".join(parts)
