"""The releasable cut: a chronology as an audience cleared to a level may see it.

`released(timeline, level)` removes everything whose effective level
(`timeline.model.markings`) is above `level`, and an event left with no citation
goes too; what went is counted (`Release`), never named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from timeline.errors import FieldError
from timeline.model.actors import kept_actors, still_named
from timeline.model.markings import citation_rank, level_problem, levels, own_rank, source_rank
from timeline.model.records import Source, unlinked

if TYPE_CHECKING:
    from timeline.model.timeline import Timeline

__all__ = ["Release", "released"]


@attrs.frozen(slots=True)
class Release:
    """What a released cut says about itself: the level it was cut at, and how many
    items it withheld (counts only: what was withheld may not be named)."""

    level: str
    events: int = 0
    sources: int = 0
    periods: int = 0
    citations: int = 0


def _check_level(timeline: Timeline, level: str) -> tuple[str, ...]:
    scheme = levels(timeline.markings)
    problem = level_problem(level, scheme)
    if problem is not None:
        raise FieldError("release", "E027", problem)
    return scheme


def released(timeline: Timeline, level: str) -> Timeline:
    """The cut releasable at `level` (see the module); `released` of the result says
    what it was cut at (`release`). A `FieldError` (E027) when `level` is not on the scheme."""
    scheme = _check_level(timeline, level)
    top = scheme.index(level)
    sources = {
        key: source
        for key, source in timeline.sources.items()
        if source_rank(timeline, scheme, source) <= top
    }
    events, citations_cut, gone = [], 0, set()
    for event in timeline.events:
        kept = tuple(
            c for c in event.sources
            if citation_rank(timeline, scheme, c) <= top
            and (c.source in sources or c.source not in timeline.sources)
        )  # fmt: skip
        if own_rank(timeline, scheme, event) > top or not kept:
            gone.add(event.id)
            continue
        citations_cut += len(event.sources) - len(kept)
        events.append(
            event if len(kept) == len(event.sources) else attrs.evolve(event, sources=kept)
        )
    events = [unlinked(event, gone) for event in events]
    sources = {key: _via_kept(source, sources, timeline) for key, source in sources.items()}
    periods = [p for p in timeline.periods if own_rank(timeline, scheme, p) <= top]
    # A lane (a setting) that only withheld events were in names what they were about.
    lanes_used = {e.lane for e in timeline.events if e.lane is not None}
    lanes_kept = {e.lane for e in events if e.lane is not None}
    lanes = still_named(timeline.lanes, lanes_used, lanes_kept)
    release = Release(
        level, len(gone), len(timeline.sources) - len(sources),
        len(timeline.periods) - len(periods), citations_cut,
    )  # fmt: skip
    return attrs.evolve(
        timeline, events=events, sources=sources, periods=periods, lanes=lanes,
        release=release, as_known=_known_kept(timeline, sources),
        **kept_actors(timeline, events),
    )  # fmt: skip


def _known_kept(timeline: Timeline, sources: dict[str, Source]) -> Any:
    """A known-at view's record cut too: only the undated sources the cut keeps, and no
    hidden ids (which of them were above the level, the view no longer says)."""
    known = timeline.as_known
    if known is None:
        return None
    undated = tuple(key for key in known.undated if key in sources)
    return attrs.evolve(known, undated=undated, hidden=())


def _via_kept(source: Source, kept: dict[str, Source], timeline: Timeline) -> Source:
    """`source` without a `via` naming a withheld source (its key may not appear)."""
    via = source.via
    if via is None or via in kept or via not in timeline.sources:
        return source
    return attrs.evolve(source, via=None)
