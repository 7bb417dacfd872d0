"""The command line: the edge where library errors become messages and exit codes.

Exit status: 0 success (warnings allowed), 1 errors in the chronology or a
refused write, 2 usage errors (argparse's own convention, and a command that
names an event, source or period the file does not have).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from timeline.cli import check, events, render, serve, sources, tables
from timeline.cli.output import print_diagnostics
from timeline.errors import TimelineError

__all__ = ["main"]

EXAMPLES = """\
examples:
  timeline check                                   validate ./events.toml
  timeline render --format svg,pdf --size a4       draw it into ./output
  timeline add --id talks --title "Talks resume" --date 2026-03~ \\
      --certainty probable --source reuters        insert an event in date order
  timeline set talks --date 2026-03-12 --certainty confirmed --add-source afp
  timeline remove talks                            (refused while others relate to it)
  timeline source add afp --title "AFP wire" --reliability B
  timeline period add "Talks" --start 2026-03 --end ..
  timeline settings --as-of 2026-11-30 --dry-run   print the diff, write nothing
  timeline serve --port 8000                       live page, reloaded on every save
  timeline sources                                 grades, use, what each alone supports
  timeline check --known-at 2023-01-01             as it could be known that day

Every editing command keeps comments and untouched lines byte for byte, holds the
file's lock, and writes nothing when the result would have errors.
`timeline COMMAND --help` describes each command.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = arguments.run(arguments)
    except TimelineError as error:  # the file cannot be loaded, or save() refused
        print_diagnostics(error.diagnostics, sys.stderr)
        return 1
    except BrokenPipeError:  # `timeline check | head` is not an error
        return 0
    return status


class _Parser(argparse.ArgumentParser):
    """Every command's help keeps its examples' line breaks; subcommands inherit the
    class (argparse makes subparsers of the parent's type)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline",
        description="Validate, edit and render chronologies of EDTF-dated, sourced events.",
        epilog=EXAMPLES,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.register(commands)
    events.register(commands)
    tables.register(commands)
    render.register(commands)
    sources.register(commands)
    serve.register(commands)
    return parser
