"""The JSON API for other systems (HR, payroll): validate a case, render its documents.

A case is posted as JSON (`Content-Type: application/json`; which other sites' pages cannot send
without a preflight that this server never grants). Numbers and booleans are taken as the text
they are written as, so `"kwota": 1234.50` and `"kwota": "1234,50"` mean the same, and types
come from the form's schema, exactly as for a YAML case file; `null` is a field not given.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from formgen.cases.load import Case, bare_warning
from formgen.cases.source import Record
from formgen.errors import CatalogError, FormgenError, InputError, Problem
from formgen.files import case_files
from formgen.output import build_time, slug
from formgen.runner import Failure, Product
from formgen.web.common import web
from formgen.web.downloads import MEDIA
from formgen.web.workers import RenderTimeout

router = APIRouter(prefix="/api", tags=["formularze"])
SOURCE = "api"  # what problems of a posted case name as their file (no suffix: see checking.SOURCE)


class FormInfo(BaseModel):
    """A form of the catalog."""

    id: str
    title: str
    short: str
    regulation: str | None
    annex: str | None
    source: str


class ProblemOut(BaseModel):
    """One problem of a case: the dotted path of its field ('' for the whole case) and what is wrong."""

    field: str
    message: str


class Validation(BaseModel):
    """The outcome of a check: valid, or the problems (and warnings, which do not fail it)."""

    valid: bool
    problems: list[ProblemOut]
    warnings: list[ProblemOut]


class ApiError(Exception):
    """Raised for a request the API refuses, with its status."""

    def __init__(self, status: int, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.problems = status, message, problems or []

    def response(self) -> JSONResponse:
        body: dict[str, Any] = {"detail": self.message}
        if self.problems:
            body["problems"] = [_out(p).model_dump() for p in self.problems]
        return JSONResponse(body, status_code=self.status)


@router.get("/forms", response_model=list[FormInfo], summary="Formularze, które można wypełnić")
def forms(request: Request) -> list[FormInfo]:
    catalog = web(request).project.catalog
    return [FormInfo(id=f.id, title=f.decl.title, short=f.decl.short, regulation=f.decl.regulation,
                     annex=f.decl.annex, source=f.decl.source)
            for f in catalog.forms.values() if not f.decl.collects]


@router.post("/forms/{form_id}/validate", response_model=Validation,
             summary="Sprawdź sprawę (jak `formgen validate`)")
async def validate(request: Request, form_id: str) -> Response:
    try:
        record = await _record(request, form_id)
        problems, warnings, _case = await run_in_threadpool(_check, request, record)
    except ApiError as exc:
        return exc.response()
    body = Validation(valid=not problems, problems=[_out(p) for p in problems], warnings=[_out(w) for w in warnings])
    return JSONResponse(body.model_dump())


@router.post("/forms/{form_id}/render", summary="Wypełnij dokument (PDF albo DOCX)",
             responses={200: {"content": {MEDIA["pdf"]: {}, MEDIA["docx"]: {}}},
                        422: {"description": "Sprawa ma błędy: `problems`"}, 504: {"description": "Limit czasu"}})
async def render(request: Request, form_id: str,
                 format: str = Query("pdf", pattern="^(pdf|docx)$", description="pdf albo docx")) -> Response:
    try:
        record = await _record(request, form_id)
        problems, _, case = await run_in_threadpool(_check, request, record)
        if problems or case is None:
            raise ApiError(422, "Sprawa ma błędy.", problems)
        data, recorded = await run_in_threadpool(_issue, request, case, format)
    except ApiError as exc:
        return exc.response()
    name = f"{form_id}-{slug(str(record.data.get('id')))}.{format}"
    return Response(data, media_type=MEDIA[format], headers={
        "content-disposition": f'attachment; filename="{name}"',
        "x-formgen-rejestr": "zapisano" if recorded else "wersja-robocza"})


async def _record(request: Request, form_id: str) -> Record:
    """The posted case as a record of the form named in the path."""
    project = web(request).project
    try:
        form = project.catalog.get(form_id)
    except CatalogError as exc:
        raise ApiError(404, exc.message) from None
    if form.decl.collects:
        raise ApiError(404, f"'{form_id}' powstaje z wielu spraw (rejestr): użyj formgen batch")
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "Wyślij sprawę jako JSON (Content-Type: application/json).")
    data = parse_case(await request.body())
    fields = {k: v for k, v in data.items() if k not in ("form", "rodzaj")}
    return Record(path=Path(SOURCE), line=0, data={"form": form.id, **fields})


def parse_case(body: bytes) -> dict[str, Any]:
    """A JSON object whose every number and boolean becomes the text it is written as."""
    try:
        data = json.loads(body, parse_float=str, parse_int=str, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, f"To nie jest poprawny JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "Sprawa musi być obiektem JSON z polami formularza.")
    return _texts(data)  # type: ignore[no-any-return]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _texts(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):  # null means "not given", as an empty cell of a CSV
        return {str(k): _texts(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    return value


def _check(request: Request, record: Record) -> tuple[list[Problem], list[Problem], Case | None]:
    """(problems, warnings, the valid case as posted) as `formgen validate` gives them: schema,
    checks, the register's rules across cases (in a workspace), a dry render with its answers."""
    from formgen.web.checking import case_of
    from formgen.web.jobs import dry_run

    state = web(request)
    try:
        case = case_of(record, state.project)
    except InputError as exc:
        return list(exc.problems), [], None
    assert state.pool is not None and state.register is not None
    foreseen = state.register.foresee(case)
    if foreseen.problems:
        return foreseen.problems, list(case.warnings), None
    answered = replace(record, answers=foreseen.answers)
    try:
        outcome = state.pool.run(state.settings.limits.check_seconds, dry_run, state.setup, answered)
    except RenderTimeout as exc:
        raise ApiError(504, exc.message) from None
    except FormgenError as exc:
        raise ApiError(500, exc.message) from None
    if isinstance(outcome, Failure):
        return [*outcome.problems, *([Problem("", 0, "", outcome.error)] if outcome.error else [])], [], None
    return list(outcome), list(case.warnings), case


def _issue(request: Request, case: Case, fmt: str) -> tuple[bytes, bool]:
    """The document, rendered with the register's answers and recorded (in a workspace); and
    whether it was recorded."""
    state = web(request)
    assert state.register is not None
    try:
        issued = state.register.issue(case, lambda record: _render(request, record, fmt))
    except RenderTimeout as exc:
        raise ApiError(504, exc.message) from None
    except FormgenError as exc:
        raise ApiError(500, exc.message) from None
    product = issued.product
    if product is None:
        raise ApiError(422, "Sprawa ma błędy.", issued.problems)
    if isinstance(product, Failure):
        problems = [*product.problems, *([Problem("", 0, "", product.error)] if product.error else [])]
        raise ApiError(422, "Nie można wypełnić dokumentu.", problems)
    return product.in_memory()[0][1], issued.recording is not None and issued.recording.recorded


def _render(request: Request, record: Record, fmt: str) -> Product | Failure:
    state = web(request)
    assert state.pool is not None
    return state.pool.run(state.settings.limits.render_seconds, case_files, state.setup, record, (fmt,),  # type: ignore[no-any-return]
                          build_time())


def _out(problem: Problem) -> ProblemOut:
    return ProblemOut(field=problem.field, message=bare_warning(problem.message))


def install_openapi(app: FastAPI) -> None:
    """The OpenAPI description with each form's case schema (the one the CLI validates with) as
    the request body of validate and render."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        refs = []
        for form in web_of_app(app).project.catalog.forms.values():
            if form.decl.collects:
                continue
            components.update(_form_schema(form.id, form.schema, form.decl.title))
            refs.append({"$ref": f"#/components/schemas/{form.id}"})
        body = {"required": True, "content": {"application/json": {"schema": {"oneOf": refs}}}}
        for path in ("/api/forms/{form_id}/validate", "/api/forms/{form_id}/render"):
            spec["paths"][path]["post"]["requestBody"] = body
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def web_of_app(app: FastAPI) -> Any:
    return app.state.web


def _form_schema(form_id: str, schema: type[BaseModel], title: str) -> dict[str, Any]:
    body = schema.model_json_schema(mode="validation", ref_template=f"#/components/schemas/{form_id}.{{model}}")
    defs = body.pop("$defs", {})
    body["properties"] = {"id": {"type": "string", "description": "Identyfikator sprawy (nazwa plików)"},
                          **body.get("properties", {})}
    body["required"] = ["id", *body.get("required", [])]
    body["title"] = title
    return {form_id: body, **{f"{form_id}.{name}": part for name, part in defs.items()}}
