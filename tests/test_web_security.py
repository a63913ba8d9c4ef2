"""The web page's defences (SECURITY.md rows 14-17): CSRF, listening beyond the loopback only with
a password, sessions, uploads within limits, escaping, headers, logs, the render time limit."""

from __future__ import annotations

import io
import logging
import re
import stat
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from formgen.cli import cli
from formgen.web import jobs
from formgen.web.auth import hash_password, save_password, verify_password
from formgen.web.settings import Limits, Settings
from formgen.web.workers import RenderPool, RenderTimeout
from tests.conftest import EXAMPLES
from tests.web_server import ROOT, client, csrf_of, example, flat, multi

LOAN = "zfss-umowa-pozyczki"
INJECTIONS = ["<script>alert(1)</script>", '" onmouseover="alert(1)', "<b>&\"'</b>"]


@pytest.fixture(scope="module")
def web():
    with client() as test_client:
        yield test_client


def token(web) -> str:
    return csrf_of(web.get(f"/formularz/{LOAN}").text)


# --- CSRF and same-origin posts (row 14) -----------------------------------------------------------

@pytest.mark.parametrize("url", ["/wypelnij/sprawdz", "/wypelnij/pdf", "/wypelnij/yaml", "/wczytaj", "/wsadowo"])
def test_a_post_without_the_csrf_token_is_refused(web, url: str) -> None:
    web.get("/")  # the session exists; only the token is missing
    response = web.post(url, data={"_forma": LOAN, "id": "x-1"})
    assert response.status_code == 403
    assert "brak lub niepoprawny token formularza (CSRF)" in response.text


def test_a_post_with_another_sessions_token_is_refused(web) -> None:
    with client() as other:
        foreign = token(other)
    response = web.post("/wypelnij/yaml", data={"_csrf": foreign, "_forma": LOAN, "id": "x-1"})
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                                     {"origin": "null"}])
def test_a_post_from_another_site_is_refused_before_any_route(web, headers: dict[str, str]) -> None:
    response = web.post("/wypelnij/yaml", data={"_csrf": token(web), "_forma": LOAN, "id": "x-1"}, headers=headers)
    assert response.status_code == 403 and response.text == "Odrzucono: żądanie z innej witryny."
    api = web.post(f"/api/forms/{LOAN}/validate", json={}, headers=headers)
    assert api.status_code == 403


def test_another_host_name_is_refused_on_the_loopback(web) -> None:
    """DNS rebinding: a site that makes its name point at 127.0.0.1 still sends its own Host."""
    assert web.get("/", headers={"host": "evil.example:8000"}).status_code == 400
    assert web.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_the_session_cookie_is_http_only_and_same_site_strict() -> None:
    with client() as fresh:
        cookie = fresh.get("/").headers["set-cookie"]
    assert re.fullmatch(r"formgen_sesja=[A-Za-z0-9_-]{40,}; Path=/; HttpOnly; SameSite=Strict", cookie)


# --- Listening beyond the loopback: a password and sessions (row 14) -------------------------------

def test_serving_on_all_addresses_without_a_password_refuses_to_start(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    args = ["--templates", str(ROOT / "templates"), "--data", str(tmp_path / "data"), "serve", "--host", "0.0.0.0",
            "--port", "8999"]
    result = CliRunner().invoke(cli, args, env={"FORMGEN_LANG": "pl"})
    assert result.exit_code == 1
    assert "Odmowa: adres 0.0.0.0 jest dostępny z sieci, a strona nie ma hasła." in result.output
    assert "formgen serve --set-password" in result.output
    english = CliRunner().invoke(cli, args)  # the suite's language
    assert "Refused: the address 0.0.0.0 is reachable from the network, and the page has no password." in \
        english.output


def test_set_password_stores_only_a_scrypt_hash(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = CliRunner().invoke(cli, ["--data", str(tmp_path / "data"), "serve", "--set-password"],
                                input="dobre-haslo-123\ndobre-haslo-123\n")
    assert result.exit_code == 0, result.output
    stored = tmp_path / ".formgen" / "web-password"
    text = stored.read_text()
    assert text.startswith("scrypt$32768$8$1$") and "dobre-haslo-123" not in text
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert verify_password("dobre-haslo-123", text) and not verify_password("dobre-haslo-124", text)


def test_a_short_password_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Exception, match="at least 10 characters long"):
        save_password(tmp_path / "p", "krotkie")
    monkeypatch.setenv("FORMGEN_LANG", "pl")
    with pytest.raises(Exception, match="co najmniej 10 znaków"):
        save_password(tmp_path / "p", "krotkie")


def test_hashes_are_salted() -> None:
    assert hash_password("dobre-haslo-123") != hash_password("dobre-haslo-123")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "web-password"
    save_password(path, "dobre-haslo-123")
    with client(Settings(host="0.0.0.0", password_file=path, workers=1)) as test_client:
        yield test_client


def test_with_a_password_pages_need_a_login(guarded) -> None:
    response = guarded.get("/", follow_redirects=False, headers={"host": "192.0.2.10:8000"})
    assert response.status_code == 303 and response.headers["location"] == "/logowanie"
    login = guarded.get("/logowanie")
    assert login.status_code == 200 and 'type="password"' in login.text
    wrong = guarded.post("/logowanie", data={"_csrf": csrf_of(login.text), "haslo": "zle-haslo-000"})
    assert wrong.status_code == 401 and "Niepoprawne hasło." in wrong.text
    right = guarded.post("/logowanie", data={"_csrf": csrf_of(login.text), "haslo": "dobre-haslo-123"},
                         follow_redirects=False)
    assert right.status_code == 303
    assert guarded.get("/").status_code == 200
    logout = guarded.post("/wyloguj", data={"_csrf": csrf_of(guarded.get("/").text)}, follow_redirects=False)
    assert logout.headers["location"] == "/logowanie"
    assert guarded.get("/", follow_redirects=False).status_code == 303


def test_with_a_password_the_api_needs_basic_credentials(guarded) -> None:
    guarded.cookies.clear()
    refused = guarded.post(f"/api/forms/{LOAN}/validate", json={})
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == 'Basic realm="formgen"'
    assert guarded.post(f"/api/forms/{LOAN}/validate", json={}, auth=("hr", "zle-haslo-000")).status_code == 401
    accepted = guarded.post(f"/api/forms/{LOAN}/validate", json={"id": "x-1"}, auth=("hr", "dobre-haslo-123"))
    assert accepted.status_code == 200 and accepted.json()["valid"] is False


# --- Uploads (row 16) -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small():
    limits = Limits(request_bytes=200_000, file_bytes=50_000, zip_entries=5, zip_total_bytes=100_000, zip_ratio=20)
    with client(Settings(workers=1, limits=limits)) as test_client:
        yield test_client


def upload(web, name: str, data: bytes) -> object:
    csrf = csrf_of(web.get("/wsadowo").text)
    return web.post("/wsadowo", data={"_csrf": csrf}, files={"plik": (name, data, "application/octet-stream")},
                    follow_redirects=False)


def test_an_oversized_upload_is_refused_by_its_length(small) -> None:
    response = upload(small, "staff.csv", b"x" * 300_000)
    assert response.status_code == 413 and response.text == "Przesłane dane są za duże: limit to 0 MiB."


def test_an_oversized_chunked_upload_is_refused_while_reading(small) -> None:
    csrf = csrf_of(small.get("/wsadowo").text)
    chunks = (b"a" * 50_000 for _ in range(10))  # no Content-Length: sent chunked
    response = small.post("/wsadowo", content=chunks, headers={"content-type": "multipart/form-data; boundary=x",
                                                               "x-csrf-token": csrf})
    assert response.status_code == 413


def test_a_file_over_the_case_file_limit_is_refused(small) -> None:
    response = upload(small, "staff.csv", b"form,id\n" + b"x" * 60_000)
    assert response.status_code == 422 and "Plik jest za duży: limit to" in response.text


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("members", "message"), [
    ({"../ucieczka.yaml": b"form: x\n"}, "Niedozwolona nazwa w archiwum: &#39;../ucieczka.yaml&#39;"),
    ({"/etc/cron.d/x.yaml": b"form: x\n"}, "Niedozwolona nazwa w archiwum: &#39;/etc/cron.d/x.yaml&#39;"),
    ({"a\\..\\..\\x.yaml": b"form: x\n"}, "Niedozwolona nazwa w archiwum"),
    ({"bomba.csv": b"0" * 40_000}, "jest podejrzanie mocno skompresowany (ponad 20:1)"),
    ({f"s{i}.yaml": b"form: x\n" for i in range(6)}, "Archiwum ma 6 plików; limit to 5."),
    ({"duzy.csv": bytes(range(256)) * 250}, "Plik &#39;duzy.csv&#39; w archiwum jest za duży"),
])
def test_zip_uploads_are_checked(small, members: dict[str, bytes], message: str, tmp_path: Path) -> None:
    before = set(Path("/tmp").glob("formgen-web-*"))
    response = upload(small, "sprawy.zip", _zip(members))
    assert response.status_code == 422 and message in response.text
    assert set(Path("/tmp").glob("formgen-web-*")) == before, "the batch's folder is removed"
    assert not (ROOT / "ucieczka.yaml").exists() and not Path("/tmp/ucieczka.yaml").exists()
    assert small.get("/").status_code == 200  # the server keeps serving


def test_a_batch_belongs_to_its_session(web) -> None:
    csrf = csrf_of(web.get("/wsadowo").text)
    raw = (EXAMPLES / "personel.csv").read_bytes()
    started = web.post("/wsadowo", data={"_csrf": csrf, "format_pdf": "1"}, files={"plik": ("s.csv", raw, "text/csv")},
                       follow_redirects=False)
    url = started.headers["location"]
    with client() as stranger:
        assert stranger.get(url).status_code == 404
        assert stranger.get(url + "/wyniki.zip").status_code == 404


# --- Escaping and headers (row 15) ------------------------------------------------------------------

@pytest.mark.parametrize("value", INJECTIONS)
def test_a_case_value_comes_back_escaped(web, value: str) -> None:
    case = {**example("pozyczka-2026-001.yaml"), "cel": value, "data_umowy": value}
    fields = [("_csrf", token(web)), ("_forma", LOAN), *flat(case)]
    page = web.post("/wypelnij/sprawdz", data=multi(fields))  # the whole page, as without JavaScript
    assert page.status_code == 422
    for text in (page.text, web.post("/wypelnij/sprawdz", data=multi(fields), headers={"hx-request": "true"}).text):
        assert value not in text
        assert "<script>" not in text.replace('<script src="/static/htmx.min.js" defer></script>', "")
    assert f'name="cel" value="{escape(value)}"' in page.text
    assert "not a date: &#39;" in page.text  # the message that repeats the value, escaped too


@pytest.mark.parametrize("url", ["/", f"/formularz/{LOAN}", "/wsadowo", "/nie-ma", "/static/formgen.css",
                                 "/api/forms", "/openapi.json"])
def test_security_headers_on_every_response(web, url: str) -> None:
    headers = web.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    if not url.startswith("/static/"):
        assert headers["cache-control"] == "no-store"


def test_pages_have_no_inline_scripts(web) -> None:
    for url in ("/", f"/formularz/{LOAN}", "/rodzaj/interwencja", "/wsadowo"):
        html = web.get(url).text
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts == ['<script src="/static/htmx.min.js" defer>'], url
        assert not re.search(r"\son[a-z]+=", html) and "javascript:" not in html
        assert " style=" not in html


# --- Logs and URLs (row 17), the time limit ------------------------------------------------------

def test_the_access_log_has_no_query_strings_and_no_case_data(web, caplog) -> None:
    caplog.set_level(logging.INFO, logger="formgen.web.access")
    web.get(f"/formularz/{LOAN}?pesel=07231412017&nazwisko=Przykładowski")
    web.post("/wypelnij/sprawdz", data=multi([("_csrf", token(web)), ("_forma", LOAN),
                                              *flat(example("pozyczka-2026-001.yaml"))]))
    lines = [r.getMessage() for r in caplog.records if r.name == "formgen.web.access"]
    assert any(re.fullmatch(r'\S+ "GET /formularz/zfss-umowa-pozyczki" 200 \d+ ms', line) for line in lines)
    assert any(re.fullmatch(r'\S+ "POST /wypelnij/sprawdz" 200 \d+ ms', line) for line in lines)
    log = "\n".join(lines)
    assert "07231412017" not in log and "Przykładowski" not in log and "?" not in log


def test_a_render_over_its_time_limit_is_stopped_with_a_message() -> None:
    with client(Settings(workers=1, limits=Limits(render_seconds=0.05))) as slow:
        csrf = token(slow)
        fields = [("_csrf", csrf), ("_forma", LOAN), *flat(example("pozyczka-2026-001.yaml"))]
        response = slow.post("/wypelnij/pdf", data=multi(fields))
        assert response.status_code == 504
        assert "Przekroczono limit czasu (0.05 s): dokument nie został przygotowany." in response.text


def test_the_render_pool_kills_an_overrunning_job_and_goes_on() -> None:
    pool = RenderPool(1)
    try:
        start = time.monotonic()
        with pytest.raises(RenderTimeout):
            pool.run(1.0, jobs.sleep, 30)
        assert time.monotonic() - start < 10
        assert pool.run(20, jobs.sleep, 0.01) == 0.01
    finally:
        pool.close()


def test_an_unexpected_error_is_logged_without_its_message(caplog) -> None:
    with client() as web:
        def broken() -> None:
            raise ValueError("Przykładowski 07231412017")

        web.app.add_api_route("/zepsute", broken)
        caplog.set_level(logging.INFO, logger="formgen.web")
        response = web.get("/zepsute")
    assert response.status_code == 500 and response.text == "Błąd wewnętrzny serwera. Spróbuj ponownie."
    assert "internal error ValueError in GET /zepsute" in caplog.text
    assert "07231412017" not in caplog.text and "Przykładowski" not in caplog.text
