"""What the two Office exports (PowerPoint `pptx`, Word `docx`) share.

Both are optional extras (`pip install 'timeline[office]'`): python-pptx and
python-docx are imported only when their format is asked for, and a missing one
is an ImportError that names the extra. Both files are ZIP packages, and both
libraries write the time of the export into them (`docProps/core.xml`, and each
ZIP entry's date): `reproducible` gives them the chronology's own time instead
(its `as_of`, else the ZIP epoch, 1980-01-01), so the same chronology always
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from typing import Any

import attrs

from timeline.model.timeline import Timeline
from timeline.render.citations import citation, plain
from timeline.render.presentation import Presentation

__all__ = [
    "EXTRA", "SHRUNK", "PlacedChart", "library", "placed_chart", "reproducible", "source_lines",
    "stamp",
]  # fmt: skip

EXTRA = "pip install 'timeline[office]'"
DPI = 150  # the chart's resolution: 2000 x 1125 pixels for a 16:9 slide
_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a ZIP entry can hold


def library(format: str) -> Any:
    """The module that writes `format` ("pptx": python-pptx, "docx": python-docx), or
    an ImportError naming the extra that installs it."""
    distribution = {"pptx": "python-pptx", "docx": "python-docx"}[format]
    try:
        if format == "pptx":
            import pptx  # type: ignore[import-untyped,import-not-found,unused-ignore]

            return pptx
        import docx  # type: ignore[import-untyped,import-not-found,unused-ignore]

        return docx
    except ImportError:
        raise ImportError(
            f"the {format} export needs {distribution}, which is not installed;"
            f" install it with: {EXTRA}"
        ) from None


def stamp(timeline: Timeline) -> dt.datetime:
    """The time the files say they were made: the start of `as_of` (UTC), else the
    ZIP epoch; a date a `datetime` cannot hold is the epoch too."""
    if timeline.as_of is None or timeline.as_of.lower is None:
        return _EPOCH
    try:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=timeline.as_of.lower)
    except OverflowError:
        return _EPOCH


def set_core(properties: Any, timeline: Timeline) -> None:
    """The document properties (docProps/core.xml): the title and subtitle, and the
    chronology's time instead of now (and the template's author)."""
    when = stamp(timeline).replace(tzinfo=None)  # both libraries write naive times as UTC
    properties.title = timeline.title
    properties.subject = timeline.subtitle or ""
    properties.author = ""
    properties.comments = ""
    properties.last_modified_by = "timeline"
    properties.revision = 1
    properties.created = when
    properties.modified = when
    properties.last_printed = when


def reproducible(package: Any) -> bytes:
    """`package` (a python-pptx Presentation or python-docx Document) saved, its ZIP
    entries all dated the ZIP epoch: the same document, the same bytes."""
    saved = io.BytesIO()
    package.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


EMU_PER_INCH = 914400  # Office's unit


SHRUNK = (  # the loss a chart placed smaller than drawn is worded as
    "chart placed smaller than drawn, its text under 6 pt: its lanes need more height",
    "charts placed smaller than drawn, their text under 6 pt: their lanes need more height",
)


@attrs.frozen(slots=True)
class PlacedChart:
    """The chart as PNG and the size it is placed at, in EMU."""

    png: bytes = attrs.field(repr=False)
    width: int
    height: int
    shrunk: bool  # placed smaller than drawn (its text then under 6 pt)


def placed_chart(timeline: Timeline, dpi: int, width: int, room: int) -> PlacedChart:
    """The chart, without the sources and the title the document shows itself, drawn at
    the size it is placed at (so that its text keeps its size): `width` EMU wide at most
    and 16:9 within `room` EMU of height; when its lanes need more, as tall as the room
    at the whole width; when they need more than that, drawn as tall as they need at
    the whole width and placed smaller, to fit the room."""
    from timeline.errors import PageTooShortError
    from timeline.render import render_image

    def drawn(w: int, h: float) -> bytes:
        size = f"{w / EMU_PER_INCH:.4f}x{h / EMU_PER_INCH:.4f}"
        return render_image(timeline, "png", size=size, sources="none", header=False, dpi=dpi)

    narrow = min(width, room * 16 // 9)
    for w, h in ((narrow, narrow * 9 // 16), (width, room)):
        try:
            return PlacedChart(drawn(w, h), w, h, False)
        except PageTooShortError as error:
            least = error.least
    tall = (math.ceil(least) + 1) * EMU_PER_INCH / 72
    return PlacedChart(drawn(width, tall), round(width * room / tall), room, True)


def source_lines(presentation: Presentation) -> list[str]:
    """The numbered sources, one plain line each: "[1] Globes, “…”, Feb 2022 (B2). URL"."""
    lines = []
    for number, key, source in presentation.citations:
        if source is None:
            lines.append(f"[{number}] {key}")
            continue
        pin = presentation.pins.get(number, (None, None))
        lines.append(f"[{number}] " + plain(citation(source, presentation.locale, pin)))
    return lines
