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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.dates.edtf import EdtfDate, EdtfInterval, End, Precision
    from timeline.dates.edtf import parse as parse_date
    from timeline.diagnostics import Diagnostic, Severity
    from timeline.errors import (
        EdtfError,
        Error,
        FieldError,
        OptionError,
        PageTooShortError,
        TimelineError,
    )
    from timeline.interop.frames import from_dataframe
    from timeline.model.known import AsKnown
    from timeline.model.records import Citation, Event, Period, Source, sort_key
    from timeline.model.timeline import Timeline
    from timeline.render import (
        render_html,
        render_image,
        render_markdown,
        render_svg,
        render_text,
    )
    from timeline.rules import validate
    from timeline.storage import load, loads, locked, save

__version__ = "0.2.0"

# Every public name loads on first use, from the module that defines it: importing
# `timeline.cli` for `timeline check` pays for loading and validating, not for
# saving, locking or rendering (start-up is part of the tool's budget).
_HOMES = {
    "timeline.dates.edtf": ("EdtfDate", "EdtfInterval", "End", "Precision"),
    "timeline.diagnostics": ("Diagnostic", "Severity"),
    "timeline.errors": (
        "EdtfError", "Error", "FieldError", "OptionError", "PageTooShortError", "TimelineError",
    ),
    "timeline.model.known": ("AsKnown",),
    "timeline.model.records": ("Citation", "Event", "Period", "Source", "sort_key"),
    "timeline.model.timeline": ("Timeline",),
    "timeline.render": (
        "render_html", "render_image", "render_markdown", "render_svg", "render_text",
    ),
    "timeline.rules": ("validate",),
    "timeline.storage": ("load", "loads", "locked", "save"),
    "timeline.interop.frames": ("from_dataframe",),
}  # fmt: skip
_HOME = {name: module for module, names in _HOMES.items() for name in names}
_RENAMED = {"parse_date": ("timeline.dates.edtf", "parse")}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(_HOME[name]), name)
    elif name in _RENAMED:
        module, attribute = _RENAMED[name]
        value = getattr(import_module(module), attribute)
    else:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "PageTooShortError",
    "Period",
    "Precision",
    "Severity",
    "Source",
    "Timeline",
    "TimelineError",
    "__version__",
    "from_dataframe",
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
    "sort_key",
    "validate",
]
