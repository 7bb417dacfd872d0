"""timeline: a chronology engine for analysts.

Events with EDTF dates, sources and certainty are read from events.toml,
validated, and rendered as SVG, text and Markdown::

    import timeline
    tl = timeline.load("events.toml")
    for diagnostic in tl.validate():
        print(diagnostic)
    tl = tl.add(timeline.Event("x", "Something happened", "probable", ["nap"], date="2026-03~"))
    tl.save()
"""

from timeline.dates.edtf import EdtfDate, EdtfError, EdtfInterval, End, Precision
from timeline.dates.edtf import parse as parse_date
from timeline.diagnostics import Diagnostic, Severity, TimelineError
from timeline.model.records import Event, FieldError, Period, Source
from timeline.model.timeline import Timeline
from timeline.render import render_html, render_image, render_markdown, render_svg, render_text
from timeline.storage.load import load, loads

__all__ = [
    "Diagnostic",
    "EdtfDate",
    "EdtfError",
    "EdtfInterval",
    "End",
    "Event",
    "FieldError",
    "Period",
    "Precision",
    "Severity",
    "Source",
    "Timeline",
    "TimelineError",
    "load",
    "loads",
    "parse_date",
    "render_html",
    "render_image",
    "render_markdown",
    "render_svg",
    "render_text",
]
