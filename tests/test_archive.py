"""Archival bundles: PDF/A-3b claim, embedded fonts, cover and outline, numbering across the
bundle, attachments, manifest, `formgen verify`, determinism and external checkers."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from formgen.bundle import pdf_variants
from formgen.cli import cli
from formgen.documents import render_document
from formgen.manifest import manifest_path
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.verify import check_bundle
from tests.conftest import EXAMPLES, ROOT, made, make_bundles, rewrite_page_seven, squash

CASE = EXAMPLES / "sprawa-pozyczka-2026-003.yaml"
EPOCH = "1768471200"  # 2026-01-15 10:00:00 UTC


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(project, out, path=CASE):
    written, failed = made(make_bundles(project, [path], out))
    assert not failed and len(written) == 1
    return written[0]


@pytest.fixture(scope="module")
def bundle(project, tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build(project, tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def manifest(bundle):
    return json.loads(manifest_path(bundle).read_text(encoding="utf-8"))


def test_the_bundle_claims_pdfa_3b_and_has_an_output_intent(bundle):
    reader = PdfReader(bundle)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    intents = root["/OutputIntents"]
    assert [i.get_object()["/S"] for i in intents] == ["/GTS_PDFA1"]
    assert "/DestOutputProfile" in intents[0].get_object()
    assert not reader.is_encrypted and "/ID" in reader.trailer
    assert root["/PageMode"] == "/UseOutlines"
    af = root["/AF"]
    assert len(af) == len({(r.idnum, r.generation) for r in af}) == 5  # no duplicates (WeasyPrint 70 bug)


def test_metadata_names_the_case_and_the_issuer_only(bundle):
    meta = PdfReader(bundle).metadata
    assert meta["/Title"] == "Pakiet dokumentów: pozyczka-2026-003"
    assert meta["/Author"] == "Żłobek Miejski nr 3 w Przykładowie"
    assert meta["/CreationDate"].startswith("D:20260115100000")
    assert "Nabywca" not in str(dict(meta)) and "64091207834" not in str(dict(meta))


def test_every_font_is_embedded(bundle):
    reader = PdfReader(bundle)
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                descriptor = desc.get_object()["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
                fonts += 1
    assert fonts


def test_cover_then_one_bookmark_per_document(bundle, manifest):
    reader = PdfReader(bundle)
    marks = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]
    assert marks == [("Strona tytułowa", 1), ("Podanie o pożyczkę mieszkaniową", 2),
                     ("Oświadczenie o dochodzie", 4), ("Umowa pożyczki z ZFŚS", 5),
                     ("Informacja o rachunku bankowym", 10)]
    assert [(d["title"], d["first_page"]) for d in manifest["documents"]] == marks[1:]
    assert len(reader.pages) == manifest["pages"] == 10
    cover = squash(reader.pages[0].extract_text())
    assert "Pakiet dokumentów" in cover and "pozyczka-2026-003" in cover
    assert "ul. Lipowa 5, 00-950 Przykładowo" in cover and "Wygenerowano: 15 stycznia 2026 r., godz. 10:00 UTC" in cover
    assert re.search(r"Umowa pożyczki z ZFŚS\s*5", cover)


def test_page_numbers_run_across_the_bundle(bundle):
    reader = PdfReader(bundle)
    for number in (1, 2, 4, 10):
        assert f"strona {number} z 10" in squash(reader.pages[number - 1].extract_text())


def test_a_document_alone_still_counts_its_own_pages(project):
    cases, _ = collect(project, [CASE])
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    reader = PdfReader(io.BytesIO(doc.pdf or b""))
    assert "strona 1 z 2" in squash(reader.pages[0].extract_text())


def test_attachments_round_trip(project, bundle, manifest, monkeypatch):
    reader = PdfReader(bundle)
    files = {name: data[0] for name, data in reader.attachments.items()}
    assert sorted(files) == ["01-zfss-podanie-pozyczka.docx", "02-zfss-oswiadczenie-dochody.docx",
                             "03-zfss-umowa-pozyczki.docx", "04-zfss-rachunek-bankowy.docx",
                             "pozyczka-2026-003.yaml"]
    assert files["pozyczka-2026-003.yaml"] == CASE.read_bytes()
    assert {a["name"]: a["sha256"] for a in manifest["attachments"]} == {n: sha(d) for n, d in files.items()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cases, _ = collect(project, [CASE])
    alone = render_document(project, cases[0].forms[2], cases[0], build_time(), layout=False)
    assert files["03-zfss-umowa-pozyczki.docx"] == alone.docx
    relationships = {}
    for ref in reader.trailer["/Root"]["/AF"]:
        spec = ref.get_object()
        relationships[str(spec["/UF"])] = spec["/AFRelationship"]
        params = spec["/EF"]["/F"].get_object()
        assert params["/Params"]["/ModDate"].startswith("D:20260115100000")
    assert relationships["pozyczka-2026-003.yaml"] == "/Source"
    assert relationships["01-zfss-podanie-pozyczka.docx"] == "/Alternative"
    yaml_file = next(r.get_object() for r in reader.trailer["/Root"]["/AF"]
                     if r.get_object()["/UF"] == "pozyczka-2026-003.yaml")
    assert yaml_file["/EF"]["/F"].get_object()["/Subtype"] == "/application/yaml"


def test_manifest_records_hashes_and_no_personal_data(bundle, manifest):
    assert manifest["bundle"] == {"file": bundle.name, "sha256": sha(bundle.read_bytes())}
    assert manifest["pdf_variant"] == "pdf/a-3b"
    assert manifest["generated"] == "2026-01-15T10:00:00+00:00"
    assert manifest["parameters"] == [
        {"file": name, "sha256": sha((ROOT / "data" / name).read_bytes())}
        for name in ("institution.yaml", "params/zfss-2026.yaml")]
    text = manifest_path(bundle).read_text(encoding="utf-8")
    assert "Nabywca" not in text and "64091207834" not in text


@pytest.mark.parametrize("example, files", [
    ("interwencja-2026-001.yaml", ["institution.yaml", "procedures/interwencja.yaml"]),
    ("plan-amortyzacji-2026.yaml", ["institution.yaml", "pol/parametry.yaml", "pol/polityki.yaml"]),
    ("ankieta-2026.yaml", ["institution.yaml", "procedures/ankieta.yaml"]),
])
def test_manifest_lists_the_data_files_each_bundle_used(project, tmp_path, example, files):
    """Not only the fund's yearly parameters: procedures, survey questions and policy rates too."""
    target = build(project, tmp_path, EXAMPLES / example)
    manifest = json.loads(manifest_path(target).read_text(encoding="utf-8"))
    assert [entry["file"] for entry in manifest["parameters"]] == files


def test_verify_accepts_a_fresh_bundle_and_rejects_a_changed_byte(bundle, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["verify", str(bundle)])
    assert result.exit_code == 0 and result.output == f"{bundle}: OK\n"
    copy = tmp_path / bundle.name
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    shutil.copy(manifest_path(bundle), manifest_path(copy))
    result = runner.invoke(cli, ["verify", str(copy)])
    assert result.exit_code == 1
    assert f"{copy}: sha256 differs from the manifest" in result.output


def test_manifest_hashes_what_each_document_draws(bundle, manifest):
    reader = PdfReader(bundle)

    def drawn(first, count):
        return sha(b"".join(page.get_contents().get_data() for page in reader.pages[first - 1:first - 1 + count]))

    assert manifest["cover"]["content_sha256"] == drawn(1, 1)
    assert [(d["first_page"], d["pages"]) for d in manifest["documents"]] == [(2, 2), (4, 1), (5, 5), (10, 1)]
    for document in manifest["documents"]:
        assert document["content_sha256"] == drawn(document["first_page"], document["pages"])
    assert [d["docx"] for d in manifest["documents"]] == [
        "01-zfss-podanie-pozyczka.docx", "02-zfss-oswiadczenie-dochody.docx",
        "03-zfss-umowa-pozyczki.docx", "04-zfss-rachunek-bankowy.docx"]


def test_verify_names_the_document_whose_pages_changed(bundle, manifest, tmp_path):
    """A page rewritten by another program, with the manifest's file hash updated to match:
    the per-document hashes still show which document was changed."""
    copy = rewrite_page_seven(bundle, tmp_path)  # page 7: inside the loan agreement (pages 5-9)
    changed = dict(manifest, bundle={"file": copy.name, "sha256": sha(copy.read_bytes())})
    manifest_path(copy).write_text(json.dumps(changed), encoding="utf-8")
    assert check_bundle(copy) == ["document 'Umowa pożyczki z ZFŚS': the content of its pages differs "
                                  "from the manifest"]


def test_verify_reports_a_wrong_manifest(bundle, tmp_path):
    copy = tmp_path / bundle.name
    shutil.copy(bundle, copy)
    manifest = json.loads(manifest_path(bundle).read_text(encoding="utf-8"))
    manifest["documents"][1]["first_page"] = 3
    manifest["attachments"][0]["sha256"] = "0" * 64
    manifest["pdf_variant"] = "pdf/a-2b"
    manifest_path(copy).write_text(json.dumps(manifest), encoding="utf-8")
    problems = check_bundle(copy)
    assert any(p.startswith("bookmarks") for p in problems)
    assert "attachment 01-zfss-podanie-pozyczka.docx: sha256 differs from the manifest" in problems
    assert any(p.startswith("XMP pdfaid part=3 conformance=B does not match pdf/a-2b") for p in problems)
    assert check_bundle(tmp_path / "missing.pdf") == ["manifest missing.manifest.json not found"]


def test_same_inputs_and_epoch_give_identical_bytes(project, bundle, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build(project, tmp_path)
    assert again.read_bytes() == bundle.read_bytes()
    assert manifest_path(again).read_bytes() == manifest_path(bundle).read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    later = build(project, tmp_path / "later")
    assert later.read_bytes() != bundle.read_bytes()


def test_cli_bundle_variant_option(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert set(pdf_variants()) >= {"pdf/a-3a", "pdf/a-3b", "pdf/a-3u"}
    result = CliRunner().invoke(cli, ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data"),
                                      "bundle", str(EXAMPLES / "zapomoga-2026-001.yaml"), "-o", str(tmp_path),
                                      "--pdf-variant", "pdf/a-3u"])
    assert result.exit_code == 0, result.output
    pdf = next(tmp_path.glob("*.pdf"))
    xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    assert check_bundle(pdf) == []


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (Debian package qpdf)")
def test_bundle_passes_qpdf_check(bundle):
    result = subprocess.run(["qpdf", "--check", str(bundle)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.skipif(shutil.which("verapdf") is None, reason="veraPDF is not installed")
def test_bundle_passes_verapdf(bundle):  # pragma: no cover - veraPDF is not available here
    result = subprocess.run(["verapdf", "--flavour", "3b", "--format", "text", str(bundle)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("PASS"), result.stdout


def test_jobs_give_the_same_bundles(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    paths = [EXAMPLES / name for name in ("zapomoga-2026-001.yaml", "wczasy-2026-001.yaml",
                                          "sprawa-pozyczka-2026-002.yaml", "dochody-2026-001.yaml")]
    one, failed_one = made(make_bundles(project, paths, tmp_path / "one", jobs=1))
    two, failed_two = made(make_bundles(project, paths, tmp_path / "two", jobs=2))
    assert failed_one == failed_two == []
    assert [p.name for p in one] == [p.name for p in two] == [
        "zapomoga-2026-001.pdf", "wczasy-2026-001.pdf", "pozyczka-2026-002.pdf", "dochody-2026-001.pdf"]
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes()
        assert manifest_path(a).read_bytes() == manifest_path(b).read_bytes()


def test_verify_takes_manifests_for_their_bundles(bundle, tmp_path):
    result = CliRunner().invoke(cli, ["verify", str(bundle), str(manifest_path(bundle))])
    assert (result.exit_code, result.output) == (0, f"{bundle}: OK\n")
    lonely = tmp_path / "sam.manifest.json"
    shutil.copy(manifest_path(bundle), lonely)
    result = CliRunner().invoke(cli, ["verify", str(lonely)])
    assert (result.exit_code, result.output) == (
        1, f"{tmp_path / 'sam.pdf'}: cannot read the bundle: No such file or directory\n")


def test_a_killed_bundle_run_leaves_only_complete_files(tmp_path):
    """SECURITY.md #7: outputs are written to a temporary file and renamed, so a run killed at
    any moment leaves whole bundles (plus at most hidden .formgen-tmp- files and the build
    state), never a torn one."""
    import os
    import signal
    import sys
    import time

    out = tmp_path / "out"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.Popen([sys.executable, "-m", "formgen", "bundle", str(EXAMPLES), "-o", str(out)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3 and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) >= 3
    assert len(pdfs) < len(list(EXAMPLES.glob("*.yaml")))  # it was stopped part-way
    for pdf in pdfs:
        reader = PdfReader(pdf, strict=True)
        assert len(reader.pages) >= 2 and reader.outline
        manifest = manifest_path(pdf)
        if manifest.exists():  # the manifest follows its PDF; with it, the pair verifies
            assert check_bundle(pdf) == []
    names = {p.name for p in out.iterdir()}
    assert all(n.endswith((".pdf", ".manifest.json")) or n.startswith(".formgen-tmp-")
               or n == ".formgen-state.jsonl" for n in names)


def test_a_case_reading_lists_from_csv_carries_the_csv_too(project, tmp_path):
    """`odpowiedzi: {wczytaj: dane/….csv}`: the YAML alone would not hold the case's data."""
    target = build(project, tmp_path, EXAMPLES / "ankieta-2026.yaml")
    files = {name: data[0] for name, data in PdfReader(target).attachments.items()}
    csv_file = EXAMPLES / "dane" / "ankieta-2026-odpowiedzi.csv"
    assert sorted(files) == ["01-som-ankieta.docx", "ankieta-2026-odpowiedzi.csv", "ankieta-2026.yaml"]
    assert files["ankieta-2026.yaml"] == (EXAMPLES / "ankieta-2026.yaml").read_bytes()
    assert files["ankieta-2026-odpowiedzi.csv"] == csv_file.read_bytes()
    manifest = json.loads(manifest_path(target).read_text(encoding="utf-8"))
    entry = next(a for a in manifest["attachments"] if a["name"].endswith(".csv"))
    assert entry == {"name": "ankieta-2026-odpowiedzi.csv", "relationship": "Source",
                     "sha256": sha(csv_file.read_bytes())}
    assert check_bundle(target) == []


@pytest.mark.parametrize("text, problem", [
    ("[1, 2]", "is not a formgen bundle manifest"),
    ('{"bundle": "x"}', "is not a formgen bundle manifest"),
    ("{not json", "unreadable: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
])
def test_verify_reports_a_foreign_or_broken_manifest(bundle, tmp_path, text, problem):
    copy = tmp_path / bundle.name
    shutil.copy(bundle, copy)
    manifest_path(copy).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(copy)])
    assert (result.exit_code, result.output) == (1, f"{copy}: manifest {manifest_path(copy).name} {problem}\n")
