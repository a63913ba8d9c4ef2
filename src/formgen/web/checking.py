"""Checking a case typed into the page: the same validation as `formgen validate` (schema,
the forms' checks, every document rendered in memory) and the values the forms compute."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from formgen.cases.load import Case, bare_warning, to_case
from formgen.cases.source import Record
from formgen.catalog import Form
from formgen.errors import CatalogError, FormgenError, InputError, Problem
from formgen.project import Project
from formgen.web.schemaform import Spec, specs

# What problems of a case typed into the page name as their file. No suffix: the bundle writer
# attaches a .yaml record path's file from disk, and a typed case has none.
SOURCE = "formularz"


@dataclass(frozen=True)
class Selection:
    """What the page fills: one form, or the chosen documents of a case kind."""

    forms: tuple[Form, ...]
    kind: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.forms)

    @property
    def title(self) -> str:
        if self.kind is None and len(self.forms) == 1:
            return self.forms[0].decl.title
        return f"Sprawa: {self.kind or ', '.join(f.decl.short for f in self.forms)}"

    def head(self) -> dict[str, Any]:
        """The keys of a case file that say what it is (`form`, or `rodzaj` with `form`)."""
        if self.kind is None:
            return {"form": self.forms[0].id if len(self.forms) == 1 else list(self.ids)}
        return {"rodzaj": self.kind, "form": list(self.ids)}

    def schema(self, project: Project) -> type[BaseModel]:
        return _merged(project, self.ids)

    def specs(self, project: Project) -> tuple[Spec, ...]:
        return specs(self.schema(project))


@lru_cache(maxsize=64)
def _merged(project: Project, ids: tuple[str, ...]) -> type[BaseModel]:
    return project.catalog.merged_schema(tuple(project.catalog.get(i) for i in ids))


def select(project: Project, form_ids: list[str], kind: str | None, chosen: list[str] | None) -> Selection:
    """The selection a request names: forms (one, or several of one case), or a case kind with
    the chosen of its documents; a CatalogError for an unknown form or kind, or a register."""
    if kind:
        return Selection(project.catalog.forms_of_kind(kind, chosen or None), kind)
    forms = tuple(project.catalog.get(i) for i in dict.fromkeys(form_ids or [""]))
    for form in forms:
        if form.decl.collects:
            raise CatalogError(f"'{form.id}' powstaje z wielu spraw: przygotuj go wsadowo")
    return Selection(forms)


def record_of(selection: Selection, data: dict[str, Any]) -> Record:
    """A case typed into the page as the record a case file would give."""
    fields = {k: v for k, v in data.items() if k not in ("form", "rodzaj")}
    return Record(path=Path(SOURCE), line=0, data={**selection.head(), **fields})


@dataclass
class Summary:
    """One form's computed values (its context), for the page's "Wyliczenia" panel."""

    form: Form
    context: dict[str, Any]


@dataclass
class Checked:
    """A case checked: the case when valid, its problems and warnings, what the forms compute."""

    case: Case | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    record: Record | None = None  # what was checked, with the register's answers (foreseen)
    typed: Case | None = None  # the valid case as typed, without them (what is issued)

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.problems

    @cached_property
    def by_field(self) -> dict[str, list[str]]:
        """Messages by the dotted path of their field ('' for the whole case)."""
        found: dict[str, list[str]] = {}
        for problem in self.problems:
            found.setdefault(problem.field, []).append(problem.message)
        return found

    @cached_property
    def warnings_by_field(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for warning in self.warnings:
            found.setdefault(warning.field, []).append(bare_warning(warning.message))
        return found


# Validation runs in the server's threads, and the name rules share one Morfeusz analyser, which
# is not safe to use from two threads at once: one check at a time (each takes milliseconds).
_ONE_AT_A_TIME = threading.Lock()


def case_of(record: Record, project: Project) -> Case:
    """`to_case`, one thread at a time."""
    with _ONE_AT_A_TIME:
        return to_case(record, project)


def validate(project: Project, selection: Selection, record: Record) -> Checked:
    """The schema and the forms' checks, and the computed values (partial while invalid)."""
    with _ONE_AT_A_TIME:
        try:
            case = to_case(record, project)
        except InputError as exc:
            return Checked(None, list(exc.problems), summaries=_summaries(project, selection, record))
        return Checked(case, warnings=list(case.warnings), summaries=_summaries(project, selection, record, case))


def _summaries(project: Project, selection: Selection, record: Record, case: Case | None = None) -> list[Summary]:
    out = []
    for form in selection.forms:
        data = case.data_for(form) if case else _partial(form.schema, record.data)
        try:
            out.append(Summary(form, form.context(data, project)))
        except (FormgenError, ArithmeticError, AttributeError, AssertionError, KeyError, LookupError,
                TypeError, ValueError):
            continue  # not computable yet: a field it needs is missing or wrong
    return out


def _partial(schema: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """The schema's fields that are valid on their own (for the values computed while a case is
    still incomplete); the others missing."""
    valid = {}
    for name in schema.model_fields:
        if name not in data:
            continue
        try:
            valid[name] = _adapter(schema, name).validate_python(data[name])
        except ValidationError:
            continue
    return schema.model_construct(**valid)


@lru_cache(maxsize=512)
def _adapter(schema: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = schema.model_fields[name]
    annotation: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def located(problems: list[Problem]) -> list[Problem]:
    """Problems as the page shows them: without the placeholder file name of a typed case."""
    return [Problem("", 0, p.field, p.message) if p.source == SOURCE else p for p in problems]


def unused(problems: dict[str, list[str]], names: set[str]) -> list[tuple[str, str]]:
    """(field, message) of problems whose field has no place of its own on the page."""
    return [(name, message) for name, messages in problems.items() if name not in names
            for message in messages]


