"""A word across every page ("WZÓR", "PROJEKT") so that no one signs such a document."""

from __future__ import annotations

from typing import Any

NOTES = {
    "WZÓR": "dokument przykładowy (dane instytucji z przykładu formgen) – nie podpisywać",
    "PROJEKT": "projekt – dokument nie został wpisany do rejestru, nie podpisywać",
}


def note(mark: str) -> str:
    """The line that explains a mark."""
    return NOTES.get(mark, "nie podpisywać")


def mark_docx(document: Any, mark: str) -> None:
    """Put the mark and its note at the top of every header of a python-docx Document."""
    # Imported here: `note` serves processes that write no DOCX.
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            paragraph = header.add_paragraph()
            header._element.insert(0, paragraph._p)  # first, above what the header holds
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(f"{mark} – {note(mark)}")
            run.bold = True
            run.font.size = Pt(12)
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
