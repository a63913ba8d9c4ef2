"""Rendering for the output tests: each document's PDF with its pages' printable boxes, and its
DOCX; every example case rendered once per test session (golden files, layout, fidelity)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from formgen.cases.load import Case
from formgen.catalog import Form
from formgen.documents import document_context
from formgen.pipeline import collect
from formgen.project import Project
from formgen.render.docx import render_docx
from formgen.render.html import render_html
from formgen.render.pdf import html_to_document
from tests.conftest import EXAMPLES, ROOT
from tests.pdf_layout import MM, Box

WHEN = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)  # one clock: the same bytes every run
PX = 0.75  # WeasyPrint's CSS pixels in PDF points
FOOTER_EDGE = 5 * MM  # the footer may use the bottom margin down to 5 mm from the edge


@dataclass(frozen=True)
class Document:
    """One rendered document of a case."""

    case: Case
    form: Form
    pdf: bytes
    boxes: list[Box]
    docx: bytes

    @property
    def name(self) -> str:
        """'form-id/case-id', as the tests are named."""
        return f"{self.form.id}/{self.case.id}"

    @property
    def source(self) -> str:
        """Where the case comes from, relative to the repository (a register: its form)."""
        path = self.case.record.path
        return path.relative_to(ROOT).as_posix() if path.is_absolute() else f"register of {path}"


def printable_boxes(document) -> list[Box]:  # type: ignore[no-untyped-def]
    """Each page's content area; below it, the bottom margin (footer) down to 5 mm from the edge."""
    boxes = []
    for page in document.pages:
        box = page._page_box  # WeasyPrint's laid-out page: its used margins, in CSS px
        boxes.append(Box(box.margin_left * PX, box.margin_top * PX,
                         (page.width - box.margin_right) * PX, page.height * PX - FOOTER_EDGE))
    return boxes


def render(project: Project, form: Form, case: Case, docx: bool = True, pdf: bool = True) -> Document:
    """The form's PDF (with its pages' printable boxes) and DOCX for the case."""
    context = document_context(project, form, case, WHEN)
    word = (render_docx(form.docx_template, project.templates, context, form.decl.title,
                        context["autor_dokumentu"], WHEN) if docx else b"")
    if not pdf:
        return Document(case, form, b"", [], word)
    html = render_html(project.templates, form, context, WHEN)
    laid_out = html_to_document(html, form.folder, [project.templates])
    return Document(case, form, laid_out.write_pdf(), printable_boxes(laid_out), word)


def project() -> Project:
    return Project(ROOT / "templates", ROOT / "data")


@lru_cache(maxsize=1)
def example_cases() -> tuple[Case, ...]:
    """Every example case, registers included (read and checked, not rendered)."""
    cases, invalid = collect(project(), [EXAMPLES])
    assert not invalid, [e.message for e in invalid]
    return tuple(cases)


def example_names() -> list[str]:
    """'form-id/case-id' of every document of the example cases, sorted (cheap: no rendering)."""
    return sorted(f"{form.id}/{case.id}" for case in example_cases() for form in case.forms)


@lru_cache(maxsize=1)
def examples() -> dict[str, Document]:
    """Every document of every example case, rendered once per session, by name."""
    where = project()
    docs = [render(where, form, case) for case in example_cases() for form in case.forms]
    return {doc.name: doc for doc in sorted(docs, key=lambda d: d.name)}
