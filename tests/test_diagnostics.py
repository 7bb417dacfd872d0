"""Every diagnostic, with its exact text: loader, structural checks and rules; the catalogue.

Data-driven: each tests/data/invalid/NAME.toml (loader and structural checks) and
tests/data/rules/NAME.toml (chronology rules) has NAME.expected, the exact stdout
of `timeline check NAME.toml` run from that folder (add a pair to add a case).
"""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

import timeline
import timeline.rules
from timeline.cli import main
from timeline.diagnostics import CODES, codes_in, severity_of
from timeline.rules.structural import STRUCTURAL

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


# The one catalogue of codes ------------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parent.parent
CODE = re.compile(r"[EWN]\d{3}")


def _codes_in_the_package() -> dict[str, set[str]]:
    """Every code-like string literal in timeline/ but the catalogue itself: where each is."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "timeline").rglob("*.py")):
        if path == ROOT / "timeline" / "diagnostics.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and CODE.fullmatch(value):
                found.setdefault(value, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_code_the_package_uses_is_in_the_catalogue_and_back() -> None:
    used = _codes_in_the_package()
    assert {code: where for code, where in used.items() if code not in CODES} == {}
    assert [code for code in CODES if code not in used] == []  # nothing stale


def test_every_code_of_a_fixture_is_in_the_catalogue() -> None:
    shown = {
        m
        for p in DATA.rglob("*.expected")
        for m in re.findall(r"\[([EWN]\d{3})\]", p.read_text(encoding="utf-8"))
    }
    assert shown - set(CODES) == set()


def test_every_code_is_documented_with_its_summary() -> None:
    """docs/format.md (loader, structural checks, save) and docs/rules.md (the rules)
    each have a table of their codes: together, exactly the catalogue, word for word."""
    formats = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| ([EWN]\d{3}) \| (.*) \|$", formats, re.MULTILINE))
    for code, severity, summary in re.findall(
        r"^\| \[([EWN]\d{3})\]\(#[a-z0-9]+\) \| (\w+) \| (.*) \|$", rules, re.MULTILINE
    ):
        assert code not in documented, f"{code} is in both tables"
        assert severity == severity_of(code).value, code
        documented[code] = summary
    assert documented == dict(CODES)


def test_each_part_of_timeline_has_its_block_of_the_catalogue() -> None:
    assert set(codes_in(1, 19)) == {c for c in CODES if c.startswith("E0") and c < "E020"}
    assert STRUCTURAL == (
        "E020", "E021", "E022", "E023", "E024", "E025", "E026", "E027", "E028", "W020", "W021",
    )  # fmt: skip
    assert set(codes_in(30, 39)) == {"E030"}
    assert set(codes_in(40, 99)) == {"E040", "E041", "E042", "W040", "W041"}  # import
    rules = timeline.rules.CODES
    assert rules == codes_in(100, 999)
    assert set(codes_in(1, 999)) == set(CODES)


def test_a_code_is_its_severity() -> None:
    assert {severity_of(code).value[0].upper() for code in CODES} == {"E", "W", "N"}
    assert all(severity_of(code).value[0].upper() == code[0] for code in CODES)
