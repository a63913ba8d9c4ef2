"""The work done in worker processes (or on a cluster): records in, bytes out.

Each job validates its case records again, renders their documents and returns the files to
write as bytes with what they were made from; the process that runs the build writes them
(formgen.pipeline). So workers need no shared folder, every file is staged and committed in
one place, and a worker that fails leaves nothing behind.

Jobs are plain functions of picklable arguments; a worker builds its Project once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from formgen.cases.load import Case, registers, to_case
from formgen.cases.source import Record
from formgen.documents import render_document
from formgen.errors import InputError, Problem, describe
from formgen.project import Project

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Setup:
    """Where a worker finds the templates and data (a Project is rebuilt from it per process)."""

    templates: Path
    data: Path

    def project(self) -> Project:
        key = (self.templates, self.data)
        if key not in _PROJECTS:
            _PROJECTS[key] = Project(self.templates, self.data)
        return _PROJECTS[key]


_PROJECTS: dict[tuple[Path, Path], Project] = {}


@dataclass
class Product:
    """What a job made: files (path relative to the output folder, bytes) and where from."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    used: list[str] = field(default_factory=list)  # data files read, relative to the data folder
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    """Why a job made nothing: its input problems, or an error message."""

    problems: list[Problem] = field(default_factory=list)
    error: str | None = None


def perform(call: object, args: tuple[object, ...]) -> Product | Failure:
    """Run a job function; whatever it raises becomes a Failure (picklable, unlike some errors)."""
    try:
        return call(*args)  # type: ignore[operator, no-any-return]
    except InputError as exc:
        return Failure(problems=list(exc.problems))
    except Exception as exc:  # noqa: BLE001 - one job's failure stays its own
        return Failure(error=describe(exc))


def _relative(project: Project, used: set[Path]) -> list[str]:
    return sorted(p.relative_to(project.data).as_posix() for p in used if p.is_file())


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
        raise InputError([Problem(form_id, 0, "", "no case of its source form to list")])
    return render_files(project, made[0], formats, when)


def render_files(project: Project, case: Case, formats: tuple[str, ...], when: dt.datetime,
                 warnings: list[str] | None = None) -> Product:
    """A case's documents as files: <form-id>/<case-id>.docx and .pdf, in memory."""
    with project.recording() as used:
        docs = [render_document(project, form, case, when, docx="docx" in formats, layout="pdf" in formats)
                for form in case.forms]
    files: list[tuple[str, bytes]] = []
    for doc in docs:
        if doc.docx is not None:
            files.append((f"{doc.form.id}/{case.id}.docx", doc.docx))
        if doc.layout is not None:
            files.append((f"{doc.form.id}/{case.id}.pdf", doc.pdf))
    return Product(files, _relative(project, used), warnings or [])


def bundle_file(setup: Setup, name: str, records: list[Record], register: str | None, variant: str,
                protection: object, when: dt.datetime) -> Product:
    """One bundle (<name>.pdf and <name>.manifest.json) of the records' cases, or of the
    register `register` made from them."""
    from formgen.bundle import Protection, bundle_pdf, render_for_bundle

    project = setup.project()
    cases = [to_case(record, project) for record in records]
    warnings = [str(w) for case in cases for w in case.warnings]
    if register is not None:
        cases = [r for r in registers(cases, project) if r.id == register]
        warnings = []
    with project.recording() as used:
        documents = render_for_bundle(project, cases, variant, when)
        pdf, manifest = bundle_pdf(project, cases, name, documents, used, variant,
                                   protection if isinstance(protection, Protection) else None, when)
    return Product([(f"{name}.pdf", pdf), (f"{name}.manifest.json", manifest.to_json())],
                   _relative(project, used), warnings)


def unexpected(exc: BaseException) -> Failure:
    """A failure that happened outside the job function (a worker that died)."""
    return Failure(error=describe(exc))
