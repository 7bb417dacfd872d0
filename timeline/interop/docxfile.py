"""Word (python-docx): a briefing document on A4.

The title, subtitle and "as of"; the chart as a picture (PNG at slide size,
without its own title and sources); a chronology table (date, event, lane when
any event has one, certainty, sources), each period's events under a row with
the period's title and dates, each event's cell holding its title (and portion
mark), actors, tags, description and what each citation says; then the numbered
sources. A marked chronology has its banner in the page header and footer.

Each citation is its number in the table's Sources cell, "[4]", with a Word
footnote there holding the whole citation line (`timeline.interop.footnotes`:
python-docx has no API for them), and the numbered Sources list after the table.
python-docx is the `office` extra.
"""

from __future__ import annotations

import io
from typing import Any, NamedTuple

from timeline._i18n import N_, translation
from timeline.dates.format import date_label
from timeline.interop.footnotes import Footnotes
from timeline.interop.losses import Exported, Loss
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
from timeline.render.citations import claims_text, detail
from timeline.render.layout.textwidth import words
from timeline.render.marks import Marks, marks
from timeline.render.options import Selection, parse
from timeline.render.presentation import (
    Entry,
    Presentation,
    clip_note,
    dateline,
    present,
    sections,
)

__all__ = ["export_docx"]


_MM = 36000  # EMU in a millimetre
_PAGE = (210 * _MM, 297 * _MM)  # A4
_MARGIN = 20 * _MM
_TEXT_WIDTH = _PAGE[0] - 2 * _MARGIN
_TEXT_HEIGHT = _PAGE[1] - 2 * _MARGIN
_HEADING = 40 * _MM  # the room the title, subtitle and as-of line take above the chart
_SIZE = 10  # pt, the Normal style's, the table's text
_POINT = 12700  # EMU
_TWIP = 635  # EMU
_CELL_MARGINS = 2 * 108 * _TWIP  # Table Grid's, 108 twips a side
# The narrow columns (date, lane, certainty, sources) are as wide as their longest
# word (see `_widths`), within these shares of the text width; the event column,
# titles, descriptions and what the citations say, takes the rest.
_NARROW = {"date": (0.10, 0.14), "lane": (0.06, 0.18), "certainty": (0.06, 0.18),
           "sources": (0.06, 0.12)}  # fmt: skip
_SUPERSCRIPT = 2 / 3  # of the size: a footnote's number (LibreOffice 58 %, Word less)


class _Table(NamedTuple):
    """What every row of the chronology table needs, worked out once."""

    docx: Any
    t: Any  # the Translations of the presentation's locale
    locale: str
    lanes: bool  # a lane column: some event shown has a lane
    marks: Marks
    footnotes: Footnotes  # a Word footnote at each citation of the Sources cells
    notes: dict[int, str]  # each source number's citation line


def _page(document: Any, banner: str | None) -> None:
    """A4, 20 mm margins; the banner centred in bold in the header and the footer."""
    document.styles["Normal"].font.size = library("docx").shared.Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE
    for side in ("left", "right", "top", "bottom"):
        setattr(section, f"{side}_margin", _MARGIN)
    if banner is None:
        return
    centre = library("docx").enum.text.WD_ALIGN_PARAGRAPH.CENTER
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.alignment = centre
        paragraph.add_run(banner).bold = True


def _heading(document: Any, presentation: Presentation, t: Any) -> None:
    document.add_heading(presentation.title.strip() or t.gettext("Chronology"), 0)
    if presentation.subtitle:
        document.add_paragraph(presentation.subtitle, style="Subtitle")
    line = dateline(presentation, stop=True)
    if line is not None:
        document.add_paragraph(t.gettext(line[0]).format(date=line[1]))


def _repeat_header(row: Any, docx: Any) -> None:
    """Mark `row` as the table's header row, repeated at the top of every page."""
    _row_flag(row, docx, "w:tblHeader")


def _row_flag(row: Any, docx: Any, name: str) -> None:
    flag = docx.oxml.OxmlElement(name)
    flag.set(docx.oxml.ns.qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _event_cell(cell: Any, entry: Entry, table: _Table) -> None:
    """The event's title (in bold, after its portion mark), actors, tags, description
    and what each of its citations says."""
    event, t = entry.event, table.t
    first = cell.paragraphs[0]
    portion = table.marks.portion(entry.file_index)
    if portion is not None:
        first.add_run(portion + " ")
    first.add_run(event.title).bold = True
    if entry.new:
        first.add_run(" " + t.gettext("NEW")).bold = True
    names = table.marks.names(entry.file_index)
    if names:
        cell.add_paragraph(t.gettext("Actors: {actors}").format(actors=", ".join(names)))
    tags = [tag for tag in event.tags if words(tag)]
    if tags:
        cell.add_paragraph(t.gettext("Tags") + ": " + ", ".join(tags))
    if event.description is not None:
        for paragraph in event.description.replace("\r\n", "\n").split("\n\n"):
            if words(paragraph):
                cell.add_paragraph(paragraph.strip())
    _evidence(cell, entry, table)


def _evidence(cell: Any, entry: Entry, table: _Table) -> None:
    """What each citation says, its quote in italics; the sources' dates when they disagree."""
    t = table.t
    for cited in entry.cited:
        said = detail(cited, table.locale)
        if said is None:
            continue
        cell.add_paragraph(f"[{said.number}] {said.head}")
        if said.quote is not None:
            quoted = t.gettext("“{quote}”").format(quote=said.quote.strip())
            cell.add_paragraph().add_run(quoted).italic = True
        if said.note is not None:
            cell.add_paragraph(t.gettext("Note: {note}").format(note=said.note.strip()))
    if entry.conflict:
        conflict = t.gettext("Dates differ: {claims}").format(claims=claims_text(entry.claims))
        cell.add_paragraph().add_run(conflict).bold = True


def _row(rows: Any, entry: Entry, table: _Table) -> None:
    row = rows.add_row()
    _row_flag(row, table.docx, "w:cantSplit")  # an event is read whole, on one page
    cells = row.cells
    clipped = entry.began or entry.ends
    cells[0].text = entry.label
    if clipped is not None:
        note = clip_note(entry)
        if note is not None:
            cells[0].add_paragraph(table.t.gettext(note).format(date=clipped))
    _event_cell(cells[1], entry, table)
    rest = cells[2:]
    if table.lanes:
        rest[0].text = entry.event.lane or ""
        rest = rest[1:]
    rest[0].text = entry.certainty
    cell = rest[1].paragraphs[0]
    for n, number in enumerate(entry.references):
        cell.add_run(f"{', ' if n else ''}[{number}]")
        table.footnotes.add(cell, table.notes.get(number, f"[{number}]"))


def _period_row(rows: Any, title: str, dates: str) -> None:
    cells = rows.add_row().cells
    merged = cells[0].merge(cells[-1])
    paragraph = merged.paragraphs[0]
    paragraph.add_run(title).bold = True
    paragraph.add_run(f"  {dates}")


def _chronology(document: Any, presentation: Presentation, table: _Table) -> None:
    t, docx = table.t, table.docx
    document.add_heading(t.gettext("Chronology"), 1)
    if not presentation.entries:
        document.add_paragraph(t.gettext("No events."))
        return
    headers = (N_("Date"), N_("Event"), *[N_("Lane")] * table.lanes, N_("Certainty"),
               N_("Sources"))  # fmt: skip
    rows = document.add_table(rows=1, cols=len(headers))
    rows.style = "Table Grid"
    rows.autofit = False
    for cell, header in zip(rows.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(t.gettext(header)).bold = True
    _repeat_header(rows.rows[0], docx)
    for section in sections(presentation):
        if section.period is not None:
            dates = date_label(section.period.span, presentation.locale)
            _period_row(rows, section.period.title, dates)
        for entry in section.entries:
            _row(rows, entry, table)
    for column, width in zip(rows.columns, _widths(presentation, table), strict=True):
        column.width = width  # the table's grid, which LibreOffice reads
        for cell in column.cells:  # and each cell's, which Word reads
            cell.width = width


def _word_width(text: str, bold: bool = False, size: float = 1.0) -> float:
    """EMU of the longest word of `text` at the table's size (times `size`), in DejaVu
    Sans: what LibreOffice draws for Calibri without Carlito, wider than both."""
    from timeline.render.chart.metrics import advances

    glyphs = advances(bold)
    ems = max((sum(glyphs.get(c, 1.0) for c in word) for word in words(text)), default=0.0)
    return ems * _SIZE * size * _POINT


def _widths(presentation: Presentation, table: _Table) -> list[int]:
    """The columns' widths (EMU): each narrow one its header's word in bold or its
    longest value's word, whichever is wider, and its cell margins, so that no word
    breaks ("Certaint" / "y"), within its least and most share; the event column the
    rest. A Sources cell reads "[4]12, [7]13": a number, then the footnote's, raised."""
    t, entries = table.t, presentation.entries
    notes = sum(len(entry.references) for entry in entries)  # the last footnote's number
    raised = _word_width(str(notes), size=_SUPERSCRIPT) + _word_width(",")
    values = {
        "date": [_word_width(entry.label) for entry in entries],
        "lane": [_word_width(entry.event.lane or "") for entry in entries],
        "certainty": [_word_width(entry.certainty) for entry in entries],
        "sources": [_word_width(f"[{n}]") + raised for e in entries for n in e.references],
    }
    headers = {"date": N_("Date"), "lane": N_("Lane"), "certainty": N_("Certainty"),
               "sources": N_("Sources")}  # fmt: skip
    narrow = {}
    for name, (least, most) in _NARROW.items():
        if name == "lane" and not table.lanes:
            continue
        widest = max([_word_width(t.gettext(headers[name]), bold=True), *values[name]])
        # LibreOffice drew "procurement" 1.4 % wider than its advances (hinting): 4 %
        # more, and a point for the cell's borders.
        needed = widest * 1.04 + _CELL_MARGINS + _POINT
        width = min(max(needed, least * _TEXT_WIDTH), most * _TEXT_WIDTH)
        narrow[name] = -int(-width // _TWIP) * _TWIP  # up to a twip, what the grid holds
    rest = [narrow[name] for name in ("lane", "certainty", "sources") if name in narrow]
    return [narrow["date"], _TEXT_WIDTH - sum(narrow.values()), *rest]


def _sources(document: Any, presentation: Presentation, t: Any) -> None:
    lines = source_lines(presentation)
    if not lines:
        return
    document.add_heading(t.gettext("Sources"), 1)
    for line in lines:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = 8 * _MM
        paragraph.paragraph_format.first_line_indent = -8 * _MM


def export_docx(timeline: Timeline, *, dpi: int = DPI) -> Exported:
    """The briefing document, its chart at `dpi` (see the module)."""
    docx = library("docx")
    chosen = parse(timeline, {}, caller="export")[Selection]
    presentation = present(timeline, chosen)
    t = translation(presentation.locale)
    shown = marks(timeline, (entry.file_index for entry in presentation.entries))
    document = docx.Document()
    set_core(document.core_properties, timeline)
    _page(document, shown.banner)
    _heading(document, presentation, t)
    chart = placed_chart(timeline, dpi, _TEXT_WIDTH, _TEXT_HEIGHT - _HEADING)
    document.add_picture(io.BytesIO(chart.png), width=chart.width, height=chart.height)
    lanes = any(entry.event.lane for entry in presentation.entries)
    footnotes = Footnotes()
    notes = {int(line[1 : line.index("]")]): line for line in source_lines(presentation)}
    table = _Table(docx, t, presentation.locale, lanes, shown, footnotes, notes)
    _chronology(document, presentation, table)
    _sources(document, presentation, t)
    footnotes.attach(document)
    shrunk = (Loss("shrunk", 1, SHRUNK[0]),) if chart.shrunk else ()
    return Exported("docx", "", shrunk, data=reproducible(document))
