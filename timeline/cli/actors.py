"""`timeline actors`: each actor, its kind, how many events name it, and when."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE, count
from timeline.dates.edtf import Date
from timeline.dates.format import date_label
from timeline.model.records import Event
from timeline.storage.load import load

__all__ = ["register"]

EXAMPLE = """\
examples:
  timeline actors                    # ./events.toml
  timeline actors briefing.toml
  timeline actors --format json | jq '.[] | select(.events == 0)'
  timeline render --actor israel     # only the events that name Israel
  timeline render --lanes actors     # the chart with a lane an actor
"""


def register(commands: Any) -> None:
    actors = commands.add_parser(
        "actors", help="list the actors: kind, how many events name each, first and last dates",
        epilog=EXAMPLE,
        description="One line per actor declared under [actors], in file order: its key, its"
        " name, its kind (- for none), how many events name it (0 for none), and the dates"
        " of the first and the last of them. `render --actor KEY` shows only an actor's"
        " events; `render --lanes actors` draws a lane per actor.",
    )  # fmt: skip
    actors.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    actors.add_argument("--format", choices=("text", "json"), default="text")
    actors.set_defaults(run=_actors)


def _order(event: Event) -> tuple[float, float]:
    """Where an event stands in time: its lower, then its upper bound (unknown: outermost)."""
    span = event.span
    lower = -math.inf if span.lower is None else span.lower
    upper = math.inf if span.upper is None else span.upper
    return lower, upper


def _actors(arguments: argparse.Namespace) -> int:
    timeline = load(arguments.file)
    named: dict[str, list[Event]] = {key: [] for key in timeline.actors}
    for event in timeline.events:
        for key in dict.fromkeys(event.actors):
            if key in named:
                named[key].append(event)
    spans: dict[str, tuple[Date, Date] | None] = {}
    for key, events in named.items():
        ordered = sorted(events, key=_order)  # stable: file order among equals
        spans[key] = (ordered[0].span, ordered[-1].span) if ordered else None
    if arguments.format == "json":
        import json

        listed = []
        for key, actor in timeline.actors.items():
            found = spans[key]
            first, last = (None, None) if found is None else (found[0].text, found[1].text)
            listed.append({
                "actor": key, "name": actor.name, "kind": actor.kind,
                "events": len(named[key]), "first": first, "last": last,
            })  # fmt: skip
        json.dump(listed, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    rows = [("actor", "name", "kind", "events", "first", "last")]
    for key, actor in timeline.actors.items():
        found = spans[key]
        first, last = ("-", "-") if found is None else (date_label(d) for d in found)
        rows.append((key, actor.name, actor.kind or "-", str(len(named[key])), first, last))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    for key, name, kind, times, first, last in rows:
        print(
            f"{key:<{widths[0]}}  {name:<{widths[1]}}  {kind:<{widths[2]}}"
            f"  {times:>{widths[3]}}  {first:<{widths[4]}}  {last}".rstrip()
        )
    print(f"{count(len(timeline.actors), 'actor')}, {count(len(timeline.events), 'event')}")
    return 0
