"""`timeline export FORMAT [FILE]`: the chronology in another tool's format."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE
from timeline.cli.views import add_flags, view
from timeline.errors import OptionError
from timeline.interop import FORMATS, Exported, ExportError, export
from timeline.interop.registry import BINARY
from timeline.storage.atomic import atomic_write
from timeline.storage.load import load

__all__ = ["register"]

EXAMPLE = """\
examples:
  timeline export json -o chronology.json         # lossless: everything the file holds
  timeline export csv -o events.csv               # and sources.csv beside it
  timeline export ics --release GREEN -o cut.ics  # a calendar of the releasable cut
  timeline export mermaid | pbcopy                # a gantt chart for a wiki
  timeline export timelinejs --strict-export -o story.json   # refuse any loss
  timeline export pptx -o briefing.pptx           # one slide; docx: a Word briefing

What a format cannot carry (approximate dates, quotes, periods...) is counted on
standard error, one line per format; --strict-export makes any loss an error.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="write the chronology as JSON, CSV, iCalendar, Mermaid, markwhen,"
        " TimelineJS, PowerPoint or Word", epilog=EXAMPLE,
        description="Convert FILE for another tool and say what the conversion loses. json is"
        " lossless (docs/interop.md lists what each format keeps).",
    )  # fmt: skip
    formats = (*FORMATS, *BINARY)
    parser.add_argument("format", metavar="FORMAT", choices=formats, help=", ".join(formats))
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    parser.add_argument(
        "-o", "--output", metavar="OUT",
        help="write to OUT ('-' or none: stdout; pptx and docx not to a terminal)",
    )  # fmt: skip
    parser.add_argument(
        "--strict-export", action="store_true",
        help="refuse (exit 1, nothing written) when the format would lose anything",
    )  # fmt: skip
    add_flags(parser)
    parser.set_defaults(run=_export)
    register_schema(commands)


def _export(arguments: argparse.Namespace) -> int:
    if arguments.output == "-":  # the usual spelling of standard output
        arguments.output = None
    shown, lines = view(load(arguments.file), arguments, "export")
    if shown is None:
        return 2
    if arguments.format in BINARY and arguments.output is None and sys.stdout.isatty():
        print(
            f"timeline export: error: {arguments.format} is binary: give -o OUT to write it"
            " to a file (or redirect standard output)", file=sys.stderr,
        )  # fmt: skip
        return 1
    try:
        exported = export(shown, arguments.format)
    except (ExportError, OptionError, ImportError) as error:
        print(f"timeline export: error: {error}", file=sys.stderr)
        return 1
    for line in lines:
        print(line, file=sys.stderr)
    summary = exported.summary()
    if summary is not None and arguments.strict_export:
        print(f"timeline export: error: --strict-export: {summary}", file=sys.stderr)
        return 1
    try:
        _write(exported, arguments.output)
    except OSError as error:
        print(
            f"timeline export: error: -o: cannot write '{arguments.output}':"
            f" {error.strerror}", file=sys.stderr,
        )  # fmt: skip
        return 1
    if summary is not None:
        print(summary, file=sys.stderr)
    return 0


def _write(exported: Exported, output: str | None) -> None:
    if output is None and exported.data is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(exported.data)
        sys.stdout.buffer.flush()
        return
    if output is None:
        sys.stdout.write(exported.text)
        for name, _ in exported.files:
            print(
                f"{exported.format}: {name} not written (give -o OUT to write it)", file=sys.stderr
            )
        return
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    atomic_write(output, exported.content())
    for name, text in exported.files:
        atomic_write(os.path.join(os.path.dirname(output), name), text.encode("utf-8"))


def register_schema(commands: Any) -> None:
    parser = commands.add_parser(
        "schema", help="print the JSON Schema of events.toml, for editors",
        epilog="example:\n  timeline schema > events.schema.json   # then, as the first line"
        " of events.toml:\n  #:schema ./events.schema.json",
        description="Print the JSON Schema (draft 2020-12) of events.toml. TOML editors"
        " (Taplo, VS Code's Even Better TOML) that read a `#:schema` first line complete keys"
        " and mark shape errors as you type; `timeline check` checks the rest.",
    )  # fmt: skip
    parser.set_defaults(run=_schema)


def _schema(arguments: argparse.Namespace) -> int:
    from timeline.interop.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
