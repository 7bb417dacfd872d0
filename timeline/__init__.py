"""timeline: a chronology engine for analysts.

Events with EDTF dates, sources and certainty are read from events.toml,
validated, and rendered as SVG, PNG, PDF, text, Markdown and HTML::

    import timeline
    tl = timeline.load("events.toml")
    for diagnostic in tl.validate():
        print(diagnostic)
    tl = tl.add(timeline.Event("x", "Something happened", "probable", ["nap"], date="2026-03~"))
    tl.save()

The names below are the public API; the subpackages `timeline.dates`,
`timeline.rules` and `timeline.render` are public namespaces through their
own ``__all__``. Every other module is internal.
"""

from typing import TYPE_CHECKING, Any

from timeline.dates.edtf import EdtfDate, EdtfInterval, End, Precision
from timeline.dates.edtf import parse as parse_date
from timeline.diagnostics import Diagnostic, Severity
from timeline.errors import EdtfError, Error, FieldError, OptionError, TimelineError
from timeline.model.known import AsKnown
from timeline.model.records import Citation, Event, Period, Source
from timeline.model.timeline import Timeline
from timeline.rules import validate
from timeline.storage import load, loads, locked, save

if TYPE_CHECKING:
    from timeline.render import (
        render_html,
        render_image,
        render_markdown,
        render_svg,
        render_text,
    )

__version__ = "0.2.0"

# The renderers load on first use: `timeline check` and scripts that only read and
# validate never pay for importing them.
_RENDERERS = ("render_html", "render_image", "render_markdown", "render_svg", "render_text")


def __getattr__(name: str) -> Any:
    if name in _RENDERERS:
        import timeline.render

        return getattr(timeline.render, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


__all__ = [
    "AsKnown",
    "Citation",
    "Diagnostic",
    "EdtfDate",
    "EdtfError",
    "EdtfInterval",
    "End",
    "Error",
    "Event",
    "FieldError",
    "OptionError",
    "Period",
    "Precision",
    "Severity",
    "Source",
    "Timeline",
    "TimelineError",
    "__version__",
    "load",
    "loads",
    "locked",
    "parse_date",
    "render_html",
    "render_image",
    "render_markdown",
    "render_svg",
    "render_text",
    "save",
    "validate",
]
