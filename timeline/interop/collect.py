"""What a spreadsheet import gathers row by row, before the chronology is built.

The data of events.toml, where each table and key came from (sheet, row, column),
the problems found in cells (dates, unknown columns), the rows skipped, and what
was filled in: the default certainty, the file itself as the source of a row
that names none.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from timeline.dates.habits import HabitError, habit
from timeline.diagnostics import Diagnostic
from timeline.interop.building import Owner
from timeline.interop.derive import Keys, slug, source_of
from timeline.interop.sheets import Sheet
from timeline.model.timeline import DEFAULT_CERTAINTY, Timeline

__all__ = ["Collected", "Origin"]


@attrs.frozen
class Origin:
    sheet: Sheet
    line: int
    columns: dict[str, int]  # key -> 0-based column
    first: int = 0  # the column of the table as a whole


@attrs.define
class Collected:
    sheet: Sheet
    into: Timeline | None
    order: str | None
    layout: str
    data: dict[str, Any] = attrs.field(factory=dict)
    origins: dict[Owner, Origin] = attrs.field(factory=dict)
    problems: list[Diagnostic] = attrs.field(factory=list)
    skipped: list[tuple[int, str]] = attrs.field(factory=list)
    defaulted: list[int] = attrs.field(factory=list)  # rows given the default certainty
    file_cited: list[int] = attrs.field(factory=list)  # rows citing the file itself
    declared: set[str] = attrs.field(factory=set)  # source keys given by name
    _named: dict[tuple[str, str | None], str] = attrs.field(factory=dict)
    _keys: Keys = attrs.field(factory=Keys)

    def __attrs_post_init__(self) -> None:
        self.data = {"timeline": {}, "sources": {}, "actors": {}, "period": [], "event": []}
        if self.into is not None:
            from timeline.interop.document import document

            base = document(self.into)
            self.data["timeline"] = base["timeline"]
            self.data["sources"] = dict(base.get("sources", {}))
            self.data["actors"] = dict(base.get("actors", {}))
        self.declared |= set(self.data["sources"])
        self._keys = Keys(self.declared)
        for key, table in self.data["sources"].items():  # a new import of the same sheet
            self._named.setdefault((table.get("title", ""), table.get("url")), key)

    @property
    def certainty(self) -> str:
        """The word a row without a certainty gets: the scale's last (`unknown`)."""
        scale = self.into.certainty if self.into is not None else DEFAULT_CERTAINTY
        return scale[-1]

    @property
    def _file_title(self) -> str:
        return f"{os.path.basename(self.sheet.name)} (the imported spreadsheet)"

    @property
    def file_source(self) -> str:
        """The key of the file itself as a source (added when first cited)."""
        known = self._named.get((self._file_title, None))
        if known is not None:
            return known
        base = slug(os.path.basename(self.sheet.name)) or "import"
        return f"{base}-file" if base in self.declared else base

    def problem(self, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(self.sheet.diagnostic(line, column, code, message))

    def skip(self, line: int, column: int, reason: str) -> None:
        self.skipped.append((line, reason))
        self.problem(line, column, "W040", f"row {line} skipped: {reason}")

    def date(self, line: int, column: int, value: object, key: str) -> str | None:
        """The EDTF text of a date cell, or None after reporting E013."""
        try:
            return habit(value, self.order)
        except HabitError as error:
            self.problem(line, column, "E013", f"invalid date in '{key}': {error.message}")
            return None

    def declare(self, key: str, table: dict[str, Any], origin: Origin) -> None:
        """A source given with its key (a row of sources.csv). A key the chronology
        imported into has keeps the fields the row does not give (an empty cell gives
        nothing): `--update` replaces what the file gives, and only that, as for events."""
        known = self.into is not None and key in self.into.sources
        self.data["sources"][key] = {**self.data["sources"][key], **table} if known else table
        self.origins[("sources", key)] = origin
        self.declared.add(key)
        self._keys.taken.add(key)

    def edtf(self, line: int, column: int, text: str, key: str) -> str | None:
        """`text` when it is EDTF, or None after reporting E013 (the parser's words)."""
        from timeline.dates.edtf import parse
        from timeline.errors import EdtfError

        try:
            parse(text)
        except EdtfError as error:
            self.problem(line, column, "E013", f"invalid date in '{key}': {error.message}")
            return None
        return text

    def source(self, line: int, column: int, text: str, url: str | None = None) -> str:
        """The key of the source a cell names (declared, or derived and added)."""
        if text in self.declared:
            return text
        base, table = source_of(text, url)
        identity = (table["title"], table.get("url"))
        if identity not in self._named:
            key = self._keys.key(base)
            self._named[identity] = key
            self.data["sources"][key] = table
            self.origins[("sources", key)] = Origin(self.sheet, line, {}, column)
        return self._named[identity]

    def cite_file(self, line: int) -> str:
        key = self.file_source
        if key not in self.data["sources"]:
            self.data["sources"][key] = {"title": self._file_title, "reliability": "F"}
            self.origins[("sources", key)] = Origin(self.sheet, self.sheet.header_line, {})
        self.file_cited.append(line)
        return key

    def add(self, kind: str, table: dict[str, Any], origin: Origin) -> None:
        self.origins[(kind, len(self.data[kind]))] = origin
        self.data[kind].append(table)

    def place(self, diagnostic: Diagnostic, owner: Owner, key: str | None) -> Diagnostic | None:
        origin = self.origins.get(owner)
        if origin is None:
            if owner[0] != "timeline":
                return None  # a table of the chronology imported into: `check` says
            origin = Origin(self.sheet, self.sheet.header_line, {})
        column = origin.columns.get(key, origin.first) if key is not None else origin.first
        moved = origin.sheet.diagnostic(line=origin.line, column=column, code=diagnostic.code,
                                        message=diagnostic.message,
                                        event_ids=diagnostic.event_ids)  # fmt: skip
        return attrs.evolve(moved, severity=diagnostic.severity)
