"""`timeline import FORMAT INPUT`: a spreadsheet or the project's JSON as events.toml."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE, print_diagnostics
from timeline.diagnostics import Severity
from timeline.errors import TimelineError
from timeline.interop import IMPORT_FORMATS, import_file
from timeline.storage.load import load
from timeline.storage.lock import locked

__all__ = ["register"]

EXAMPLE = """\
examples:
  timeline import csv people.csv --dry-run        # what it would create; writes nothing
  timeline import xlsx story.xlsx --day-first     # a TimelineJS sheet, 05/10/2013 = 5 Oct
  timeline import csv more.csv -o events.toml --update   # into a chronology, replacing ids
  timeline export json | timeline import json - -o copy.toml
  timeline import ics calendar.ics -o events.toml # all-day months and years come back so

The header is recognised: timeline's own columns (as `timeline export csv` writes them,
with sources.csv beside the file) or TimelineJS's sheet layout. A new file starts with a
comment saying what it was imported from and what was filled in; an existing one (-o) is
edited in place, its comments kept. Nothing is written while any error remains.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="read a CSV, TSV, xlsx, JSON, iCalendar or TimelineJS file into events.toml",
        epilog=EXAMPLE,
        description="Import INPUT (FORMAT csv, tsv, xlsx, json, ics or timelinejs; '-' reads"
        " standard input)"
        " into a checked events.toml. docs/interop.md says what each layout gives.",
    )
    parser.add_argument(
        "format", metavar="FORMAT", choices=IMPORT_FORMATS, help=", ".join(IMPORT_FORMATS)
    )
    parser.add_argument("input", metavar="INPUT", help="the file to import ('-': standard input)")
    parser.add_argument(
        "-o",
        "--output",
        default=DEFAULT_FILE,
        metavar="OUT",
        help="the chronology to write or add to (default: ./events.toml)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be created; write nothing"
    )
    parser.add_argument(
        "--update", action="store_true", help="replace the events and sources OUT already has"
    )
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first",
        dest="order",
        action="store_const",
        const="day-first",
        help="read 05/10/2013 as 5 October 2013",
    )
    order.add_argument(
        "--month-first",
        dest="order",
        action="store_const",
        const="month-first",
        help="read 05/10/2013 as 10 May 2013",
    )
    parser.set_defaults(run=_import)


def _import(arguments: argparse.Namespace) -> int:
    exists = os.path.exists(arguments.output)
    lock = locked(arguments.output) if exists else contextlib.nullcontext()
    with lock:
        return _locked(arguments, exists)


def _locked(arguments: argparse.Namespace, exists: bool) -> int:
    into = load(arguments.output) if exists else None
    try:
        with _input(arguments.input) as path:
            imported = import_file(
                path,
                arguments.format,
                into=into,
                update=arguments.update,
                order=arguments.order,
                name=_name(arguments),
            )
    except TimelineError as error:
        print_diagnostics(error.diagnostics, sys.stderr)
        return 1
    except ImportError as error:  # openpyxl, for xlsx
        print(f"timeline import: error: {error}", file=sys.stderr)
        return 1
    if imported.errors:
        print_diagnostics(imported.diagnostics, sys.stderr)
        return 1
    verb = "would add to" if exists else "would create"
    if arguments.dry_run:
        print(f"{_name(arguments)}: {imported.summary()}")
        for note in imported.notes():
            print(note)
        print_diagnostics(imported.diagnostics, sys.stdout)
        print(f"--dry-run: nothing written ({verb} {arguments.output})")
        return 0
    own = [d for d in imported.diagnostics if d.code.startswith(("E04", "W04"))]
    imported.save(arguments.output)
    print(f"{_name(arguments)}: {imported.summary()} -> {arguments.output}")
    for note in imported.notes():
        print(note)
    print_diagnostics(own, sys.stdout)
    saved = load(arguments.output)
    print_diagnostics([d for d in saved.validate() if d.severity is not Severity.ERROR], sys.stdout)
    return 0


def _name(arguments: argparse.Namespace) -> str:
    return "<stdin>" if arguments.input == "-" else str(arguments.input)


@contextlib.contextmanager
def _input(name: str) -> Any:
    """The path to read: `name`, or standard input copied to a temporary file."""
    if name != "-":
        yield name
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="timeline-import-") as folder:
        path = os.path.join(folder, "stdin")
        with open(path, "wb") as file:
            file.write(sys.stdin.buffer.read())
        yield path
