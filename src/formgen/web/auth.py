"""The page's password (hashed with scrypt, kept in the workspace) and its sessions.

The password is needed only when the page listens on an address other than the loopback.
Sessions live in this process's memory: a restart logs everybody out, which is what a small
office server wants. Every session, logged in or not, carries the CSRF token of its forms.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from formgen.errors import FormgenError
from formgen.i18n import ngettext

# scrypt with N=2^15, r=8, p=1: about 32 MiB and a tenth of a second per guess (RFC 7914).
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
SCHEME = "scrypt"
MIN_LENGTH = 10
PASSWORD_FILE = Path(".formgen") / "web-password"


def hash_password(password: str) -> str:
    """'scrypt$N$r$p$salt$hash' (base64) of a password, with a random salt."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    return "$".join([SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches a stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def save_password(path: Path, password: str) -> None:
    """Store the hash of a new password (only its owner may read the file)."""
    if len(password) < MIN_LENGTH:
        # Set from the command line (formgen serve --set-password): in the language of its messages.
        raise FormgenError(ngettext("The password must be at least {count} character long.",
                                    "The password must be at least {count} characters long.", MIN_LENGTH).format(
            count=MIN_LENGTH))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(hash_password(password) + "\n")
    os.replace(temporary, path)


def stored_hash(path: Path | None) -> str | None:
    """The stored hash, or None when no password was set."""
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="ascii").strip()
    return text or None


@dataclass
class Session:
    """One browser's session: its CSRF token, whether it logged in, when it was last used."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    logged_in: bool = False
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """The sessions of this process, by an unguessable cookie value; idle ones expire."""

    def __init__(self, idle_seconds: float = 8 * 3600) -> None:
        self.idle = idle_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, token: str | None) -> Session | None:
        """The live session of a cookie value, or None."""
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(token)
            if session is None or time.monotonic() - session.seen > self.idle:
                self._sessions.pop(token, None)
                return None
            session.seen = time.monotonic()
            return session

    def new(self, logged_in: bool = False) -> tuple[str, Session]:
        """A new session and its cookie value (a login always starts a new one)."""
        token = secrets.token_urlsafe(32)
        session = Session(logged_in=logged_in)
        with self._lock:
            self._sessions[token] = session
        return token, session

    def end(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)


class Throttle:
    """Slows password guessing: after `allowed` failures in `window` seconds, logins wait."""

    def __init__(self, allowed: int = 10, window: float = 600.0) -> None:
        self.allowed, self.window = allowed, window
        self._failures: list[float] = []
        self._lock = threading.Lock()

    def blocked(self) -> bool:
        with self._lock:
            now = time.monotonic()
            self._failures = [t for t in self._failures if now - t < self.window]
            return len(self._failures) >= self.allowed

    def failed(self) -> None:
        with self._lock:
            self._failures.append(time.monotonic())
