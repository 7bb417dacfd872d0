"""`timeline check`: validate a chronology and print its diagnostics."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE, print_diagnostics, summary
from timeline.cli.views import add_flags, view
from timeline.diagnostics import Severity
from timeline.errors import TimelineError
from timeline.storage.load import load

__all__ = ["register"]

EXAMPLE = """\
examples:
  timeline check                     # ./events.toml
  timeline check --strict briefing.toml
  timeline check --format json | jq '.[].code'
  timeline check --known-at 2023-01-01   # as it could be known that day
  timeline check --without globes        # as if Globes were discredited
  timeline check --release GREEN         # what a TLP:GREEN release breaks
"""


def register(commands: Any) -> None:
    check = commands.add_parser(
        "check", help="validate a chronology and print its diagnostics", epilog=EXAMPLE,
        description="Print FILE:LINE:COL: severity[CODE]: message for every finding,"
        " then a summary line (events, errors, warnings). Exit 0 when there are no errors,"
        " 1 when there are (or warnings, with --strict), 2 on usage errors.",
    )  # fmt: skip
    check.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    check.add_argument(
        "--verbose", action="store_true", help="also say which rules did not run (text format)"
    )
    add_flags(check)
    check.set_defaults(run=_check)


def _check(arguments: argparse.Namespace) -> int:
    events: int | None
    described: list[str] = []
    try:
        loaded = load(arguments.file)
    except TimelineError as error:
        diagnostics, events = list(error.diagnostics), None
    else:
        whole, described = view(loaded, arguments, "check", cut=False)
        if whole is not None and arguments.release is not None:
            shown, described = view(loaded, arguments, "check")  # cut first: see views
        else:
            shown = whole
        if whole is None or shown is None:
            return 2
        timeline = shown
        diagnostics, events = timeline.validate(), len(timeline.events)
        if arguments.release is not None:  # what the cut broke, said so
            from timeline.rules.release import introduced

            diagnostics = introduced(whole.validate(), diagnostics, arguments.release)
    if arguments.format == "json":
        import json

        json.dump([d.as_dict() for d in diagnostics], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_diagnostics(diagnostics, sys.stdout)
        print(summary(events, diagnostics))
        for line in described:
            print(line)
        if arguments.verbose and events is not None:
            from timeline.rules.engine import not_run

            for reason in not_run(timeline, diagnostics):
                print(reason)
    failing = {Severity.ERROR, Severity.WARNING} if arguments.strict else {Severity.ERROR}
    return 1 if any(d.severity in failing for d in diagnostics) else 0
