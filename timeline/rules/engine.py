"""`validate()`: the structural checks, then the chronology rules, at configured severities.

Severities can be changed or silenced per code in `[timeline.rules]`. The rules
assume a consistent chronology (unique ids, known sources): they run only when
the structural checks found no error at the configured severities (a user who
turned E021 off has accepted unknown source keys; the rules tolerate them).
"""

from __future__ import annotations

from operator import attrgetter

import attrs

from timeline._gc import paused
from timeline.diagnostics import Diagnostic, Severity
from timeline.model.timeline import Timeline
from timeline.rules.context import RuleContext
from timeline.rules.evidence import check_archives, check_claims
from timeline.rules.gaps import check_gaps
from timeline.rules.handling import check_actors_used, check_compilation
from timeline.rules.order import check_file_order, check_intervals, check_relations
from timeline.rules.sources import check_as_of, check_duplicates, check_sources
from timeline.rules.structural import CONFIGURABLE, STRUCTURAL, structural

__all__ = ["OFF_BY_DEFAULT", "check_rules", "not_run", "validate"]

_LEVELS = {"note": Severity.NOTE, "warning": Severity.WARNING, "error": Severity.ERROR}
# Codes that report nothing unless `[timeline.rules]` gives them a level.
OFF_BY_DEFAULT = frozenset({"N115"})


def validate(timeline: Timeline) -> list[Diagnostic]:
    """Every finding about `timeline`, at its configured severity, sorted by position."""
    with paused():  # see timeline._gc: the rules make no reference cycles
        found = _configure(timeline, structural(timeline))
        if not _blocked(found):
            found += _configure(timeline, check_rules(timeline))
        # The order of Diagnostic.sort_key, without a Python call per diagnostic.
        return sorted(found, key=attrgetter("file", "line", "column", "code"))


def check_rules(timeline: Timeline) -> list[Diagnostic]:
    """Every finding of the chronology rules, unsorted and at default severities."""
    if not timeline.events:
        return []  # W020 already says the chronology is empty
    context = RuleContext(timeline)
    check_intervals(context)
    check_relations(context)
    if timeline.order == "file":
        check_file_order(context)
    if timeline.max_gap is not None:
        check_gaps(context)
    check_sources(context)
    check_claims(context)
    check_as_of(context)
    check_duplicates(context)
    if _enabled(timeline, "N115"):
        check_archives(context)
    check_compilation(context)
    if timeline.actors:
        check_actors_used(context)
    return context.found


def _enabled(timeline: Timeline, code: str) -> bool:
    """Whether a code runs: those off by default only when [timeline.rules] sets a level."""
    level = timeline.rules.get(code)
    return level != "off" if code not in OFF_BY_DEFAULT else level not in (None, "off")


def _blocked(found: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in found)


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


def not_run(timeline: Timeline, findings: list[Diagnostic]) -> list[str]:
    """Which rules did not run on `timeline` and why, in words (for `check --verbose`).

    `findings` is what `validate()` returned for it.
    """
    if _blocked([d for d in findings if d.code in STRUCTURAL]):
        return ["the chronology rules (E101-N115) did not run: fix the errors above first"]
    if not timeline.events:
        return ["the chronology rules (E101-N115) did not run: there are no events"]
    reasons = []
    if timeline.max_gap is None:
        reasons.append("no max_gap in [timeline]: the gap rule (W106) did not run")
    if timeline.as_of is None:
        reasons.append("no as_of in [timeline]: the as_of rule (W111) did not run")
    if timeline.order == "any":
        reasons.append('order = "any" in [timeline]: the file-order rule (W105) did not run')
    off = sorted(
        code for code, level in timeline.rules.items() if level == "off" and code in CONFIGURABLE
    )
    if off:
        reasons.append(f"off in [timeline.rules]: {', '.join(off)}")
    for code in sorted(OFF_BY_DEFAULT - timeline.rules.keys()):
        reasons.append(f'off by default: {code} (turn it on with [timeline.rules] {code} = "note")')
    return reasons
