"""Chronologies in from other tools: CSV, TSV, xlsx workbooks and the project's JSON.

`import_file(path, format)` gives an `Imported`: the `Timeline`, what it adds
(events, sources, periods), the ids it updates, the rows skipped, what was filled
in, and the import's findings at their cells. A file that cannot become a
chronology (a date no habit reads, an ambiguous day, a Time without a date) is a
`TimelineError` with every such diagnostic. `Imported.save(path)` writes it: a
new file in the canonical form under a comment saying where it came from, or,
with `into`, the chronology imported into, through `save()` (its comments kept).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from timeline.diagnostics import Diagnostic, Severity, severity_of
from timeline.errors import OptionError, TimelineError
from timeline.interop.building import Owner, Place, build, build_in_date_order
from timeline.model.citations import Citation
from timeline.model.records import Event
from timeline.model.timeline import Timeline

if TYPE_CHECKING:  # the readers load when a file is imported, not with timeline.interop
    from timeline.interop.collect import Collected

__all__ = ["IMPORT_FORMATS", "Imported", "import_file"]

IMPORT_FORMATS = ("csv", "tsv", "xlsx", "json", "ics", "timelinejs")
LAYOUTS = {"json": "timeline JSON", "own": "timeline columns", "timelinejs": "TimelineJS layout"}
# What a file of each format that is one document (not a sheet of rows) holds.
DOCUMENTS = {"json": "timeline JSON", "ics": "iCalendar", "timelinejs": "TimelineJS JSON"}


def rows(lines: Sequence[int]) -> str:
    """`row 4`, `rows 2-5, 9`: the rows, runs joined."""
    runs: list[list[int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"row{'s' if len(set(lines)) > 1 else ''} {text}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@attrs.frozen
class Imported:
    """An import: the chronology and what it took to make it (see the module)."""

    timeline: Timeline
    path: str
    format: str
    layout: str
    events: int  # added
    sources: int
    periods: int
    updated: tuple[str, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    defaulted: tuple[int, ...] = ()  # rows given `certainty`
    certainty: str | None = None
    file_cited: tuple[int, ...] = ()  # rows citing the file itself, `file_source`
    file_source: str | None = None
    into: bool = False
    # Per event of `timeline.events`: the fields its file gave (not filled in), which
    # `--update` replaces; None: all of them (a timeline JSON document says everything).
    given: tuple[frozenset[str] | None, ...] = ()
    # The source the import made of the file itself: not added to the chronology
    # imported into when no event there cites it (an update keeps its own sources).
    own_source: str | None = None
    rows: tuple[int, ...] = ()  # a sheet's: the row of each event of `timeline.events`

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def summary(self) -> str:
        """`42 events, 17 sources, 3 periods; 2 rows skipped: row 7 (no title), ...`"""
        text = ", ".join((_count(self.events, "event"), _count(self.sources, "source"),
                          _count(self.periods, "period")))  # fmt: skip
        if self.updated:
            text += f"; {_count(len(self.updated), 'event')} updated: {', '.join(self.updated)}"
        if self.skipped:
            shown = ", ".join(f"row {line} ({why})" for line, why in self.skipped)
            text += f"; {_count(len(self.skipped), 'row')} skipped: {shown}"
        return text

    def notes(self) -> list[str]:
        """What was filled in, one line each (the dry run and the file's header say it)."""
        found = []
        if self.defaulted:
            found.append(
                f"certainty '{self.certainty}' (the scale's last word) for"
                f" {_count(len(self.defaulted), 'event')} without one: {rows(self.defaulted)}"
            )
        if self.file_cited:
            found.append(
                f"source '{self.file_source}' (the file itself, reliability F) for"
                f" {_count(len(self.file_cited), 'event')} naming none: {rows(self.file_cited)}"
            )
        return found

    def header(self) -> str:
        name = os.path.basename(self.path)
        lines = [f"Imported from {name} ({self.layout}) by `timeline import`.", *self.notes()]
        return "".join(f"# {line[:1].upper()}{line[1:]}\n" for line in lines) + "\n"

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the import: into the chronology it was imported into (`save()`, which
        keeps its comments), or as a new file at `path` with the header comment. A
        `TimelineError` (nothing written) while any error remains."""
        if self.errors:
            raise TimelineError(self.errors)
        if self.into:
            self.timeline.save(path)
            return
        if path is None:
            raise TypeError("save() needs a path for an import into a new file")
        from timeline.storage.atomic import atomic_write
        from timeline.storage.lock import locked
        from timeline.storage.save import canonical_text

        name = os.fspath(path)
        os.makedirs(os.path.dirname(os.path.abspath(name)), exist_ok=True)
        with locked(name):
            text = self.header() + canonical_text(self.timeline)
            atomic_write(os.path.realpath(name), text.encode("utf-8"))


def import_file(
    path: str | os.PathLike[str], format: str, *, into: Timeline | None = None,
    update: bool = False, order: str | None = None, name: str | None = None,
) -> Imported:  # fmt: skip
    """Import `path` (`format` one of IMPORT_FORMATS), into the chronology `into` when
    given (ids it has are updated only with `update`); `order` "day-first" or
    "month-first" reads days such as 05/10/2013; `name` is the file diagnostics name
    (default: `path`). See the module."""
    path = os.fspath(path)
    name = path if name is None else name
    if format not in IMPORT_FORMATS:
        raise OptionError(
            "format", f"unknown import format {format!r}; expected one of"
            f" {', '.join(IMPORT_FORMATS)}",
        )  # fmt: skip
    if format in ("json", "ics", "timelinejs"):
        from timeline.storage.load import decode, read_bytes

        raw = read_bytes(path)
        if format == "json":
            from timeline.interop.jsonread import import_json

            found, findings, place = import_json(decode(raw, name), name)
            given: tuple[frozenset[str] | None, ...] = tuple(None for _ in found.events)
            own = None
        elif format == "ics":  # its octets: unfolded before they are decoded
            from timeline.interop.icsread import import_ics

            found, findings, place, given, own = import_ics(raw, name, into)
        else:
            from timeline.interop.tljsread import import_timelinejs

            found, findings, place, given, own = import_timelinejs(decode(raw, name), name, into)
        counts = (len(found.events), len(found.sources), len(found.periods))
        base = Imported(
            found, name, format, DOCUMENTS[format], *counts, diagnostics=tuple(findings),
            given=given, own_source=own,
        )  # fmt: skip
        return base if into is None else _merged(base, into, update, place)
    collected = _collected(path, name, format, into, order)
    found, findings = _built(collected)
    base = Imported(
        found, name, format, LAYOUTS[collected.layout], len(collected.data["event"]),
        len(found.sources), len(found.periods), skipped=tuple(collected.skipped),
        diagnostics=tuple(sorted([*collected.problems, *findings], key=_order)),
        defaulted=tuple(collected.defaulted), certainty=collected.certainty,
        file_cited=tuple(collected.file_cited),
        file_source=collected.file_source if collected.file_cited else None,
        given=_given_by_rows(collected), own_source=collected.file_source,
        rows=tuple(collected.origins[("event", i)].line for i in range(len(found.events))),
    )  # fmt: skip
    return base if into is None else _merged(base, into, update, collected.place)


def _order(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return diagnostic.sort_key


def _collected(
    path: str, name: str, format: str, into: Timeline | None, order: str | None
) -> Collected:
    from timeline.interop.collect import Collected
    from timeline.interop.ownrows import collect_own, is_own
    from timeline.interop.sheets import read_sheet
    from timeline.interop.tljsrows import collect_timelinejs, is_timelinejs

    sheet = read_sheet(path, format, name)
    if is_own(sheet.header):
        collected = Collected(sheet, into, order, "own")
        collect_own(collected)
    elif is_timelinejs(sheet.header):
        collected = Collected(sheet, into, order, "timelinejs")
        collect_timelinejs(collected)
    else:
        shown = ", ".join(sheet.header[:6]) + (", ..." if len(sheet.header) > 6 else "")
        message = (
            f"no header this import knows: '{shown}'; expected timeline's columns (id, title,"
            " date, certainty, sources ...) or TimelineJS's (Year, Month, Day, Headline ...)"
        )
        raise TimelineError([sheet.diagnostic(sheet.header_line, 0, "E041", message)])
    if any(d.severity is Severity.ERROR for d in collected.problems):
        raise TimelineError(sorted(collected.problems, key=_order))
    return collected


def _built(collected: Collected) -> tuple[Timeline, list[Diagnostic]]:
    """Built, the TimelineJS layout's events in date order (its rows are in any order)."""
    data, name, place = collected.data, collected.sheet.name, collected.place
    if collected.layout != "timelinejs":
        return build(data, name, place)
    return build_in_date_order(data, name, place, collected.origins)


def _merged(imported: Imported, into: Timeline, update: bool, place: Place) -> Imported:
    """`imported` added to `into` through the library's edits; E042 for each id or key
    `into` has, unless `update`."""
    merged, refused, updated = into, [], []
    known = {e.id for e in into.events}
    events, added_rows = 0, set[int]()
    for index, event in enumerate(imported.timeline.events):
        if event.id not in known:
            merged, events = merged.add(event), events + 1
            added_rows.update(imported.rows[index : index + 1])
        elif update:
            given = imported.given[index] if index < len(imported.given) else None
            old = next(e for e in merged.events if e.id == event.id)
            merged = merged.replace(_updated(old, event, given))
            updated.append(event.id)
        else:
            message = (
                f"event '{event.id}' is already in the chronology; give --update to replace it"
            )
            refused.append(_at(place, imported.path, ("event", index), "id", message))
    sources = 0
    cited = {key for event in merged.events for key in event.source_keys}
    for key, source in imported.timeline.sources.items():
        if key == imported.own_source and key not in cited:
            continue
        if key not in merged.sources:
            merged, sources = merged.add_source(source), sources + 1
        elif merged.sources[key] != source:
            if update:  # a sheet's or a story's source has the fields it did not give
                merged = merged.replace_source(source)  # already; a JSON document's, all
            else:
                message = (
                    f"source '{key}' is already in the chronology with other details; give"
                    " --update to replace it"
                )
                refused.append(_at(place, imported.path, ("sources", key), None, message))
    periods = [p for p in imported.timeline.periods if p not in into.periods]
    for period in periods:
        merged = merged.add_period(period)
    actors = {**imported.timeline.actors, **into.actors}
    merged = attrs.evolve(merged, actors=actors)
    diagnostics = sorted([*imported.diagnostics, *refused], key=_order)
    # What the import filled in is said of the events it added: an update keeps the
    # event's own certainty and sources.
    defaulted = tuple(row for row in imported.defaulted if row in added_rows)
    file_cited = tuple(row for row in imported.file_cited if row in added_rows)
    return attrs.evolve(
        imported, timeline=merged, events=events, sources=sources, periods=len(periods),
        updated=tuple(updated), diagnostics=tuple(diagnostics), into=True,
        defaulted=defaulted, file_cited=file_cited,
    )  # fmt: skip


# An event's date is one of these, or two: they are replaced together.
_DATES = frozenset({"date", "start", "end"})


def _updated(old: Event, new: Event, given: frozenset[str] | None) -> Event:
    """`old` with what the imported file gave of `new` (`given`: None is everything):
    what it did not give stays, and a citation it names by key only keeps the
    details `old` has for that source (a CSV cell holds keys, not quotes)."""
    if given is None:
        return new
    fields: dict[str, Any] = {name: getattr(new, name) for name in given - _DATES - {"id"}}
    if given & _DATES:
        fields.update(date=new.date, start=new.start, end=new.end)
    if "sources" in given:
        details = {citation.source: citation for citation in old.sources}
        fields["sources"] = [
            details.get(c.source, c) if c == Citation(c.source) else c for c in new.sources
        ]
    return attrs.evolve(old, **fields)


def _given_by_rows(collected: Collected) -> tuple[frozenset[str], ...]:
    """Each event's fields its row gave: its table's keys but a certainty or a source
    the import filled in."""
    given = []
    for index, table in enumerate(collected.data["event"]):
        line = collected.origins[("event", index)].line
        filled = {"certainty"} if line in collected.defaulted else set()
        if line in collected.file_cited:
            filled.add("sources")
        given.append(frozenset(table) - filled)
    return tuple(given)


def _at(place: Place, name: str, owner: Owner, key: str | None, message: str) -> Diagnostic:
    diagnostic = Diagnostic(name, 1, 1, severity_of("E042"), "E042", message)
    return place(diagnostic, owner, key) or diagnostic
