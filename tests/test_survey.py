"""The monitoring survey: blank form, answers from a CSV, the results report and its due date."""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.rules.survey import share, tally
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text, write


def test_tally_percentages_round_each_count_alone():
    # 4/6, 1/6, 1/6 = 66,666…, 16,666…, 16,666… % → 66,7 / 16,7 / 16,7 (half up, each on its own):
    # the two answers given once show the same percentage; the three add up to 100,1.
    tallies, blanks = tally(["a", "a", "b", "a", "c", "a", None], ["a", "b", "c"])
    assert [(t.count, t.percent) for t in tallies] == [
        (4, Decimal("66.7")), (1, Decimal("16.7")), (1, Decimal("16.7"))]
    assert blanks == 1
    empty, blanks = tally([None], ["a"])
    assert (empty[0].count, empty[0].percent, blanks) == (0, Decimal("0.0"), 1)
    with pytest.raises(ValueError, match="answers not among the options: x"):
        tally(["x"], ["a"])


@pytest.mark.parametrize("count, total, percent", [
    (1, 6, "16.7"), (5, 6, "83.3"), (1, 8, "12.5"), (1, 16, "6.3"),  # 6,25 → 6,3 (half up)
    (1, 3, "33.3"), (2, 3, "66.7"), (0, 7, "0.0"), (7, 7, "100.0"), (1, 7, "14.3"), (1, 40, "2.5"),
])
def test_share_worked_examples(count, total, percent):
    assert share(count, total) == Decimal(percent)


def test_equal_counts_give_equal_percentages_in_every_question():
    answers = ["a"] * 3 + ["b"] * 3 + ["c"] * 3  # 3 of 9 each = 33,333…
    tallies, _ = tally(answers, ["a", "b", "c"])
    assert {t.percent for t in tallies} == {Decimal("33.3")}


def test_report_from_the_example_answers(project):
    cases, invalid = collect(project, [EXAMPLES / "ankieta-2026.yaml"])
    assert not invalid
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    assert_docx_xml_strict(doc.docx)
    for text in (docx_text(doc.docx), pdf_text(doc.pdf)):
        assert "Załącznik nr 2 do Standardów Ochrony Małoletnich" in text
        assert "Czy znasz treść Standardów Ochrony Małoletnich obowiązujących w placówce?" in text
        assert "RAPORT Z WYNIKÓW ANKIETY MONITORUJĄCEJ" in text
        assert "14.11.2026 r." in text  # 15 October + 30 days
        # p1: tak 4, częściowo 1, nie 1 of 6 → 66,7 / 16,7 / 16,7 % (equal counts, equal shares)
        assert "66,7%" in text and text.count("16,7%") >= 2 and "16,6%" not in text
        assert "zaokrąglony do 0,1%" in text
        # p5: nie 4, trudno powiedzieć 1, one blank → 80 % / 20 % of the 5 answers
        assert "80%" in text and "20%" in text
        assert "Dodać krótką instrukcję dla nowych osób." in text and "Szkolenie raz w roku." in text


def test_blank_survey_without_answers_has_no_report(project, tmp_path):
    path = write(tmp_path, "a.yaml", "form: som-ankieta\nid: a-1\ndata_ankiety: 2026-10-15\n")
    cases, _ = collect(project, [path])
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    text = pdf_text(doc.pdf)
    assert "Inne uwagi" in text and "RAPORT" not in text


def test_answer_outside_the_options_names_the_csv_line(project, tmp_path):
    csv_path = write(tmp_path, "odp.csv", "p1;p9\ntak;\nmoże;\n")
    path = write(tmp_path, "a.yaml", "form: som-ankieta\nid: a-2\ndata_ankiety: 2026-10-15\n"
                                      "odpowiedzi:\n  wczytaj: odp.csv\n")
    _, invalid = collect(project, [path])
    assert invalid[0].message == f"{csv_path}:3: odpowiedzi.1.p1: 'może' is not an option; options: tak, częściowo, nie"
