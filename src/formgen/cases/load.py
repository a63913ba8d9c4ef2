"""From files to typed, checked cases: discover, read, validate, cross-check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from formgen.cases.answers import NONE, Answers, attach
from formgen.cases.csvread import read_csv
from formgen.cases.include import expand_includes
from formgen.cases.source import Record
from formgen.cases.validation import at, located, problems_of
from formgen.cases.yamlread import read_yaml
from formgen.catalog import Form
from formgen.errors import CatalogError, InputError, Problem, describe
from formgen.fields import CaseId
from formgen.forms.common import name_warnings
from formgen.forms.labels import field_info
from formgen.i18n import N_, _
from formgen.project import Project

READERS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
WARNING = N_("warning: {message}")  # a case's warning: worth a look, not an error
_CASE_ID = TypeAdapter(CaseId)


@dataclass(frozen=True)
class Case:
    """One matter: its id, the forms it yields, and its typed data for each form."""

    id: str
    record: Record
    forms: tuple[Form, ...]
    data: BaseModel
    derived: bool = False  # a register built from other cases, not read from a file
    warnings: tuple[Problem, ...] = ()  # worth a look, but not errors (e.g. a name's guessed forms)
    answers: Answers = NONE  # what the register answered for it (amounts used, numbers)

    def data_for(self, form: Form) -> BaseModel:
        """The case's data seen through one form's schema (with the register's answers)."""
        if isinstance(self.data, form.schema):
            return self.data
        names = form.schema.model_fields
        data = form.schema.model_construct(**{k: getattr(self.data, k) for k in names})
        return attach(data, self.answers) if self.answers else data


def discover(paths: list[Path], skip: tuple[Path, ...] = ()) -> list[Path]:
    """Case files under the given files and folders, sorted, without duplicates. Folders in
    `skip` (the project's own data and templates) and hidden folders (.venv, .git) are left
    out of a folder's walk, but read when named themselves or below."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            hidden = [s.resolve() for s in skip if s.resolve() != root and s.resolve().is_relative_to(root)]
            found += [p for p in sorted(path.rglob("*")) if p.suffix.lower() in READERS and p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(path).parts)
                      and not any(p.resolve().is_relative_to(h) for h in hidden)]
        elif path.is_file():
            found.append(path)
        else:
            raise InputError([Problem(str(path), 0, "", _("no such file or folder"))])
    return list(dict.fromkeys(found))


def read_records(path: Path, form: str | None = None, encoding: str | None = None,
                 project: Project | None = None) -> list[Record | InputError]:
    """A file's records (a bad CSV row as its own InputError) with the reader its extension
    names; a problem of the whole file raises InputError. With a project, CSV columns may be
    titled with the form's Polish field titles."""
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise InputError([Problem(str(path), 0, "", _("not a case file (use .yaml, .yml or .csv)"))])
    if kind == "csv":
        return read_csv(path, form, encoding, _aliases(project) if project else None)
    records = read_yaml(path, encoding)
    for record in records:
        expand_includes(record, encoding)
    return list(records)


def _aliases(project: Project) -> Callable[[str], dict[str, tuple[str | int, ...]]]:
    """The Polish column titles of a form's CSV (none for an unknown form)."""
    from formgen.starter import column_aliases

    def of(form_id: str) -> dict[str, tuple[str | int, ...]]:
        form = project.catalog.forms.get(form_id)
        return column_aliases(form.schema) if form else {}

    return of


def forms_of(record: Record, project: Project) -> tuple[Form, ...]:
    """The forms a record asks for: `form` (one id or a list), or a case kind (`rodzaj`)."""
    raw, kind = record.data.get("form"), record.data.get("rodzaj")
    ids = None if raw is None else [str(i) for i in (raw if isinstance(raw, list) else [raw])]
    try:
        if kind is not None:
            return project.catalog.forms_of_kind(str(kind), ids)
        if ids is None:
            raise InputError(labelled([at(record, ("form",), _("required field is missing (the form id)"))], BaseModel))
        return tuple(project.catalog.get(i) for i in ids)
    except CatalogError as exc:
        where = ("rodzaj",) if kind is not None else ("form",)
        raise InputError(labelled([at(record, where, exc.message)], BaseModel)) from None


def to_case(record: Record, project: Project) -> Case:
    """Validate one record into a Case, reporting every problem at once.

    Whatever goes wrong while checking (a library's error included) is a problem of this
    record, never of the run."""
    try:
        return _to_case(record, project)
    except InputError:
        raise
    except Exception as exc:
        raise InputError([at(record, (), _("cannot be checked: {error}").format(error=describe(exc)))]) from exc


def _to_case(record: Record, project: Project) -> Case:
    forms = forms_of(record, project)
    problems: list[Problem] = []
    case_id = _case_id(record, problems)
    fields = {k: v for k, v in record.data.items() if k not in ("form", "id", "rodzaj")}
    schema = project.catalog.merged_schema(forms)
    try:
        data = schema.model_validate(fields)
    except ValidationError as exc:
        raise InputError(labelled(problems + problems_of(exc, record), schema)) from None
    warnings = tuple(labelled([at(record, loc, _(WARNING).format(message=msg)) for loc, msg in name_warnings(data)],
                              schema))
    answers = record.answers or NONE
    if answers:
        data = attach(data, answers)
    case = Case(id=case_id, record=record, forms=forms, data=data, warnings=warnings, answers=answers)
    for form in forms:
        if form.check:
            problems += _run_check(form, case, project)
    if problems:
        raise InputError(labelled(problems, schema))
    return case


def bare_warning(message: str) -> str:
    """A warning's message without its "warning: " (the web page shows warnings apart)."""
    return message.removeprefix(_(WARNING).format(message=""))


def labelled(problems: list[Problem], schema: type[BaseModel]) -> list[Problem]:
    """The problems with the Polish titles of their fields (messages name fields by them)."""
    out = []
    for problem in problems:
        if problem.field in META_TITLES:
            out.append(replace(problem, label=META_TITLES[problem.field]))
            continue
        info = field_info(schema, problem.field) if problem.field else None
        out.append(replace(problem, label=info.title) if info else problem)
    return out


# The Polish titles of the keys every case has (messages name these fields by them).
META_TITLES = {"form": "Formularz", "id": "Identyfikator sprawy", "rodzaj": "Rodzaj sprawy"}


def _run_check(form: Form, case: Case, project: Project) -> list[Problem]:
    assert form.check is not None
    try:
        return located(case.record, form.check(case.data_for(form), project))
    except CatalogError as exc:  # e.g. no parameters for the case's year
        return [at(case.record, (), exc.message)]


def _case_id(record: Record, problems: list[Problem]) -> str:
    raw = record.data.get("id")
    if raw is None:
        problems.append(at(record, ("id",), _("required field is missing (the case id)")))
        return ""
    try:
        return str(_CASE_ID.validate_python(raw))
    except ValidationError as exc:
        problems.append(at(record, ("id",), exc.errors()[0]["msg"].removeprefix("Value error, ")))
        return ""


def load_cases(paths: list[Path], project: Project, form: str | None = None,
               encoding: str | None = None) -> Iterator[Case | InputError]:
    """Every case under the paths; a bad file, row or case yields its InputError instead.

    CSV files that a YAML case includes (`{wczytaj: …}`) are part of that case, not cases.
    """
    files = discover(paths, (project.data, project.templates))
    read: dict[Path, list[Record | InputError]] = {}
    for path in files:
        if READERS.get(path.suffix.lower()) == "yaml":
            read[path] = _read(path, form, encoding, project)
    included = {f.resolve() for items in read.values() for r in items if isinstance(r, Record)
                for f in r.files.values()}
    for path in files:
        if path not in read and path.resolve() in included:
            continue
        for item in read[path] if path in read else _read(path, form, encoding, project):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield to_case(item, project)
            except InputError as exc:
                yield exc


def _read(path: Path, form: str | None, encoding: str | None, project: Project) -> list[Record | InputError]:
    try:
        return read_records(path, form, encoding, project)
    except InputError as exc:
        return [exc]
    except Exception as exc:  # noqa: BLE001 - an unreadable file is that file's problem only
        return [InputError([Problem(str(path), 0, "", _("cannot be read: {error}").format(error=describe(exc)))])]

def registers(cases: list[Case], project: Project) -> list[Case]:
    """One derived case per register form whose source form occurs among the cases."""
    out = []
    for form in project.catalog.forms.values():
        source = form.decl.collects
        items = [c.data_for(project.catalog.get(source)) for c in cases
                 if source and any(f.id == source for f in c.forms)]
        if items:
            record = Record(path=Path(form.id), line=0, data={})
            data = form.schema.model_construct(pozycje=items)
            out.append(Case(id=form.id, record=record, forms=(form,), data=data, derived=True))
    return out
