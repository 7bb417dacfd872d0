"""`timeline render`: write the chronology's chart, text, Markdown and HTML."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from timeline.cli.output import DEFAULT_FILE, FLAGS, print_diagnostics, said
from timeline.cli.views import add_flags, view
from timeline.cli.watch import MissingExtra, saves
from timeline.diagnostics import Severity
from timeline.errors import OptionError, TimelineError
from timeline.storage.load import load

if TYPE_CHECKING:
    from timeline.render.options import OptionWarning

__all__ = ["register", "said"]

EXAMPLE = """\
examples:
  timeline render                                  # output/timeline.svg and .txt
  timeline render --format pdf,png --size a4-landscape --theme print
  timeline render --format png --size slide --sources below --locale fr
  timeline render --from 2022 --lane Procurement --format md -o briefing
  timeline render --watch --format svg,html       # again on every save; Ctrl-C stops
  timeline render --known-at 2023-01-01 --format md   # what could be known that day
  timeline render --new-since 2026-01-01 --format html  # mark what is new since then
  timeline render --without globes                # as if Globes were discredited
  timeline render --release GREEN --format pdf,md  # only what TLP:GREEN may see
  timeline render --lanes actors --actor israel   # a lane an actor; Israel's events
"""


def register(commands: Any) -> None:
    render = commands.add_parser(
        "render", epilog=EXAMPLE,
        help="draw a chronology as SVG, PNG, PDF, text, Markdown or an HTML page",
        description="Write DIR/timeline.FORMAT for each format and print one line per file."
        " A chronology with errors renders nothing (exit 1); warnings are printed and the"
        " render goes on. Files are replaced atomically.",
    )  # fmt: skip
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
    render.add_argument(
        "--actor", action="append", default=[], dest="actors", metavar="KEY",
        help="only the events that name this actor (a key of [actors]); repeatable",
    )  # fmt: skip
    render.add_argument(
        "--lanes", dest="lanes_by", choices=("lane", "actors"), default="lane",
        help="the chart's lanes: the events' lanes (default), or one an actor, an event of"
        " several actors in each of their lanes",
    )  # fmt: skip
    render.add_argument("--min-certainty", metavar="WORD")
    render.add_argument(
        "--size", metavar="SIZE",
        help="exactly this page: slide (16:9), a4, a4-landscape, letter, letter-landscape,"
        " or WxH in inches (12x4, or with cm/mm: 30x10cm); default: a slide's width and"
        " as tall as the content",
    )  # fmt: skip
    render.add_argument(
        "--sources", choices=("chart", "below", "none"),
        help="the chart's numbered sources: in the picture (default; the html page lists"
        " them itself), below it (a second page in PDF, a block under the chart in SVG),"
        " or left out",
    )  # fmt: skip
    render.add_argument("--theme", default="light", choices=("light", "dark", "print"))
    render.add_argument(
        "--locale", metavar="LOCALE",
        help="language of dates and words: en, fr, de, ... (fr_FR, fr-FR accepted);"
        " default: the file's [timeline] locale, else en",
    )  # fmt: skip
    render.add_argument(
        "--width", type=int, help="text width (default: the terminal's width, else 80)"
    )
    render.add_argument(
        "--ascii", action="store_true", help="7-bit text: every character below 128"
    )
    render.add_argument(
        "--no-header", dest="header", action="store_false", default=None,
        help="no title and subtitle in the chart (a slide or page that has its own)",
    )  # fmt: skip
    render.add_argument(
        "--watch", action="store_true",
        help="render again on every save of FILE (needs pip install 'timeline[preview]')",
    )  # fmt: skip
    render.add_argument(
        "--new-since", metavar="DATE",
        help="mark the events first reported after DATE (their earliest source published"
        " after it)",
    )  # fmt: skip
    add_flags(render)
    render.set_defaults(run=_render)


def _formats(value: str) -> list[str]:
    from timeline.render import FORMATS

    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


def _render(arguments: argparse.Namespace) -> int:
    if not arguments.watch:
        return _render_once(arguments)
    try:
        changes = saves(arguments.file)
    except MissingExtra as error:
        print(f"timeline render: error: --watch: {error}", file=sys.stderr)
        return 1
    status = _render_safely(arguments)
    if status == 2:  # a bad option stays bad
        return status
    print(f"watching {arguments.file} for saves (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        for _ in changes:
            _render_safely(arguments)
    except KeyboardInterrupt:
        pass
    return 0


def _render_safely(arguments: argparse.Namespace) -> int:
    """One render of --watch: a file that does not load is reported, not fatal."""
    try:
        status = _render_once(arguments)
    except TimelineError as error:
        print_diagnostics(error.diagnostics, sys.stderr)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def _render_once(arguments: argparse.Namespace) -> int:
    import timeline.render as renderers
    from timeline.render.options import ChartOptions, TextOptions, parse

    loaded = load(arguments.file)
    timeline, described = view(loaded, arguments, "render")
    if timeline is None:
        return 2
    options = _options(arguments)
    try:  # a bad option is a usage error, said before anything about the chronology
        parse(timeline, options, ChartOptions, TextOptions, caller="render")
    except OptionError as error:
        print(f"timeline render: error: {said(error.option, error.message)}", file=sys.stderr)
        return 2
    for line in described:
        print(f"timeline render: {line}", file=sys.stderr)
    diagnostics = timeline.validate()
    if arguments.release is not None:  # what the cut broke, said so (as `check` does)
        from timeline.rules.release import introduced

        whole, _ = view(loaded, arguments, "render", cut=False)
        if whole is not None:
            diagnostics = introduced(whole.validate(), diagnostics, arguments.release)
    print_diagnostics(diagnostics, sys.stderr)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        print("timeline render: nothing written: the chronology has errors", file=sys.stderr)
        return 1
    try:
        for warning in renderers.selection_warnings(timeline, **options):
            shown = said(warning.option, warning.message)
            if warning.option not in FLAGS:  # the selection as a whole
                shown = f"the selection: {warning.message}"
            print(f"timeline render: warning: {shown}", file=sys.stderr)
        written = renderers.write(
            timeline, arguments.output, arguments.format, report=_left_out, **options
        )
    except OptionError as error:  # an option a renderer refuses only when drawing
        print(f"timeline render: error: {said(error.option, error.message)}", file=sys.stderr)
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


def _left_out(warning: OptionWarning) -> None:
    """What the chart's exact page left out, said as the render goes."""
    print(f"timeline render: warning: {said(warning.option, warning.message)}", file=sys.stderr)


def _options(arguments: argparse.Namespace) -> dict[str, Any]:
    """The render options of `arguments`, by their library names (see FLAGS)."""
    options = {
        "date_from": arguments.date_from, "date_to": arguments.date_to,
        "lanes": arguments.lanes, "tags": arguments.tags, "actors": arguments.actors,
        "min_certainty": arguments.min_certainty, "locale": arguments.locale,
        "size": arguments.size, "theme": arguments.theme,
        "width": arguments.width, "ascii": arguments.ascii, "sources": arguments.sources,
        "header": arguments.header, "lanes_by": arguments.lanes_by,
    }  # fmt: skip
    if arguments.new_since is not None:
        options["new_since"] = arguments.new_since
    # An option not given is left out, so that each renderer takes its own default: the
    # html page's chart is a slide without sources or title (the page shows them).
    return {name: value for name, value in options.items() if value is not None}
