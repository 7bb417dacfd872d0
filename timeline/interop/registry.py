"""The export formats by name, each one module; `export` picks one."""

from __future__ import annotations

from collections.abc import Callable

from timeline.errors import OptionError
from timeline.interop.losses import Exported
from timeline.model.timeline import Timeline

__all__ = ["BINARY", "FORMATS", "export"]

# The text formats (`Exported.text`), and the binary ones (`Exported.data`: a
# PowerPoint slide and a Word briefing, from the `office` extra).
FORMATS = ("json", "csv", "ics", "mermaid", "markwhen", "timelinejs")
BINARY = ("pptx", "docx")


def _exporter(format: str) -> Callable[[Timeline], Exported]:
    if format == "json":
        from timeline.interop.jsonfile import export_json

        return export_json
    if format == "csv":
        from timeline.interop.csvfile import export_csv

        return export_csv
    if format == "ics":
        from timeline.interop.ics import export_ics

        return export_ics
    if format == "mermaid":
        from timeline.interop.mermaid import export_mermaid

        return export_mermaid
    if format == "markwhen":
        from timeline.interop.markwhen import export_markwhen

        return export_markwhen
    if format == "timelinejs":
        from timeline.interop.timelinejs import export_timelinejs

        return export_timelinejs
    if format == "pptx":
        from timeline.interop.pptxfile import export_pptx

        return export_pptx
    from timeline.interop.docxfile import export_docx

    return export_docx


def export(timeline: Timeline, format: str) -> Exported:
    """`timeline` in `format` (one of FORMATS or BINARY), with what the format lost.

    An `OptionError` for an unknown format; an `ExportError` when the format cannot
    hold this chronology at all; an `ImportError` naming the `office` extra when
    `pptx` or `docx` is asked for without python-pptx or python-docx."""
    if format not in (*FORMATS, *BINARY):
        expected = ", ".join((*FORMATS, *BINARY))
        raise OptionError("format", f"unknown export format {format!r}; expected one of {expected}")
    return _exporter(format)(timeline)
