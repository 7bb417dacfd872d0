"""Every diagnostic, with its exact text: loader, structural checks and rules.

Data-driven: each tests/data/invalid/NAME.toml (loader and structural checks) and
tests/data/rules/NAME.toml (chronology rules) has NAME.expected, the exact stdout
of `timeline check NAME.toml` run from that folder (add a pair to add a case).
"""

from __future__ import annotations

import pathlib

import pytest

import timeline
from timeline.cli import main

DATA = pathlib.Path(__file__).parent / "data"
FOLDERS = ("invalid", "rules")
CASES = sorted(f"{p.parent.name}/{p.stem}" for f in FOLDERS for p in DATA.glob(f"{f}/*.toml"))


def _folder_and_name(case: str) -> tuple[pathlib.Path, str]:
    folder, name = case.split("/")
    return DATA / folder, name


@pytest.mark.parametrize("case", CASES)
def test_check_prints_exact_diagnostics(
    case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, name = _folder_and_name(case)
    monkeypatch.chdir(folder)
    expected = (folder / f"{name}.expected").read_text(encoding="utf-8")
    status = main(["check", f"{name}.toml"])
    out, err = capsys.readouterr()
    assert out == expected
    assert err == ""
    has_error = "error[" in expected
    assert status == (1 if has_error else 0)


def test_every_case_has_an_expectation() -> None:
    assert {case.split("/")[0] for case in CASES} == set(FOLDERS)
    for case in CASES:
        folder, name = _folder_and_name(case)
        assert (folder / f"{name}.expected").exists(), case


@pytest.mark.parametrize("case", CASES)
def test_library_reports_the_same_diagnostics(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """load() raises or validate() returns exactly what the CLI printed."""
    folder, name = _folder_and_name(case)
    monkeypatch.chdir(folder)
    expected = (folder / f"{name}.expected").read_text(encoding="utf-8").splitlines()[:-1]
    try:
        found = timeline.load(f"{name}.toml").validate()
    except timeline.TimelineError as error:
        found = list(error.diagnostics)
    assert [str(d) for d in found] == expected
    for diagnostic in found:
        assert diagnostic.line >= 1
        assert diagnostic.column >= 1
