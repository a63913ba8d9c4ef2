"""The user-agent stylesheet formgen lays its documents out with (formgen/render/useragent.py):
WeasyPrint's own, without the rules that reach every element, unless a document needs them."""

from __future__ import annotations

import io
import re

import weasyprint
from pypdf import PdfReader

from formgen.render import useragent
from formgen.render.pdf import html_to_document, html_to_pdf, write_pdf
from formgen.render.useragent import FormHTML, stock_text, user_agent_sheet


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _sheets_used(monkeypatch, html: str, tmp_path, stylesheets=()) -> list[object]:
    """The user-agent stylesheets WeasyPrint asked formgen's document for, laying out `html`."""
    asked: list[object] = []
    real = FormHTML._ua_stylesheets

    def spy(self, forms=False):
        sheets = real(self, forms)
        asked.extend(sheets)
        return sheets

    monkeypatch.setattr(FormHTML, "_ua_stylesheets", spy)
    html_to_document(html, tmp_path, [tmp_path], stylesheets=stylesheets)
    return asked


def test_weasyprint_still_has_the_method_formgen_overrides():
    # Should a WeasyPrint release rename it, formgen's documents would silently get the stock
    # stylesheet (correct, 13 % slower): this test is the one to say so.
    assert "_ua_stylesheets" in vars(weasyprint.HTML)
    assert "_ua_stylesheets" in vars(FormHTML)


def test_the_trimmed_stylesheet_is_weasyprints_without_six_universal_rules():
    stock = stock_text()
    lines = stock.splitlines()
    kept = [line for line in lines if not re.match(r"::(footnote|note)-", line)]
    assert len(lines) - len(kept) == 5
    expected = "\n".join(kept).replace("\n::marker {", "\nli::marker {")
    sheet = user_agent_sheet(markers_everywhere=False, notes=False)
    assert sheet is not None
    # Rebuilt the same way, the parsed rules are those of the expected text.
    derived = useragent._NOTES.sub("", useragent._MARKER.sub(r"li::marker\1", stock))
    assert derived.splitlines() == expected.splitlines()
    assert user_agent_sheet(markers_everywhere=True, notes=True) is None  # the stock one


def test_a_form_gets_the_trimmed_stylesheet(monkeypatch, tmp_path):
    asked = _sheets_used(monkeypatch, "<p>Oświadczenie</p><ul><li>punkt</li></ul>", tmp_path)
    assert asked == [user_agent_sheet(False, False)]


def test_a_document_naming_footnotes_gets_their_rules_and_its_footnote_call(monkeypatch, tmp_path):
    html = '<p>Kwota zwolniona<span style="float: footnote">Art. 21 ust. 1 pkt 67.</span> z podatku.</p>'
    asked = _sheets_used(monkeypatch, html, tmp_path)
    assert asked == [user_agent_sheet(False, True)]
    text = _text(html_to_pdf(html, tmp_path, [tmp_path]))
    assert "zwolniona1" in text.replace(" ", "")  # the call, from ::footnote-call's counter
    assert "1. Art. 21 ust. 1 pkt 67." in text  # the marker, from ::footnote-marker


def test_a_list_item_that_is_not_li_keeps_the_universal_marker_rule(monkeypatch, tmp_path):
    html = '<div style="display: list-item; list-style: decimal inside">pozycja</div>'
    asked = _sheets_used(monkeypatch, html, tmp_path)
    assert asked == [user_agent_sheet(True, False)]
    assert "1. pozycja" in _text(html_to_pdf(html, tmp_path, [tmp_path]))


def test_what_a_linked_stylesheet_names_counts(monkeypatch, tmp_path):
    (tmp_path / "notes.css").write_text(".n { float: footnote }", encoding="utf-8")
    (tmp_path / "plain.css").write_text("p { margin: 0 }", encoding="utf-8")
    linked = '<html><head><link rel="stylesheet" href="{}"></head><body><p>x</p></body></html>'
    assert _sheets_used(monkeypatch, linked.format("plain.css"), tmp_path) == [user_agent_sheet(False, False)]
    assert _sheets_used(monkeypatch, linked.format("notes.css"), tmp_path) == [user_agent_sheet(False, True)]


def test_a_stylesheet_formgen_does_not_read_gets_the_stock_rules(monkeypatch, tmp_path):
    (tmp_path / "more.css").write_text("p { margin: 0 }", encoding="utf-8")
    (tmp_path / "main.css").write_text('@import "more.css";', encoding="utf-8")
    imported = '<html><head><link rel="stylesheet" href="main.css"></head><body><p>x</p></body></html>'
    stock = weasyprint.HTML(string="<p>x</p>")._ua_stylesheets()
    assert _sheets_used(monkeypatch, imported, tmp_path) == stock
    extra = ["li { display: list-item }"]  # a CSS string given with the document counts too
    assert _sheets_used(monkeypatch, "<p>x</p>", tmp_path, extra) == [user_agent_sheet(True, False)]


def test_the_trimmed_stylesheet_keeps_lists_numbered_and_bulleted(tmp_path):
    html = "<ol><li>pierwszy</li><li>drugi</li></ol><ul><li>punkt</li></ul>"
    text = _text(write_pdf(html_to_document(html, tmp_path, [tmp_path])))
    assert text.split("\n") == ["pierwszy", "drugi", "punkt", "1. ", "2. ", "• "]  # markers drawn last
    assert text == _text(weasyprint.HTML(string=html).write_pdf())
