"""The renderers behind one door, and writing their output files atomically.

Each public function takes flat keyword options (``render_svg(tl, size="a4",
lanes=["Military"], locale="fr")``), sorted once by `timeline.render.options`
into a `Selection` (what is shown) and `ChartOptions` or `TextOptions` (how).
An unknown option or a bad value raises `OptionError` naming it.

Each renderer is imported only when its format is asked for: text and Markdown
rendering (and `import timeline`) never load matplotlib, and `--format txt` does not
load the Markdown or HTML renderers either.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from timeline.model.timeline import Timeline
from timeline.render.options import (
    ChartOptions,
    OptionWarning,
    Report,
    Selection,
    TextOptions,
    names,
    parse,
)
from timeline.storage.atomic import atomic_write

__all__ = [
    "FORMATS",
    "ChartOptions",
    "OptionWarning",
    "Selection",
    "TextOptions",
    "render_html",
    "render_image",
    "render_markdown",
    "render_svg",
    "render_text",
    "select",
    "selection_warnings",
    "write",
]

FORMATS = ("svg", "txt", "md", "png", "pdf", "html")
_TAKES: dict[str, tuple[type[Any], ...]] = {
    "svg": (ChartOptions,),
    "png": (ChartOptions,),
    "pdf": (ChartOptions,),
    "html": (ChartOptions,),
    "txt": (TextOptions,),
    "md": (),
}


def render_svg(timeline: Timeline, **options: Any) -> str:
    """The chart as a standalone SVG document (see docs/rendering.md).

    Options: `size` (None: a slide's width, as tall as the content; "slide" 16:9,
    "a4", "a4-landscape", "letter", "letter-landscape" or "WxH" in inches, cm or mm:
    exactly that page; a width alone: that width, as tall as the content), `sources`
    ("chart", "below" or "none"), `theme` ("light", "dark", "print"), `header` (False:
    no title and subtitle in the picture), `lanes_by` ("lane", or "actors": a lane per
    actor), and the selection: `date_from`, `date_to`, `lanes`, `tags`, `actors`,
    `min_certainty`, `locale`.
    """
    return _svg(timeline, options, None)


def _svg(timeline: Timeline, options: dict[str, Any], report: Report | None) -> str:
    from timeline.render import chart

    chosen = parse(timeline, options, ChartOptions, caller="render_svg")
    return chart.render_svg(timeline, chosen[Selection], chosen[ChartOptions], report=report)


def render_image(timeline: Timeline, format: str, **options: Any) -> bytes:
    """The chart as PNG or PDF bytes (`format` "png" or "pdf"); options as for
    `render_svg`, and `dpi` (10-2400, default 150)."""
    return _image(timeline, format, options, None)


def _image(
    timeline: Timeline, format: str, options: dict[str, Any], report: Report | None
) -> bytes:
    from timeline.errors import OptionError
    from timeline.render import chart

    if format not in ("png", "pdf"):
        raise OptionError("format", f"format must be 'png' or 'pdf'; got {format!r}")
    chosen = parse(timeline, options, ChartOptions, caller="render_image")
    return chart.render_image(
        timeline, format, chosen[Selection], chosen[ChartOptions], report=report
    )


def render_html(timeline: Timeline, *, chart: str | None = None, **options: Any) -> str:
    """A self-contained HTML briefing page: chart, chronology, sources, diagnostics.

    Options as for `render_svg`; here `size` is "slide" (landscape, as the page
    prints; a chart whose lanes need more is as tall as its content), `sources` "none"
    and `header` False (the page shows the sources and the title itself) unless given.
    `chart` is an SVG document to inline instead of drawing the chart.
    """
    from timeline._gc import paused
    from timeline.render import html

    # The page shows the title and lists the sources: its chart draws neither.
    grow = "size" not in options  # a slide the page chose: many lanes make it taller
    options = {"size": "slide", "sources": "none", "header": False, **options}
    chosen = parse(timeline, options, ChartOptions, caller="render_html")
    with paused():  # rows by the thousand and no cycles: the collector would only rescan
        return html.render(
            timeline, chosen[Selection], chosen[ChartOptions], chart=chart, grow=grow
        )


def render_text(timeline: Timeline, **options: Any) -> str:
    """The chronology as plain text. Options: `width` (columns, at least 20; default
    the terminal's), `ascii` (every character 7-bit), and the selection."""
    from timeline.render import text

    chosen = parse(timeline, options, TextOptions, caller="render_text")
    return text.render(timeline, chosen[Selection], chosen[TextOptions])


def render_markdown(timeline: Timeline, **options: Any) -> str:
    """The chronology as a Markdown document; options: the selection."""
    from timeline.render import markdown

    chosen = parse(timeline, options, caller="render_markdown")
    return markdown.render(timeline, chosen[Selection])


def select(timeline: Timeline, **options: Any) -> Timeline:
    """The chronology with only the events the selection options choose (`lanes`,
    `tags`, `actors`, `date_from`, `date_to`, `min_certainty`): the same events every
    renderer shows, in file order, without the `after` / `before` items that named the
    others. An unknown lane or actor, a reversed range or a bad value is an `OptionError`."""
    import attrs

    from timeline.model.records import unlinked
    from timeline.render.presentation import selected

    chosen = parse(timeline, options, caller="select")
    kept = [event for _, event in selected(timeline, chosen[Selection])]
    gone = {event.id for event in timeline.events} - {event.id for event in kept}
    return attrs.evolve(timeline, events=[unlinked(event, gone) for event in kept])


def selection_warnings(timeline: Timeline, **options: Any) -> list[OptionWarning]:
    """What the selection options ask for that selects nothing, as `OptionWarning`s:
    a tag no event carries, or a selection that leaves no event at all. (An unknown
    lane, a reversed date range or a bad value is an `OptionError` instead.)"""
    from timeline.render.presentation import selected

    chosen = parse(timeline, options, ChartOptions, TextOptions, caller="selection_warnings")
    selection: Selection = chosen[Selection]
    found = list(selection.warnings(timeline))
    if timeline.events and not selected(timeline, selection):  # without labelling them
        found.append(OptionWarning("selection", "no event matches the selection; nothing is drawn"))
    return found


def _render(
    timeline: Timeline, format: str, options: dict[str, Any], report: Report | None = None
) -> bytes:
    from timeline.errors import OptionError

    if format not in FORMATS:
        raise OptionError(
            "format", f"unknown format {format!r}; expected one of {', '.join(FORMATS)}"
        )
    taken = {name for kind in _TAKES[format] for name in names(kind)} | set(names(Selection))
    mine = {k: v for k, v in options.items() if k in taken}
    if format == "svg":
        return _svg(timeline, mine, report).encode("utf-8")
    if format in ("png", "pdf"):
        return _image(timeline, format, mine, report)
    if format == "html":
        return render_html(timeline, **mine).encode("utf-8")
    if format == "txt":
        return render_text(timeline, **mine).encode("utf-8")
    return render_markdown(timeline, **mine).encode("utf-8")


def write(
    timeline: Timeline, directory: str, formats: Sequence[str], *,
    report: Report | None = None, **options: Any,
) -> list[str]:  # fmt: skip
    """Render every format first, then write each file atomically; return the paths.

    Every option must be one that at least one of the formats takes. Rendering
    everything before writing anything means an error in one format leaves no
    half-updated set of files behind. `report`, if given, is called with an
    `OptionWarning` for what a chart's exact page left out for want of room (once,
    however many chart formats are asked for).
    """
    parse(timeline, options, ChartOptions, TextOptions, caller="write")  # unknown names
    said: list[OptionWarning] = []

    def once(warning: OptionWarning) -> None:
        if warning not in said:
            said.append(warning)
            if report is not None:
                report(warning)

    rendered = [(f, _render(timeline, f, options, once)) for f in formats]
    os.makedirs(directory, exist_ok=True)
    written = []
    for format, data in rendered:
        path = os.path.join(directory, f"timeline.{format}")
        atomic_write(path, data)
        written.append(path)
    return written
