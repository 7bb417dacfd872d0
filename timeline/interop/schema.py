"""The JSON Schema (draft 2020-12) of events.toml, for editors and for the JSON export.

TOML editors validate a file against it and complete its keys as you type: Taplo
and VS Code's Even Better TOML read a first line `#:schema PATH-OR-URL`. It checks
the file's shape (keys, types, required keys, choices, single lines); what needs
the whole chronology (dates as EDTF, references between tables, the rules) is
`timeline check`'s. The lossless JSON export is an instance of it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_NAME", "schema", "schema_text"]

SCHEMA_NAME = "events.schema.json"


def schema_text() -> str:
    """The schema as shipped in the package (JSON text)."""
    return resources.files("timeline.interop").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema as a JSON value."""
    found: dict[str, Any] = json.loads(schema_text())
    return found
