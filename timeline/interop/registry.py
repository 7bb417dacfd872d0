"""The export formats by name, each one module; `export` picks one."""

from __future__ import annotations

from collections.abc import Callable

from timeline.errors import OptionError
from timeline.interop.losses import Exported
from timeline.model.timeline import Timeline

__all__ = ["FORMATS", "export"]

FORMATS = ("json", "csv", "ics", "mermaid", "markwhen", "timelinejs")


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
    from timeline.interop.timelinejs import export_timelinejs

    return export_timelinejs


def export(timeline: Timeline, format: str) -> Exported:
    """`timeline` in `format` (one of FORMATS), with what the format lost.

    An `OptionError` for an unknown format; an `ExportError` when the format cannot
    hold this chronology at all."""
    if format not in FORMATS:
        raise OptionError(
            "format", f"unknown export format {format!r}; expected one of {', '.join(FORMATS)}"
        )
    return _exporter(format)(timeline)
