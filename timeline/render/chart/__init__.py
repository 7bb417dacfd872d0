"""The chart: SVG (and PNG/PDF) of a chronology, drawn with matplotlib's object API.

    svg = render_svg(tl, size="slide", theme="light", locale="fr", lanes=["Diplomacy"])
    png = render_image(tl, "png", dpi=200)

What is drawn, top to bottom: title and subtitle; a strip with the `[[period]]`
titles and the `as_of` label; one band per lane (in `Presentation.lanes`
order) with its events' markers on tracks and their labels in rows above; the
time axis, to scale, broken where a long empty stretch was collapsed; the
legend; the numbered key of the events without a label; the numbered sources
(or, with sources="below", those after the chart: a block under it, or PDF pages).

A render is three steps, each in its own module:

* `job.Job.make`: the validated input and every per-render setting (theme,
  page, format, text metrics) with its digest; nothing lives in module state.
* `layout.layout(job)`: a pure function (no matplotlib) to a frozen
  `ChartLayout`, every position the drawing needs (see `fit` for sizes), the
  same for every output format.
* `draw.draw(layout, job)` inside `context.settings(job.salt)`: matplotlib's
  `Figure` and artists, never pyplot, under a lock and matplotlib's defaults
  plus ours (see `context` for why); then `svg` writes the SVG and prefixes
  its ids, or matplotlib saves the PNG or PDF.

Choices made for embedding and reproducibility: text stays text, in the font
stack ``'DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', sans-serif``,
measured from DejaVu Sans (`metrics`); same input, same bytes (svg.hashsalt
and the id prefix come from the job's digest; no date is written); ids
prefixed, and a <title>/<desc> and a hover title per marker (`svg`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import attrs

from timeline._gc import paused
from timeline.model.timeline import Timeline
from timeline.render.options import ChartOptions, OptionWarning, Report, Selection
from timeline.render.presentation import Presentation

if TYPE_CHECKING:
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import ChartLayout

__all__ = ["left_out", "render_image", "render_svg"]


IMAGE_FORMATS = ("png", "pdf")


def render_svg(
    timeline: Timeline, selection: Selection, options: ChartOptions,
    presentation: Presentation | None = None, report: Report | None = None, *,
    grow: bool = False,
) -> str:  # fmt: skip
    """The chart of `timeline` as an SVG document (a str, UTF-8 XML); `presentation`, when
    the caller has it, is `present(timeline, selection)` (not made again); `report` is
    given what the page left out (`left_out`). With `grow` (a size the caller chose
    itself), a page too short for the chart, or one that would leave some of it out, gives
    way to the page's width alone: the chart as tall as its content."""
    from timeline.render.chart import context, draw, svg
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout

    with paused():  # the layout makes no cycles: the collector would only rescan
        job = Job.make(timeline, selection, options, presentation=presentation)
        if grow:
            job, chart = _grown(job, timeline, selection, options, presentation)
        else:
            chart = layout(job)
    _report(chart, report)
    with context.settings(job.salt):
        text = svg.write(draw.draw(chart, job).figure)
    return svg.finish(
        text, title=chart.title, desc=chart.description, prefix=job.prefix, hovers=chart.hovers
    )


def render_image(
    timeline: Timeline, format: str, selection: Selection, options: ChartOptions,
    report: Report | None = None,
) -> bytes:  # fmt: skip
    """The chart as PNG or PDF bytes (`format` "png" or "pdf"); see `render_svg`."""
    from timeline.render.chart import context, draw
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout

    if format not in IMAGE_FORMATS:
        raise ValueError(f"format must be 'png' or 'pdf'; got {format!r}")
    dpi = options.dpi
    with paused():
        job = Job.make(timeline, selection, options, format=format)
        chart = layout(job)
    _report(chart, report)
    buffer = io.BytesIO()
    with context.settings(job.salt):
        figure = draw.draw(chart, job).figure
        if format == "png":
            _exact_pixels(figure, dpi)
            figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        else:
            _pdf(buffer, [figure, *(draw.draw_page(page, chart, job) for page in chart.pages)],
                 job.title)  # fmt: skip
    return buffer.getvalue()


def _grown(
    job: Job, timeline: Timeline, selection: Selection, options: ChartOptions,
    presentation: Presentation | None,
) -> tuple[Job, ChartLayout]:  # fmt: skip
    """`job`'s layout; or, when its page is too short or would leave something out, the
    layout at the page's width alone (laid out again before anything is drawn)."""
    from timeline.errors import PageTooShortError
    from timeline.render.chart.job import Job
    from timeline.render.chart.layout import layout

    try:
        chart = layout(job)
        if not left_out(chart):
            return job, chart
    except PageTooShortError:
        pass
    flowing = attrs.evolve(options, size=f"{job.width / 72:.4f}")  # a width alone
    job = Job.make(timeline, selection, flowing, presentation=presentation)
    return job, layout(job)


def _report(chart: ChartLayout, report: Report | None) -> None:
    if report is None:
        return
    for warning in left_out(chart):
        report(warning)


def left_out(chart: ChartLayout) -> list[OptionWarning]:
    """What an exact page left out for want of room, as a warning about `size`: key
    entries, then sources, listed in the picture only in part."""
    parts = []
    if chart.key_shown[1]:
        parts.append("the key lists {} of {} numbered events".format(*chart.key_shown))
    if chart.sources_shown[1]:
        parts.append("the chart lists {} of {} sources".format(*chart.sources_shown))
    if not parts:
        return []
    said = " and ".join(parts)
    hint = "sources below lists them all after the chart, or a larger size holds more"
    return [OptionWarning("size", f"size: at this size {said}; {hint}")]


def _exact_pixels(figure: Any, dpi: int) -> None:
    """Agg truncates width x dpi to whole pixels: 13.333... in at 150 dpi would be 1999
    px, not 2000. The figure is widened by a hair less than a pixel instead, so that
    an exact page gives the pixels it should (rounded)."""
    width, height = figure.get_size_inches()
    figure.set_size_inches(
        (round(width * dpi) + 0.5) / dpi, (round(height * dpi) + 0.5) / dpi, forward=False
    )


def _pdf(buffer: io.BytesIO, figures: list[Any], title: str) -> None:
    """The figures as the pages of one PDF, without dates or producer (same bytes)."""
    from matplotlib.backends.backend_pdf import PdfPages

    metadata = {"Creator": None, "Producer": None, "CreationDate": None, "Title": title}
    with PdfPages(buffer, metadata=metadata) as pages:
        for figure in figures:
            pages.savefig(figure)
