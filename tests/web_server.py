"""A real `formgen serve` for the browser tests: started on a free loopback port, its log kept."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# Chromium as root needs --no-sandbox; the rest keeps it off the (closed) network.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(log: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`formgen serve` on a free port of the loopback: its base URL while the block runs."""
    port = free_port()
    command = [sys.executable, "-m", "formgen", "--templates", str(ROOT / "templates"), "--data", str(ROOT / "data"),
               "serve", "--port", str(port), *args]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT,
                                   env={**os.environ, **(env or {})})
        try:
            url = f"http://127.0.0.1:{port}"
            _wait(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"formgen serve ended with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/static/formgen.css", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("formgen serve did not start in 30 s")


def csrf_of(html: str) -> str:
    """The CSRF token a page carries in its forms."""
    import re

    found = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


@contextmanager
def client(settings: object | None = None, project: object | None = None) -> Iterator[object]:
    """A test client of the page over the repository's project, or `project` (one render process)."""
    from fastapi.testclient import TestClient

    from formgen.project import Project
    from formgen.web.app import create_app
    from formgen.web.settings import Settings

    app = create_app(project or Project(ROOT / "templates", ROOT / "data"), settings or Settings(workers=1))  # type: ignore[arg-type]
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def flat(data: object, prefix: str = "") -> list[tuple[str, str]]:
    """Case data as the page's form fields (dotted names), the way a browser posts them."""
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in flat(value, f"{prefix}{key}.")]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in flat(value, f"{prefix}{i}.")]
    return [(prefix[:-1], "" if data is None else str(data))]


def example(name: str) -> dict[str, object]:
    """An example case's data as read (strings), without form and id."""
    from formgen.cases.yamlread import read_yaml

    data = read_yaml(ROOT / "data" / "examples" / name)[0].data
    return {k: v for k, v in data.items() if k not in ("form", "rodzaj")}


def multi(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Form fields (repeated names kept) as the test client posts them."""
    out: dict[str, list[str]] = {}
    for name, value in items:
        out.setdefault(name, []).append(value)
    return out
