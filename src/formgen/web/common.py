"""What the page's routes share: reading a posted form (CSRF checked), the session, rendering."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from formgen.web.auth import Session
from formgen.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok
from formgen.web.state import Web, web_of

MAX_FILES = 1  # one case file or archive per post
MAX_PART = 1024 * 1024  # one text field of a form (long descriptions stay far below)


def web(request: Request) -> Web:
    return web_of(request.app)


def session(request: Request) -> Session:
    found: Session = request.scope["state"]["session"]
    return found


def owner(request: Request) -> str:
    """Who owns a batch: the session (its cookie value, never shown)."""
    return str(request.scope["state"]["session_token"])


async def posted(request: Request) -> FormData:
    """The posted form, within the limits, after its CSRF token is checked."""
    limits = web(request).settings.limits
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=limits.form_fields, max_part_size=MAX_PART)
    except StarletteHTTPException as exc:
        raise HTTPException(400, f"Nieprawidłowy formularz: {exc.detail}") from None
    sent = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not csrf_ok(session(request), sent if isinstance(sent, str) else None):
        raise HTTPException(403, "Odrzucono: brak lub niepoprawny token formularza (CSRF). Odśwież stronę.")
    return form


def htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page (or fragment) with what every page needs: the CSRF token and the login state."""
    state = web(request)
    base = {"csrf": session(request).csrf, "login": state.password_hash() is not None,
            "request": request, "message": None, "oob": False, "preview": None}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status)
    return response
