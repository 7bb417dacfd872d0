"""PowerPoint (python-pptx): one 16:9 slide (13.333 x 7.5 in) for a briefing.

The slide's title is the chronology's (its subtitle and "as of" under it), the
chart is a picture (PNG at slide size, without its own title and sources), the
marking banner of a marked chronology is at the top and the bottom, and the
numbered sources are the slide's notes, one plain line each. What a slide does
not show (descriptions, quotes and notes, tags, actors) is counted as lost.
python-pptx is the `office` extra.
"""

from __future__ import annotations

from typing import Any

from timeline._i18n import translation
from timeline.interop.losses import Exported, Losses
from timeline.interop.pptxdocx import (
    DPI,
    SHRUNK,
    library,
    placed_chart,
    reproducible,
    set_core,
    source_lines,
)
from timeline.model.timeline import Timeline
from timeline.render.marks import banner_of
from timeline.render.options import Selection, parse
from timeline.render.presentation import Presentation, dateline, present

__all__ = ["export_pptx"]

_WORDING = {
    "description": (
        "event's description not on the slide",
        "events' descriptions not on the slide",
    ),
    "quote": ("quote or note not on the slide", "quotes and notes not on the slide"),
    "tags": ("event's tags not on the slide", "events' tags not on the slide"),
    "actors": ("event's actors not on the slide", "events' actors not on the slide"),
    "shrunk": SHRUNK,
}

# The slide, in EMU (914400 an inch): 13.333 x 7.5 in, PowerPoint's 16:9.
WIDTH, HEIGHT = 12192000, 6858000
_INCH = 914400
_MARGIN = _INCH // 3
_BANNER = _INCH * 3 // 8  # the height of a banner's box


def _losses(presentation: Presentation) -> Losses:
    losses = Losses(_WORDING)
    events = [entry.event for entry in presentation.entries]
    losses.add("description", sum(bool(e.description and e.description.strip()) for e in events))
    losses.add("quote", sum(bool(c.quote or c.note) for e in events for c in e.sources))
    losses.add("tags", sum(bool(e.tags) for e in events))
    losses.add("actors", sum(bool(e.actors) for e in events))
    return losses


def _text_box(slide: Any, top: int, height: int, text: str, points: int, bold: bool) -> Any:
    import importlib

    pptx = library("pptx")
    centre = importlib.import_module("pptx.enum.text").PP_ALIGN.CENTER
    box = slide.shapes.add_textbox(_MARGIN, top, WIDTH - 2 * _MARGIN, height)
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = centre
    run = paragraph.add_run()
    run.text = text
    run.font.size = pptx.util.Pt(points)
    run.font.bold = bold
    return box


def _title(slide: Any, presentation: Presentation, top: int) -> int:
    """The title placeholder, with the subtitle and "as of" under the title; its bottom."""
    pptx = library("pptx")
    lines = [presentation.subtitle] if presentation.subtitle else []
    line = dateline(presentation)
    if line is not None:
        lines.append(translation(presentation.locale).gettext(line[0]).format(date=line[1]))
    height = _INCH * 3 // 4 + len(lines) * _INCH * 3 // 10
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _MARGIN, top, WIDTH - 2 * _MARGIN, height
    frame = title.text_frame
    frame.word_wrap = True
    frame.text = presentation.title
    for run in frame.paragraphs[0].runs:
        run.font.size = pptx.util.Pt(28)
        run.font.bold = True
    for text in lines:
        paragraph = frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = pptx.util.Pt(16)
    return int(top + height)


def _picture(
    slide: Any, timeline: Timeline, dpi: int, top: int, bottom: int, title: str
) -> bool:  # fmt: skip
    """The chart, as large as the room between `top` and `bottom` allows, centred, drawn
    at that size (see `placed_chart`); whether it had to be placed smaller than drawn."""
    import io

    chart = placed_chart(timeline, dpi, WIDTH - 2 * _MARGIN, max(bottom - top, _INCH))
    left = (WIDTH - chart.width) // 2
    picture = slide.shapes.add_picture(io.BytesIO(chart.png), left, top, chart.width,
                                       chart.height)  # fmt: skip
    picture.name = "Chart"
    picture._element.nvPicPr.cNvPr.set("descr", f"Chart: {title}" if title else "Chart")
    return chart.shrunk


def export_pptx(timeline: Timeline, *, dpi: int = DPI) -> Exported:
    """One slide: the title, the chart at `dpi`, the banners, the sources in the notes."""
    pptx = library("pptx")
    chosen = parse(timeline, {}, caller="export")[Selection]
    presentation = present(timeline, chosen)
    deck = pptx.Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    set_core(deck.core_properties, timeline)
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
    banner = banner_of(timeline, (entry.file_index for entry in presentation.entries))
    top, bottom = _MARGIN // 2, HEIGHT - _MARGIN // 2
    if banner is not None:
        _text_box(slide, top, _BANNER, banner, 14, True).name = "Marking (top)"
        _text_box(slide, bottom - _BANNER, _BANNER, banner, 14, True).name = "Marking (bottom)"
        top, bottom = top + _BANNER, bottom - _BANNER
    top = _title(slide, presentation, top)
    shrunk = _picture(slide, timeline, dpi, top, bottom, presentation.title)
    lines = source_lines(presentation)
    if lines:
        heading = translation(presentation.locale).gettext("Sources")
        slide.notes_slide.notes_text_frame.text = "\n".join([heading, *lines])
    losses = _losses(presentation)
    losses.add("shrunk", int(shrunk))
    return Exported("pptx", "", losses.result(), data=reproducible(deck))
