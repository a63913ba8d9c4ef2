"""Bundles: one PDF per case (or per file), a cover and a bookmark per document, neutral metadata."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from formgen.pipeline import collect
from tests.conftest import EXAMPLES, made, make_bundles, pdf_text, squash


def test_a_case_with_two_documents_bundles_both(project, tmp_path):
    cases, invalid = collect(project, [EXAMPLES / "sprawa-pozyczka-2026-002.yaml"])
    assert not invalid and [f.id for f in cases[0].forms] == ["zfss-oswiadczenie-dochody", "zfss-umowa-pozyczki"]
    written, failed = made(make_bundles(project, [EXAMPLES / "sprawa-pozyczka-2026-002.yaml"], tmp_path))
    assert not failed and [p.name for p in written] == ["pozyczka-2026-002.pdf"]
    reader = PdfReader(written[0])
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert marks == [("Strona tytułowa", 0), ("Oświadczenie o dochodzie", 1), ("Umowa pożyczki z ZFŚS", 2)]
    text = pdf_text(written[0])
    # 15 600 / 3 months / 1 member = 5 200,00 → group 5; 10 000 zł over 36 months → 330 + 35 × 302.
    assert "mieści się w grupie 5" in text and "5 200,00 zł" in text
    assert "pierwsza 330,00 zł" in text and "następne 302,00 zł" in text
    meta = reader.metadata
    assert meta["/Title"] == "Pakiet dokumentów: pozyczka-2026-002"
    assert meta["/Author"] == "Żłobek Miejski nr 3 w Przykładowie"
    assert "Przykładowski" not in str(dict(meta)) and "07231412017" not in str(dict(meta))


def test_per_file_bundle_has_a_bookmark_per_case(project, tmp_path):
    cases, _ = collect(project, [EXAMPLES / "personel.csv"])
    written, _ = made(make_bundles(project, [EXAMPLES / "personel.csv"], tmp_path, per_file=True))
    reader = PdfReader(written[0])
    assert [item.title for item in reader.outline] == ["Strona tytułowa"] + [
        f"oswiadczenie-2026-00{i}: Oświadczenie o znajomości standardów" for i in (1, 2, 3)]
    assert len(reader.pages) == 4  # the cover and one page per case
    cover = squash(reader.pages[0].extract_text())
    assert "personel (liczba spraw: 3)" in cover
    assert "1. oswiadczenie-2026-001: Oświadczenie o znajomości standardów 2" in cover
    # CSV rows are attached as YAML dumps of the row, one per case, and a DOCX per document
    assert sorted(reader.attachments) == [
        "01-som-oswiadczenie.docx", "02-som-oswiadczenie.docx", "03-som-oswiadczenie.docx",
        "oswiadczenie-2026-001.yaml", "oswiadczenie-2026-002.yaml", "oswiadczenie-2026-003.yaml"]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (Debian package qpdf)")
def test_bundle_passes_qpdf_check(project, tmp_path):
    cases, _ = collect(project, [EXAMPLES / "pozyczka-2026-001.yaml"])
    written, _ = made(make_bundles(project, [EXAMPLES / "pozyczka-2026-001.yaml"], tmp_path))
    result = subprocess.run(["qpdf", "--check", str(written[0])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_per_file_bundles_of_files_with_one_name_stay_apart(project, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        text = (EXAMPLES / "personel.csv").read_text(encoding="utf-8")
        (tmp_path / folder / "staff.csv").write_text(text.replace("oswiadczenie-2026-", f"{folder}-"),
                                                     encoding="utf-8")
    cases, invalid = collect(project, [tmp_path / "a", tmp_path / "b"])
    assert not invalid
    written, failed = made(make_bundles(project, [tmp_path / "a", tmp_path / "b"], tmp_path / "out", per_file=True))
    written = [p for p in written if not p.name.startswith("som-")]  # the register's bundle
    assert not failed
    assert [p.name for p in written] == ["staff.pdf", "staff-2.pdf"]
    titles = [[item.title for item in PdfReader(p).outline][1:] for p in written]
    assert titles == [[f"{folder}-00{i}: Oświadczenie o znajomości standardów" for i in (1, 2, 3)]
                      for folder in ("a", "b")]
