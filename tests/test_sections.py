"""A large bundle written in sections (formgen.assemble.SECTION_PAGES) is the same bundle as
one written in one pass: pages, text, page numbers, bookmarks, cover links, attachments,
manifest, `formgen verify`, encryption and signing. The tests lower the section size to a few
pages so that small example cases take that path; its memory is measured by
benchmarks/limits.py, not here."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from formgen import assemble
from formgen.bundle import PLAIN, Protection, bundle_pdf, render_for_bundle
from formgen.cli import cli
from formgen.manifest import manifest_path
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.seal import Signer
from formgen.verify import check_bundle
from tests.conftest import EXAMPLES, count_layouts, made, make_bundles, rewrite_page_seven, squash
from tests.test_seal import make_certificate

EPOCH = "1768471200"  # 2026-01-15 10:00:00 UTC
# Documents of one to five pages, A4 portrait and landscape (the depreciation plan), several cases.
SOURCES = [EXAMPLES / name for name in ("sprawa-pozyczka-2026-003.yaml", "plan-amortyzacji-2026.yaml",
                                        "personel.csv", "zapomoga-2026-001.yaml")]
SECTION = 3  # pages: the loan agreement (5 pages) makes a section of its own


def bundle(project, folder, section_pages, variant="pdf/a-3b", protection=None, name="pakiet"):
    """Bundle the sources' cases into <folder>/<name>.pdf with its manifest; the assembly's parts."""
    cases, invalid = collect(project, SOURCES)
    assert not invalid
    cases = [case for case in cases if not case.derived]
    when = build_time()
    documents = list(render_for_bundle(project, cases, variant, when))
    pdf, manifest = bundle_pdf(project, cases, name, iter(documents), [], variant, protection, when,
                               section_pages)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    manifest_path(path).write_bytes(manifest.to_json())
    return path, documents


@pytest.fixture(scope="module")
def pair(project, tmp_path_factory):
    """The same cases bundled in one pass and in sections."""
    folder = tmp_path_factory.mktemp("sections")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        whole, kept = bundle(project, folder / "whole", 10_000)
        parts, let_go = bundle(project, folder / "parts", SECTION)
    return whole, parts, kept, let_go


def links(reader, page):
    """The pages (numbered from 1) a page's link annotations lead to."""
    named = reader.named_destinations
    found = []
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        target = annotation.get("/Dest") or annotation["/A"].get("/D")
        if isinstance(target, str):
            found.append(reader.get_destination_page_number(named[target]) + 1)
        else:
            found.append(reader.get_page_number(target[0].get_object()) + 1)
    return found


def test_the_sectioned_bundle_has_the_same_pages_and_text(pair):
    whole, parts, _, _ = pair
    one, other = PdfReader(whole), PdfReader(parts)
    assert len(one.pages) == len(other.pages) > 3 * SECTION
    for number, (a, b) in enumerate(zip(one.pages, other.pages), 1):
        assert a.extract_text() == b.extract_text(), f"page {number}"
        assert a.mediabox == b.mediabox, f"page {number}"


def test_page_numbers_run_across_the_sections(pair):
    _, parts, _, _ = pair
    reader = PdfReader(parts)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"strona {number} z {total}" in squash(page.extract_text())


def test_bookmarks_cover_links_and_attachments_are_the_same(pair):
    whole, parts, _, _ = pair
    one, other = PdfReader(whole), PdfReader(parts)

    def marks(reader):
        return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]

    assert marks(one) == marks(other)
    assert len(marks(other)) == 1 + 4 + 1 + 3 + 1  # the cover, then each document
    assert links(one, one.pages[0]) == links(other, other.pages[0]) == [first for _, first in marks(one)[1:]]
    assert {name: data for name, data in one.attachments.items()} == \
        {name: data for name, data in other.attachments.items()}
    relationships = [(str(ref.get_object()["/UF"]), ref.get_object()["/AFRelationship"])
                     for reader in (one, other) for ref in reader.trailer["/Root"]["/AF"]]
    assert relationships[:len(relationships) // 2] == relationships[len(relationships) // 2:]
    for reader in (one, other):
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
        assert "/DestOutputProfile" in root["/OutputIntents"][0].get_object()
    assert one.metadata == other.metadata


def test_the_manifests_agree_and_both_bundles_verify(pair):
    whole, parts, _, _ = pair
    one, other = (json.loads(manifest_path(path).read_text(encoding="utf-8")) for path in (whole, parts))
    # The content hashes differ (a section's page is drawn inside q … Q), where things are does not.
    for manifest in (one, other):
        manifest.pop("bundle")
        manifest["cover"].pop("content_sha256")
        for document in manifest["documents"]:
            document.pop("content_sha256")
    assert one == other
    result = CliRunner().invoke(cli, ["verify", str(whole), str(parts)])
    assert (result.exit_code, result.output) == (0, f"{whole}: OK\n{parts}: OK\n")


def test_only_the_sections_let_their_layouts_go(pair):
    _, _, kept, let_go = pair
    assert all(document.layout is not None for document in kept)
    assert all(document.layout is None for document in let_go)


def test_a_section_embeds_its_own_font_subsets_only(pair):
    """Each section brings its fonts (and the dotted-line tile): the file grows by little (here,
    with sections of a few pages, under 15 %; with 50-page sections about 1 %)."""
    whole, parts, _, _ = pair
    assert whole.stat().st_size < parts.stat().st_size < whole.stat().st_size * 1.15


def test_verify_names_a_changed_document_of_a_sectioned_bundle(pair, tmp_path):
    _, parts, _, _ = pair
    copy = rewrite_page_seven(parts, tmp_path)  # page 7: inside the loan agreement (pages 5-9)
    manifest = json.loads(manifest_path(parts).read_text(encoding="utf-8"))
    manifest["bundle"]["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    manifest_path(copy).write_text(json.dumps(manifest), encoding="utf-8")
    assert check_bundle(copy) == [("document 'pozyczka-2026-003: Umowa pożyczki z ZFŚS': the content of its "
                                   "pages differs from the manifest")]


def test_the_same_inputs_give_the_same_sectioned_bundle(project, pair, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    _, parts, _, _ = pair
    again, _ = bundle(project, tmp_path, SECTION)
    assert again.read_bytes() == parts.read_bytes()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (Debian package qpdf)")
def test_the_sectioned_bundle_passes_qpdf_check(pair):
    _, parts, _, _ = pair
    result = subprocess.run(["qpdf", "--check", str(parts)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_an_encrypted_and_signed_sectioned_bundle_verifies(project, tmp_path):
    p12, pem = make_certificate(tmp_path, "Sekcja Testowa")
    signer = Signer(p12.read_bytes(), "haslo-certyfikatu")
    signed, _ = bundle(project, tmp_path / "signed", SECTION, protection=Protection(signer=signer))
    assert check_bundle(signed, trust=[pem]) == []
    sent, _ = bundle(project, tmp_path / "sent", SECTION, PLAIN, Protection(password="tajne hasło", signer=signer))
    assert PdfReader(sent).is_encrypted
    assert check_bundle(sent, "tajne hasło", [pem]) == []
    reader = PdfReader(sent)
    reader.decrypt("tajne hasło")
    assert "strona 7 z" in reader.pages[6].extract_text()


def test_a_tagged_pdfa_3a_bundle_is_written_in_one_pass(project, tmp_path):
    """One structure tree must cover every page: a PDF/A-3a bundle is never written in sections."""
    path, documents = bundle(project, tmp_path, SECTION, "pdf/a-3a")
    assert all(document.layout is not None for document in documents)
    assert "/StructTreeRoot" in PdfReader(path).trailer["/Root"]
    assert check_bundle(path) == []


def test_a_per_file_bundle_takes_the_section_size_of_the_module(project, tmp_path, monkeypatch):
    """What `formgen bundle --per-file` of a large file does, on a small one."""
    monkeypatch.setattr(assemble, "SECTION_PAGES", 1)
    written, failed = made(make_bundles(project, [EXAMPLES / "personel.csv"], tmp_path, per_file=True))
    assert not failed
    reader = PdfReader(written[0])
    assert [squash(page.extract_text()).endswith(f"strona {n} z 4") for n, page in enumerate(reader.pages, 1)] \
        == [True] * 4
    assert check_bundle(written[0]) == []
    assert len(reader.pages[1]["/Contents"]) == 3  # drawn from a section: "q", its page, "Q" and the number


def test_a_sectioned_bundle_lays_each_document_out_once(project, tmp_path, monkeypatch):
    """Like the one-pass path: the documents once each, then the cover and one layout of page numbers."""
    calls = count_layouts(monkeypatch)
    cases, _ = collect(project, SOURCES)
    cases = [case for case in cases if not case.derived]
    documents = render_for_bundle(project, cases, "pdf/a-3b", build_time())
    bundle_pdf(project, cases, "pakiet", documents, [], section_pages=SECTION)
    assert len(calls) == sum(len(case.forms) for case in cases) + 2


def test_a_sectioned_bundle_collects_garbage_at_pythons_pace_and_restores_the_setting(project, tmp_path):
    import gc

    from formgen.assemble import PYTHON_YOUNG_OBJECTS, Assembly

    seen = []
    original = Assembly._section

    def spy(self, held):
        section = original(self, held)
        seen.append(gc.get_threshold()[0])
        return section

    before = gc.get_threshold()
    gc.set_threshold(10_000, *before[1:])
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Assembly, "_section", spy)
            bundle(project, tmp_path, SECTION)
        assert seen and set(seen) == {PYTHON_YOUNG_OBJECTS}
        assert gc.get_threshold() == (10_000, *before[1:])
    finally:
        gc.set_threshold(*before)
