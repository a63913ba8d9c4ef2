"""What a process keeps between documents (render/pdf.py, render/docx.py, render/env.py): a
changed file is read again, what is cached is never shared mutable state between renders."""

from __future__ import annotations

import datetime as dt
import os

from docx import Document

from formgen.render.docx import render_docx
from formgen.render.env import environment
from formgen.render.pdf import html_to_document
from tests.conftest import ROOT, docx_text

WHEN = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
PAGE = '<html><head><link rel="stylesheet" href="shared.css"></head><body><p>tekst</p></body></html>'


def _later(path, text):
    """Rewrite a file and move its time on, as an edit a second later would."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_linked_stylesheet_is_read_again_when_it_changes(tmp_path):
    sheet = tmp_path / "shared.css"
    sheet.write_text("@page { size: A4 }", encoding="utf-8")
    first = html_to_document(PAGE, tmp_path, [tmp_path])
    again = html_to_document(PAGE, tmp_path, [tmp_path])
    _later(sheet, "@page { size: A5 }")
    changed = html_to_document(PAGE, tmp_path, [tmp_path])
    assert [round(d.pages[0].width) for d in (first, again, changed)] == [794, 794, 559]


def test_a_form_rule_wins_over_the_shared_stylesheet_whatever_its_specificity(tmp_path):
    (tmp_path / "shared.css").write_text("body p.x { font-size: 30px }", encoding="utf-8")
    page = PAGE.replace("</head>", "<style>.x { font-size: 10px }</style></head>").replace("<p>", '<p class="x">')
    document = html_to_document(page, tmp_path, [tmp_path])
    line = document.pages[0]._page_box.children[0].children[0].children[0]  # html > body > p
    assert round(line.style["font_size"]) == 10


def test_a_docx_template_is_read_again_when_it_changes(tmp_path):
    template = tmp_path / "t.docx"
    for text in ("pierwsza {{ x }}", "druga {{ x }}"):
        doc = Document()
        doc.add_paragraph(text)
        doc.save(str(template))
        stat = template.stat()
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + len(text) * 1_000_000_000))
        data = render_docx(template, ROOT / "templates", {"x": "A"}, "t", "a", WHEN)
        assert text.replace("{{ x }}", "A") in docx_text(data)


def test_renders_of_one_template_share_no_state():
    env = environment(ROOT / "templates")
    template = env.from_string("{{ a }}-{% set b = a * 2 %}{{ b }}")
    assert env.from_string("{{ a }}-{% set b = a * 2 %}{{ b }}") is template  # compiled once
    assert [template.render(a=1), template.render(a=3)] == ["1-2", "3-6"]
    assert env.from_string("{{ a }}") is not template
