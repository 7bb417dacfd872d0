"""The project's own CSV columns back to events, and `sources.csv` back to sources.

The columns `timeline export csv` writes (`id,title,date,start,end,certainty,lane,
actors,tags,sources,after,before,description,key,label,marking`), any subset with
`title`, in any order; multi-value cells `|`-separated. A `sources` item that is
neither a key of `sources.csv` (read from beside the file when present) nor of the
chronology imported into is a URL or an outlet's name, made a source. Actors
are declared by key (the export keeps only keys).
"""

from __future__ import annotations

import os
from typing import Any

from timeline._hints import did_you_mean
from timeline.interop.collect import Collected, Origin
from timeline.interop.csvfile import EVENT_COLUMNS, SOURCE_COLUMNS, split_items
from timeline.interop.derive import Keys, slug
from timeline.interop.sheets import Row, Sheet, read_sheet

__all__ = ["EVENT_COLUMNS", "collect_own", "is_own"]

_LISTS = ("actors", "tags", "sources", "after", "before")
_DATES = ("date", "start", "end")
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


def is_own(header: tuple[str, ...]) -> bool:
    return "title" in header and ("id" in header or "date" in header or "start" in header)


def _columns(collected: Collected, sheet: Sheet, known: tuple[str, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(sheet.header):
        if name in known and name not in columns:
            columns[name] = index
        elif name:
            why = "repeated" if name in known else "not a column of this layout"
            collected.problems.append(sheet.diagnostic(
                sheet.header_line, index, "E010",
                f"column '{name}' is {why}" + ("" if name in known else did_you_mean(name, known)),
            ))  # fmt: skip
    return columns


def _read_sources(collected: Collected) -> None:
    """`sources.csv` beside the file (as `export csv` writes it), when present."""
    path = os.path.join(os.path.dirname(collected.sheet.name), "sources.csv")
    own = os.path.basename(collected.sheet.name)
    if own == "sources.csv" or own.startswith("<") or not os.path.isfile(path):
        return
    sheet = read_sheet(path, "csv")
    columns = _columns(collected, sheet, SOURCE_COLUMNS)
    if "key" not in columns:
        return
    for row in sheet.rows:
        key = row.cell(columns["key"])
        if key is None:
            continue
        table = {n: str(row.cell(c)) for n, c in columns.items() if row.cell(c) is not None}
        del table["key"]
        collected.declare(str(key), table, Origin(sheet, row.line, columns))


def collect_own(collected: Collected) -> None:
    sheet = collected.sheet
    columns = _columns(collected, sheet, EVENT_COLUMNS)
    _read_sources(collected)
    given = [r.cell(columns["id"]) for r in sheet.rows] if "id" in columns else []
    ids = Keys(str(value) for value in given if value is not None)
    for row in sheet.rows:
        _event(collected, row, columns, ids)


def _event(collected: Collected, row: Row, columns: dict[str, int], ids: Keys) -> None:
    cells = {name: row.cell(column) for name, column in columns.items()}
    line = row.line
    if cells.get("title") is None:
        collected.skip(line, columns.get("title", 0), "no title")
        return
    table: dict[str, Any] = {}
    for name in EVENT_COLUMNS:
        value = cells.get(name)
        if value is None:
            continue
        if name in _DATES:
            date = value if name == "end" and value == ".." else collected.date(
                line, columns[name], value, name
            )  # fmt: skip
            if date is not None:
                table[name] = date
        elif name in _LISTS:
            table[name] = split_items(str(value))
        elif name == "key":
            table[name] = _flag(collected, line, columns[name], str(value))
        else:
            table[name] = str(value)
    table.setdefault("id", ids.key(slug(str(cells["title"])) or f"row-{line}"))
    if "certainty" not in table:
        table["certainty"] = collected.certainty
        collected.defaulted.append(line)
    sources = [collected.source(line, columns["sources"], s) for s in table.get("sources", [])]
    table["sources"] = sources or [collected.cite_file(line)]
    for actor in table.get("actors", []):
        collected.data["actors"].setdefault(actor, {"name": actor})
    collected.add("event", _ordered(table), Origin(collected.sheet, line, columns))


def _flag(collected: Collected, line: int, column: int, value: str) -> bool:
    if value.lower() in _TRUE:
        return True
    if value.lower() not in _FALSE:
        collected.problem(line, column, "E011", f"'key' must be true or false, got '{value}'")
    return False


def _ordered(table: dict[str, Any]) -> dict[str, Any]:
    """The keys in events.toml's canonical order (id, title, date, certainty, sources ...)."""
    first = ("id", "title", "date", "start", "end", "certainty", "sources")
    found = {k: table[k] for k in first if k in table}
    found.update({k: v for k, v in table.items() if k not in found and v not in (False, [])})
    return found
