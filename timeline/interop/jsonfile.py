"""The lossless JSON export: the chronology's own data model (see `document`)."""

from __future__ import annotations

import json

from timeline.interop.document import document
from timeline.interop.losses import Exported
from timeline.model.timeline import Timeline

__all__ = ["export_json"]


def export_json(timeline: Timeline) -> Exported:
    """Everything the chronology holds: settings, sources, actors, periods, events with
    their citations, claims and markings. Keys in the file's order; UTF-8 text."""
    text = json.dumps(document(timeline), ensure_ascii=False, indent=2) + "\n"
    return Exported("json", text)
