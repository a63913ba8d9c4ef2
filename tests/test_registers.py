"""Registers: documents made from every case of another form in the input."""

from __future__ import annotations

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text


def render_register(project, paths, form_id):
    cases, invalid = collect(project, paths)
    assert not invalid
    [register] = [c for c in cases if c.derived and c.id == form_id]
    doc = render_document(project, register.forms[0], register, build_time())
    assert_docx_xml_strict(doc.docx)
    return register, (docx_text(doc.docx), pdf_text(doc.pdf))


def test_staff_list_collects_every_statement(project):
    register, texts = render_register(project, [EXAMPLES / "personel.csv"], "som-wykaz-zapoznanych")
    assert len(register.data.pozycje) == 3
    for text in texts:
        assert "Załącznik nr 3 do Standardów Ochrony Małoletnich w Żłobku Miejskim nr 3 w Przykładowie" in text
        assert "WYKAZ OSÓB ZAPOZNANYCH ZE STANDARDAMI OCHRONY MAŁOLETNICH" in text
        assert "1. Katarzyna Zielińska opiekunka 02.11.2026 r." in text
        assert "2. Tomasz Wójcik konserwator 02.11.2026 r." in text
        assert "3. Łucja Świątek pielęgniarka" in text
        assert "Podpis" in text


def test_no_register_without_its_source_cases(project):
    cases, _ = collect(project, [EXAMPLES / "pozyczka-2026-001.yaml"])
    assert not [c for c in cases if c.derived]


def test_incident_register_numbers_cards_in_reporting_order(project):
    paths = [EXAMPLES / "sprawa-interwencja-2026-002.yaml", EXAMPLES / "zgloszenie-2026-001.yaml"]
    register, texts = render_register(project, paths, "som-rejestr-zgloszen")
    assert len(register.data.pozycje) == 2
    for text in texts:
        assert "Załącznik nr 8 do Standardów Ochrony Małoletnich" in text
        assert "REJESTR ZGŁOSZEŃ ZDARZEŃ ZAGRAŻAJĄCYCH BEZPIECZEŃSTWU MAŁOLETNICH" in text
        first, second = text.index("Lena Ogrodowa"), text.index("Antoni Przykładny")
        assert first < second  # reported 14.10.2026 before 23.11.2026
        assert "1. 14.10.2026 r." in text and "2. 23.11.2026 r., 08:25" in text
        assert "widoczne obrażenia na ciele dziecka, przemoc fizyczna" in text
