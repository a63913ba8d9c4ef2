"""Soak test: 1 000 cases from CSV and YAML, 5 % broken in many ways, in one real `formgen batch`.

Every good case's DOCX and PDF exist and parse; every bad case is reported exactly once with
file:line (and its field); exit 1; no traceback; no file other than the expected ones.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

from pypdf import PdfReader

from benchmarks.mixed_cases import FORM, REGISTER, write_cases
from tests.conftest import ROOT

COUNT = 1000


def test_a_thousand_cases_with_fifty_broken(tmp_path):
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    expected = write_cases(cases, COUNT)
    assert len(expected.good) == 950 and len(expected.bad) == 50 and len(expected.kinds) >= 12
    result = subprocess.run([sys.executable, "-m", "formgen", "--templates", str(ROOT / "templates"),
                             "--data", str(ROOT / "data"), "batch", str(cases), "-o", str(out), "--jobs", "2"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stdout
    lines = result.stdout.splitlines()
    for source, line, field in expected.bad:
        reported = [text for text in lines if text.startswith(f"{source}:{line}: ")]
        assert len(reported) == 1, (source, line, reported)
        if field:
            assert reported[0].startswith(f"{source}:{line}: {field}: ")
    problems = [text for text in lines if re.match(r"^/.*:\d+: ", text)]
    assert len(problems) == len(expected.bad)
    assert lines[-1] == (f"951 cases rendered (registers among them: 1), 0 up to date (files written in {out}: 1902), "
                         f"50 failed.")

    wanted = {f"{FORM}/{i}.{ext}" for i in expected.good for ext in ("docx", "pdf")}
    wanted |= {f"{REGISTER}/{REGISTER}.docx", f"{REGISTER}/{REGISTER}.pdf"}
    made = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert made == wanted | {".formgen-state.jsonl"}
    for case_id in expected.good:
        folder = out / FORM
        assert len(PdfReader(folder / f"{case_id}.pdf").pages) == 1
        with zipfile.ZipFile(io.BytesIO((folder / f"{case_id}.docx").read_bytes())) as docx:
            assert docx.testzip() is None and "word/document.xml" in docx.namelist()
    register = PdfReader(out / REGISTER / f"{REGISTER}.pdf")
    text = "".join(page.extract_text() for page in register.pages)
    assert text.count("opiekunka") + text.count("kucharz") == len(expected.good)

