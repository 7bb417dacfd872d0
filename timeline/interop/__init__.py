"""Chronologies out to the tools where they live: JSON, CSV, iCalendar, Mermaid,
markwhen, TimelineJS, PowerPoint and Word; and in from CSV, TSV, xlsx workbooks,
the JSON, iCalendar and TimelineJS.

`export(timeline, format)` gives an `Exported`: the text of the format and the
`Loss`es it took (what the format could not carry, counted by kind), so that a
caller can say what was lost or refuse it (`timeline export --strict-export`).
The lossless `json` export is the chronology's own data model, the one the JSON
Schema describes (`timeline.interop.schema`). `import_file(path, format)` gives
an `Imported`: the chronology read from a spreadsheet or the JSON, what it adds
and what it took to make it (`timeline import`).
"""

from __future__ import annotations

from timeline.interop.importing import IMPORT_FORMATS, Imported, import_file
from timeline.interop.losses import Exported, ExportError, Loss
from timeline.interop.registry import BINARY, FORMATS, export
from timeline.interop.schema import schema

__all__ = [
    "BINARY",
    "FORMATS",
    "IMPORT_FORMATS",
    "ExportError",
    "Exported",
    "Imported",
    "Loss",
    "export",
    "import_file",
    "schema",
]
