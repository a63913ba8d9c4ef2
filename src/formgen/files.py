"""The files writer: a case's documents as <form-id>/<case-id>.docx and .pdf.

Its jobs run in worker processes (or on a cluster): they validate the case records again,
render the documents and return the files as bytes with what they were made from; the process
that runs the build writes them (formgen.pipeline). So workers need no shared folder, every
file is staged and committed in one place, and a worker that fails leaves nothing behind.
The bundle writer (formgen.bundle) works the same way.
"""

from __future__ import annotations

import datetime as dt

from formgen.cases.load import Case, registers, to_case
from formgen.cases.source import Record
from formgen.documents import render_document
from formgen.errors import InputError, Problem
from formgen.i18n import _
from formgen.output import Spooled
from formgen.project import Project, Setup
from formgen.runner import Product

FORMATS = ("docx", "pdf")


def case_files(setup: Setup, record: Record, formats: tuple[str, ...], when: dt.datetime) -> Product:
    """A case's DOCX and PDF files: <form-id>/<case-id>.docx and .pdf."""
    project = setup.project()
    case = to_case(record, project)
    return render_files(project, case, formats, when, [str(w) for w in case.warnings])


def register_files(setup: Setup, form_id: str, records: list[Record], formats: tuple[str, ...],
                   when: dt.datetime) -> Product:
    """A register (e.g. the staff list) made from its source cases' records."""
    project = setup.project()
    cases = [to_case(record, project) for record in records]
    made = [r for r in registers(cases, project) if r.id == form_id]
    if not made:
        raise InputError([Problem(form_id, 0, "", _("no case of its source form to list"))])
    return render_files(project, made[0], formats, when)


def render_files(project: Project, case: Case, formats: tuple[str, ...], when: dt.datetime,
                 warnings: list[str] | None = None) -> Product:
    """A case's documents as files: <form-id>/<case-id>.docx and .pdf, in memory."""
    with project.recording() as used:
        docs = [render_document(project, form, case, when, docx="docx" in formats, layout="pdf" in formats)
                for form in case.forms]
    files: list[tuple[str, bytes | Spooled]] = []
    for doc in docs:
        if doc.docx is not None:
            files.append((f"{doc.form.id}/{case.id}.docx", doc.docx))
        if doc.layout is not None:
            files.append((f"{doc.form.id}/{case.id}.pdf", doc.pdf))
    return Product(files, project.relative(used), warnings or [])
