"""Shared fixtures: the repository's project, and text extraction from DOCX and PDF."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from formgen.project import Project
from tests.pg import postgres_server  # noqa: F401 - a throwaway PostgreSQL server (session)
from tests.workspaces import register_db  # noqa: F401 - each register test on SQLite and PostgreSQL

# Messages are Polish by default; the suite checks most of them in English (the msgids) and
# the Polish catalog in tests/test_messages.py. Subprocesses inherit this too.
os.environ["FORMGEN_LANG"] = "en"

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT / "templates", ROOT / "data")


def squash(text: str) -> str:
    """Whitespace (including no-break spaces and line breaks) folded to single spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def docx_text(data: bytes | Path) -> str:
    """All text of a DOCX: body paragraphs, table cells, headers and footers."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    doc = Document(io.BytesIO(raw))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return squash("\n".join(parts))


def pdf_text(data: bytes | Path) -> str:
    """All text pypdf extracts from a PDF, whitespace folded."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    return squash("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages))


def assert_docx_xml_strict(data: bytes) -> None:
    """Every XML part of the DOCX parses with a strict (non-recovering) parser."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), etree.XMLParser(recover=False))


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write a case file for a test."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def made(report) -> tuple[list[Path], list]:
    """(the bundle PDFs written, the failed results) of a bundle report."""
    return [p for p in report.written if p.suffix == ".pdf"], report.failed


def make_bundles(project, paths, out, per_file=False, jobs=1, **kwargs):
    """Bundle the cases under `paths` (pipeline.bundle, one process unless told)."""
    from formgen.pipeline import Options, bundles

    return bundles(project, list(paths), out, per_file, options=Options(jobs=jobs), **kwargs)


def count_layouts(monkeypatch) -> list[int]:
    """A list that grows by one each time WeasyPrint lays a document out (HTML.render)."""
    from weasyprint import HTML

    calls: list[int] = []
    real = HTML.render

    def counting(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", counting)
    return calls


def rewrite_page_seven(bundle: Path, folder: Path) -> Path:
    """A copy of the bundle in `folder` whose page 7 another program rewrote (drawing the same,
    its content stream changed); the manifest is not copied."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject

    writer = PdfWriter(clone_from=PdfReader(bundle))
    page = writer.pages[6]
    content = ContentStream(page.get_contents(), writer)
    content.set_data(content.get_data() + b"\nq 1 0 0 1 0 0 cm Q\n")
    page[NameObject("/Contents")] = writer._add_object(content)
    copy = folder / bundle.name
    with copy.open("wb") as handle:
        writer.write(handle)
    return copy
