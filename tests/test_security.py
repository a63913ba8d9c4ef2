"""SECURITY.md #1-5, #12, #13: fetching, escaping, sandboxing, file names, metadata, determinism."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading

import pytest
from docx import Document
from jinja2.exceptions import SecurityError
from pypdf import PdfReader

from formgen.errors import FormgenError, InputError
from formgen.output import safe_path
from formgen.pipeline import collect, render_case
from formgen.render.docx import render_docx
from formgen.render.env import environment
from formgen.render.pdf import html_to_pdf
from tests.conftest import ROOT, docx_text, pdf_text, write

STATEMENT = """form: som-oswiadczenie
id: {id}
osoba:
  imie: {imie}
  nazwisko: Kowalska
  pesel: "07231412017"
stanowisko: {stanowisko}
"""


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def loopback():
    """A loopback HTTP server that counts the requests it gets (and redirects to file://)."""
    _Counter.hits = 0
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _Counter
    server.shutdown()


def test_weasyprint_fetches_nothing_outside_the_templates(loopback, tmp_path):
    url, counter = loopback
    html = f"""<html><head>
<link rel="stylesheet" href="{url}/a.css"><link rel="attachment" href="file:///etc/passwd">
<style>@import url("{url}/b.css"); @import url("file:///etc/passwd");
@font-face {{ font-family: X; src: url("{url}/f.ttf"); }}
body {{ background: url("{url}/bg.png"); font-family: X; }}</style></head><body>
<img src="file:///etc/passwd"><img src="{url}/i.png"><object data="file:///etc/hostname"></object>
<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}/s.png" width="5" height="5"/></svg>
<p>tekst</p></body></html>"""
    pdf = html_to_pdf(html, tmp_path, [ROOT / "templates"])
    reader = PdfReader(io.BytesIO(pdf))
    assert counter.hits == 0
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert "root:" not in pdf_text(pdf)
    assert b"root:x:0:0" not in pdf


def test_values_with_markup_and_urls_come_out_literally(loopback, tmp_path, project):
    url, counter = loopback
    nasty = f"<b>&\"' <img src='{url}/x.png'> file:///etc/passwd </w:t>"
    case = write(tmp_path, "c.yaml", STATEMENT.format(id="x-1", imie="Anna", stanowisko=json.dumps(nasty)))
    cases, invalid = collect(project, [case])
    assert not invalid
    written = render_case(project, cases[0], tmp_path / "out", ("docx", "pdf"))
    assert counter.hits == 0
    docx_path, pdf_path = sorted(written)
    assert nasty in docx_text(docx_path)
    assert nasty in pdf_text(pdf_path)


@pytest.mark.parametrize("source", [
    "{{ cycler.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ ('{0.__class__}'|attr('format'))(1) }}",
])
def test_template_code_execution_is_blocked_in_html_and_docx(tmp_path, source):
    env = environment(ROOT / "templates")
    with pytest.raises(SecurityError):
        env.from_string(source).render()
    doc = Document()
    doc.add_paragraph(source)
    template = tmp_path / "evil.docx"
    doc.save(str(template))
    with pytest.raises(SecurityError):
        render_docx(template, ROOT / "templates", {}, "t", "a", __import__("datetime").datetime(2026, 1, 1))


@pytest.mark.parametrize("case_id, message", [
    ("../x", "case id must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit"),
    ("a/../../b", "case id must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit"),
    ("CON", "'CON' is a reserved device name on Windows"),
    ("\u202eabc", "case id must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit"),
])
def test_bad_case_ids_are_refused(tmp_path, project, case_id, message):
    case = write(tmp_path, "c.yaml", STATEMENT.format(id=json.dumps(case_id), imie="Anna", stanowisko="x"))
    cases, invalid = collect(project, [case])
    assert not cases
    assert invalid[0].message == f"{case}:2: id: {message}"


def test_safe_path_stays_under_the_output_folder(tmp_path):
    assert safe_path(tmp_path, "a", "b.pdf") == (tmp_path / "a" / "b.pdf").resolve()
    for parts in (("..", "x.pdf"), ("/etc", "passwd"), ("a", "..", "..", "x")):
        with pytest.raises(FormgenError):
            safe_path(tmp_path, *parts)


def test_control_characters_are_refused_with_a_clear_error(tmp_path, project):
    case = write(tmp_path, "c.yaml", STATEMENT.format(id="x-2", imie='"An\\vna"', stanowisko="x"))
    _, invalid = collect(project, [case])
    assert invalid[0].message == (
        f"{case}:4: osoba.imie: contains control characters that documents cannot hold: \\x0b")


def test_no_personal_data_in_metadata(tmp_path, project):
    case = write(tmp_path, "c.yaml", STATEMENT.format(id="x-3", imie="Genowefa", stanowisko="x"))
    cases, _ = collect(project, [case])
    written = render_case(project, cases[0], tmp_path / "out", ("docx", "pdf"))
    docx_path, pdf_path = sorted(written)
    reader = PdfReader(pdf_path)
    info = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.trailer["/Root"].get("/Metadata")
    blobs = [info, xmp.get_object().get_data().decode() if xmp else ""]
    import zipfile
    with zipfile.ZipFile(docx_path) as archive:
        blobs += [archive.read(n).decode() for n in archive.namelist() if n.startswith("docProps/") and n.endswith(".xml")]
    for blob in blobs:
        assert "Genowefa" not in blob and "Kowalska" not in blob and "07231412017" not in blob
    assert "Genowefa" not in str(docx_path) + str(pdf_path)


def test_same_input_gives_identical_bytes(tmp_path, project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    case = write(tmp_path, "c.yaml", STATEMENT.format(id="x-4", imie="Anna", stanowisko="x"))
    cases, _ = collect(project, [case])
    digests = []
    for run in ("one", "two"):
        written = render_case(project, cases[0], tmp_path / run, ("docx", "pdf"))
        digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(written)])
    assert digests[0] == digests[1]


def test_huge_text_is_refused_and_writes_nothing(tmp_path, project):
    case = write(tmp_path, "c.yaml", STATEMENT.format(id="x-5", imie="Anna", stanowisko="a" * 1_000_000))
    _, invalid = collect(project, [case])
    assert isinstance(invalid[0], InputError)
    assert invalid[0].message == f"{case}:7: stanowisko: text is 1000000 characters long; the limit is 2000"
    assert not (tmp_path / "out").exists()
