"""`timeline sources`: each source, its grade, its use, and what discrediting it would take."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE, count
from timeline.model.known import sole_support
from timeline.storage.load import load

__all__ = ["register"]

EXAMPLE = """\
examples:
  timeline sources                   # ./events.toml
  timeline sources briefing.toml
  timeline sources --format json | jq '.[] | select(.cited == 0)'
  timeline check --without globes    # the chronology if Globes were discredited
"""


def register(commands: Any) -> None:
    sources = commands.add_parser(
        "sources", help="list the sources: grade, events citing each, what each alone supports",
        epilog=EXAMPLE,
        description="One line per source, in file order: its key, its Admiralty grade (- for"
        " none), how many events cite it, and the events that would lose their only"
        " independent citation if it were discredited (every citation of theirs is that"
        " source or goes back to it through via). `check --without KEY` and"
        " `render --without KEY` show the chronology without it.",
    )  # fmt: skip
    sources.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    sources.add_argument("--format", choices=("text", "json"), default="text")
    sources.set_defaults(run=_sources)


def _sources(arguments: argparse.Namespace) -> int:
    timeline = load(arguments.file)
    cited: dict[str, int] = dict.fromkeys(timeline.sources, 0)
    for event in timeline.events:
        for key in dict.fromkeys(event.source_keys):
            if key in cited:
                cited[key] += 1
    lost = sole_support(timeline)
    if arguments.format == "json":
        import json

        listed = [
            {"source": key, "grade": source.reliability, "cited": cited[key],
             "only_support_of": list(lost[key])}
            for key, source in timeline.sources.items()
        ]  # fmt: skip
        json.dump(listed, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    rows = [("source", "grade", "cited", "only support of")]
    for key, source in timeline.sources.items():
        alone = ", ".join(lost[key]) or "-"
        rows.append((key, source.reliability or "-", str(cited[key]), alone))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for key, grade, times, alone in rows:
        print(f"{key:<{widths[0]}}  {grade:<{widths[1]}}  {times:>{widths[2]}}  {alone}")
    print(f"{count(len(timeline.sources), 'source')}, {count(len(timeline.events), 'event')}")
    return 0
