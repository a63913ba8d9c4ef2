"""The monitoring survey: blank form, answers from a CSV, the results report and its due date."""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.build import collect, render_document
from formgen.output import build_time
from formgen.rules.survey import tally
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text, write


def test_tally_percentages_sum_to_100():
    # 4/6, 1/6, 1/6 = 66.67 %, 16.67 %, 16.67 % → 666, 166, 166 tenths + 2 left over, given to
    # the largest remainders (all equal: the first two in order) → 66.7, 16.7, 16.6.
    tallies, blanks = tally(["a", "a", "b", "a", "c", "a", None], ["a", "b", "c"])
    assert [(t.count, t.percent) for t in tallies] == [
        (4, Decimal("66.7")), (1, Decimal("16.7")), (1, Decimal("16.6"))]
    assert blanks == 1
    empty, blanks = tally([None], ["a"])
    assert (empty[0].count, empty[0].percent, blanks) == (0, Decimal("0.0"), 1)
    with pytest.raises(ValueError, match="answers not among the options: x"):
        tally(["x"], ["a"])


def test_report_from_the_example_answers(project):
    cases, invalid = collect(project, [EXAMPLES / "ankieta-2026.yaml"])
    assert not invalid
    doc = render_document(project, cases[0].forms[0], cases[0], ("docx", "pdf"), build_time())
    assert_docx_xml_strict(doc.docx)
    for text in (docx_text(doc.docx), pdf_text(doc.pdf)):
        assert "Załącznik nr 2 do Standardów Ochrony Małoletnich" in text
        assert "Czy znasz treść Standardów Ochrony Małoletnich obowiązujących w placówce?" in text
        assert "RAPORT Z WYNIKÓW ANKIETY MONITORUJĄCEJ" in text
        assert "14.11.2026 r." in text  # 15 October + 30 days
        # p1: tak 4, częściowo 1, nie 1 of 6 → 66,7 / 16,7 / 16,6 %
        assert "66,7%" in text and "16,7%" in text and "16,6%" in text
        # p5: nie 4, trudno powiedzieć 1, one blank → 80 % / 20 % of the 5 answers
        assert "80%" in text and "20%" in text
        assert "Dodać krótką instrukcję dla nowych osób." in text and "Szkolenie raz w roku." in text


def test_blank_survey_without_answers_has_no_report(project, tmp_path):
    path = write(tmp_path, "a.yaml", "form: som-ankieta\nid: a-1\ndata_ankiety: 2026-10-15\n")
    cases, _ = collect(project, [path])
    doc = render_document(project, cases[0].forms[0], cases[0], ("pdf",), build_time())
    text = pdf_text(doc.pdf)
    assert "Inne uwagi" in text and "RAPORT" not in text


def test_answer_outside_the_options_names_the_csv_line(project, tmp_path):
    csv_path = write(tmp_path, "odp.csv", "p1;p9\ntak;\nmoże;\n")
    path = write(tmp_path, "a.yaml", "form: som-ankieta\nid: a-2\ndata_ankiety: 2026-10-15\n"
                                      "odpowiedzi:\n  wczytaj: odp.csv\n")
    _, invalid = collect(project, [path])
    assert invalid[0].message == f"{csv_path}:3: odpowiedzi.1.p1: 'może' is not an option; options: tak, częściowo, nie"
