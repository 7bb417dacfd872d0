"""Handling markings: who may see each part of a chronology, and the releasable cut.

A chronology's scheme is TLP 2.0 (`[timeline] markings = "tlp"`, the default) or
an organisation's own ordered levels, lowest first. `[timeline] marking` is the
level of every item that gives none; a source, event, period or citation table
may give its own. What an item effectively carries is the highest of its own
level and of everything it rests on (classification by compilation): a citation
carries its source's level, an event its citations'. An item with no level at
all, in a chronology that gives no default, counts as the lowest level.

`released(timeline, level)` is the cut for an audience cleared to `level`:
everything above it is removed, and an event left with no citation goes too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from timeline._hints import did_you_mean
from timeline.errors import FieldError
from timeline.model.citations import Citation
from timeline.model.records import Event, Period, Source, unlinked

if TYPE_CHECKING:
    from timeline.model.timeline import Timeline

__all__ = [
    "TLP",
    "Release",
    "banner",
    "event_level",
    "highest",
    "level_problem",
    "levels",
    "marked",
    "released",
    "shown_level",
]

# Traffic Light Protocol 2.0, lowest first.
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


@attrs.frozen(slots=True)
class Release:
    """What a released cut says about itself: the level it was cut at, and how many
    items it withheld (counts only: what was withheld may not be named)."""

    level: str
    events: int = 0
    sources: int = 0
    periods: int = 0
    citations: int = 0


def levels(markings: str | tuple[str, ...]) -> tuple[str, ...]:
    """The ordered levels of a scheme setting: "tlp" or the organisation's own."""
    return TLP if markings == "tlp" else tuple(markings)


def level_problem(word: object, scheme: tuple[str, ...]) -> str | None:
    """Why `word` is not a level of `scheme` (with "did you mean"), or None."""
    if word is None or word in scheme:
        return None
    text = str(word)
    upper = text.upper().removeprefix("TLP:")  # "amber", "TLP:AMBER": the level's word
    hint = (
        f"; did you mean '{upper}'?" if upper in scheme else did_you_mean(text, scheme)
    ) or f"; the levels are {', '.join(scheme)}"
    return f"{text!r} is not a marking level of this chronology{hint}"


def banner(markings: str | tuple[str, ...], level: str) -> str:
    """A level as outputs print it: "TLP:AMBER" for TLP, the word itself otherwise."""
    return f"TLP:{level}" if markings == "tlp" else level


def marked(timeline: Timeline) -> bool:
    """Whether the chronology marks anything: only then do outputs carry banners."""
    return (
        timeline.marking is not None
        or any(s.marking is not None for s in timeline.sources.values())
        or any(p.marking is not None for p in timeline.periods)
        or any(e.marking is not None or _citations_marked(e) for e in timeline.events)
    )


def _citations_marked(event: Event) -> bool:
    return any(c.marking is not None for c in event.sources)


def _rank(scheme: tuple[str, ...], word: str | None) -> int:
    # Unknown words (reported by the rules as E027) rank highest: withheld, not leaked.
    if word is None:
        return 0
    return scheme.index(word) if word in scheme else len(scheme)


def highest(scheme: tuple[str, ...], words: Iterable[str | None]) -> str:
    """The highest of `words` on `scheme` (the lowest level when there are none)."""
    rank = max((_rank(scheme, w) for w in words), default=0)
    return scheme[min(rank, len(scheme) - 1)]


def _source_rank(timeline: Timeline, scheme: tuple[str, ...], source: Source | None) -> int:
    own = source.marking if source is not None else None
    return _rank(scheme, own if own is not None else timeline.marking)


def _citation_rank(timeline: Timeline, scheme: tuple[str, ...], citation: Citation) -> int:
    source = timeline.sources.get(citation.source)
    return max(_rank(scheme, citation.marking), _source_rank(timeline, scheme, source))


def _own_rank(timeline: Timeline, scheme: tuple[str, ...], item: Event | Period) -> int:
    return _rank(scheme, item.marking if item.marking is not None else timeline.marking)


def event_level(timeline: Timeline, event: Event) -> str:
    """The event's effective level: its own (or the default) and its citations'."""
    scheme = levels(timeline.markings)
    ranks = [_own_rank(timeline, scheme, event)]
    ranks += [_citation_rank(timeline, scheme, c) for c in event.sources]
    return scheme[min(max(ranks), len(scheme) - 1)]


def shown_level(timeline: Timeline) -> str:
    """The highest level of everything the chronology shows: its banner's level."""
    scheme = levels(timeline.markings)
    words: list[str | None] = [event_level(timeline, e) for e in timeline.events]
    words += [p.marking or timeline.marking for p in timeline.periods]
    cited = {c.source for e in timeline.events for c in e.sources}
    words += [s.marking or timeline.marking for k, s in timeline.sources.items() if k in cited]
    return highest(scheme, [*words, timeline.marking])


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
        if _source_rank(timeline, scheme, source) <= top
    }
    events, citations_cut, gone = [], 0, set()
    for event in timeline.events:
        kept = tuple(
            c for c in event.sources
            if _citation_rank(timeline, scheme, c) <= top
            and (c.source in sources or c.source not in timeline.sources)
        )  # fmt: skip
        if _own_rank(timeline, scheme, event) > top or not kept:
            gone.add(event.id)
            continue
        citations_cut += len(event.sources) - len(kept)
        events.append(
            event if len(kept) == len(event.sources) else attrs.evolve(event, sources=kept)
        )
    events = [unlinked(event, gone) for event in events]
    sources = {key: _via_kept(source, sources, timeline) for key, source in sources.items()}
    periods = [p for p in timeline.periods if _own_rank(timeline, scheme, p) <= top]
    used = {a for e in events for a in e.actors}
    named = {a for e in timeline.events for a in e.actors}
    actors = {k: a for k, a in timeline.actors.items() if k in used or k not in named}
    # A lane (a setting) that only withheld events were in names what they were about.
    lanes_used, lanes_kept = {e.lane for e in timeline.events}, {e.lane for e in events}
    lanes = [lane for lane in timeline.lanes if lane in lanes_kept or lane not in lanes_used]
    release = Release(
        level, len(gone), len(timeline.sources) - len(sources),
        len(timeline.periods) - len(periods), citations_cut,
    )  # fmt: skip
    return attrs.evolve(
        timeline, events=events, sources=sources, periods=periods, actors=actors,
        actor_order=[k for k in timeline.actor_order if k in actors], lanes=lanes,
        release=release, as_known=_known_kept(timeline, sources),
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
