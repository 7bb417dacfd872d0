"""The command line: the edge where library errors become messages and exit codes.

Exit status: 0 success (warnings allowed), 1 errors in the chronology or a
refused write, 2 usage errors (argparse's own convention, and a command that
names an event, source or period the file does not have).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from timeline._terminal import columns
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
  timeline cite talks afp --at "p. 3"              where the source says it
  timeline remove talks                            (refused while others relate to it)
  timeline source add afp --title "AFP wire" --reliability B
  timeline actor add mali --name Mali --kind state
  timeline period add "Talks" --start 2026-03 --end ..
  timeline settings --as-of 2026-11-30 --dry-run   print the diff, write nothing
  timeline serve --port 8000                       live page, reloaded on every save
  timeline sources                                 grades, use, what each alone supports
  timeline actors                                  who acts: events each, first and last
  timeline render --lanes actors --actor israel    a lane an actor; Israel's events only
  timeline check --known-at 2023-01-01             as it could be known that day
  timeline import csv people.csv --dry-run         what a spreadsheet would become

Every editing command keeps comments and untouched lines byte for byte, holds the
file's lock, and writes nothing when the result would have errors.
`timeline COMMAND --help` describes each command.
"""


# Command name -> the module that registers it, in the order `--help` lists them.
# Only the module of the command being run is imported and its parsers built: a
# full parser costs more than `timeline check` itself (argparse looks each of its
# own messages up in gettext), and start-up is part of the tool's budget.
COMMANDS = {
    "check": "check",
    "add": "events",
    "remove": "events",
    "set": "events",
    "cite": "events",
    "source": "tables",
    "actor": "tables",
    "period": "tables",
    "settings": "tables",
    "render": "render",
    "export": "export",
    "schema": "export",
    "import": "importing",
    "sources": "sources",
    "actors": "actors",
    "serve": "serve",
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    first = argv[0] if argv else None
    # `timeline --version` needs no command's parser: it prints and exits 0.
    parser = _parser(COMMANDS.get(first or ""), every=first != "--version")
    arguments = _parse(parser, argv)
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


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help that keeps the examples' line breaks, as wide as the terminal.

    argparse makes a formatter for every `add_argument` and, given no width, imports
    shutil to ask the terminal's (see `timeline._terminal`); 2 is argparse's margin.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:  # fmt: skip
        super().__init__(prog, indent_increment, max_help_position, width or columns() - 2)


class _Parser(argparse.ArgumentParser):
    """Every command's parser uses `_Formatter`; subcommands inherit the class
    (argparse makes subparsers of the parent's type). `commands` is the parser's
    subcommands, when it has any (see `_parse`)."""

    commands: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        self.commands = super().add_subparsers(**kwargs)
        return self.commands


def _parse(parser: _Parser, argv: list[str]) -> argparse.Namespace:
    """`argv` parsed, the command's own arguments intermixed: its positionals may come
    after its options (`timeline set ID --date X FILE`). argparse's plain parse takes
    ID and the optional FILE in one go, then refuses the FILE it meets later."""
    named: list[tuple[str, str]] = []  # (the subcommands' dest, the name given)
    command, rest = parser, argv
    while command.commands is not None and rest and rest[0] in command.commands.choices:
        named.append((command.commands.dest, rest[0]))
        command, rest = command.commands.choices[rest[0]], rest[1:]
    if not named or command.commands is not None or "--" in rest:
        # No command, or no subcommand named; and parse_intermixed_args drops a "--"
        # (Python 3.11), so what follows one is left to the plain parse.
        return parser.parse_args(argv)
    arguments = command.parse_intermixed_args(rest)
    for dest, name in named:
        setattr(arguments, dest, name)
    return arguments


def _parser(module: str | None = None, *, every: bool = True) -> _Parser:
    """The parser with every command (none unless `every`), or only those `module`
    registers."""
    from timeline import __version__  # the package itself: no module more to load

    parser = _Parser(
        prog="timeline",
        description="Validate, edit and render chronologies of EDTF-dated, sourced events.",
        epilog=EXAMPLES,
    )
    parser.add_argument(
        "--version", action="version", version=f"timeline {__version__}",
        help="print timeline's version and exit",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    names: Iterable[str] = dict.fromkeys(COMMANDS.values()) if every else ()
    for name in (module,) if module is not None else names:
        importlib.import_module(f"timeline.cli.{name}").register(commands)
    return parser
