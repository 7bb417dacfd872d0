"""The rules about handling and actors: W116 (classification by compilation), N117.

An event's effective marking is the highest of its own and of its sources'
(`timeline.model.markings`). An event marked lower than a source it cites is
almost always a slip: the event states what the source says, so it carries at
least the source's level, and a release at the event's level would cut the
source from under it. A citation's own `marking` is the analyst's deliberate
choice to withhold that citation's detail, and is not reported.
"""

from __future__ import annotations

from timeline.model.markings import levels, marked
from timeline.rules.context import RuleContext

__all__ = ["check_actors_used", "check_compilation"]


def check_compilation(c: RuleContext) -> None:
    """W116 once per event marked (or defaulted) lower than a source it cites."""
    timeline = c.timeline
    if not marked(timeline):
        return
    scheme = levels(timeline.markings)
    rank = {word: i for i, word in enumerate(scheme)}
    default = timeline.marking
    sources = timeline.sources
    for i, event in enumerate(c.events):
        own = event.marking if event.marking is not None else default
        if own is None or own not in rank:
            continue
        higher = [
            (rank[level], key)
            for key in dict.fromkeys(event.source_keys)
            if key in sources
            and (level := sources[key].marking or default) in rank
            and rank[level] > rank[own]
        ]
        if higher:
            top, key = max(higher)
            path = ("event", i, "marking") if event.marking is not None else ("event", i, "id")
            c.report(
                path, "W116",
                f"'{event.id}' is marked {own} but cites '{key}' ({scheme[top]})", event.id,
            )  # fmt: skip


def check_actors_used(c: RuleContext) -> None:
    """N117 for an actor no event names."""
    used = {key for event in c.events for key in event.actors}
    for key in c.timeline.actors:
        if key not in used:
            c.report(
                ("actors", key), "N117", f"actor '{key}' is not named by any event", value=False
            )
