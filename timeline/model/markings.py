"""Handling markings: who may see each part of a chronology, and the releasable cut.

A chronology's scheme is TLP 2.0 (`[timeline] markings = "tlp"`, the default) or
an organisation's own ordered levels, lowest first. `[timeline] marking` is the
level of every item that gives none; a source, event, period or citation table
may give its own. What an item effectively carries is the highest of its own
level and of everything it rests on (classification by compilation): a citation
carries its source's level, an event its citations'. An item with no level at
all, in a chronology that gives no default, counts as the lowest level.

The cut for an audience cleared to a level is `timeline.model.release`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from timeline._hints import did_you_mean
from timeline.model.citations import Citation
from timeline.model.records import Event, Period, Source

if TYPE_CHECKING:
    from timeline.model.timeline import Timeline

__all__ = [
    "TLP",
    "banner",
    "citation_rank",
    "event_level",
    "highest",
    "level_problem",
    "levels",
    "marked",
    "own_rank",
    "shown_level",
    "source_rank",
]

# Traffic Light Protocol 2.0, lowest first.
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


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


def source_rank(timeline: Timeline, scheme: tuple[str, ...], source: Source | None) -> int:
    own = source.marking if source is not None else None
    return _rank(scheme, own if own is not None else timeline.marking)


def citation_rank(timeline: Timeline, scheme: tuple[str, ...], citation: Citation) -> int:
    source = timeline.sources.get(citation.source)
    return max(_rank(scheme, citation.marking), source_rank(timeline, scheme, source))


def own_rank(timeline: Timeline, scheme: tuple[str, ...], item: Event | Period) -> int:
    return _rank(scheme, item.marking if item.marking is not None else timeline.marking)


def event_level(timeline: Timeline, event: Event) -> str:
    """The event's effective level: its own (or the default) and its citations'."""
    scheme = levels(timeline.markings)
    ranks = [own_rank(timeline, scheme, event)]
    ranks += [citation_rank(timeline, scheme, c) for c in event.sources]
    return scheme[min(max(ranks), len(scheme) - 1)]


def shown_level(timeline: Timeline, events: Iterable[Event] | None = None) -> str:
    """The highest level of everything an output of the chronology shows, its banner's
    level: `events` (default: all of them; a selection shows fewer), the sources they
    cite, the periods and what the default level covers (title, settings)."""
    scheme = levels(timeline.markings)
    shown = timeline.events if events is None else list(events)
    words: list[str | None] = [event_level(timeline, e) for e in shown]
    words += [p.marking or timeline.marking for p in timeline.periods]
    cited = {c.source for e in shown for c in e.sources}
    words += [s.marking or timeline.marking for k, s in timeline.sources.items() if k in cited]
    return highest(scheme, [*words, timeline.marking])
