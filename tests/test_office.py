"""The PowerPoint and Word exports (`pptx`, `docx`, the office extra), read back by
python-pptx and python-docx: the title, every event, the notes, the marking banner
and the picture; the same bytes for the same chronology; what each says it lost;
the command line's binary output. And LibreOffice (slow): `soffice --headless
--convert-to pdf` converts both, the slide to one 16:9 page, the briefing to pages
that hold every event's title. Without soffice those tests skip naming the Debian
package; with TIMELINE_REQUIRE_RENDERERS=1 (CI) they fail.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import zipfile
from typing import Any

import pytest
from browsers import require

import timeline
from timeline.cli import main
from timeline.interop import Exported, export
from timeline.interop.docxfile import export_docx
from timeline.interop.pptxdocx import source_lines
from timeline.interop.pptxfile import HEIGHT, WIDTH, export_pptx
from timeline.render.presentation import present

pptx = pytest.importorskip("pptx")
docx = pytest.importorskip("docx")

GOLDEN = pathlib.Path(__file__).parent / "golden"
MARKED = GOLDEN / "markings" / "marked.toml"
SMALL = GOLDEN / "export" / "small.toml"
DPI = 20  # the fast tests' chart: small, quick to draw; the exports default to 150
LIBREOFFICE = "libreoffice-impress-nogui libreoffice-writer-nogui"


@pytest.fixture(scope="module")
def marked() -> timeline.Timeline:
    return timeline.load(MARKED)


@pytest.fixture(scope="module")
def small() -> timeline.Timeline:
    return timeline.load(SMALL)


@pytest.fixture(scope="module")
def files(bundled: timeline.Timeline, marked: timeline.Timeline) -> dict[str, bytes]:
    """The exports of the bundled and the marked chronology, drawn once."""
    made = {}
    for name, tl in (("bundled", bundled), ("marked", marked)):
        made[f"{name}.pptx"] = export_pptx(tl, dpi=DPI).data or b""
        made[f"{name}.docx"] = export_docx(tl, dpi=DPI).data or b""
    return made


@pytest.fixture(scope="module")
def exported(small: timeline.Timeline) -> dict[str, Exported]:
    """The exports of the small chronology at the default resolution, as the command's."""
    return {format: export(small, format) for format in ("pptx", "docx")}


def _slide(data: bytes) -> Any:
    deck = pptx.Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (WIDTH, HEIGHT)  # 13.333 x 7.5 in
    assert len(deck.slides) == 1
    return deck.slides[0]


def _texts(slide: Any) -> dict[str, str]:
    return {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _reads(title: str, text: str) -> bool:
    """Whether the characters of `title` are in `text`, in order, close together, all
    whitespace and hyphens aside: pdftotext drops the hyphen of a word broken at the end
    of a line ("air-" "defence" is "airdefence"), and may read a word of the next column
    between two lines of a cell."""
    wanted, read = (_squeeze(t).replace("-", "") for t in (title, text))
    for found in re.finditer(re.escape(wanted[:4]), read):
        window = iter(read[found.start() : found.start() + 2 * len(wanted) + 40])
        if all(char in window for char in wanted):
            return True
    return False


def test_the_slide_has_the_title_the_chart_and_the_sources_in_its_notes(
    files: dict[str, bytes], bundled: timeline.Timeline
) -> None:
    slide = _slide(files["bundled.pptx"])
    title = slide.shapes.title.text_frame.text
    assert title.splitlines()[0] == bundled.title
    assert bundled.subtitle in title
    assert "As of 1 Feb 2026" in title
    pictures = [s for s in slide.shapes if s.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    picture = pictures[0]
    assert picture.image.content_type == "image/png"
    assert picture.width * 9 == pytest.approx(picture.height * 16, abs=16 * 9)  # 16:9
    assert picture.left >= 0
    assert picture.left + picture.width <= WIDTH
    assert picture.top >= slide.shapes.title.top + slide.shapes.title.height
    assert picture.top + picture.height <= HEIGHT
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    lines = source_lines(present(bundled))
    assert notes == ["Sources", *lines]
    assert len(lines) == 15
    assert lines[0].startswith("[1] ")
    assert not any(name.startswith("Marking") for name in _texts(slide))  # unmarked: no banner


def test_a_marked_slide_has_its_banner_at_the_top_and_the_bottom(
    files: dict[str, bytes],
) -> None:
    slide = _slide(files["marked.pptx"])
    shapes = {shape.name: shape for shape in slide.shapes}
    top, bottom = shapes["Marking (top)"], shapes["Marking (bottom)"]
    assert top.text_frame.text == bottom.text_frame.text == "TLP:AMBER"
    title = slide.shapes.title
    assert top.top + top.height <= title.top
    picture = shapes["Chart"]
    assert picture.top + picture.height <= bottom.top
    assert bottom.top + bottom.height <= HEIGHT


def _document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _cells(document: Any) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_the_briefing_has_the_title_the_chart_every_event_and_the_sources(
    files: dict[str, bytes], bundled: timeline.Timeline
) -> None:
    document = _document(files["bundled.docx"])
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", bundled.title)
    assert paragraphs[1] == ("Subtitle", bundled.subtitle)
    assert paragraphs[2] == ("Normal", "As of 1 Feb 2026.")
    assert len(document.inline_shapes) == 1  # the chart
    chart = document.inline_shapes[0]  # 16:9, to the pixel of a 267 x 150 PNG
    assert chart.width * 9 == pytest.approx(chart.height * 16, rel=1e-2)
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Date", "Event", "Lane", "Certainty", "Sources"]
    cells = _cells(document)
    for event in bundled.events:
        assert any(cell.startswith(event.title) for cell in cells), event.title
        if event.description:
            first = event.description.strip().split("\n\n")[0]
            assert any(first in cell for cell in cells), event.id
    assert "Cooperation slowed by the Gaza war" in " ".join(cells)  # a period's row
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["Chronology", "Sources"]
    lines = source_lines(present(bundled))
    listed = [text for _, text in paragraphs[paragraphs.index(("Heading 1", "Sources")) + 1 :]]
    assert listed == lines
    _footnotes_are_the_citations(files["bundled.docx"], bundled)
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == [""]  # unmarked: no banner
    assert section.page_width.mm == pytest.approx(210, abs=0.1)  # A4
    assert section.page_height.mm == pytest.approx(297, abs=0.1)


def _footnotes_are_the_citations(data: bytes, bundled: timeline.Timeline) -> None:
    """Each citation in the table is a real Word footnote holding its citation line."""
    import xml.etree.ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert "word/footnotes.xml" in names
        types = package.read("[Content_Types].xml").decode("utf-8")
        assert "wordprocessingml.footnotes+xml" in types
        notes = ET.fromstring(package.read("word/footnotes.xml"))
        body = ET.fromstring(package.read("word/document.xml"))
    texts = {
        note.get(f"{w}id"): "".join(t.text or "" for t in note.iter(f"{w}t")).strip()
        for note in notes.iter(f"{w}footnote") if int(note.get(f"{w}id", "0")) > 0
    }  # fmt: skip
    references = [r.get(f"{w}id") for r in body.iter(f"{w}footnoteReference")]
    presentation = present(bundled)
    lines = {int(line[1 : line.index("]")]): line for line in source_lines(presentation)}
    expected = [lines[n] for entry in presentation.entries for n in entry.references]
    assert references == [str(n) for n in range(1, len(expected) + 1)]
    assert [texts[r] for r in references] == expected


def test_a_marked_briefing_has_its_banner_in_the_header_and_footer(
    files: dict[str, bytes], marked: timeline.Timeline
) -> None:
    document = _document(files["marked.docx"])
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["TLP:AMBER"]
    assert [p.text for p in section.footer.paragraphs] == ["TLP:AMBER"]
    cells = _cells(document)
    for event in marked.events:  # each after its portion mark
        assert any(re.match(rf"\(TLP:[A-Z]+\) {re.escape(event.title)}", c) for c in cells)


@pytest.mark.parametrize("format", ["pptx", "docx"])
def test_the_same_chronology_gives_the_same_bytes(
    small: timeline.Timeline, format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = export_pptx if format == "pptx" else export_docx
    first = exporter(small, dpi=DPI).data
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)  # what zipfile dates its entries by
    assert exporter(small, dpi=DPI).data == first
    assert first is not None
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    library = pptx.Presentation if format == "pptx" else docx.Document
    core = library(io.BytesIO(first)).core_properties
    as_of = dt.datetime(2026, 2, 1)  # python-docx reads it as UTC, python-pptx as naive
    assert core.created.replace(tzinfo=None) == core.modified.replace(tzinfo=None) == as_of
    assert core.title == small.title
    assert core.last_modified_by == "timeline"


def test_each_says_what_it_lost(exported: dict[str, Exported], bundled: timeline.Timeline) -> None:
    said = {format: done.summary() for format, done in exported.items()}
    assert said == {
        "pptx": "pptx: 1 event's description not on the slide; 1 quote or note not on the"
        " slide; 1 event's tags not on the slide",
        "docx": None,
    }
    assert export_pptx(bundled, dpi=DPI).summary() == (
        "pptx: 5 events' descriptions not on the slide; 13 quotes and notes not on the slide;"
        " 4 events' tags not on the slide; 9 events' actors not on the slide"
    )


def _run(argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, bytes, str]:
    status = main(argv)
    out, err = capsysbinary.readouterr()
    return status, out, err.decode("utf-8")


def test_the_command_writes_both_files(
    tmp_path: pathlib.Path,
    exported: dict[str, Exported],
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    for format in ("pptx", "docx"):
        out = tmp_path / "out" / f"briefing.{format}"
        status, printed, err = _run(["export", format, str(SMALL), "-o", str(out)], capsysbinary)
        assert (status, printed) == (0, b"")
        summary = exported[format].summary()
        assert err == ("" if summary is None else f"{summary}\n")  # the briefing loses nothing
        assert out.read_bytes() == exported[format].data
    status, printed, err = _run(["export", "docx", str(SMALL)], capsysbinary)  # to a pipe
    assert (status, printed) == (0, exported["docx"].data)


def test_the_command_writes_no_binary_to_a_terminal(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, printed, err = _run(["export", "pptx", str(SMALL)], capsysbinary)
    assert (status, printed) == (1, b"")
    assert err == (
        "timeline export: error: pptx is binary: give -o OUT to write it to a file"
        " (or redirect standard output)\n"
    )


def test_strict_export_refuses_the_slide(
    tmp_path: pathlib.Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = tmp_path / "x.pptx"
    status, _, err = _run(["export", "pptx", str(SMALL), "--strict-export", "-o", str(out)],
                          capsysbinary)  # fmt: skip
    assert status == 1
    assert err.startswith("timeline export: error: --strict-export: pptx: 1 event's description")
    assert not out.exists()


@pytest.mark.parametrize(("format", "module"), [("pptx", "pptx"), ("docx", "docx")])
def test_without_the_library_the_error_names_the_extra(
    format: str,
    module: str,
    tmp_path: pathlib.Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # `import pptx` raises ImportError
    distribution = f"python-{module}"
    with pytest.raises(ImportError, match=r"pip install 'timeline\[office\]'"):
        export(timeline.load(SMALL), format)
    status, printed, err = _run(["export", format, str(SMALL), "-o", str(tmp_path / "x")],
                                capsysbinary)  # fmt: skip
    assert (status, printed) == (1, b"")
    assert err == (
        f"timeline export: error: the {format} export needs {distribution}, which is not"
        " installed; install it with: pip install 'timeline[office]'\n"
    )
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------- LibreOffice (slow)


def _convert(paths: list[pathlib.Path], out: pathlib.Path) -> None:
    """Convert `paths` to PDF in `out` with LibreOffice (a profile of its own, so that
    runs never share one)."""
    soffice = require(shutil.which("soffice"), "LibreOffice (soffice)", LIBREOFFICE)
    profile = (out / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, paths)],
        capture_output=True, timeout=300, check=True, env={**os.environ, "HOME": str(out)},
    )  # fmt: skip


def _pdfinfo(path: pathlib.Path) -> dict[str, str]:
    tool = require(shutil.which("pdfinfo"), "pdfinfo (poppler)", "poppler-utils")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def _pdftext(path: pathlib.Path) -> str:
    tool = require(shutil.which("pdftotext"), "pdftotext (poppler)", "poppler-utils")
    done = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.slow
def test_libreoffice_converts_both_to_pdf(
    tmp_path: pathlib.Path, bundled: timeline.Timeline, marked: timeline.Timeline
) -> None:
    made = {}
    for name, tl in (("bundled", bundled), ("marked", marked)):
        for format in ("pptx", "docx"):
            path = tmp_path / f"{name}-{format}.{format}"
            path.write_bytes(export(tl, format).data or b"")  # at the default resolution
            made[name, format] = path
    _convert(list(made.values()), tmp_path)
    for (name, format), path in made.items():
        pdf = path.with_suffix(".pdf")
        info, read = _pdfinfo(pdf), _pdftext(pdf)
        text = _squeeze(read)
        tl = bundled if name == "bundled" else marked
        assert _squeeze(tl.title) in text
        if format == "pptx":
            assert info["Pages"].strip() == "1"
            width, height = map(float, re.findall(r"[\d.]+", info["Page size"])[:2])
            assert width / height == pytest.approx(16 / 9, rel=1e-3)
            assert width == pytest.approx(960, abs=0.5)  # 13.333 in
        else:
            assert int(info["Pages"]) >= 2
            for event in tl.events:
                assert _reads(event.title, read), event.title
            # The citations are footnotes: at the foot of a page, "1 [1] North Africa ...".
            first = source_lines(present(tl))[0]
            assert _squeeze("1 " + first[:40]) in text
        if name == "marked":
            assert text.count("TLP:AMBER") >= 2  # top and bottom (each page of the docx)


def test_the_chart_is_drawn_at_the_size_it_is_placed(files: dict[str, bytes]) -> None:
    """A chart drawn for a whole slide and then placed smaller would shrink its text
    below the minimum: the picture's pixels, at its resolution, are its placed size."""
    import struct

    docx = pytest.importorskip("docx")
    slide = _slide(files["bundled.pptx"])
    (picture,) = [shape for shape in slide.shapes if shape.name == "Chart"]
    document = docx.Document(io.BytesIO(files["bundled.docx"]))
    (inline,) = document.inline_shapes
    embed = inline._inline.graphic.graphicData.pic.blipFill.blip.embed
    pictures = [
        (picture.width, picture.image.blob),
        (inline.width, document.part.related_parts[embed].blob),
    ]
    for placed, blob in pictures:
        pixels = struct.unpack(">I", blob[16:20])[0]  # the PNG header's width
        assert pixels / DPI == pytest.approx(placed / 914400, abs=2 / DPI)


def _bold_width(text: str) -> float:
    """EMU of `text` in bold at the briefing's 10 pt, in DejaVu Sans: what LibreOffice
    draws for Calibri where Carlito is not installed, wider than either."""
    from timeline.render.chart.metrics import advances

    return sum(advances(True).get(char, 1.0) for char in text) * 10 * 12700


@pytest.mark.parametrize("locale", ["en", "fr", "de"])
def test_the_briefing_table_fits_each_header_on_a_line_and_widens_the_event_column(
    bundled: timeline.Timeline, locale: str
) -> None:
    """A narrow column no narrower than its header's word ("Certainty" wrapped as
    "Certaint/y"), the rest to the event column; each row still kept whole."""
    import attrs

    tl = attrs.evolve(bundled, locale=locale)
    table = _document(export_docx(tl, dpi=DPI).data or b"").tables[0]
    widths = [column.width for column in table.columns]
    margins = 2 * 108 * 635  # Table Grid's cell margins, 108 twips a side
    text_width = 170 * 36000
    assert sum(widths) == pytest.approx(text_width, abs=5 * 635)  # twips, rounded
    for index, cell in enumerate(table.rows[0].cells):
        if index != 1:
            assert widths[index] >= _bold_width(cell.text) + margins, cell.text
    # The event column the widest, wider than its 46 % of before in English and French
    # (German words are longer: "Gewissheit", "wahrscheinlich" as a certainty).
    assert widths[1] == max(widths)
    assert widths[1] >= (0.42 if locale == "de" else 0.47) * text_width
    rows = table._tbl.tr_lst[1:]
    flags = [row.find(docx.oxml.ns.qn("w:trPr")) for row in rows]
    kept = [f is not None and f.find(docx.oxml.ns.qn("w:cantSplit")) is not None for f in flags]
    assert kept.count(True) == len(bundled.events)  # every event's row; not the periods'


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en", "de"])
def test_libreoffice_sets_each_header_on_one_line(
    tmp_path: pathlib.Path, bundled: timeline.Timeline, locale: str
) -> None:
    """In LibreOffice's PDF, the table's header is one line of whole words ("Certainty"
    wrapped as "Certaint" / "y" in a column too narrow for it), and no lane's word breaks."""
    import html

    import attrs

    tl = attrs.evolve(bundled, locale=locale)
    path = tmp_path / "briefing.docx"
    path.write_bytes(export_docx(tl, dpi=DPI).data or b"")
    _convert([path], tmp_path)
    tool = require(shutil.which("pdftotext"), "pdftotext (poppler)", "poppler-utils")
    pdf = str(path.with_suffix(".pdf"))
    done = subprocess.run([tool, "-bbox", pdf, "-"], capture_output=True, text=True, check=True)
    found_boxes = re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)</word>', done.stdout)
    boxes = [(y, html.unescape(word)) for y, word in found_boxes]
    document = _document(path.read_bytes())
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    lines = {y for y, word in boxes if word in header}
    found = [word for y, word in boxes if y in lines]
    assert found[: len(header)] == header
    lanes = {word for e in tl.events if e.lane for word in e.lane.split()}
    read = {word for _, word in boxes}
    assert lanes <= read
