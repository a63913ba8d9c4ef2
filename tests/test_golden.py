"""Every example document's text and page count equal its golden file (tests/golden/).

A change of wording, numbers or layout (a page more) shows up here as a diff; when it is
intended, refresh the files with `python tools/refresh_golden.py` and review the diff.
"""

from __future__ import annotations

import difflib

import pytest

from tests import golden
from tests.rendered import example_names, examples


@pytest.mark.parametrize("name", example_names())
def test_document_matches_its_golden_file(name):
    doc = examples()[name]
    target = golden.path(doc)
    assert target.is_file(), f"no golden file {target}: run {golden.REFRESH}"
    expected, actual = target.read_text(encoding="utf-8"), golden.text(doc)
    if expected != actual:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "rendered",
                                    lineterm="", n=1)
        pytest.fail(f"{target} differs (intended? run {golden.REFRESH} and review the diff):\n"
                    + "\n".join(list(diff)[:60]))


def test_no_golden_file_without_a_document():
    wanted = {golden.path(examples()[name]) for name in example_names()}
    stale = sorted(p for p in golden.GOLDEN.rglob("*.txt") if p not in wanted)
    assert not stale, f"golden files of no example document: {stale}; run {golden.REFRESH}"


def test_rendering_is_deterministic():
    # The same case rendered again gives the same PDF and DOCX bytes (fixed clock, no randomness).
    from tests.rendered import project, render

    doc = examples()["zfss-umowa-pozyczki/pozyczka-2026-001"]
    again = render(project(), doc.form, doc.case)
    assert (again.pdf, again.docx) == (doc.pdf, doc.docx)
