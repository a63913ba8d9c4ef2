"""Declined names in the rendered documents, the sex of a person, and the analogy warnings."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from jinja2 import TemplateRuntimeError

from formgen.cli import cli
from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.render.env import environment
from tests.conftest import EXAMPLES, ROOT, docx_text, pdf_text, write

BASE = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]


def texts_of(project, path, form_id):
    """(DOCX text, PDF text) of one form of the case in a file."""
    cases, invalid = collect(project, [path])
    assert not invalid, [e.message for e in invalid]
    case = next(c for c in cases if not c.derived)
    form = next(f for f in case.forms if f.id == form_id)
    doc = render_document(project, form, case, build_time())
    return docx_text(doc.docx), pdf_text(doc.pdf)


def assert_in_both(texts, *needles):
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


def assert_in_neither(texts, *needles):
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle not in text, f"{kind} has {needle!r}"


# --- The loan agreement --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["pozyczka-2026-001.yaml", "sprawa-pozyczka-2026-002.yaml"])
def test_loan_agreement_declines_the_borrower_and_the_guarantors(project, name):
    texts = texts_of(project, EXAMPLES / name, "zfss-umowa-pozyczki")
    assert_in_both(
        texts, "zwanym dalej Pracodawcą",
        ("a Panem Janem Przykładowskim, zwanym dalej Pożyczkobiorcą, zamieszkałym pod adresem: "
         "ul. Klonowa 12 m. 4, 00-951 Przykładowo, zatrudnionym na stanowisku"),
        "Pożyczkobiorca upoważnia Pracodawcę do potrącania",
        "Na poręczycieli proponuję: 1. Panią Halinę Poręczną", "2. Pana Piotra Gwaranta",
        # captions and table labels stay in the nominative
        "(Halina Poręczna)", "(Piotr Gwarant)", "(Jan Przykładowski)", "Pożyczkobiorca Jan Przykładowski")
    assert_in_neither(texts, "Panem Jan ", "Panią Halina", "Pana Piotr ", " w ul.", "Zakład Pracy")


def test_loan_agreement_of_a_whole_case(project):
    texts = texts_of(project, EXAMPLES / "sprawa-pozyczka-2026-003.yaml", "zfss-umowa-pozyczki")
    assert_in_both(texts, "a Panem Robertem Nabywcą, zwanym dalej Pożyczkobiorcą, zamieszkałym pod adresem: "
                   "ul. Sosnowa 9 m. 11", "1. Panią Halinę Poręczną", "2. Pana Tomasza Zegarka")


LOAN = """form: zfss-umowa-pozyczki
id: umowa-x
data_umowy: 2026-11-20
decyzja: {{numer: 1/2026, data: 2026-11-16}}
pozyczkobiorca:
{borrower}  adres: ul. Lipowa 1, 00-950 Przykładowo
  stanowisko: kucharka
kwota: "1000.00"
cel: remont
okres_miesiecy: 12
pierwsza_rata: 2026-12-10
poreczyciele:
  - {{imie: Anna, nazwisko: Kowalska-Nowak, adres: ul. Polna 1, miejsce_pracy: Żłobek,
      stanowisko: opiekunka, zatrudnienie: nieokreslony}}
  - {{imie: Józef, nazwisko: Wróbel, adres: ul. Polna 2, miejsce_pracy: Żłobek,
      stanowisko: kucharz, zatrudnienie: nieokreslony}}
"""


def test_loan_agreement_with_a_woman_borrower(project, tmp_path):
    path = write(tmp_path, "u.yaml", LOAN.format(borrower="  imie: Anna\n  nazwisko: Nowak\n"))
    texts = texts_of(project, path, "zfss-umowa-pozyczki")
    assert_in_both(texts, "a Panią Anną Nowak, zwaną dalej Pożyczkobiorcą, zamieszkałą pod adresem: "
                   "ul. Lipowa 1, 00-950 Przykładowo, zatrudnioną na stanowisku kucharka",
                   "1. Panią Annę Kowalską-Nowak", "2. Pana Józefa Wróbla", "przez wyżej wymienioną")


def test_given_forms_win_over_the_rules(project, tmp_path):
    borrower = ("  imie: Jan\n  nazwisko: Stępień\n  plec: M\n"
                "  odmiana: {narzednik: Janem Stępieniem, dopelniacz: Jana Stępienia}\n")
    path = write(tmp_path, "u.yaml", LOAN.format(borrower=borrower))
    assert_in_both(texts_of(project, path, "zfss-umowa-pozyczki"), "a Panem Janem Stępieniem,")


# --- The other forms that print a name in running text ---------------------------------------

def test_image_consent_names_the_child_in_the_genitive(project):
    texts = texts_of(project, EXAMPLES / "zgoda-wizerunek-2026-001.yaml", "som-zgoda-wizerunek")
    assert_in_both(texts, "rodzic (opiekun prawny) dziecka Jana Lipowskiego, ur. 01.07.2024 r.",
                   "Agnieszka Lipowska")  # the parent's name above the caption stays as it is


def test_child_holiday_application_names_the_child_in_the_genitive(project, tmp_path):
    text = (EXAMPLES / "wypoczynek-dziecka-2026-001.yaml").read_text(encoding="utf-8")
    text = text.replace("  imie: Julia\n  nazwisko: Wójcik\n", "  imie: Kuba\n  nazwisko: Wójcik\n")
    texts = texts_of(project, write(tmp_path, "w.yaml", text), "zfss-wniosek-wypoczynek-dziecka")
    assert_in_both(texts, "mojego dziecka", "Kuby Wójcika", "Tomasz Wójcik")
    assert_in_neither(texts, "Kuba Wójcik")


# --- The sex of a person ----------------------------------------------------------------------

PERSON = "form: som-oswiadczenie\nid: o-1\nosoba:\n  imie: {imie}\n  nazwisko: Nowak\n{more}"


def problems(project, tmp_path, text):
    path = write(tmp_path, "o.yaml", text)
    cases, invalid = collect(project, [path])
    assert len(invalid) == 1 and not cases
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


def sex_of(project, tmp_path, text):
    cases, invalid = collect(project, [write(tmp_path, "o.yaml", text)])
    assert not invalid, [e.message for e in invalid]
    return cases[0].data.osoba.sex


def test_a_pesel_that_contradicts_plec_is_an_error_on_plec(project, tmp_path):
    text = PERSON.format(imie="Jan", more='  pesel: "07231412017"\n  plec: K\n')
    assert problems(project, tmp_path, text) == ["7: osoba.plec: 'K' contradicts the PESEL, which encodes 'M'"]


def test_a_first_name_the_dictionary_does_not_know_needs_plec(project, tmp_path):
    assert problems(project, tmp_path, PERSON.format(imie="Xawerymiusz", more="")) == [
        ("3: osoba.plec: required: K or M (no PESEL, and the dictionary does not tell the sex of this "
         "first name)")]


@pytest.mark.parametrize("imie, more, sex", [
    ("Jan", '  pesel: "07231412017"\n', "M"),  # from the PESEL (digit 10 odd)
    ("Xawerymiusz", '  pesel: "07231412017"\n', "M"),
    ("Halina", "", "K"),  # from the first name
    ("Jan", "", "M"),
    ("Xawerymiusz", "  plec: K\n", "K"),  # as given
    ("Halina", "  plec: M\n", "M"),  # given wins over the dictionary's guess
])
def test_the_sex_comes_from_plec_the_pesel_or_the_first_name(project, tmp_path, imie, more, sex):
    assert sex_of(project, tmp_path, PERSON.format(imie=imie, more=more)) == sex


# --- Warnings -------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(cli, [*BASE, *args], catch_exceptions=False)


def test_validate_warns_about_names_declined_by_analogy_without_failing():
    path = EXAMPLES / "pozyczka-2026-001.yaml"
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        (f"{path}:10: pozyczkobiorca.nazwisko: warning: declined by analogy (model: Sadowski): "
         "dopelniacz: Jana Przykładowskiego, celownik: Janowi Przykładowskiemu, biernik: Jana "
         "Przykładowskiego, narzednik: Janem Przykładowskim, miejscownik: Janie Przykładowskim; "
         "give 'odmiana' if they are wrong"),
        (f"{path}:20: poreczyciele.0.nazwisko: warning: declined by analogy (model: poręczny): "
         "dopelniacz: Haliny Poręcznej, celownik: Halinie Poręcznej, biernik: Halinę Poręczną, "
         "narzednik: Haliną Poręczną, miejscownik: Halinie Poręcznej; give 'odmiana' if they are wrong"),
        (f"{path}:28: poreczyciele.1.nazwisko: warning: declined by analogy (model: gwarant): "
         "dopelniacz: Piotra Gwaranta, celownik: Piotrowi Gwarantowi, biernik: Piotra Gwaranta, "
         "narzednik: Piotrem Gwarantem, miejscownik: Piotrze Gwarancie; give 'odmiana' if they are wrong"),
        "1 case checked, 0 with problems.",
    ]


def test_given_forms_silence_the_warning_for_their_cases(tmp_path):
    partial = PERSON.format(imie="Jan", more="  plec: M\n").replace(
        "Nowak", "Brzęczyszczykiewicz") + "  odmiana:\n    dopelniacz: Jana B.\n    celownik: Janowi B.\n"
    result = run("validate", str(write(tmp_path, "p.yaml", partial)))
    [warning, summary] = result.stdout.splitlines()
    assert summary == "1 case checked, 0 with problems."
    assert warning.endswith("osoba.nazwisko: warning: declined by analogy (model: Markiewicz): "
                            "biernik: Jana Brzęczyszczykiewicza, narzednik: Janem Brzęczyszczykiewiczem, "
                            "miejscownik: Janie Brzęczyszczykiewiczu; give 'odmiana' if they are wrong")
    complete = partial + "    biernik: Jana B.\n    narzednik: Janem B.\n    miejscownik: Janie B.\n"
    result = run("validate", str(write(tmp_path, "p.yaml", complete)))
    assert result.stdout == "1 case checked, 0 with problems.\n" and result.exit_code == 0


def test_known_names_give_no_warning():
    result = run("validate", str(EXAMPLES / "zgoda-wizerunek-2026-001.yaml"))
    assert result.stdout == "1 case checked, 0 with problems.\n"


def test_batch_prints_the_warnings_too(tmp_path):
    path = write(tmp_path, "p.yaml", PERSON.format(imie="Jan", more="").replace("Nowak", "Gwarant"))
    result = run("batch", str(path), "-o", str(tmp_path / "out"), "--format", "pdf")
    assert result.exit_code == 0
    assert f"{path}:5: osoba.nazwisko: warning: declined by analogy (model: gwarant): " in result.stdout


# --- The template filter ---------------------------------------------------------------------

def test_the_filter_refuses_unknown_cases_and_non_persons(project, tmp_path):
    cases, _ = collect(project, [EXAMPLES / "zgoda-wizerunek-2026-001.yaml"])
    child = cases[0].data.dziecko
    template = environment(ROOT / "templates").from_string('{{ p|odmien(case) }}')
    assert template.render(p=child, case="celownik") == "Janowi Lipowskiemu"
    with pytest.raises(TemplateRuntimeError, match="odmien: unknown grammatical case 'wolacz'"):
        template.render(p=child, case="wolacz")
    with pytest.raises(TemplateRuntimeError, match="odmien: "):
        template.render(p="Jan Lipowski", case="celownik")
