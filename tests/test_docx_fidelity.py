"""The DOCX says what the PDF says, and holds its layout, as LibreOffice lays it out (issue 9).

Run when `soffice` is on PATH (.ci/run installs libreoffice-writer-nogui): every example DOCX,
and every form's DOCX with long values in its text fields (tests/stress_cases.py), is
converted to PDF by one LibreOffice call with a throwaway profile. Then:

- each example's LibreOffice PDF contains every amount, name and date of its WeasyPrint PDF,
  intact (a value split one character per line would not be found), and has the page count of
  the WeasyPrint PDF, give or take one;
- no glyph runs off the page, no words overprint, no word is printed a few letters per line and
  no page holds only a signature block, in the examples and with long values.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from tests.conftest import EXAMPLES, pdf_text, squash
from tests.pdf_layout import (
    glyphs_off_the_page,
    letter_columns,
    lonely_signatures,
    overprinted,
    read_pages,
)
from tests.rendered import example_names, examples, project, render
from tests.stress_cases import TOKENS, stressed_cases

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                                        "apt-get install libreoffice-writer-nogui")
MONTHS = "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
AMOUNT = re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})*,\d{2}(?![\d])")
DATE = re.compile(rf"\b\d{{2}}\.\d{{2}}\.\d{{4}} r\.|\b\d{{1,2}} (?:{MONTHS}) \d{{4}} r\.")


def stressed_docx() -> dict[str, bytes]:
    """'form-id@token' → the DOCX of each form with long values in its text fields."""
    where, out = project(), {}
    for token_name, token in TOKENS.items():
        for case in stressed_cases(where, EXAMPLES, token):
            for form in case.forms:
                out[f"{form.id}@{token_name}"] = render(where, form, case, pdf=False).docx
    return out


@lru_cache(maxsize=1)
def converted(folder: str) -> dict[str, bytes]:
    """name → the PDF LibreOffice makes of each example and stressed DOCX (one soffice call)."""
    root = Path(folder)
    sources = {name: doc.docx for name, doc in examples().items()} | stressed_docx()
    files = []
    for index, (name, data) in enumerate(sorted(sources.items())):
        path = root / "in" / f"{index:03d}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append((name, path))
    profile = (root / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root / "out"), *(str(p) for _, p in files)],
                   check=True, capture_output=True, timeout=300)
    return {name: (root / "out" / f"{path.stem}.pdf").read_bytes() for name, path in files}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory) -> dict[str, bytes]:
    return converted(str(tmp_path_factory.mktemp("libreoffice")))


def names_in(value: Any) -> set[str]:
    """The people's names in a case's typed data: 'Imię Nazwisko' and imie_nazwisko values."""
    found: set[str] = set()
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if "imie" in fields and "nazwisko" in fields:
            found.add(f"{value.imie} {value.nazwisko}")  # type: ignore[attr-defined]
        if isinstance(getattr(value, "imie_nazwisko", None), str):
            found.add(value.imie_nazwisko)  # type: ignore[attr-defined]
        for field in fields:
            found |= names_in(getattr(value, field))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found |= names_in(item)
    return found


def values(doc) -> set[str]:  # type: ignore[no-untyped-def]
    """The amounts, dates and names the WeasyPrint PDF prints."""
    text = pdf_text(doc.pdf)
    return ({m.group() for m in AMOUNT.finditer(text)} | {m.group() for m in DATE.finditer(text)}
            | {n for n in names_in(doc.case.data) if squash(n) in text})


def pages(pdf: bytes) -> int:
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", example_names())
def test_docx_says_what_the_pdf_says(libreoffice, name):
    doc = examples()[name]
    office = libreoffice[name]
    text = squash(subprocess.run(["pdftotext", "-", "-"], input=office, capture_output=True,
                                 check=True).stdout.decode("utf-8"))
    wanted = values(doc)
    assert wanted, name
    missing = sorted(v for v in wanted if squash(v) not in text)
    assert not missing, f"{name}: the DOCX lacks {missing[:10]}"
    assert abs(pages(office) - pages(doc.pdf)) <= 1, (pages(office), pages(doc.pdf))


@pytest.mark.parametrize("name", example_names() + sorted(f"{f}@{t}" for f in project().catalog.forms
                                                          for t in TOKENS))
def test_docx_layout_holds(libreoffice, name):
    office = libreoffice[name]
    found = read_pages(office)
    problems = (glyphs_off_the_page(office, found) + overprinted(found) + letter_columns(found)
                + lonely_signatures(found))
    assert not problems, "\n".join(problems[:15])
