"""The structural checks (E020-E028, W020, W021): what a reader of the file would call typos.

Duplicate ids, unknown source keys, lanes, certainty words, marking levels or
actors, bad URLs and reliability grades, `via` an unknown source, no events, and codes in
`[timeline.rules]` that no check has. The chronology rules run only when these
found no error (see timeline.rules.engine).
"""

from __future__ import annotations

from collections.abc import Callable

from timeline._hints import did_you_mean
from timeline._urls import web_url
from timeline.diagnostics import Diagnostic, codes_in
from timeline.model.markings import level_problem, levels, marked
from timeline.model.timeline import Timeline
from timeline.rules.context import CODES
from timeline.storage.locate import Path
from timeline.storage.positions import diagnostic, locate

__all__ = ["CONFIGURABLE", "STRUCTURAL", "structural"]

# The codes of the structural checks, from the one catalogue (timeline.diagnostics).
STRUCTURAL = tuple(codes_in(20, 29))
# Every code [timeline.rules] can set: the structural checks' and the rules'.
CONFIGURABLE = tuple(sorted((*STRUCTURAL, *CODES)))

_GRADES = frozenset("ABCDEF")

_Report = Callable[..., None]  # (path, code, message, *event ids)


def structural(timeline: Timeline) -> list[Diagnostic]:
    """Every finding of the structural checks, unsorted and at default severities."""
    found: list[Diagnostic] = []

    def report(path: Path, code: str, message: str, *ids: str) -> None:
        found.append(diagnostic(timeline, path, code, message, value=True, event_ids=ids))

    if not timeline.events:
        found.append(diagnostic(timeline, (), "W020", "the chronology has no events"))
    if timeline.rules:
        found += _unknown_codes(timeline)
    _check_sources(timeline, report)
    if _suspect(timeline):
        _check_events(timeline, report)
    _check_markings(timeline, report)
    _check_actors(timeline, report)
    return found


def _check_markings(timeline: Timeline, report: _Report) -> None:
    """E027 for every marking that is not a level of the chronology's scheme."""
    scheme = levels(timeline.markings)
    if not marked(timeline):
        return

    def check(path: Path, word: str | None, *ids: str) -> None:
        problem = level_problem(word, scheme)
        if problem is not None:
            report(path, "E027", problem, *ids)

    check(("timeline", "marking"), timeline.marking)
    for key, source in timeline.sources.items():
        check(("sources", key, "marking"), source.marking)
    for index, period in enumerate(timeline.periods):
        check(("period", index, "marking"), period.marking)
    for index, event in enumerate(timeline.events):
        check(("event", index, "marking"), event.marking, event.id)
        for number, citation in enumerate(event.sources):
            check(("event", index, "sources", number, "marking"), citation.marking, event.id)


def _check_actors(timeline: Timeline, report: _Report) -> None:
    """E028 for an actor key no `[actors.KEY]` declares (in an event, in [timeline])."""
    actors = timeline.actors
    for number, key in enumerate(timeline.actor_order):
        if key not in actors:
            message = f"[timeline] actors lists '{key}', which is not an actor of this chronology"
            report(("timeline", "actors", number), "E028", message + did_you_mean(key, actors))
    for index, event in enumerate(timeline.events):
        for number, key in enumerate(event.actors):
            if key not in actors:
                report(
                    ("event", index, "actors", number), "E028",
                    f"event '{event.id}' names the actor '{key}', which is not declared under"
                    f" [actors]{did_you_mean(key, list(actors))}", event.id,
                )  # fmt: skip


def _unknown_codes(timeline: Timeline) -> list[Diagnostic]:
    """W021 for a code in [timeline.rules] that no check has: it would silently do nothing."""
    found = []
    for code in timeline.rules:
        if code in CONFIGURABLE:
            continue
        hint = (
            f"; did you mean '{code.upper()}'?"
            if code.upper() in CONFIGURABLE
            else did_you_mean(code, CONFIGURABLE)
        )
        message = f"[timeline.rules] sets '{code}', which is not a code of timeline{hint}"
        path: Path = ("timeline", "rules", code)
        found.append(diagnostic(timeline, path, "W021", message))
    return found


def _check_sources(timeline: Timeline, report: _Report) -> None:
    """E023 (URL, archive), E026 (reliability) and E025 (via) of each source."""
    sources = timeline.sources
    for key, source in sources.items():
        path: Path = ("sources", key)
        for field, called in (("url", "URL"), ("archive", "archive URL")):
            link = getattr(source, field)
            if link is not None and not web_url(link):
                report(
                    (*path, field), "E023",
                    f"source '{key}' has {called} {link!r}:"
                    " only http:// and https:// URLs are allowed",
                )  # fmt: skip
        if source.reliability is not None and source.reliability not in _GRADES:
            report(
                (*path, "reliability"), "E026",
                f"source '{key}' has reliability {source.reliability!r}:"
                " use an Admiralty grade A-F",
            )  # fmt: skip
        if source.via is not None and source.via not in sources:
            report(
                (*path, "via"), "E025",
                f"source '{key}' is via '{source.via}', which is not a source of this chronology"
                + did_you_mean(source.via, list(sources)),
            )  # fmt: skip


def _suspect(timeline: Timeline) -> bool:
    """Whether any event may have a structural problem, by set arithmetic.

    This is exact (no false negatives) and runs in C, so the per-event loop that
    finds and positions the problems only runs when there are some to find.
    """
    events = timeline.events
    ids = {event.id for event in events}
    if len(ids) != len(events):
        return True
    if not {event.certainty for event in events} <= set(timeline.certainty):
        return True
    cited = set().union(*(event.source_keys for event in events))
    if not cited <= timeline.sources.keys():
        return True
    if timeline.lanes:
        used = {event.lane for event in events} - {None}
        return not used <= set(timeline.lanes)
    return False


def _check_events(timeline: Timeline, report: _Report) -> None:
    """E020 (duplicate id), E022 (certainty), E021 (source key), E024 (lane) per event."""
    sources = timeline.sources
    words = frozenset(timeline.certainty)
    lanes = frozenset(timeline.lanes)
    first_seen: dict[str, int] = {}
    for index, event in enumerate(timeline.events):
        path: Path = ("event", index)
        seen = first_seen.setdefault(event.id, index)
        if seen != index:
            line, _ = locate(timeline, ("event", seen, "id"))
            report(
                (*path, "id"), "E020",
                f"duplicate id '{event.id}': the event at line {line} already uses it", event.id,
            )  # fmt: skip
        if event.certainty not in words:
            report(
                (*path, "certainty"), "E022",
                f"'{event.certainty}' is not a certainty word of this chronology"
                f"{did_you_mean(event.certainty, timeline.certainty)}"
                f" (the scale is: {', '.join(timeline.certainty)})", event.id,
            )  # fmt: skip
        for number, key in enumerate(event.source_keys):
            if key not in sources:
                report(
                    (*path, "sources", number), "E021",
                    f"event '{event.id}' cites '{key}', which is not a source of this chronology"
                    + did_you_mean(key, list(sources)), event.id,
                )  # fmt: skip
        if lanes and event.lane is not None and event.lane not in lanes:
            report(
                (*path, "lane"), "E024",
                f"lane '{event.lane}' is not in [timeline] lanes"
                + did_you_mean(event.lane, timeline.lanes), event.id,
            )  # fmt: skip
