"""Every form with long unbreakable values: the layout holds (SECURITY #9, issue 9).

Each form is rendered from its example case with a 200-character token, and again with a
34-character inventory-style token, in every free-text field (tests/stress_cases.py). From
the positions of the words in the PDF (tests/pdf_layout.py): every glyph lies inside the
page's printable box (the content area, and the bottom margin for the footer), no two words
overprint, no word is printed one letter per line, and no page holds only a signature block.
The checks themselves are shown to fail on crafted pages at the end.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from weasyprint import HTML

from formgen.project import Project
from tests.conftest import EXAMPLES, ROOT, squash
from tests.pdf_layout import Box, layout_problems, read_pages
from tests.rendered import example_names, examples, printable_boxes, render
from tests.stress_cases import TOKENS, stressed_cases


@lru_cache(maxsize=1)
def rendered() -> dict[tuple[str, str], tuple[bytes, list[Box]]]:
    """(form id, token name) → the stressed PDF and its boxes, for every form and both tokens."""
    project = Project(ROOT / "templates", ROOT / "data")
    out = {}
    for name, token in TOKENS.items():
        for case in stressed_cases(project, EXAMPLES, token):
            for form in case.forms:
                doc = render(project, form, case, docx=False)
                out[(form.id, name)] = (doc.pdf, doc.boxes)
    return out


def form_ids() -> list[str]:
    project = Project(ROOT / "templates", ROOT / "data")
    return sorted(project.catalog.forms)


def test_every_form_is_stressed():
    assert {form for form, _ in rendered()} == set(form_ids())


@pytest.mark.parametrize("token", sorted(TOKENS))
@pytest.mark.parametrize("form_id", form_ids())
def test_layout_holds_with_long_values(form_id, token):
    pdf, boxes = rendered()[(form_id, token)]
    text = squash(" ".join(" ".join(w.text for w in page.words) for page in read_pages(pdf)))
    assert TOKENS[token][:12] in text.replace(" ", "")  # the token is there (wrapped or not)
    problems = layout_problems(pdf, boxes)
    assert not problems, "\n".join(problems[:15])


@pytest.mark.parametrize("name", example_names())
def test_layout_of_every_example_holds(name):
    doc = examples()[name]
    problems = layout_problems(doc.pdf, doc.boxes)
    assert not problems, "\n".join(problems[:15])


# --- The checks fail where they should ------------------------------------------------

PAGE = "<style>@page { size: A4; margin: 20mm; } body { font: 11pt serif; }</style>"


def crafted(body: str) -> tuple[bytes, list[Box]]:
    document = HTML(string=PAGE + body).render()
    return document.write_pdf(), printable_boxes(document)


def test_checks_see_text_off_the_page():
    pdf, boxes = crafted("<p style='white-space: nowrap'>" + "x" * 400 + "</p>")
    assert any("off the page" in p for p in layout_problems(pdf, boxes))
    assert any("outside the printable box" in p for p in layout_problems(pdf, boxes))


def test_checks_see_overprinted_columns():
    pdf, boxes = crafted("<table style='table-layout: fixed; width: 60mm'><tr>"
                         "<td style='width: 10mm; white-space: nowrap'>ST/2026/INW/000123/ZESTAW</td>"
                         "<td>Laptop</td></tr></table>")
    assert any("overprint" in p for p in layout_problems(pdf, boxes))


def test_checks_see_words_one_letter_per_line():
    # An automatic table layout gives a column that may break anywhere its min-content: one letter.
    pdf, boxes = crafted("<table style='width: 170mm; overflow-wrap: anywhere'><tr>"
                         "<td>Inwentarz</td><td>" + "Zażółć" * 60 + "</td></tr></table>")
    assert any("letters per line" in p for p in layout_problems(pdf, boxes))


def test_checks_see_a_signature_block_alone():
    pdf, boxes = crafted("<p style='height: 245mm'>Treść umowy.</p>"
                         "<p>Podpisy:</p><p>……………… (podpis)</p><p>(Jan Nowak)</p>")
    assert any("signature block" in p for p in layout_problems(pdf, boxes))


def test_no_template_keeps_data_on_one_line():
    # white-space: nowrap only in the base stylesheet's .nw, and .nw only around a computed
    # amount or date (short by construction); free text must be able to wrap.
    templates = sorted((ROOT / "templates").rglob("*.html")) + [ROOT / "templates" / "_base" / "form.css"]
    for path in templates:
        text = path.read_text(encoding="utf-8")
        rules = [line for line in text.splitlines() if "nowrap" in line]
        if path.name == "form.css":
            assert [r.split("{")[0].strip() for r in rules] == [".nw"]
        else:
            assert not rules, f"{path}: {rules}"
        for value in re.findall(r'class="[^"]*\bnw\b[^"]*">(.*?)</span>', text):
            assert re.fullmatch(r"\{\{ [\w.]+\|(kwota|data) \}\}", value), f"{path}: .nw around {value}"
