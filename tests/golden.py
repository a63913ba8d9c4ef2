"""Golden outputs: each example document's extracted text and page count, as reviewable text.

tests/golden/<case-id>/<form-id>.txt holds the PDF's page count and text page by page (pypdf)
and the DOCX's text in document order (paragraphs; table rows as cells joined by " | "; the
footer). test_golden.py compares them with a fresh rendering; `python tools/refresh_golden.py`
rewrites them, and the diff is reviewed in the commit.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.rendered import Document

GOLDEN = ROOT / "tests" / "golden"
REFRESH = "python tools/refresh_golden.py"


def _line(text: str) -> str:
    """One line of text: whitespace runs (no-break spaces included) folded, ends trimmed."""
    return re.sub(r"[ \t\u00a0\u202f]+", " ", text).strip()


def pdf_lines(pdf: bytes) -> list[str]:
    """The PDF's page count, then each page's text lines under a '-- page N' marker."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    lines = [f"== PDF: {len(pages)} pages"]
    for number, page in enumerate(pages, 1):
        lines.append(f"-- page {number}")
        lines += [line for line in map(_line, page.extract_text().splitlines()) if line]
    return lines


def docx_lines(docx: bytes) -> list[str]:
    """The DOCX's text in document order: paragraphs, table rows ('a | b | c'), the footer."""
    doc = WordDocument(io.BytesIO(docx))
    lines = ["== DOCX"]
    for block in doc.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(_line(Paragraph(block, doc).text))
        elif block.tag.endswith("}tbl"):
            for row in Table(block, doc).rows:
                lines.append(" | ".join(_line(cell.text) for cell in row.cells))
    lines += ["-- footer", *(_line(p.text) for p in doc.sections[0].footer.paragraphs)]
    return [line for line in lines if line]


def text(doc: Document) -> str:
    """The golden file's content for one document."""
    head = [f"# {doc.form.id} for {doc.case.id} ({doc.source})",
            f"# Extracted text and page count, compared by tests/test_golden.py; refresh: {REFRESH}"]
    return "\n".join([*head, *pdf_lines(doc.pdf), *docx_lines(doc.docx)]) + "\n"


def path(doc: Document) -> Path:
    return GOLDEN / doc.case.id / f"{doc.form.id}.txt"


def refresh(docs: list[Document]) -> tuple[list[Path], list[Path]]:
    """Write every document's golden file; remove the ones no document has. (written, removed)"""
    wanted = {path(doc): text(doc) for doc in docs}
    written = []
    for target, content in sorted(wanted.items()):
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            written.append(target)
    removed = [p for p in sorted(GOLDEN.rglob("*.txt")) if p not in wanted]
    for stale in removed:
        stale.unlink()
    for folder in sorted(GOLDEN.iterdir()) if GOLDEN.is_dir() else []:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return written, removed
