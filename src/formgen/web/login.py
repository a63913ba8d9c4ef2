"""Logging in (only when the page listens beyond the loopback and so has a password)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from formgen.web.auth import verify_password
from formgen.web.common import posted, render, web
from formgen.web.security import COOKIE

router = APIRouter(include_in_schema=False)


@router.get("/logowanie", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"message": None})


@router.post("/logowanie", response_model=None)
async def login(request: Request) -> Response:
    """A right password starts a new logged-in session (a new cookie: no session fixation)."""
    form = await posted(request)
    state = web(request)
    stored = state.password_hash()
    if stored is None:
        return RedirectResponse("/", status_code=303)
    if state.throttle.blocked():
        return render(request, "login.html", {"message": "Zbyt wiele nieudanych prób: spróbuj za kilka minut."},
                      status=429)
    password = str(form.get("haslo") or "")
    if not await asyncio.to_thread(verify_password, password, stored):
        state.throttle.failed()
        await asyncio.sleep(1)
        return render(request, "login.html", {"message": "Niepoprawne hasło."}, status=401)
    state.sessions.end(request.scope["state"]["session_token"])
    token, _ = state.sessions.new(logged_in=True)
    response = RedirectResponse("/", status_code=303)
    secure = "; Secure" if state.settings.secure_cookies else ""
    response.headers.append("set-cookie", f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
    return response


@router.post("/wyloguj", response_model=None)
async def logout(request: Request) -> Response:
    await posted(request)
    web(request).sessions.end(request.scope["state"]["session_token"])
    response = RedirectResponse("/logowanie", status_code=303)
    response.headers.append("set-cookie", f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    return response
