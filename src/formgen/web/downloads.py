"""Getting the documents of a filled case: PDF, DOCX, the case as YAML, the bundle, a preview.

Every render runs in a render process within the time limit (formgen.web.workers); a case that
does not pass the check gets the page back with every problem next to its field.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from formgen.bundle import DEFAULT_VARIANT, bundle_file
from formgen.cases.source import Record
from formgen.errors import FormgenError, Problem
from formgen.files import case_files
from formgen.output import build_time, slug
from formgen.runner import Failure, Product
from formgen.web.checking import located, record_of
from formgen.web.common import htmx, render, web
from formgen.web.pages import Filling, check, fill_context, fill_page, filling_of
from formgen.web.preview import page_images
from formgen.web.workers import RenderTimeout, WorkerDied

router = APIRouter(include_in_schema=False)

MEDIA = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "zip": "application/zip", "yaml": "application/yaml; charset=utf-8"}


def attachment(data: bytes, name: str, kind: str, extra: dict[str, str] | None = None) -> Response:
    """A file to save: its name from the case id only (never personal data)."""
    headers = {"content-disposition": f'attachment; filename="{name}"', **(extra or {})}
    return Response(data, media_type=MEDIA[kind], headers=headers)


@router.post("/wypelnij/yaml")
async def case_yaml(request: Request) -> Response:
    """The case as a YAML file, as typed (also incomplete: to finish it later)."""
    filling, _ = await filling_of(request)
    record = record_of(filling.selection, filling.data)
    text = yaml.safe_dump(record.data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return attachment(text.encode("utf-8"), f"{_name(filling)}.yaml", "yaml")


def _name(filling: Filling) -> str:
    return slug(str(filling.data.get("id") or "sprawa")) or "sprawa"


@router.post("/wypelnij/pdf", response_model=None)
async def pdf(request: Request) -> Response:
    """The case's documents as PDF (a zip when the case has several)."""
    return await documents(request, "pdf")


@router.post("/wypelnij/docx", response_model=None)
async def docx(request: Request) -> Response:
    """The case's documents as DOCX (a zip when the case has several)."""
    return await documents(request, "docx")


@router.post("/wypelnij/pakiet", response_model=None)
async def bundle(request: Request) -> Response:
    """The case's archival bundle (PDF/A-3 with its data and DOCX files attached)."""
    return await documents(request, "pakiet")


async def documents(request: Request, fmt: str) -> Response:
    filling, _ = await filling_of(request)
    filling.full = True
    checked = await run_in_threadpool(check, request, filling, False)
    if not checked.ok:
        return fill_page(request, filling)
    assert checked.typed is not None
    register = web(request).register
    assert register is not None
    try:
        issued = await run_in_threadpool(register.issue, checked.typed,
                                         lambda record: _render(request, filling, fmt, record))
    except FormgenError as exc:
        checked.problems.append(Problem("", 0, "", exc.message))
        return fill_page(request, filling, status=422 if not isinstance(exc, RenderTimeout) else 504)
    product = issued.product
    if product is None or isinstance(product, Failure):  # refused by the register's rules, or not made
        checked.problems += located(issued.problems)
        if isinstance(product, Failure):
            checked.problems += product.problems + ([Problem("", 0, "", product.error)] if product.error else [])
        return fill_page(request, filling)
    recorded = issued.recording is not None and issued.recording.recorded
    return _files_response(product, fmt, filling, {"x-formgen-rejestr": "zapisano" if recorded else "wersja-robocza"})


def _render(request: Request, filling: Filling, fmt: str, record: Record) -> Product | Failure:
    """The case's documents (`record`: with the register's answers), made in a render process."""
    state = web(request)
    assert state.pool is not None
    seconds = state.settings.limits.render_seconds
    if fmt == "pakiet":
        return state.pool.run(seconds, bundle_file, state.setup, _name(filling), [record], None, DEFAULT_VARIANT,
                              None, build_time())  # type: ignore[no-any-return]
    return state.pool.run(seconds, case_files, state.setup, record, (fmt,), build_time())  # type: ignore[no-any-return]


def _files_response(product: Product, fmt: str, filling: Filling, headers: dict[str, str]) -> Response:
    name = _name(filling)
    if fmt == "pakiet":
        pdf = next(data for path, data in product.in_memory() if path.endswith(".pdf"))
        return attachment(pdf, f"{name}.pdf", "pdf", headers)
    made = product.in_memory()
    if len(made) == 1:
        path, data = made[0]
        form_id = path.split("/")[0]
        return attachment(data, f"{form_id}-{name}.{fmt}", fmt, headers)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in made:
            archive.writestr(f"{path.split('/')[0]}.{fmt}", data)
    return attachment(buffer.getvalue(), f"{name}-{fmt}.zip", "zip", headers)


@router.post("/wypelnij/podglad", response_class=HTMLResponse)
async def preview(request: Request) -> HTMLResponse:
    """The case's PDF pages as images in the page (or its problems)."""
    filling, _ = await filling_of(request)
    filling.full = True
    checked = await run_in_threadpool(check, request, filling, False)
    context: dict[str, Any] = {"pages": [], "error": None}
    if not checked.ok:
        context["error"] = "Podgląd będzie dostępny, gdy formularz nie będzie miał błędów (są wskazane przy polach)."
    else:
        context.update(await run_in_threadpool(_pages, request, filling))
    if not htmx(request):
        page = fill_context(request, filling)
        return render(request, "fill.html", {**page, "preview": context})
    full = fill_context(request, filling)
    return render(request, "_preview.html", {**full, "preview": context})


def _pages(request: Request, filling: Filling) -> dict[str, Any]:
    try:
        assert filling.checked is not None and filling.checked.record is not None
        product = _render(request, filling, "pdf", filling.checked.record)
        if isinstance(product, Failure):
            messages = [str(p.message) for p in product.problems] + ([product.error] if product.error else [])
            return {"error": "Nie można przygotować dokumentu: " + "; ".join(messages)}
        return {"pages": [{"form": path.split("/")[0], "images": page_images(data)}
                          for path, data in product.in_memory()]}
    except (FormgenError, RenderTimeout, WorkerDied) as exc:
        return {"error": exc.message}
