"""How every editing command runs: one lock, one validation, one way to refuse.

A command only says how the chronology changes (a `Change`: the library's own
edits, `Timeline.replace`, `add_source`, ...). This module does the rest the
same way for `add`, `set`, `remove`, `source`, `period` and `settings`:

* it holds the file's lock from load to save, so concurrent commands queue;
* it refuses (exit 1, nothing written) when the change brings errors, naming
  the option each one comes from, never a line the file does not have;
* with ``--dry-run`` it prints the unified diff that would be written instead;
* after writing it prints the warnings and notes the change brought, at the
  lines they now have in the file (warnings keep exit 0).

A command that names something the file does not have (an event id, a source
key, a period title) is a usage error: exit 2, with "did you mean".
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Mapping

import attrs

from timeline._hints import did_you_mean
from timeline.cli.output import DEFAULT_FILE, print_diagnostics, refusal, said
from timeline.diagnostics import Severity
from timeline.errors import FieldError
from timeline.model.timeline import Timeline
from timeline.storage.load import load
from timeline.storage.lock import locked

__all__ = ["Change", "Refused", "add_common", "blank_to_none", "missing", "run"]


class Refused(Exception):
    """A command refuses before changing anything: `option` is the one at fault."""

    def __init__(self, option: str, message: str, code: str | None = None, status: int = 1):
        super().__init__(message)
        self.option, self.message, self.code, self.status = option, message, code, status


# What a command does to the loaded chronology: the new value, and a few words
# saying what was done ("changed event 'x': date, certainty").
Build = Callable[[Timeline], tuple[Timeline, str]]


@attrs.frozen
class Change:
    command: str  # as typed: "set", "source add"
    build: Build
    # Which option a field (of a FieldError) or a diagnostic code comes from.
    options: Mapping[str, str] = attrs.field(factory=dict)


def add_common(parser: argparse.ArgumentParser) -> None:
    """The FILE argument and --dry-run, the same for every editing command."""
    parser.add_argument(
        "--dry-run", action="store_true", help="print the diff that would be written; write nothing"
    )
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")


def blank_to_none(value: str | None) -> str | None:
    """An optional field set to '' on the command line is removed."""
    return None if value == "" else value


def missing(kind: str, name: str, known: Iterable[str], option: str) -> Refused:
    """`name` is not a `kind` of the chronology: a usage error, with "did you mean"."""
    known = list(known)
    return Refused(
        option, f"'{name}' is not {kind} of this chronology{did_you_mean(name, known)}", status=2
    )


def run(change: Change, arguments: argparse.Namespace) -> int:
    if not os.path.isfile(arguments.file):  # no lock file beside a file that is not there
        return _run_locked(change, arguments)
    with locked(arguments.file):  # from load to save: concurrent edits never lose one
        return _run_locked(change, arguments)


def _run_locked(change: Change, arguments: argparse.Namespace) -> int:
    timeline = load(arguments.file)
    try:
        updated, done = change.build(timeline)
    except Refused as refused:
        _say(change.command, refused.code, refused.option, refused.message)
        return refused.status
    except FieldError as error:
        field = error.field.split(".", 1)[0]
        option = change.options.get(field, f"--{field.replace('_', '-')}")
        shown = said(field, error.message, option)
        print(f"timeline {change.command}: error[{error.code}]: {shown}", file=sys.stderr)
        return 1
    before = {(d.code, d.message) for d in timeline.validate()}
    brought = [d for d in updated.validate() if (d.code, d.message) not in before]
    errors = [d for d in brought if d.severity is Severity.ERROR]
    for found in errors:
        option = change.options.get(found.code, "the change")
        refusal(change.command, found.code, option, found.message)
    if errors:
        return 1
    if arguments.dry_run:
        sys.stdout.writelines(_diff(updated, arguments.file, change.command))
        return 0
    if updated == timeline:
        print(f"{timeline.name}: nothing to change")
        return 0
    updated.save()
    print(f"{timeline.name}: {done}")
    saved = load(arguments.file)
    print_diagnostics(
        [d for d in saved.validate() if (d.code, d.message) not in before], sys.stdout
    )
    return 0


def _say(command: str, code: str | None, option: str, message: str) -> None:
    if code is None:
        print(f"timeline {command}: error: {option}: {message}", file=sys.stderr)
    else:
        refusal(command, code, option, message)


def _diff(updated: Timeline, file: str, command: str) -> list[str]:
    """The unified diff between the file and what saving `updated` would write."""
    import difflib
    import tempfile

    real = os.path.realpath(file)
    with tempfile.TemporaryDirectory(prefix="timeline-dry-run-") as folder:
        copy = os.path.join(folder, os.path.basename(real))
        updated.save(copy)  # saved elsewhere: exactly the bytes the file would get
        with open(copy, "rb") as written:
            new = written.read()
    with open(real, "rb") as current:
        old = current.read()
    lines = difflib.unified_diff(
        _lines(old), _lines(new), fromfile=file, tofile=f"{file} (after timeline {command})"
    )
    return list(lines)


def _lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8-sig").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
