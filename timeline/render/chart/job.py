"""One render: everything a chart depends on, validated, and its digest (no matplotlib).

A `Job` holds every per-render setting: the theme, the selection's
presentation, the page, the output format and the text metrics. The format
changes only how the drawing is written (links, hover titles), never the
layout: every format is one picture. Nothing of a render lives in module
state, so renders in several threads cannot change one another.
"""

from __future__ import annotations

import hashlib

import attrs

from timeline.model.timeline import Timeline
from timeline.render.chart import lanes as _lanes
from timeline.render.chart import themes as _themes
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.words import clean
from timeline.render.marks import banner_of
from timeline.render.options import ChartOptions, Selection
from timeline.render.presentation import Presentation, present

__all__ = ["FORMATS", "Job"]

FORMATS = ("svg", "png", "pdf")


@attrs.frozen(slots=True)
class Job:
    """Everything one render depends on, validated, and its digest."""

    presentation: Presentation
    certainty: tuple[str, ...]
    theme: _themes.Theme
    width: float
    min_height: float  # the page's height when `exact`, else the least the chart takes
    digest: str
    title: str
    window: tuple[int | None, int | None]  # the date_from/date_to selection, as instants
    lanes: _lanes.Lanes = attrs.field(kw_only=True)  # the lanes, and each entry's
    format: str = "svg"
    metrics: Metrics = attrs.Factory(Metrics)
    exact: bool = False  # the page is exactly width x min_height
    sources: str = "chart"  # where the numbered sources go: "chart", "below", "none"
    header: bool = True  # the title and subtitle drawn at the top
    banner: str | None = None  # the handling banner of every page (`render.marks`)

    @property
    def salt(self) -> str:
        """matplotlib's svg.hashsalt for this chart."""
        return self.digest[:16]

    @property
    def prefix(self) -> str:
        """The prefix of every id in the SVG."""
        return f"tl-{self.digest[:8]}-"

    @property
    def links(self) -> bool:
        """Whether the output can hold links (a raster cannot)."""
        return self.format != "png"

    @classmethod
    def make(
        cls, timeline: Timeline, chosen: Selection, options: ChartOptions, *,
        format: str = "svg", presentation: Presentation | None = None,
    ) -> Job:  # fmt: skip
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {format!r}")
        page = options.page
        chosen_theme = _themes.theme(options.theme)
        if presentation is None:
            presentation = present(timeline, chosen)
        window = (
            chosen.date_from.lower if chosen.date_from is not None else None,
            chosen.date_to.upper if chosen.date_to is not None else None,
        )
        return cls(
            presentation, timeline.certainty, chosen_theme, page.width, page.height,
            _digest(timeline, chosen, options, presentation), clean(timeline.title), window,
            format, Metrics(), page.exact, options.sources, options.header,
            banner_of(timeline, (entry.file_index for entry in presentation.entries)),
            lanes=_lanes.assign(presentation, timeline, options.lanes_by),
        )  # fmt: skip


def _digest(
    timeline: Timeline, chosen: Selection, options: ChartOptions, presentation: Presentation
) -> str:
    """A digest of what the chart shows and how: the same input, the same ids."""
    digest = hashlib.sha256()
    for part in (
        timeline.title,
        timeline.subtitle or "",
        _size(options),
        options.theme,
        _chosen(chosen),
    ):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    entries = "".join(  # one update: the same digest as one an entry, in a third of the time
        f"{e.id}\0{e.title}\0{e.span.text}\0{e.certainty}\0{e.lane}\1"
        for e in (entry.event for entry in presentation.entries)
    )
    digest.update(entries.encode("utf-8", "surrogatepass"))
    for number, key, source in presentation.sources:
        text = f"{number}\0{key}\0{source.title}\0{source.publisher}\0{source.url}"
        digest.update(text.encode("utf-8", "surrogatepass") + b"\2")
    for period in presentation.periods:
        digest.update(f"{period.title}\0{period.span.text}".encode("utf-8", "surrogatepass"))
    as_of = presentation.as_of
    digest.update(f"\3{as_of.text if as_of else ''}\0{timeline.certainty}".encode())
    return digest.hexdigest()


def _size(options: ChartOptions) -> str:
    """The page and the sources' place, for the digest. No size hashes as "slide" did
    when it was the default (flowing, as no size is now): those charts keep their ids."""
    page = options.page
    text = options.size or "slide"
    if page.exact:
        text += f"\0exact {page.width}x{page.height}"
    if not options.header:
        text += "\0no header"
    if options.lanes_by != "lane":
        text += f"\0lanes by {options.lanes_by}"
    return text if options.sources == "chart" else f"{text}\0{options.sources}"


def _chosen(selection: Selection) -> str:
    """The options that differ from the defaults, for the digest: omitting an option
    and passing its default give the same chart, ids included."""
    default = Selection()
    changed = [
        (field.name, getattr(selection, field.name))
        for field in attrs.fields(Selection)
        if getattr(selection, field.name) != getattr(default, field.name)
    ]
    return repr(changed)
