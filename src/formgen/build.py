"""The pipeline: load and validate every case first, then render each case's documents."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import TemplateError

from formgen.cases.load import Case, load_cases, registers, to_case
from formgen.cases.source import Record
from formgen.catalog import Form
from formgen.errors import FormgenError, InputError, Problem
from formgen.output import build_time, safe_path, write_atomic
from formgen.project import Project

FORMATS = ("docx", "pdf")


@dataclass
class Rendered:
    """One document of a case, rendered."""

    form: Form
    docx: bytes | None = None
    pdf: bytes | None = None


@dataclass
class Outcome:
    """What happened to one case: the files written, or why it failed."""

    label: str
    written: list[Path] = field(default_factory=list)
    error: str | None = None


def common_context(project: Project, form: Form, case: Case, when: dt.datetime) -> dict[str, Any]:
    """What every template gets besides its form's own context."""
    profile = project.profile
    key = form.decl.regulation
    regulation = profile.regulaminy.get(key) if key else None
    if key and regulation is None:
        raise FormgenError(f"{project.data / 'institution.yaml'}: regulaminy: no '{form.decl.regulation}' "
                           f"entry, needed by form {form.id}")
    annex = regulation.zalaczniki.get(form.id, form.decl.annex) if regulation else form.decl.annex
    return {"formularz": form.decl, "instytucja": profile, "regulamin": regulation, "zalacznik": annex,
            "autor_dokumentu": profile.nazwa, "wystawca": profile,  # a form's context may name another issuer
            "styl_dat": form.decl.daty, "sprawa": {"id": case.id}, "wygenerowano": when.date()}


def document_context(project: Project, form: Form, case: Case, when: dt.datetime) -> dict[str, Any]:
    """Everything one form's templates of a case get: the common part and the form's own."""
    return {**common_context(project, form, case, when), **form.context(case.data_for(form), project)}


def render_document(project: Project, form: Form, case: Case, formats: Iterable[str],
                    when: dt.datetime) -> Rendered:
    """Render one form of a case to the requested formats (bytes, nothing written)."""
    from formgen.render.docx import render_docx
    from formgen.render.html import render_html
    from formgen.render.pdf import html_to_pdf

    context = document_context(project, form, case, when)
    out = Rendered(form)
    try:
        if "docx" in formats:
            out.docx = render_docx(form.docx_template, project.templates, context,
                                   form.decl.title, context["autor_dokumentu"], when)
        if "pdf" in formats:
            html = render_html(project.templates, form, context, when)
            out.pdf = html_to_pdf(html, form.folder, [project.templates])
    except TemplateError as exc:
        raise FormgenError(f"form {form.id}: template error: {exc}") from exc
    return out


def render_case(project: Project, case: Case, out_dir: Path, formats: Iterable[str]) -> Outcome:
    """Render every document of a case and write them; all or nothing for the case."""
    when = build_time()
    docs = [render_document(project, form, case, formats, when) for form in case.forms]
    outcome = Outcome(case_label(case))
    for doc in docs:
        for fmt in FORMATS:
            data = getattr(doc, fmt)
            if data is not None:
                target = safe_path(out_dir, doc.form.id, f"{case.id}.{fmt}")
                write_atomic(target, data)
                outcome.written.append(target)
    return outcome


def case_label(case: Case) -> str:
    """How a case is named in messages: its file and line, never personal data."""
    if case.derived:
        return f"register {case.id} ({len(case.data.pozycje)} entries)"  # type: ignore[attr-defined]
    return f"{case.record.path}:{case.record.line} ({case.id})"


# Workers of a process pool: one Project per process, cases passed as raw records.
_WORKER: dict[str, Any] = {}


def _init_worker(templates: Path, data: Path) -> None:
    _WORKER["project"] = Project(templates, data)


def _work(record: Record, out_dir: Path, formats: tuple[str, ...]) -> Outcome:
    project: Project = _WORKER["project"]
    try:
        return render_case(project, to_case(record, project), out_dir, formats)
    except FormgenError as exc:
        return Outcome(f"{record.path}:{record.line}", error=exc.message)


def collect(project: Project, paths: list[Path], form: str | None = None) -> tuple[list[Case], list[InputError]]:
    """Read and validate every case under the paths: the valid cases and the problems."""
    cases: list[Case] = []
    invalid: list[InputError] = []
    first: dict[str, Case] = {}
    for item in load_cases(paths, project, form):
        if isinstance(item, InputError):
            invalid.append(item)
        elif item.id in first:
            # Its documents and bundle would overwrite the first case's: the first one stands.
            earlier = first[item.id].record
            where = f"{earlier.path}:{earlier.line_of(('id',))}"
            invalid.append(InputError([Problem(str(item.record.path), item.record.line_of(("id",)), "id",
                                               f"case id '{item.id}' is already used by the case at {where}")]))
        else:
            first[item.id] = item
            cases.append(item)
    return cases + registers(cases, project), invalid


def render_all(project: Project, cases: list[Case], out_dir: Path, formats: tuple[str, ...],
               jobs: int = 1, progress: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Render every case (in `jobs` processes); a failing case does not stop the others."""
    outcomes: list[Outcome] = []
    pooled = [c for c in cases if not c.derived] if jobs > 1 and len(cases) > 2 else []
    if pooled:
        with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                 initargs=(project.templates, project.data)) as pool:
            futures = [pool.submit(_work, c.record, out_dir, formats) for c in pooled]
            for future in futures:
                outcomes.append(future.result())
                progress(outcomes[-1])
    sent = {id(c) for c in pooled}
    for case in cases:
        if id(case) not in sent:
            outcomes.append(_guarded(project, case, out_dir, formats))
            progress(outcomes[-1])
    return outcomes


def _guarded(project: Project, case: Case, out_dir: Path, formats: tuple[str, ...]) -> Outcome:
    try:
        return render_case(project, case, out_dir, formats)
    except FormgenError as exc:
        return Outcome(case_label(case), error=exc.message)
