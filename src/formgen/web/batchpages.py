"""Batch from the page: upload a CSV, a YAML file or a zip of a folder's case files, follow the
progress, read the per-case report, download the results as a zip."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from formgen.web.batch import Batch
from formgen.web.common import owner, posted, render, web
from formgen.web.downloads import attachment
from formgen.web.uploads import UploadError, read_upload, unpack_zip

router = APIRouter(include_in_schema=False)
ZIP_MAGIC = b"PK\x03\x04"


def _forms(request: Request) -> list[tuple[str, str]]:
    return [(f.id, f.decl.short) for f in web(request).project.catalog.forms.values() if not f.decl.collects]


@router.get("/wsadowo", response_class=HTMLResponse)
def batch_page(request: Request) -> HTMLResponse:
    return render(request, "batch.html", {"forms": _forms(request), "message": None})


@router.post("/wsadowo", response_model=None)
async def start_batch(request: Request) -> Response:
    """Unpack the upload into a new batch's folder and start it."""
    form = await posted(request)
    state = web(request)
    assert state.batches is not None
    upload = form.get("plik")
    if not isinstance(upload, UploadFile):
        return _refused(request, "Wybierz plik CSV, YAML albo archiwum ZIP ze sprawami.")
    batch = state.batches.new(owner(request))
    try:
        raw = await read_upload(upload, state.settings.limits.request_bytes)
        await run_in_threadpool(_store, batch, raw, upload.filename or "", state.settings.limits)
    except UploadError as exc:
        state.batches.discard(batch)
        return _refused(request, exc.message)
    form_id = str(form.get("formularz") or "") or None
    if form_id is not None and form_id not in dict(_forms(request)):
        state.batches.discard(batch)
        return _refused(request, "Nieznany formularz.")
    formats = tuple(f for f in ("pdf", "docx") if form.get(f"format_{f}")) or ("pdf", "docx")
    state.batches.start(batch, formats, form_id)
    return RedirectResponse(f"/wsadowo/{batch.id}", status_code=303)


def _store(batch: Batch, raw: bytes, client_name: str, limits: object) -> None:
    """The upload under the batch's inputs: a zip unpacked (within its limits), a single file
    under a name of ours (the client's name only tells CSV from YAML)."""
    from formgen.web.settings import Limits

    assert isinstance(limits, Limits)
    if raw.startswith(ZIP_MAGIC):
        unpacked = unpack_zip(raw, batch.inputs, limits)
        if not unpacked.files:
            raise UploadError("Archiwum nie zawiera plików YAML ani CSV.")
        return
    suffix = client_name.lower().rsplit(".", 1)[-1] if "." in client_name else ""
    if suffix not in ("csv", "yaml", "yml"):
        raise UploadError("Prześlij plik .csv, .yaml albo archiwum .zip.")
    if len(raw) > limits.file_bytes:
        raise UploadError(f"Plik jest za duży: limit to {limits.file_bytes // (1024 * 1024)} MiB.")
    (batch.inputs / ("dane.csv" if suffix == "csv" else "sprawa.yaml")).write_bytes(raw)


def _refused(request: Request, message: str) -> HTMLResponse:
    return render(request, "batch.html", {"forms": _forms(request), "message": message}, status=422)


def _batch(request: Request, batch_id: str) -> Batch:
    batches = web(request).batches
    assert batches is not None
    found = batches.get(batch_id, owner(request))
    if found is None:
        raise HTTPException(404, "Nie ma takiego przetwarzania (albo minęła godzina od jego końca).")
    return found


@router.get("/wsadowo/{batch_id}", response_class=HTMLResponse)
def batch_status_page(request: Request, batch_id: str) -> HTMLResponse:
    return render(request, "batch_job.html", {"batch": _batch(request, batch_id)})


@router.get("/wsadowo/{batch_id}/stan", response_class=HTMLResponse)
def batch_status(request: Request, batch_id: str) -> HTMLResponse:
    return render(request, "_batch_status.html", {"batch": _batch(request, batch_id)})


@router.get("/wsadowo/{batch_id}/wyniki.zip")
def batch_results(request: Request, batch_id: str) -> Response:
    batch = _batch(request, batch_id)
    if batch.running:
        raise HTTPException(409, "Przetwarzanie jeszcze trwa.")
    return attachment(batch.results_zip(), "wyniki.zip", "zip")
