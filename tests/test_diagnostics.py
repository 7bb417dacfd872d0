"""Every diagnostic of the loader and of the structural checks, with its exact text.

Data-driven: each tests/data/invalid/NAME.toml has NAME.expected, the exact
stdout of `timeline check NAME.toml` run from that folder (add a pair to add a case).
"""

from __future__ import annotations

import pathlib

import pytest

import timeline
from timeline.cli import main

DATA = pathlib.Path(__file__).parent / "data" / "invalid"
CASES = sorted(path.stem for path in DATA.glob("*.toml"))


@pytest.mark.parametrize("name", CASES)
def test_check_prints_exact_diagnostics(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA)
    expected = (DATA / f"{name}.expected").read_text(encoding="utf-8")
    status = main(["check", f"{name}.toml"])
    out, err = capsys.readouterr()
    assert out == expected
    assert err == ""
    has_error = "error[" in expected
    assert status == (1 if has_error else 0)


def test_every_case_has_an_expectation() -> None:
    assert CASES, "no fixtures found"
    for name in CASES:
        assert (DATA / f"{name}.expected").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_library_reports_the_same_diagnostics(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """load() raises or validate() returns exactly what the CLI printed."""
    monkeypatch.chdir(DATA)
    expected = (DATA / f"{name}.expected").read_text(encoding="utf-8").splitlines()[:-1]
    try:
        found = timeline.load(f"{name}.toml").validate()
    except timeline.TimelineError as error:
        found = list(error.diagnostics)
    assert [str(d) for d in found] == expected
    for diagnostic in found:
        assert diagnostic.line >= 1
        assert diagnostic.column >= 1
