"""A TimelineJS-layout sheet's date error is reported at the cell at fault.

The layout spreads a date over Year, Month, Day and Time (and their End columns): a
Month of 14 is the Month's cell, `FILE:2:2` and `'Month'`, not the Year's.
"""

from __future__ import annotations

import pathlib

import pytest

from timeline.cli import main
from timeline.interop import import_file
from timeline.interop.collect import Collected
from timeline.interop.sheets import Row, Sheet
from timeline.interop.tljsrows import collect_timelinejs


def _import(path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["import", path.suffix[1:], str(path), "--dry-run"])
    out, err = capsys.readouterr()
    return status, out + err


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Year,Month,Day,Headline", "2022,14,,Bad",
         "2:2: error[E013]: invalid date in 'Month': invalid month '14': expected 01-12 or a"
         " season 21-24"),
        ("Year,Month,Day,Headline", "2022,2,30,Bad",
         "2:3: error[E013]: invalid date in 'Day': invalid day '30': February 2022 has 28 days"),
        ("Year,Month,Day,Headline", "2022,May,,Bad",
         "2:2: error[E013]: invalid date in 'Month': 'May' is not a whole number (the Year,"
         " Month and Day must be)"),
        ("Year,Month,Day,Time,Headline", "2022,2,3,25:00,Bad",
         "2:4: error[E013]: invalid date in 'Time': '25:00' is not a time of day"),
        ("Year,End Year,End Month,End Day,Headline", "2022,2023,13,,Bad",
         "2:3: error[E013]: invalid date in 'End Month': invalid month '13': expected 01-12 or"
         " a season 21-24"),
        ("Headline,End Day,End Month,End Year,Year", "Bad,31,2,2023,2022",
         "2:2: error[E013]: invalid date in 'End Day': invalid day '31': February 2023 has 28"
         " days"),
    ],
)  # fmt: skip
def test_a_csv_date_error_names_its_own_column(
    header: str, row: str, expected: str,
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = tmp_path / "tl.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert _import(path, capsys) == (1, f"{path}:{expected}\n")


def test_a_good_date_over_four_columns_still_imports(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "tl.csv"
    path.write_text("Year,Month,Day,Time,Headline\n-43,3,15,10:30 am,Ides\n", encoding="utf-8")
    found = import_file(path, "csv").timeline
    assert [e.span.text for e in found.events] == ["-0043-03-15T10:30:00"]


def test_a_workbook_names_the_cell_at_fault() -> None:
    """The rows as the workbook reader gives them (openpyxl costs a quarter second to
    import: the end-to-end test below is in CI's heavy step)."""
    rows = (Row(2, (2021, 3, 1, "Fine")), Row(4, (2022, 14, None, "Bad")))
    sheet = Sheet("tl.xlsx", ("Year", "Month", "Day", "Headline"), 1, rows, "Sheet1")
    collected = Collected(sheet, None, None, "timelinejs")
    collect_timelinejs(collected)
    assert [str(d) for d in collected.problems] == [
        "tl.xlsx:4:2: error[E013]: Sheet1!B4: invalid date in 'Month': invalid month '14':"
        " expected 01-12 or a season 21-24"
    ]


@pytest.mark.slow  # openpyxl's import and a workbook written: half a second
def test_an_xlsx_file_names_the_cell_at_fault(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for cells in (["Year", "Month", "Day", "Headline"], [2021, 3, 1, "Fine"],
                  [2022, 2, 1, "Fine"], [2022, 2, 30, "Bad"]):  # fmt: skip
        sheet.append(cells)
    path = tmp_path / "tl.xlsx"
    book.save(path)
    assert _import(path, capsys) == (
        1,
        f"{path}:4:3: error[E013]: Sheet1!C4: invalid date in 'Day': invalid day '30':"
        " February 2022 has 28 days\n",
    )
