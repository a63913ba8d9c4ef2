"""The pipeline: read and check every case, then render each case on its own.

Every case is all or nothing: its documents are rendered in memory, staged beside their
targets and renamed into place together; whatever fails (formgen's check, a library, the
disk) fails that case only. Registers are made afterwards from the cases whose documents
were produced. `check` is the same rendering without writing, for `validate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from formgen import runner
from formgen.cases.load import Case, load_cases, registers, to_case
from formgen.cases.source import MAX_TABLE_ROWS, Record
from formgen.catalog import Form
from formgen.errors import FormgenError, InputError, Problem, describe
from formgen.output import Staged, build_time, name_key, remove_stale_temporaries, safe_path
from formgen.project import Project

FORMATS = ("docx", "pdf")


@dataclass
class Rendered:
    """One document of a case, rendered."""

    form: Form
    docx: bytes | None = None
    pdf: bytes | None = None


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
    """Render one form of a case (bytes, nothing written). Formats: "docx", "pdf", and "html",
    which fills the HTML template without laying it out (a dry run of the PDF path)."""
    from formgen.render.docx import render_docx
    from formgen.render.html import render_html
    from formgen.render.pdf import html_to_pdf

    context = document_context(project, form, case, when)
    out = Rendered(form)
    try:
        if "docx" in formats:
            out.docx = render_docx(form.docx_template, project.templates, context,
                                   form.decl.title, context["autor_dokumentu"], when)
        if "pdf" in formats or "html" in formats:
            html = render_html(project.templates, form, context, when)
            _check_size(form, html)
            if "pdf" in formats:
                out.pdf = html_to_pdf(html, form.folder, [project.templates])
    except TemplateError as exc:
        raise FormgenError(f"form {form.id}: template error: {exc}") from exc
    return out


def _check_size(form: Form, html: str) -> None:
    """Refuse, before layout, a document too large to lay out within the memory limit."""
    rows = html.count("<tr")
    if rows > MAX_TABLE_ROWS:
        raise FormgenError(f"form {form.id}: the document would hold {rows} table rows; the limit is "
                           f"{MAX_TABLE_ROWS}: split the case (or the input of a register) into smaller ones")


def render_case(project: Project, case: Case, out_dir: Path, formats: Iterable[str],
                when: dt.datetime | None = None) -> list[Path]:
    """Render every document of a case and write them, all or none; the files written."""
    when = when or build_time()
    docs = [render_document(project, form, case, formats, when) for form in case.forms]
    staged = Staged()
    try:
        for doc in docs:
            for fmt in FORMATS:
                data = getattr(doc, fmt)
                if data is not None:
                    staged.add(safe_path(out_dir, doc.form.id, f"{case.id}.{fmt}"), data)
        return staged.commit()
    finally:
        staged.discard()


def case_label(case: Case) -> str:
    """How a case is named in messages: its file and line, never personal data."""
    if case.derived:
        return f"register {case.id} ({len(case.data.pozycje)} entries)"  # type: ignore[attr-defined]
    return f"{case.record.path}:{case.record.line} ({case.id})"


# --- Reading and checking ---------------------------------------------------------------

def collect(project: Project, paths: list[Path], form: str | None = None,
            encoding: str | None = None) -> tuple[list[Case], list[InputError]]:
    """Read and validate every case under the paths: the valid cases with the registers made
    from them, and the problems. Two cases whose outputs would share a name: the first stands."""
    cases: list[Case] = []
    invalid: list[InputError] = []
    names: dict[str, Case] = {}
    reserved = {name_key(f.id): f.id for f in project.catalog.forms.values() if f.decl.collects}
    for item in load_cases(paths, project, form, encoding):
        if isinstance(item, InputError):
            invalid.append(item)
            continue
        clash = _name_clash(item, names, reserved)
        if clash:
            invalid.append(clash)
            continue
        names[name_key(item.id)] = item
        cases.append(item)
    return cases + registers(cases, project), invalid


def _name_clash(case: Case, names: dict[str, Case], reserved: dict[str, str]) -> InputError | None:
    """The problem of a case whose files or bundle would land on another's, else None."""
    key, record = name_key(case.id), case.record
    where = (str(record.path), record.line_of(("id",)), "id")
    if key in reserved:
        return InputError([Problem(*where, f"case id '{case.id}' is the name of the register "
                                           f"{reserved[key]}; choose another id")])
    other = names.get(key)
    if other is None:
        return None
    place = f"{other.record.path}:{other.record.line_of(('id',))}"
    if other.id == case.id:
        return InputError([Problem(*where, f"case id '{case.id}' is already used by the case at {place}")])
    return InputError([Problem(*where, f"case id '{case.id}' names the same files as '{other.id}' at {place} "
                                       f"(file names ignore letter case and '-' or '.' at the ends)")])


def check(project: Project, cases: list[Case]) -> list[InputError]:
    """Render every document of every case in memory, as `render` would, without laying out or
    writing: what would fail there is reported now, as a problem of the case."""
    when = build_time()
    sources = [c for c in cases if not c.derived]
    problems, passed = [], []
    for case in sources:
        problem = _dry_run(project, case, when)
        if problem:
            problems.append(problem)
        else:
            passed.append(case)
    wanted = {c.id for c in cases if c.derived}
    for register in registers(passed, project):
        if register.id in wanted:
            problem = _dry_run(project, register, when)
            problems += [problem] if problem else []
    return problems


def _dry_run(project: Project, case: Case, when: dt.datetime) -> InputError | None:
    try:
        for form in case.forms:
            render_document(project, form, case, ("docx", "html"), when)
    except Exception as exc:  # noqa: BLE001 - every failure is this case's problem
        source, line = (case.id, 0) if case.derived else (str(case.record.path), case.record.line)
        return InputError([Problem(source, line, "", f"({case.id}) cannot be rendered: {describe(exc)}")])
    return None


# --- Rendering many cases ---------------------------------------------------------------

@dataclass
class Report:
    """What a build did: one result per case, then per register; `stopped` when a fatal write
    error ended the run early."""

    results: list[runner.Result]
    stopped: runner.Result | None = None

    @property
    def failed(self) -> list[runner.Result]:
        return [r for r in self.results if not r.ok]

    @property
    def written(self) -> list[Path]:
        return [path for r in self.results for path in r.written]


_WORKER: dict[str, Any] = {}


def init_worker(templates: Path, data: Path) -> None:
    """Start a worker process: one Project per process."""
    _WORKER["project"] = Project(templates, data)


def _case_from_record(record: Record, out_dir: Path, formats: tuple[str, ...], when: dt.datetime) -> list[Path]:
    project: Project = _WORKER["project"]
    return render_case(project, to_case(record, project), out_dir, formats, when)


def build(project: Project, cases: list[Case], out_dir: Path, formats: tuple[str, ...] = FORMATS,
          jobs: int = 1, progress: Callable[[runner.Result], None] = lambda r: None) -> Report:
    """Render every case (in `jobs` processes), then the registers of the cases that succeeded."""
    remove_stale_temporaries(out_dir)
    when = build_time()
    sources = [c for c in cases if not c.derived]
    if runner.pooled(jobs, len(sources)):
        work = [runner.Job(case_label(c), _case_from_record, (c.record, out_dir, formats, when)) for c in sources]
    else:
        work = [runner.Job(case_label(c), render_case, (project, c, out_dir, formats, when)) for c in sources]
    results = runner.run(work, jobs, init_worker, (project.templates, project.data), progress)
    stopped = next((r for r in results if r.fatal), None)
    if stopped:
        return Report(results, stopped)
    done = [case for case, result in zip(sources, results) if result.ok]
    wanted = {c.id for c in cases if c.derived}
    made = [r for r in registers(done, project) if r.id in wanted]
    more = runner.run([runner.Job(case_label(r), render_case, (project, r, out_dir, formats, when))
                       for r in made], 1, progress=progress)
    return Report(results + more, next((r for r in more if r.fatal), None))
