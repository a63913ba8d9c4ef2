"""Every form with long unbreakable values: the layout holds (SECURITY #9, issue 9).

Each form is rendered from its example case with a 200-character token, and again with a
34-character inventory-style token, in every free-text field (tests/stress_cases.py). From
the positions of the words in the PDF (tests/pdf_layout.py): every glyph lies inside the
page's printable box (the content area, and the bottom margin for the footer), no two words
overprint, no word is printed one letter per line, and no page holds only a signature block.
The checks themselves are shown to fail on crafted pages at the end.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from weasyprint import HTML

from formgen.build import document_context
from formgen.cases.load import Case
from formgen.catalog import Form
from formgen.project import Project
from formgen.render.html import render_html
from formgen.render.pdf import html_to_document
from tests.conftest import EXAMPLES, ROOT, squash
from tests.pdf_layout import MM, Box, layout_problems, read_pages
from tests.stress_cases import TOKENS, stressed_cases

WHEN = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
PX = 0.75  # WeasyPrint's CSS pixels in PDF points
FOOTER_EDGE = 5 * MM  # the footer may use the bottom margin down to 5 mm from the edge


def printable_boxes(document) -> list[Box]:  # type: ignore[no-untyped-def]
    """Each page's content area; below it, the bottom margin (footer) down to 5 mm from the edge."""
    boxes = []
    for page in document.pages:
        box = page._page_box  # WeasyPrint's laid-out page: its used margins, in CSS px
        boxes.append(Box(box.margin_left * PX, box.margin_top * PX,
                         (page.width - box.margin_right) * PX, page.height * PX - FOOTER_EDGE))
    return boxes


def render(project: Project, form: Form, case: Case) -> tuple[bytes, list[Box]]:
    """The form's PDF for the case and each page's printable box."""
    html = render_html(project.templates, form, document_context(project, form, case, WHEN), WHEN)
    document = html_to_document(html, form.folder, [project.templates])
    return document.write_pdf(), printable_boxes(document)


@lru_cache(maxsize=1)
def rendered() -> dict[tuple[str, str], tuple[bytes, list[Box]]]:
    """(form id, token name) → the stressed PDF and its boxes, for every form and both tokens."""
    project = Project(ROOT / "templates", ROOT / "data")
    out = {}
    for name, token in TOKENS.items():
        for case in stressed_cases(project, EXAMPLES, token):
            for form in case.forms:
                out[(form.id, name)] = render(project, form, case)
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
