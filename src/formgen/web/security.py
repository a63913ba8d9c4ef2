"""The page's guards, as ASGI middleware: body size, sessions and login, same-origin posts,
security headers, and an access log that never holds a query string or case data."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from formgen.web.auth import Session, Sessions, verify_password

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "formgen_sesja"
CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"
ACCESS_LOG = logging.getLogger("formgen.web.access")
ERROR_LOG = logging.getLogger("formgen.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make Chromium post Origin: null
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC = ("/static/", "/logowanie")


async def _respond(send: Send, status: int, body: bytes, content_type: bytes = b"text/plain; charset=utf-8",
                   extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    """Raised while reading a request body that exceeds the limit."""


class BodyLimit:
    """Refuses a request body over `limit` bytes: by its Content-Length at once, else while
    reading it (a chunked upload stops at the limit, never read to its end)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watch)
        except TooLarge:
            if not started:
                await _too_large(send, self.limit)


async def _too_large(send: Send, limit: int) -> None:
    text = f"Przesłane dane są za duże: limit to {limit // (1024 * 1024)} MiB."
    await _respond(send, 413, text.encode())


class SecurityHeaders:
    """CSP without inline scripts, no framing, nosniff, no referrer; nothing dynamic cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                added = [(k, v) for k, v in HEADERS if k not in names]
                cache = b"public, max-age=3600" if static else b"no-store"
                message["headers"] = [*message.get("headers", []), *added, (b"cache-control", cache)]
            await send(message)

        await self.app(scope, receive, with_headers)


class AccessLog:
    """One line per request: client, method, path (never the query string), status, time.

    An unexpected error is logged by its type and route only (its message may hold case data)
    and answered with a plain 500, so that no server below logs its traceback either."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, status, started = time.monotonic(), 500, False

        async def record(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
            await send(message)

        try:
            await self.app(scope, receive, record)
        except Exception as exc:  # noqa: BLE001 - its message may hold case data: never logged
            ERROR_LOG.error("internal error %s in %s %s", type(exc).__name__, scope["method"], scope["path"])
            if not started:
                await _respond(send, 500, "Błąd wewnętrzny serwera. Spróbuj ponownie.".encode())
        finally:
            client = (scope.get("client") or ("-", 0))[0]
            ACCESS_LOG.info('%s "%s %s" %d %d ms', client, scope["method"], scope["path"], status,
                            round((time.monotonic() - start) * 1000))


class Guard:
    """Sessions, the login and same-origin posts.

    Every browser gets a session (and with it a CSRF token). With a password set, pages need
    a logged-in session and the API a logged-in session or HTTP Basic credentials. A post from
    another site (Origin or Sec-Fetch-Site says so) is refused before any route sees it.
    """

    def __init__(self, app: ASGIApp, sessions: Sessions, password_hash: Callable[[], str | None],
                 secure: bool = False) -> None:
        self.app, self.sessions, self.password_hash, self.secure = app, sessions, password_hash, secure
        self._accepted: set[bytes] = set()  # digests of passwords that verified (scrypt is slow)
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] in UNSAFE and not same_origin(headers):
            await _respond(send, 403, "Odrzucono: żądanie z innej witryny.".encode())
            return
        token = _cookie(headers.get("cookie", ""))
        session = self.sessions.get(token)
        fresh = session is None
        needs_login = self.password_hash() is not None
        if session is None:
            token, session = self.sessions.new(logged_in=not needs_login)
        scope.setdefault("state", {})["session"] = session
        scope["state"]["session_token"] = token
        allowed = session.logged_in or _public(scope["path"]) or (
            _api(scope["path"]) and self._basic_ok(headers.get("authorization", "")))
        if needs_login and not allowed:
            await self._refuse(scope, send, token if fresh else None)
            return
        await self.app(scope, receive, self._with_cookie(send, token if fresh else None))

    def _with_cookie(self, send: Send, token: str | None) -> Send:
        async def wrapped(message: Message) -> None:
            if token and message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", self.cookie(token))]
            await send(message)
        return wrapped

    def cookie(self, token: str) -> bytes:
        """The session cookie: not readable by scripts, never sent by other sites."""
        secure = "; Secure" if self.secure else ""
        return f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()

    async def _refuse(self, scope: Scope, send: Send, token: str | None) -> None:
        cookie = [(b"set-cookie", self.cookie(token))] if token else []
        if _api(scope["path"]):
            await _respond(send, 401, '{"detail": "Wymagane logowanie (HTTP Basic z hasłem strony)."}'.encode(),
                           b"application/json", [(b"www-authenticate", b'Basic realm="formgen"'), *cookie])
        elif scope["method"] == "GET":
            await _respond(send, 303, b"", extra=[(b"location", b"/logowanie"), *cookie])
        else:
            await _respond(send, 403, "Sesja wygasła: zaloguj się ponownie.".encode(), extra=cookie)

    def _basic_ok(self, header: str) -> bool:
        stored = self.password_hash()
        if stored is None or not header.lower().startswith("basic "):
            return False
        try:
            password = base64.b64decode(header[6:].strip(), validate=True).decode().partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return False
        digest = hashlib.sha256((stored + "\0" + password).encode()).digest()
        with self._lock:
            if digest in self._accepted:
                return True
        if verify_password(password, stored):
            with self._lock:
                self._accepted.add(digest)
            return True
        return False


def same_origin(headers: dict[str, str]) -> bool:
    """Whether a request comes from this site's own pages (or from no browser page at all)."""
    if headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == headers.get("host", "")


def csrf_ok(session: Session | None, sent: str | None) -> bool:
    """Whether the token a form (or htmx header) sent is its session's."""
    if session is None or not sent:
        return False
    return hmac.compare_digest(session.csrf.encode(), sent.encode())


def _cookie(header: str) -> str | None:
    cookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # noqa: BLE001 - a malformed cookie header is no session
        return None
    morsel = cookie.get(COOKIE)
    return morsel.value if morsel else None


def _public(path: str) -> bool:
    return path.startswith(PUBLIC)


def _api(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"
