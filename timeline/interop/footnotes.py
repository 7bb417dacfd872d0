"""Word footnotes for python-docx, which has no API for them.

A footnote is a `w:footnote` in the document's footnotes part
(`word/footnotes.xml`, related to the main document part), referenced from a run
of the text by `w:footnoteReference`; Word and LibreOffice number them in
document order and print each at the foot of its page. The part also needs the
two separator footnotes (ids -1 and 0) every Word document has.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

__all__ = ["Footnotes"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
)
_MARK = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'


class Footnotes:
    """The footnotes of one document: `add` a reference in a paragraph, `attach` the part."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def add(self, paragraph: Any, text: str) -> None:
        """A footnote reference at the end of `paragraph` whose note reads `text`."""
        from docx.oxml import parse_xml

        number = len(self.notes) + 1
        self.notes.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f"<w:r>{_MARK}<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {escape(text)}'
            "</w:t></w:r></w:p></w:footnote>"
        )
        reference = parse_xml(
            f'<w:r xmlns:w="{_W}">{_MARK}<w:footnoteReference w:id="{number}"/></w:r>'
        )
        paragraph._p.append(reference)

    def attach(self, document: Any) -> None:
        """The footnotes part, related to `document`'s main part (none without notes)."""
        if not self.notes:
            return
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">'
            f"{_SEPARATORS}{''.join(self.notes)}</w:footnotes>"
        )
        main = document.part
        part = Part(PackURI("/word/footnotes.xml"), _TYPE, xml.encode("utf-8"), main.package)
        main.relate_to(part, _RELATION)
