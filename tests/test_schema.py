"""The JSON Schema of events.toml: every chronology that loads fits it, every fixture
whose errors are about the file's shape fails it, and the JSON export is an instance."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from typing import Any

import pytest
import tomli

import timeline
from timeline.cli import main
from timeline.interop import export, schema

jsonschema = pytest.importorskip("jsonschema")

ROOT = pathlib.Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
VALID = sorted(
    [ROOT / "events.toml", *(ROOT / "tests" / "golden").glob("**/*.toml"),
     *(DATA / "rules").glob("*.toml")],
    key=str,
)  # fmt: skip
# The loader's codes about the file's shape, which the schema states too: unknown keys,
# types, required keys, conflicting keys, ids, single lines, choices, repeats.
SHAPE = {"E010", "E011", "E012", "E014", "E015", "E016", "E018", "E019", "E026"}
INVALID = sorted((DATA / "invalid").glob("*.toml"))


def _as_json(value: Any) -> Any:
    """A parsed TOML document as the JSON a TOML editor validates: dates as text."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Any:
    found = schema()
    jsonschema.Draft202012Validator.check_schema(found)
    return jsonschema.Draft202012Validator(found)


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_chronology_that_loads_fits_the_schema(validator: Any, path: pathlib.Path) -> None:
    timeline.load(path)
    document = _as_json(tomli.loads(path.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(document)] == []


def _codes(path: pathlib.Path) -> set[str]:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    return set(re.findall(r"\[([EWN]\d{3})\]", expected))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_shape_error_fails_the_schema(validator: Any, path: pathlib.Path) -> None:
    codes = _codes(path)
    try:
        document = _as_json(tomli.loads(path.read_bytes().decode("utf-8")))
    except (UnicodeDecodeError, tomli.TOMLDecodeError):
        assert codes <= {"E001", "E003"}  # not TOML at all: no schema to speak of
        return
    errors = list(validator.iter_errors(document))
    if codes & SHAPE:
        assert errors, f"{path.name} ({', '.join(sorted(codes))}) fits the schema"


def test_the_json_export_is_an_instance_of_the_schema(validator: Any) -> None:
    for path in VALID:
        document = json.loads(export(timeline.load(path), "json").text)
        assert [e.message for e in validator.iter_errors(document)] == [], path.name


def test_timeline_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert (json.loads(out), err) == (schema(), "")
