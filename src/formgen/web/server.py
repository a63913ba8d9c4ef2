"""`formgen serve`: the page under uvicorn, on the loopback unless a password is set."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from formgen.errors import FormgenError
from formgen.i18n import _
from formgen.project import Project
from formgen.web.auth import PASSWORD_FILE, save_password, stored_hash
from formgen.web.settings import Settings


def workspace_root(project: Project) -> Path:
    """The workspace the page serves, where its password is kept: the folder of its data folder
    (a workspace keeps `data/` at its root); with the bundled example data, the current folder."""
    from formgen.builtin import builtin_data

    return Path.cwd() if project.data == builtin_data().resolve() else project.data.parent


def password_path(project: Project) -> Path:
    return workspace_root(project) / PASSWORD_FILE


def set_password(project: Project, password: str) -> Path:
    """Store the hash of the page's password in the workspace; the file it went to."""
    path = password_path(project)
    save_password(path, password)
    return path


def settings_for(project: Project, host: str, tls: bool = False) -> Settings:
    """The settings of a server on `host`; refused beyond the loopback without a password."""
    settings = Settings(host=host, password_file=password_path(project), secure_cookies=tls)
    if not settings.local and stored_hash(settings.password_file) is None:
        raise FormgenError(_(
            "Refused: the address {host} is reachable from the network, and the page has no password. Set one "
            "with `formgen serve --set-password` (stored as a hash in {file}) or serve the page on 127.0.0.1.").format(
            host=host, file=settings.password_file))
    if settings.local:  # on the loopback, a password set for the network is not asked for
        settings = Settings(host=host, password_file=None, secure_cookies=tls)
    return settings


def logging_config() -> dict[str, object]:
    """Uvicorn's own messages and formgen's access log (no query strings) to stderr."""
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {"uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
                    "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
                    "formgen.web": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
    }


def serve(project: Project, host: str, port: int, certfile: Path | None = None, keyfile: Path | None = None) -> None:
    """Run the page until interrupted."""
    import uvicorn

    from formgen.i18n import LANG_ENV, set_language
    from formgen.web.app import create_app

    settings = settings_for(project, host, tls=certfile is not None)
    import os

    if not os.environ.get(LANG_ENV):
        set_language("pl")  # the page is Polish, whatever the terminal's locale
    project.catalog  # a broken catalog is an error now, not on the first request  # noqa: B018
    app = create_app(project, settings)
    scheme = "https" if certfile else "http"
    address = f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(_("formgen: the page is at {address} (Ctrl+C stops it)").format(address=address), file=sys.stderr)
    logging.getLogger("formgen.web").setLevel(logging.INFO)
    uvicorn.run(app, host=host, port=port, access_log=False, log_config=logging_config(), server_header=False,
                ssl_certfile=str(certfile) if certfile else None, ssl_keyfile=str(keyfile) if keyfile else None)
