"""The pages: pick a form or a case kind, fill it, check it as it is typed, start it from a file
or from an earlier case."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from formgen.cases.yamlread import read_yaml
from formgen.catalog import Form
from formgen.errors import CatalogError, FormgenError, InputError, Problem
from formgen.project import Project
from formgen.web import formdata
from formgen.web.checking import Checked, Selection, located, record_of, select, validate
from formgen.web.common import htmx, posted, render, web
from formgen.web.jobs import dry_run
from formgen.web.schemaform import find, paths
from formgen.web.uploads import UploadError, read_upload
from formgen.web.views import has_value
from formgen.web.workers import RenderTimeout, WorkerDied

router = APIRouter(include_in_schema=False)


# --- Picking a form ----------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """Every form that can be filled, grouped by regulation, and the case kinds."""
    project = web(request).project
    return render(request, "index.html", {"groups": form_groups(project), "kinds": kinds(project)})


def annex_of(project: Project, form: Form) -> str | None:
    """The form's annex number in this institution's regulation (the profile may renumber)."""
    key = form.decl.regulation
    regulation = project.profile.regulaminy.get(key) if key else None
    return regulation.zalaczniki.get(form.id, form.decl.annex) if regulation else form.decl.annex


def regulation_title(project: Project, form: Form) -> str:
    key = form.decl.regulation
    regulation = project.profile.regulaminy.get(key) if key else None
    return regulation.tytul if regulation else "Dokumenty stowarzyszenia (polityka rachunkowości)"


def form_groups(project: Project) -> list[dict[str, Any]]:
    """[{title, forms: [{form, annex}]}] by regulation, forms by annex number then title."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for form in project.catalog.forms.values():
        groups.setdefault(regulation_title(project, form), []).append(
            {"form": form, "annex": annex_of(project, form), "register": bool(form.decl.collects)})
    for forms in groups.values():
        forms.sort(key=lambda f: (_number(f["annex"]), f["form"].decl.title))
    order = list(project.profile.regulaminy)  # the profile's regulations first, in its order
    ranked = sorted(groups.items(), key=lambda g: _rank(order, g[1][0]["form"].decl.regulation))
    return [{"title": title, "forms": forms} for title, forms in ranked]


def _rank(order: list[str], regulation: str | None) -> int:
    return order.index(regulation) if regulation in order else len(order)


def _number(annex: str | None) -> tuple[int, str]:
    digits = "".join(ch for ch in annex or "" if ch.isdigit())
    return (int(digits) if digits else 10_000, annex or "")


KIND_TITLES = {
    "pozyczka": "Pożyczka mieszkaniowa z ZFŚS", "swiadczenie": "Świadczenie z ZFŚS",
    "interwencja": "Interwencja (ochrona małoletnich)", "nowy-pracownik": "Nowy pracownik",
    "rok-funduszu": "Rok funduszu (ZFŚS)", "rok-stowarzyszenia": "Rok stowarzyszenia",
}


def kinds(project: Project) -> list[dict[str, Any]]:
    return [{"kind": kind, "title": KIND_TITLES.get(kind, kind),
             "forms": [project.catalog.get(i) for i in ids]} for kind, ids in project.catalog.kinds.items()]


# --- Filling -------------------------------------------------------------------------------

@dataclass
class Filling:
    """A form being filled: what, the data typed so far, and its check."""

    selection: Selection
    data: dict[str, Any]
    checked: Checked | None = None
    full: bool = False  # show every problem, also of fields not filled yet
    message: str | None = None


@router.get("/formularz/{form_id}", response_class=HTMLResponse)
def fill_form(request: Request, form_id: str) -> HTMLResponse:
    return _start(request, lambda p: select(p, [form_id], None, None))


@router.get("/rodzaj/{kind}", response_class=HTMLResponse)
def fill_kind(request: Request, kind: str) -> HTMLResponse:
    return _start(request, lambda p: select(p, [], kind, None))


def _start(request: Request, choose: Any) -> HTMLResponse:
    project = web(request).project
    try:
        selection = choose(project)
    except CatalogError as exc:
        raise HTTPException(404, exc.message) from None
    data = empty(selection, project)
    return fill_page(request, Filling(selection, data))


def empty(selection: Selection, project: Project) -> dict[str, Any]:
    """A new case: a case id of the date and time (no personal data), a row in required lists."""
    data: dict[str, Any] = {"id": f"sprawa-{dt.datetime.now():%Y%m%d-%H%M}"}
    for spec in selection.specs(project):
        if spec.kind == "list" and spec.required:
            data[spec.key] = [{} for _ in range(max(1, spec.min_rows))]
    return data


def selection_of(request: Request, form: FormData) -> Selection:
    """What the posted page fills (hidden fields `_forma`, or `_rodzaj` and `_dokumenty[]`)."""
    chosen = [str(v) for v in form.getlist("_dokumenty[]")]
    kind = form.get("_rodzaj")
    try:
        return select(web(request).project, [str(v) for v in form.getlist("_forma")], str(kind) if kind else None,
                      chosen if kind and chosen else None)
    except CatalogError as exc:
        raise HTTPException(400, exc.message) from None


def data_of(form: FormData) -> dict[str, Any]:
    items = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    try:
        return formdata.nest(items)
    except formdata.FormDataError as exc:
        raise HTTPException(400, f"Nieprawidłowe pole formularza: {exc}") from None


async def filling_of(request: Request) -> tuple[Filling, FormData]:
    form = await posted(request)
    return Filling(selection_of(request, form), data_of(form)), form


def check(request: Request, filling: Filling, render_check: bool = True) -> Checked:
    """Validate as `formgen validate` does: the schema and checks here, the documents rendered
    in memory in a render process (within the check time limit)."""
    state = web(request)
    record = record_of(filling.selection, filling.data)
    checked = validate(state.project, filling.selection, record)
    typed = checked.case
    if typed is not None:  # the rules across cases, and what the register answers
        assert state.register is not None
        foreseen = state.register.foresee(typed)
        checked.problems += foreseen.problems
        if foreseen.answers:  # the forms' checks and computed values again, with the answers
            record = replace(record, answers=foreseen.answers)
            checked = validate(state.project, filling.selection, record)
    checked.record = record
    checked.typed = typed if checked.case is not None else None
    if checked.ok and render_check:
        assert state.pool is not None
        try:
            outcome = state.pool.run(state.settings.limits.check_seconds, dry_run, state.setup, record)
        except (RenderTimeout, WorkerDied) as exc:
            outcome = [Problem("", 0, "", exc.message)]
        checked.problems += outcome if isinstance(outcome, list) else _failure(outcome)
    checked.problems = located(checked.problems)
    filling.checked = checked
    return checked


def _failure(outcome: Any) -> list[Problem]:
    return list(getattr(outcome, "problems", [])) + ([Problem("", 0, "", outcome.error)] if outcome.error else [])


@router.post("/wypelnij/sprawdz", response_class=HTMLResponse)
async def check_page(request: Request) -> HTMLResponse:
    """The live check (fragments swapped into the page), or the whole page without JavaScript."""
    filling, form = await filling_of(request)
    filling.full = form.get("_pelne") == "1" or not htmx(request)
    await run_in_threadpool(check, request, filling)
    if htmx(request):
        return render(request, "_check.html", fill_context(request, filling))
    return fill_page(request, filling)


@router.post("/wypelnij/pola", response_class=HTMLResponse)
async def fields_page(request: Request) -> HTMLResponse:
    """The fields again, for another choice of a case kind's documents."""
    filling, _ = await filling_of(request)
    return _fields_or_page(request, filling)


@router.post("/wypelnij/wiersze", response_class=HTMLResponse)
async def rows_page(request: Request) -> HTMLResponse:
    """Add a row to a list, or remove one (`_akcja`: `dodaj:<path>` or `usun:<path>.<n>`)."""
    filling, form = await filling_of(request)
    action, _, path = str(form.get("_akcja") or "").partition(":")
    spec = find(filling.selection.specs(web(request).project), path)
    try:
        if action == "dodaj" and spec is not None and spec.is_list:
            formdata.add_row(filling.data, path, mapping=spec.kind == "list")
        elif action == "usun" and spec is not None and spec.is_list:
            formdata.remove_row(filling.data, path)
        else:
            raise formdata.FormDataError(f"unknown action '{action}'")
    except formdata.FormDataError as exc:
        raise HTTPException(400, f"Nieprawidłowa zmiana wierszy: {exc}") from None
    # After adding, the new row's first field has the focus; after removing, the list's "Dodaj".
    focus = path if action == "dodaj" else f"{path.rsplit('.', 1)[0]}:lista"
    return _fields_or_page(request, filling, focus=focus)


def _fields_or_page(request: Request, filling: Filling, focus: str | None = None) -> HTMLResponse:
    context = fill_context(request, filling)
    context["focus"] = focus
    return render(request, "_fields.html" if htmx(request) else "fill.html", context)


# --- Starting from a file or an earlier case --------------------------------------------------

@router.post("/wczytaj", response_class=HTMLResponse)
async def upload_case(request: Request) -> Response:
    """Fill the page from an uploaded YAML case file (read as the CLI reads one; nothing it
    names is read from the server)."""
    form = await posted(request)
    upload = form.get("plik")
    state = web(request)
    if not isinstance(upload, UploadFile):
        return _message(request, "Wybierz plik YAML ze sprawą.")
    try:
        raw = await read_upload(upload, state.settings.limits.file_bytes)
        data = yaml_data(raw)
    except (UploadError, InputError) as exc:
        return _message(request, f"Nie można wczytać pliku: {_plain(exc)}")
    return await _from_data(request, data, "Wczytano dane z pliku.")


def yaml_data(raw: bytes) -> dict[str, Any]:
    """A YAML case file's data (every value a string), read as `formgen validate` reads it."""
    with tempfile.TemporaryDirectory(prefix="formgen-wczytaj-") as folder:
        path = Path(folder) / "sprawa.yaml"
        path.write_bytes(raw)
        try:
            return read_yaml(path)[0].data
        except InputError as exc:
            raise InputError([Problem("plik", p.line, p.field, p.message) for p in exc.problems]) from None


def _plain(exc: FormgenError) -> str:
    if isinstance(exc, InputError):
        return "; ".join(str(p) for p in exc.problems)
    return exc.message


@router.post("/z-rejestru", response_class=HTMLResponse)
async def from_register(request: Request) -> Response:
    """Fill the page from an earlier case of the register."""
    form = await posted(request)
    state = web(request)
    assert state.register is not None
    data = state.register.case_data(str(form.get("klucz") or ""))
    if data is None:
        return _message(request, "Nie znaleziono tej sprawy w rejestrze.")
    return await _from_data(request, data, "Wczytano dane wcześniejszej sprawy z rejestru.")


async def _from_data(request: Request, data: dict[str, Any], message: str) -> HTMLResponse:
    """The page of the form(s) the data names, filled with it and fully checked."""
    raw_form, kind = data.get("form"), data.get("rodzaj")
    ids = [str(f) for f in raw_form] if isinstance(raw_form, list) else [str(raw_form or "")]
    try:
        selection = select(web(request).project, ids, str(kind) if kind else None,
                           ids if kind and raw_form is not None else None)
    except CatalogError as exc:
        return _message(request, f"Plik nie wskazuje formularza, który można wypełnić: {exc.message}")
    filling = Filling(selection, {k: v for k, v in data.items() if k not in ("form", "rodzaj")},
                      full=True, message=message)
    await run_in_threadpool(check, request, filling)
    return fill_page(request, filling)


def _message(request: Request, text: str) -> HTMLResponse:
    project = web(request).project
    return render(request, "index.html", {"groups": form_groups(project), "kinds": kinds(project),
                                          "message": text}, status=422)


# --- The fill page's context ------------------------------------------------------------------

def fill_page(request: Request, filling: Filling, status: int = 200) -> HTMLResponse:
    if filling.checked is not None and not filling.checked.ok and filling.full:
        status = 422 if status == 200 else status
    return render(request, "fill.html", fill_context(request, filling), status)


def fill_context(request: Request, filling: Filling) -> dict[str, Any]:
    """What the fill page and its fragments show."""
    state = web(request)
    project, selection = state.project, filling.selection
    specs = selection.specs(project)
    checked = filling.checked
    shown, hidden = shown_problems(checked, filling.data, filling.full)
    on_page = {"id", *paths(specs, filling.data)}
    assert state.register is not None
    return {
        "selection": selection, "specs": specs, "data": filling.data, "checked": checked,
        "title": f"Sprawa: {KIND_TITLES.get(selection.kind, selection.kind)}" if selection.kind else selection.title,
        "errors": shown, "hidden": hidden, "warns": checked.warnings_by_field if checked else {}, "paths": sorted(on_page), "message": filling.message,
        "other": [(f, m) for f, ms in shown.items() if f not in on_page for m in ms],
        "forms": [{"form": f, "annex": annex_of(project, f), "regulation": regulation_title(project, f)}
                  for f in selection.forms],
        "kind_forms": [project.catalog.get(i) for i in project.catalog.kinds.get(selection.kind or "", ())],
        "register": state.register, "earlier": state.register.earlier_cases(selection.ids),
        "summaries": {s.form.id: s.context for s in checked.summaries} if checked else {},
        "summary_forms": [f for f in selection.forms if has_summary(request, f.id)],
        # Numbers the register would give (taken when the documents are downloaded).
        "register_numbers": _register_numbers(checked),
        "focus": None,
    }


def _register_numbers(checked: Checked | None) -> dict[str, str]:
    answers = checked.record.answers if checked is not None and checked.record is not None else None
    return dict(answers.numbers) if answers is not None else {}


def has_summary(request: Request, form_id: str) -> bool:
    env = request.app.state.templates.env
    return f"wyliczenia/{form_id}.html" in env.list_templates()


def shown_problems(checked: Checked | None, data: dict[str, Any], full: bool) -> tuple[dict[str, list[str]], int]:
    """The problems to show by field, and how many are held back: while typing, a field not
    filled in yet is not an error on the page (the status counts it)."""
    if checked is None:
        return {}, 0
    shown: dict[str, list[str]] = {}
    hidden = 0
    for path, messages in checked.by_field.items():
        if full or path == "" or has_value(formdata.at(data, path)):
            shown[path] = messages
        else:
            hidden += len(messages)
    return shown, hidden
