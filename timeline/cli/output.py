"""What every command prints: diagnostics in the one format, and summary counts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from timeline.diagnostics import Diagnostic, Severity

__all__ = ["DEFAULT_FILE", "FLAGS", "count", "print_diagnostics", "refusal", "said", "summary"]

DEFAULT_FILE = "events.toml"

# Render options by their library names, as the command line spells them.
FLAGS = {
    "date_from": "--from", "date_to": "--to", "lanes": "--lane", "tags": "--tag",
    "min_certainty": "--min-certainty", "locale": "--locale", "size": "--size",
    "theme": "--theme", "width": "--width", "ascii": "--ascii", "format": "--format",
    "sources": "--sources", "new_since": "--new-since", "header": "--no-header",
    "actors": "--actor", "lanes_by": "--lanes",
}  # fmt: skip


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


def said(option: str, message: str, flag: str | None = None) -> str:
    """A library message about `option` (a render option's keyword such as `date_from`, a
    field such as `max_gap`) in the command line's words: `flag: message`, the flag
    (`flag`, else the render option's, see FLAGS) named once and the library's name not
    at all. The library's messages start with the name (`date_from: invalid date ...`,
    `size must be ...`, `'max_gap' must be ...`, `'actor_order' lists ...`) or give it
    as where a date was (`invalid date 'x' in 'as_of': ...`); both go."""
    flag = flag or FLAGS.get(option, option)
    internal = flag.lstrip("-") != option  # `as_of` is `--as-of`, `actor_order` `--actors`
    for name, after in ((option, (":", " ")), (f"'{option}'", (" ",))):
        if any(message.startswith(name + rest) for rest in after):
            message = message[len(name) :].lstrip(": ").lstrip()
            break
    if internal:
        message = message.replace(f" in '{option}'", "", 1)
    return f"{flag}: {message}"
