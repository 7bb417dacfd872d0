"""`Timeline.validate()`: structural checks, then the chronology rules.

Structural checks are the ones a reader of the file would call typos:
duplicate ids, unknown source keys or certainty words, bad URLs. The
chronology rules (ordering, gaps, relations, sources) live in `_rules`.
Severities can be changed or silenced per code in `[timeline.rules]`.
"""

from __future__ import annotations

import attrs

from timeline._gc import paused
from timeline._hints import did_you_mean
from timeline._urls import web_url
from timeline.diagnostics import Diagnostic, Severity
from timeline.model.timeline import Timeline
from timeline.storage.locate import Path
from timeline.storage.positions import diagnostic, locate

__all__ = ["STRUCTURAL", "not_run", "structural", "validate"]

# The codes of the structural checks; the rules' codes are `_rules.CODES`.
STRUCTURAL = ("E020", "E021", "E022", "E023", "E024", "E025", "E026", "W020", "W021")

_GRADES = frozenset("ABCDEF")
_LEVELS = {"note": Severity.NOTE, "warning": Severity.WARNING, "error": Severity.ERROR}


def validate(timeline: Timeline) -> list[Diagnostic]:
    with paused():  # see timeline._gc: the rules make no reference cycles
        return _validate(timeline)


def _validate(timeline: Timeline) -> list[Diagnostic]:
    from operator import attrgetter

    found = _configure(timeline, structural(timeline))
    # The rules assume a consistent chronology (unique ids, known sources): they run only
    # when the structural checks found no error, at the severities configured (a user who
    # turned E021 off has accepted unknown source keys; the rules tolerate them).
    if not _blocked(found):
        from timeline.rules.order import check_rules

        found += _configure(timeline, check_rules(timeline))
    # The order of Diagnostic.sort_key, without a Python call per diagnostic.
    return sorted(found, key=attrgetter("file", "line", "column", "code"))


def _blocked(found: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in found)


def not_run(timeline: Timeline, findings: list[Diagnostic]) -> list[str]:
    """Which rules did not run on `timeline` and why, in words (for `check --verbose`).

    `findings` is what `validate()` returned for it.
    """
    if _blocked([d for d in findings if d.code in STRUCTURAL]):
        return ["the chronology rules (E101-W112) did not run: fix the errors above first"]
    if not timeline.events:
        return ["the chronology rules (E101-W112) did not run: there are no events"]
    reasons = []
    if timeline.max_gap is None:
        reasons.append("no max_gap in [timeline]: the gap rule (W106) did not run")
    if timeline.as_of is None:
        reasons.append("no as_of in [timeline]: the as_of rule (W111) did not run")
    if timeline.order == "any":
        reasons.append('order = "any" in [timeline]: the file-order rule (W105) did not run')
    known = _known_codes()
    off = sorted(code for code, level in timeline.rules.items() if level == "off" and code in known)
    if off:
        reasons.append(f"off in [timeline.rules]: {', '.join(off)}")
    return reasons


def _configure(timeline: Timeline, found: list[Diagnostic]) -> list[Diagnostic]:
    if not timeline.rules:
        return found
    configured = []
    for finding in found:
        level = timeline.rules.get(finding.code)
        if level is None:
            configured.append(finding)
        elif level != "off":
            configured.append(attrs.evolve(finding, severity=_LEVELS[level]))
    return configured


def _known_codes() -> list[str]:
    """Every code [timeline.rules] can set: the structural checks' and the rules'."""
    from timeline.rules.order import CODES  # the rules' modules load only when asked for

    return sorted((*STRUCTURAL, *CODES))


def _unknown_codes(timeline: Timeline) -> list[Diagnostic]:
    """W021 for a code in [timeline.rules] that no check has: it would silently do nothing."""
    known = _known_codes()
    found = []
    for code in timeline.rules:
        if code in known:
            continue
        hint = (
            f"; did you mean '{code.upper()}'?"
            if code.upper() in known
            else did_you_mean(code, known)
        )
        message = f"[timeline.rules] sets '{code}', which is not a code of timeline{hint}"
        path: Path = ("timeline", "rules", code)
        found.append(diagnostic(timeline, path, "W021", message))
    return found


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
    cited = set().union(*(event.sources for event in events))
    if not cited <= timeline.sources.keys():
        return True
    if timeline.lanes:
        used = {event.lane for event in events} - {None}
        return not used <= set(timeline.lanes)
    return False


def structural(timeline: Timeline) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def report(path: Path, code: str, message: str, *ids: str) -> None:
        found.append(diagnostic(timeline, path, code, message, value=True, event_ids=ids))

    if not timeline.events:
        found.append(diagnostic(timeline, (), "W020", "the chronology has no events"))
    if timeline.rules:
        found += _unknown_codes(timeline)
    sources = timeline.sources
    for key, source in sources.items():
        source_path: Path = ("sources", key)
        if source.url is not None and not web_url(source.url):
            report(
                (*source_path, "url"), "E023",
                f"source '{key}' has URL {source.url!r}:"
                " only http:// and https:// URLs are allowed",
            )  # fmt: skip
        if source.reliability is not None and source.reliability not in _GRADES:
            report(
                (*source_path, "reliability"), "E026",
                f"source '{key}' has reliability {source.reliability!r}:"
                " use an Admiralty grade A-F",
            )  # fmt: skip
        if source.via is not None and source.via not in sources:
            report(
                (*source_path, "via"), "E025",
                f"source '{key}' is via '{source.via}', which is not a source of this chronology"
                + did_you_mean(source.via, list(sources)),
            )  # fmt: skip

    if not _suspect(timeline):
        return found
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
        for number, key in enumerate(event.sources):
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
    return found
