"""The web application: FastAPI with server-rendered Jinja pages over the library."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from formgen import __version__
from formgen.project import Project
from formgen.web.batch import Batches
from formgen.web.register import register_for
from formgen.web.security import AccessLog, BodyLimit, Guard, SecurityHeaders
from formgen.web.settings import LOCAL_HOSTS, Settings
from formgen.web.state import Web
from formgen.web.views import templates
from formgen.web.workers import RenderPool

HERE = Path(__file__).resolve().parent


def create_app(project: Project, settings: Settings | None = None) -> FastAPI:
    """The page over a project (its templates and data)."""
    settings = settings or Settings()
    web = Web(project, settings)
    web.pool = RenderPool(settings.workers)
    web.batches = Batches(web.setup, settings.limits)
    web.register = register_for(project)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        assert web.pool is not None
        threading.Thread(target=web.pool.warm, daemon=True, name="formgen-warm").start()
        yield
        assert web.pool is not None and web.batches is not None
        web.pool.close()
        web.batches.close()

    app = FastAPI(title="formgen", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Formularze formgen jako API: sprawdzanie i wypełnianie dokumentów z danych "
                              "sprawy w JSON. Wszystkie wartości są tekstem (typy nadaje schemat formularza).")
    app.state.web = web
    app.state.templates = templates()
    from formgen.web import api, batchpages, downloads, login, pages

    for module in (pages, downloads, batchpages, login, api):
        app.include_router(module.router)
    api.install_openapi(app)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _middleware(app, web)
    return app


def _middleware(app: FastAPI, web: Web) -> None:
    """Outermost last: the access log sees every request, the body limit comes before parsing."""
    settings = web.settings
    app.add_middleware(Guard, sessions=web.sessions, password_hash=web.password_hash,  # type: ignore[arg-type]
                       secure=settings.secure_cookies)
    app.add_middleware(BodyLimit, limit=settings.limits.request_bytes)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)  # type: ignore[arg-type]
    if settings.local:  # DNS rebinding: a page of another site must not reach the loopback by a name
        hosts: list[str] = [*LOCAL_HOSTS, "[::1]"]
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(AccessLog)  # type: ignore[arg-type]


TITLES = {400: "Nieprawidłowe żądanie", 403: "Odmowa", 404: "Nie znaleziono", 409: "Jeszcze nie gotowe",
          413: "Za duże dane", 422: "Błędne dane"}


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Errors as a Polish page (the API and htmx requests get JSON or text)."""
    detail = exc.detail if isinstance(exc.detail, str) else "Błąd żądania."
    if request.url.path.startswith("/api/") or request.headers.get("hx-request") == "true":
        return JSONResponse({"detail": detail}, status_code=exc.status_code)
    from formgen.web.security import Guard  # noqa: F401 - the session is set by the Guard

    session = request.scope.get("state", {}).get("session")
    context = {"request": request, "csrf": session.csrf if session else "", "login": False,
               "title": TITLES.get(exc.status_code, "Błąd"), "detail": detail}
    response: Response = request.app.state.templates.TemplateResponse(request, "error.html", context,
                                                                       status_code=exc.status_code)
    return response
