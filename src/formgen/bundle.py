"""Bundles: a case's documents merged into one PDF with a bookmark per document."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from formgen import __version__
from formgen.build import case_label, render_document
from formgen.cases.load import Case
from formgen.errors import FormgenError
from formgen.output import build_time, safe_path, write_atomic
from formgen.project import Project


def _pdf_date(when: object) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")  # type: ignore[attr-defined]


def bundle_pdf(project: Project, cases: list[Case], title: str) -> bytes:
    """Merge the documents of `cases` into one PDF, one outline entry per document."""
    when = build_time()
    writer = PdfWriter()
    for case in cases:
        for form in case.forms:
            doc = render_document(project, form, case, ("pdf",), when)
            label = form.decl.short if len(cases) == 1 else f"{case.id}: {form.decl.short}"
            writer.append(PdfReader(io.BytesIO(doc.pdf or b"")), outline_item=label, import_outline=False)
    writer.metadata = None
    writer.add_metadata({"/Title": title, "/Author": project.profile.nazwa,
                         "/Producer": f"formgen {__version__}", "/CreationDate": _pdf_date(when),
                         "/ModDate": _pdf_date(when)})
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "bundle"


def make_bundles(project: Project, cases: list[Case], out: Path,
                 per_file: bool) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write a bundle per case (or per input file); return the files and the failures."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        key = _slug(case.record.path.stem) if per_file else case.id
        groups.setdefault(key, []).append(case)
    written, failed = [], []
    for name, group in groups.items():
        try:
            data = bundle_pdf(project, group, f"Pakiet dokumentów: {name}")
            target = safe_path(out, f"{name}.pdf")
            write_atomic(target, data)
            written.append(target)
        except FormgenError as exc:
            failed.append((case_label(group[0]), exc.message))
    return written, failed
