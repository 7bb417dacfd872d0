"""`--known-at DATE`, `--without KEY` and `--release LEVEL` of `check`, `render` and
`export`: run on a view. The release is cut first, from the whole chronology, so that
nothing the other views say (the events `--without` loses, the undated sources of
`--known-at`, a did-you-mean) can name what the cut withholds."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from timeline._hints import did_you_mean
from timeline.cli.output import count, said
from timeline.dates.format import date_label
from timeline.errors import FieldError
from timeline.model.markings import banner
from timeline.model.timeline import Timeline

__all__ = ["add_flags", "release", "view"]


def add_flags(parser: Any) -> None:
    parser.add_argument(
        "--known-at", metavar="DATE",
        help="as an analyst could have known it on DATE: only citations of sources published"
        " by then count; undated sources are kept",
    )  # fmt: skip
    parser.add_argument(
        "--without", metavar="KEY", action="append", default=[],
        help="with the source KEY discredited (and the sources via it); may be repeated",
    )  # fmt: skip
    parser.add_argument(
        "--release", metavar="LEVEL",
        help="only what an audience cleared to LEVEL may see (a level of the file's"
        " markings, e.g. --release GREEN): everything marked above it is withheld",
    )  # fmt: skip


def view(
    timeline: Timeline, arguments: argparse.Namespace, command: str, *, cut: bool = True
) -> tuple[Timeline | None, list[str]]:
    """The view the flags ask for and the lines that describe it, or (None, []) after
    printing a usage error (exit 2). `cut=False`: without the release (see `release`)."""
    cut_lines: list[str] = []
    if cut:
        released, cut_lines = release(timeline, arguments, command)
        if released is None:
            return None, []
        timeline = released
    lines: list[str] = []
    for key in arguments.without:
        if key not in timeline.sources:
            hint = did_you_mean(key, list(timeline.sources))
            print(
                f"timeline {command}: error: --without: '{key}' is not a source of this"
                f" chronology{hint}", file=sys.stderr,
            )  # fmt: skip
            return None, []
        before = [event.id for event in timeline.events]
        timeline = timeline.without(key)
        remaining = {event.id for event in timeline.events}
        lost = [i for i in before if i not in remaining]
        shown = f" ({', '.join(lost)})" if lost else ""
        lines.append(f"without '{key}': {count(len(lost), 'event')} lost{shown}")
    if arguments.known_at is not None:
        whole = timeline
        try:
            timeline = timeline.known_at(arguments.known_at)
        except FieldError as error:
            shown = said(error.field, error.message, "--known-at")
            print(f"timeline {command}: error: {shown}", file=sys.stderr)
            return None, []
        known = timeline.as_known
        assert known is not None
        lines.append(
            f"As known on {date_label(known.date)}: {len(timeline.events)} of"
            f" {count(len(whole.events), 'event')}, {len(timeline.sources)} of"
            f" {count(len(whole.sources), 'source')}"
        )
        if known.undated:
            undated = len(known.undated)
            verb = "has" if undated == 1 else "have"
            lines.append(
                f"{count(undated, 'source')} {verb} no publication date and"
                f" {'is' if undated == 1 else 'are'} shown"
            )
    return timeline, [*lines, *cut_lines]


def release(
    timeline: Timeline, arguments: argparse.Namespace, command: str
) -> tuple[Timeline | None, list[str]]:
    """`timeline` cut at `--release LEVEL` (as is without it) and the line that says
    what was withheld, or (None, []) after printing a usage error (exit 2)."""
    level = arguments.release
    if level is None:
        return timeline, []
    try:
        cut = timeline.released(level)
    except FieldError as error:
        print(f"timeline {command}: error: --release: {error.message}", file=sys.stderr)
        return None, []
    held = cut.release
    assert held is not None
    withheld = [
        count(n, word)
        for n, word in ((held.events, "event"), (held.sources, "source"),
                        (held.periods, "period"), (held.citations, "citation"))
        if n
    ]  # fmt: skip
    what = " and ".join([", ".join(withheld[:-1]), withheld[-1]] if len(withheld) > 1 else withheld)
    shown = banner(timeline.markings, level)
    return cut, [f"Released at {shown}: {what or 'nothing'} withheld"]
