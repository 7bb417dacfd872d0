"""The renderers behind one door, and writing their output files atomically.

matplotlib is imported only when a picture is asked for: text and Markdown
rendering (and `import timeline`) never load it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from timeline.model.timeline import Timeline
from timeline.render.markdown import render_markdown
from timeline.render.text import render_text
from timeline.storage.save import atomic_write

__all__ = [
    "FORMATS",
    "render_html",
    "render_image",
    "render_markdown",
    "render_svg",
    "render_text",
    "write",
]

FORMATS = ("svg", "txt", "md", "png", "pdf", "html")
PICTURE_OPTIONS = ("size", "theme")
TEXT_OPTIONS = ("width", "ascii")


def render_svg(timeline: Timeline, **options: Any) -> str:
    """The chronology as a standalone SVG document (see docs/rendering.md)."""
    from timeline.render.chart import render_svg as draw

    return draw(timeline, **options)


def render_html(timeline: Timeline, **options: Any) -> str:
    """A self-contained HTML briefing page: chart, text chronology, sources, diagnostics."""
    from timeline.render.html import render_html as page

    return page(timeline, **options)


def render_image(timeline: Timeline, format: str, **options: Any) -> bytes:
    """The chronology as PNG or PDF bytes."""
    from timeline.render.chart import render_image as draw

    return draw(timeline, format, **options)


def _render(timeline: Timeline, format: str, options: dict[str, Any]) -> bytes:
    picture = {k: v for k, v in options.items() if k not in TEXT_OPTIONS}
    text = {k: v for k, v in options.items() if k not in PICTURE_OPTIONS}
    if format == "svg":
        return render_svg(timeline, **picture).encode("utf-8")
    if format in ("png", "pdf"):
        return render_image(timeline, format, **picture)
    if format == "html":
        return render_html(timeline, **picture).encode("utf-8")
    if format == "txt":
        return render_text(timeline, **text).encode("utf-8")
    if format == "md":
        text.pop("ascii", None)
        text.pop("width", None)
        return render_markdown(timeline, **text).encode("utf-8")
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def write(timeline: Timeline, directory: str, formats: Sequence[str], **options: Any) -> list[str]:
    """Render every format first, then write each file atomically; return the paths.

    Rendering everything before writing anything means an error in one format
    leaves no half-updated set of files behind.
    """
    rendered = [(f, _render(timeline, f, options)) for f in formats]
    os.makedirs(directory, exist_ok=True)
    written = []
    for format, data in rendered:
        path = os.path.join(directory, f"timeline.{format}")
        atomic_write(path, data)
        written.append(path)
    return written
