"""Spreadsheets read as rows of cells, each cell with the position diagnostics give it.

CSV and TSV (UTF-8, a byte-order mark allowed) and xlsx workbooks (openpyxl, the
optional `xlsx` extra; the active sheet). A position is `FILE:LINE:COL` in the
one diagnostic format: for CSV and TSV, LINE is the line of the file where the
row starts (a quoted cell may hold line breaks) and COL the column's number; for
a workbook, LINE is the row's number and COL the column's, and the message starts
with the cell in the spreadsheet's own words, `Sheet1!C14: ...`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import attrs

from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.storage.load import decode, read_bytes

__all__ = ["XLSX_MISSING", "Row", "Sheet", "column_letter", "read_sheet"]

XLSX_MISSING = "reading .xlsx needs openpyxl; install it with: pip install 'timeline[xlsx]'"


@attrs.frozen
class Row:
    line: int  # the row's LINE in diagnostics
    cells: tuple[object, ...]  # str for CSV; str, int, float, datetime for a workbook

    def cell(self, column: int) -> object:
        """The value of the 0-based `column`, None when empty or only spaces."""
        value = self.cells[column] if column < len(self.cells) else None
        blank = isinstance(value, str) and not value.strip()
        return None if blank else value  # text as written: "  a title" stays so


@attrs.frozen
class Sheet:
    name: str  # the file, as diagnostics name it
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    title: str | None = None  # a workbook's sheet

    def diagnostic(
        self, line: int, column: int, code: str, message: str, event_ids: Sequence[str] = ()
    ) -> Diagnostic:
        """A finding at the 0-based `column` of the row at `line`."""
        if self.title is not None:
            message = f"{self.title}!{column_letter(column)}{line}: {message}"
        return Diagnostic(
            self.name, line, column + 1, severity_of(code), code, message, tuple(event_ids)
        )


def column_letter(column: int) -> str:
    """The spreadsheet's name of the 0-based `column`: A, B, ... Z, AA, AB ..."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: str, format: str, name: str | None = None) -> Sheet:
    """The rows of `path` (`format` csv, tsv or xlsx), named `name` in diagnostics; E002,
    E003, E040 when it cannot be read; the first row that is not empty is the header."""
    name = path if name is None else name
    if format == "xlsx":
        return _read_workbook(path, name)
    text = decode(read_bytes(path), name)
    return _read_text(name, text, "\t" if format == "tsv" else ",")


def _fatal(name: str, code: str, message: str, line: int = 1, column: int = 1) -> TimelineError:
    return TimelineError([Diagnostic(name, line, column, severity_of(code), code, message)])


def _read_text(name: str, text: str, delimiter: str) -> Sheet:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise _fatal(name, "E040", f"not valid CSV: {error}", reader.line_num) from None
    return _with_header(name, rows, None)


def _with_header(name: str, rows: list[Row], title: str | None) -> Sheet:
    if not rows:
        raise _fatal(name, "E041", "no header row: the file is empty")
    first = rows[0]
    header = tuple("" if cell is None else str(cell).strip() for cell in first.cells)
    while header and not header[-1]:
        header = header[:-1]
    return Sheet(name, header, first.line, tuple(rows[1:]), title)


def _read_workbook(path: str, name: str) -> Sheet:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]  # an optional extra
    except ImportError:
        raise ImportError(XLSX_MISSING) from None
    import zipfile

    raw = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _fatal(name, "E040", f"not an xlsx workbook: {error}") from None
    sheet = book.active
    rows = [
        Row(number, tuple(cells))
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        if any(cell is not None and str(cell).strip() for cell in cells)
    ]
    title = str(sheet.title)
    book.close()
    return _with_header(name, rows, title)
