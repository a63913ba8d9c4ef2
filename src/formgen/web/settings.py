"""What a running page may accept and how long it may work: one place for every limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from formgen.cases.source import MAX_FILE_BYTES

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Limits:
    """Upload and time limits (README, "The web page")."""

    request_bytes: int = 25 * 1024 * 1024  # one request body, uploads included
    file_bytes: int = MAX_FILE_BYTES  # one case file (YAML or CSV), as the CLI allows
    zip_entries: int = 500  # files inside one uploaded zip
    zip_total_bytes: int = 100 * 1024 * 1024  # unpacked size of one zip
    zip_ratio: int = 100  # unpacked / packed size of any one member (zip bombs)
    form_fields: int = 5_000  # fields of one posted form (a case with long lists)
    render_seconds: float = 60.0  # one render request (documents, preview, bundle)
    check_seconds: float = 20.0  # one live check (the dry run of `validate`)
    batch_seconds: float = 30 * 60.0  # one batch from the page
    batch_jobs: int = 1  # worker processes of one batch


@dataclass(frozen=True)
class Settings:
    """How the page runs: where it listens, whether it asks for a password, its limits."""

    host: str = "127.0.0.1"
    password_file: Path | None = None  # the hashed password; None: no login (local only)
    secure_cookies: bool = False  # set when served over TLS
    workers: int = 2  # render processes kept warm
    limits: Limits = field(default_factory=Limits)

    @property
    def local(self) -> bool:
        return self.host in LOCAL_HOSTS
