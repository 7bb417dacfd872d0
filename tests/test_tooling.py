"""The tooling pyproject.toml configures must be clean: ruff (lint, format) and mypy strict."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).parent.parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--no-cache", "."],
        ["ruff", "format", "--check", "--no-cache", "."],
        pytest.param(["mypy"], marks=pytest.mark.slow),  # 3 s: CI's heavy step
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_is_clean(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
# The one function allowed past the limits (and ruff's complexity checks): the EDTF
# parser's state machine, which reads best as one piece.
EXEMPT = {("timeline/dates/edtf.py", "_parse_date")}


def _sources() -> list[pathlib.Path]:
    return sorted((ROOT / "timeline").rglob("*.py"))


def test_modules_are_small_enough_to_read_in_one_sitting() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_functions_are_short() -> None:
    import ast

    long = {}
    for path in _sources():
        name = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and (name, node.name) not in EXEMPT:
                    long[f"{name}:{node.lineno} {node.name}"] = length
    assert long == {}
