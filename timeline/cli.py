"""The command line: the edge where library errors become messages and exit codes.

Exit status: 0 success (warnings allowed), 1 errors in the chronology or a
refused write, 2 usage errors (argparse's own convention).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from timeline.diagnostics import Diagnostic, Severity
from timeline.errors import FieldError, OptionError, TimelineError
from timeline.model.records import Event
from timeline.model.timeline import Timeline
from timeline.storage.load import load
from timeline.storage.lock import locked

__all__ = ["main"]

DEFAULT_FILE = "events.toml"
# Render options by their library names, as the command line spells them.
_FLAGS = {
    "date_from": "--from", "date_to": "--to", "lanes": "--lane", "tags": "--tag",
    "min_certainty": "--min-certainty", "locale": "--locale", "size": "--size",
    "theme": "--theme", "width": "--width", "ascii": "--ascii", "format": "--format",
}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = arguments.run(arguments)
    except TimelineError as error:  # the file cannot be loaded, or save() refused
        _print(error.diagnostics, sys.stderr)
        return 1
    except BrokenPipeError:  # `timeline check | head` is not an error
        return 0
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Validate and render chronologies of EDTF-dated, sourced events.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate a chronology and print its diagnostics",
        description="Print FILE:LINE:COL: severity[CODE]: message for every finding,"
        " then a summary line (events, errors, warnings). Exit 0 when there are no errors,"
        " 1 when there are (or warnings, with --strict), 2 on usage errors.",
    )
    check.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    check.add_argument(
        "--verbose", action="store_true", help="also say which rules did not run (text format)"
    )
    check.set_defaults(run=_check)

    add = commands.add_parser(
        "add",
        help="add one event to a chronology, in date order",
        description="Validate the new event against the chronology and insert it where it"
        " belongs in date order, in canonical form; comments and the existing text stay as"
        " they are. The warnings the new event brings are printed (exit 0); nothing is"
        " written if it has errors (exit 1).",
    )
    add.add_argument("--id", required=True)
    add.add_argument("--title", required=True)
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="EDTF date or interval, e.g. 2026-03~ or 2023/..")
    when.add_argument("--start", help="EDTF date the event starts")
    add.add_argument("--end", help="EDTF date, or '..' for ongoing (needs --start)")
    add.add_argument("--certainty", required=True, help="a word of the chronology's scale")
    add.add_argument("--source", action="append", required=True, dest="sources", metavar="KEY")
    add.add_argument("--lane")
    add.add_argument("--tag", action="append", default=[], dest="tags", metavar="TAG")
    add.add_argument("--after", action="append", default=[], metavar="ID")
    add.add_argument("--before", action="append", default=[], metavar="ID")
    add.add_argument("--description")
    add.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    add.set_defaults(run=_add)

    render = commands.add_parser(
        "render",
        help="draw a chronology as SVG, PNG, PDF, text, Markdown or an HTML page",
        description="Write DIR/timeline.FORMAT for each format and print one line per file."
        " A chronology with errors renders nothing (exit 1); warnings are printed and the"
        " render goes on. Files are replaced atomically.",
    )
    render.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    render.add_argument("-o", "--output", default="output", metavar="DIR", help="default: output")
    render.add_argument(
        "--format", default="svg,txt", type=_formats, metavar="LIST",
        help="comma-separated: svg, txt, md, png, pdf, html (default: svg,txt)",
    )  # fmt: skip
    render.add_argument("--from", dest="date_from", metavar="DATE", help="EDTF date")
    render.add_argument("--to", dest="date_to", metavar="DATE", help="EDTF date")
    render.add_argument("--lane", action="append", default=[], dest="lanes", metavar="NAME")
    render.add_argument("--tag", action="append", default=[], dest="tags", metavar="TAG")
    render.add_argument("--min-certainty", metavar="WORD")
    render.add_argument("--size", default="slide", help="slide, a4, letter or WxH inches")
    render.add_argument("--theme", default="light", choices=("light", "dark", "print"))
    render.add_argument("--locale", default="en", help="date language, e.g. en, fr, de")
    render.add_argument(
        "--width", type=int, help="text width (default: the terminal's width, else 80)"
    )
    render.add_argument("--ascii", action="store_true", help="7-bit text output")
    render.set_defaults(run=_render)
    return parser


def _formats(value: str) -> list[str]:
    from timeline.render import FORMATS

    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


def _print(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(events: int | None, diagnostics: Sequence[Diagnostic]) -> str:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    parts = [] if events is None else [_count(events, "event")]
    parts += [_count(counts[Severity.ERROR], "error"), _count(counts[Severity.WARNING], "warning")]
    if counts[Severity.NOTE]:
        parts.append(_count(counts[Severity.NOTE], "note"))
    return ", ".join(parts)


def _check(arguments: argparse.Namespace) -> int:
    events: int | None
    try:
        timeline = load(arguments.file)
    except TimelineError as error:
        diagnostics, events = list(error.diagnostics), None
    else:
        diagnostics, events = timeline.validate(), len(timeline.events)
    if arguments.format == "json":
        json.dump([d.as_dict() for d in diagnostics], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print(diagnostics, sys.stdout)
        print(_summary(events, diagnostics))
        if arguments.verbose and events is not None:
            from timeline.rules.engine import not_run

            for reason in not_run(timeline, diagnostics):
                print(reason)
    failing = {Severity.ERROR, Severity.WARNING} if arguments.strict else {Severity.ERROR}
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def _add(arguments: argparse.Namespace) -> int:
    if not os.path.isfile(arguments.file):  # no lock file beside a file that is not there
        return _add_locked(arguments)
    with locked(arguments.file):  # from load to save: concurrent adds never lose an event
        return _add_locked(arguments)


# The option of `add` each field, or each finding about the new event, comes from.
_ADD_OPTIONS = {
    "id": "--id", "title": "--title", "date": "--date", "start": "--start", "end": "--end",
    "certainty": "--certainty", "sources": "--source", "lane": "--lane", "tags": "--tag",
    "description": "--description", "after": "--after", "before": "--before",
    "E020": "--id", "E021": "--source", "E022": "--certainty", "E024": "--lane",
    "E101": "--end", "E102": "--after/--before", "E103": "--after/--before",
    "E104": "--after/--before",
}  # fmt: skip


def _add_error(code: str, option: str, message: str) -> int:
    print(f"timeline add: error[{code}]: {option}: {message}", file=sys.stderr)
    return 1


def _add_locked(arguments: argparse.Namespace) -> int:
    timeline = load(arguments.file)
    try:
        event = Event(
            arguments.id, arguments.title, arguments.certainty, arguments.sources,
            date=arguments.date, start=arguments.start, end=arguments.end, lane=arguments.lane,
            tags=arguments.tags, description=arguments.description, after=arguments.after,
            before=arguments.before,
        )  # fmt: skip
    except FieldError as error:
        field = error.field.split(".", 1)[0]
        return _add_error(error.code, _ADD_OPTIONS.get(field, f"--{field}"), error.message)
    updated = timeline.add(event)
    problems = [
        d for d in updated.validate() if d.severity is Severity.ERROR and event.id in d.event_ids
    ]
    for problem in problems:
        _add_error(problem.code, _ADD_OPTIONS.get(problem.code, "the new event"), problem.message)
    if problems:
        return 1
    before = {(d.code, d.message) for d in timeline.validate()}
    updated.save()
    print(f"{timeline.name}: added event '{event.id}'")
    # What the new event brought (warnings, notes), where the file now has it.
    saved = load(arguments.file)
    _print([d for d in saved.validate() if (d.code, d.message) not in before], sys.stdout)
    return 0


def _render(arguments: argparse.Namespace) -> int:
    import timeline.render as renderers

    timeline = load(arguments.file)
    diagnostics = timeline.validate()
    _print(diagnostics, sys.stderr)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        print("timeline render: nothing written: the chronology has errors", file=sys.stderr)
        return 1
    options = {
        "date_from": arguments.date_from, "date_to": arguments.date_to,
        "lanes": arguments.lanes, "tags": arguments.tags,
        "min_certainty": arguments.min_certainty, "locale": arguments.locale,
        "size": arguments.size, "theme": arguments.theme,
        "width": arguments.width, "ascii": arguments.ascii,
    }  # fmt: skip
    try:
        written = renderers.write(timeline, arguments.output, arguments.format, **options)
    except OptionError as error:  # an option the renderers refuse
        flag = _FLAGS.get(error.option, error.option)
        print(f"timeline render: error: {flag}: {error.message}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"timeline render: cannot write to {arguments.output}: {error.strerror}",
            file=sys.stderr,
        )
        return 1
    for path in written:
        print(path)
    return 0


def _append_point(timeline: Timeline) -> tuple[int, int]:
    from timeline.storage.positions import locate

    return locate(timeline, ("event", len(timeline.events)))
