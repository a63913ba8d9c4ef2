"""Each form's example case rendered: seed labels, case values and computed values in DOCX and PDF."""

from __future__ import annotations

import pytest

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.rules.names import decline
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text

NBSP = "\u00a0"


def render_example(project, name: str, case_id: str | None = None):
    """Render one example case to (docx text, pdf text), checking the DOCX XML on the way."""
    cases, invalid = collect(project, [EXAMPLES / name])
    assert not invalid, [e.message for e in invalid]
    case = next(c for c in cases if case_id in (None, c.id))
    doc = render_document(project, case.forms[0], case, build_time())
    assert_docx_xml_strict(doc.docx)
    return docx_text(doc.docx), pdf_text(doc.pdf)


def assert_in_both(texts, *needles: str) -> None:
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


HEADING = "Załącznik nr {n} do {reg}"
SOM = "Standardów Ochrony Małoletnich w Żłobku Miejskim nr 3 w Przykładowie"
ZFSS = "Regulaminu Gospodarowania Zakładowym Funduszem Świadczeń Socjalnych"


@pytest.mark.parametrize("case_id, verb", [
    ("oswiadczenie-2026-001", "zapoznałam się"),
    ("oswiadczenie-2026-002", "zapoznałem się"),
    ("oswiadczenie-2026-003", "zapoznałam się"),  # no plec, no PESEL: K from the first name Łucja
])
def test_standards_statement(project, case_id, verb):
    texts = render_example(project, "personel.csv", case_id)
    assert_in_both(texts, HEADING.format(n=6, reg=SOM),
                   "OŚWIADCZENIE O ZNAJOMOŚCI I PRZESTRZEGANIU ZASAD ZAWARTYCH",
                   f"oświadczam, że {verb} ze Standardami Ochrony Małoletnich obowiązującymi w Żłobku "
                   "Miejskim nr 3 w Przykładowie oraz deklaruję, że będę ich przestrzegać", "podpis")


def test_standards_statement_values_and_absent_date(project):
    texts = render_example(project, "personel.csv", "oswiadczenie-2026-003")
    assert_in_both(texts, "Ja Łucja Świątek, pielęgniarka", "Przykładowo, dnia ……")
    texts = render_example(project, "personel.csv", "oswiadczenie-2026-001")
    assert_in_both(texts, "Przykładowo, dnia 02.11.2026 r.")


def test_intervention_card(project):
    texts = render_example(project, "interwencja-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=4, reg=SOM), "Karta interwencji", "1. Imię i nazwisko dziecka",
        "Zosia Przykładowa", "2. Przyczyna interwencji", "bez kurtki przy temperaturze około 2°C",
        "3. Osoba zawiadamiająca o podejrzeniu krzywdzenia", "Ewa Nowicka, opiekunka w grupie „Motylki”",
        "4. Opis działań podjętych przez opiekuna/psychologa", "12.11.2026 r.",
        "Obserwacja dziecka w grupie przez psychologa przez 3 dni.",
        "5. Spotkania z opiekunami dziecka", "17.11.2026 r.",
        "6. Forma podjętej interwencji", "zawiadomienie o podejrzeniu popełnienia przestępstwa",
        "wniosek o wgląd w sytuację dziecka/rodziny", "inny rodzaj interwencji",
        "Skierowanie rodziny do Miejskiego Ośrodka Pomocy Społecznej w Przykładowie.",
        "7. Dane dotyczące interwencji", "Miejski Ośrodek Pomocy Społecznej w Przykładowie",
        "8. Wyniki interwencji", "zaniedbanie, ryzyko dysfunkcji rodziców/opiekunów",
        "przeprowadzić rozmowę z rodzicami/opiekunami, wskazując możliwość pomocy psychologicznej i materialnej",
        "udokumentować rozmowę notatką służbową", "Maria Wiśniewska, psycholog")
    for text in texts:
        assert text.count("☒") == 1 + 3  # one intervention form chosen, three steps done
        assert text.count("☐") == 2 + 0


def test_loan_agreement(project):
    texts = render_example(project, "pozyczka-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=9, reg=ZFSS), "w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych",
        "Żłobkiem Miejskim nr 3 w Przykładowie", "Dyrektora Żłobka Annę Kowalczyk",
        "Panem", "Jan Przykładowski", "zwanym", "zamieszkałym", "ul. Klonowa 12 m. 4, 00-951 Przykładowo",
        "14/ZFŚS/2026", "16 listopada 2026 r.", f"10{NBSP}000,00 zł".replace(NBSP, " "),
        "dziesięć tysięcy złotych 00/100", "remont mieszkania (wymiana okien i instalacji elektrycznej)",
        "3% w stosunku rocznym", "24", "457,00 zł", "441,00 zł", "10 grudnia 2026 r.",
        "§ 7", "Na poręczycieli proponuję", "Halina Poręczna", "ABC 123456", "Piotr Gwarant",
        "na czas nieokreślony", "Stwierdzam własnoręczność podpisów", "Podpis pożyczkobiorcy",
        "Harmonogram spłaty", "600,00 zł", "10 600,00 zł")
    for text in texts:
        assert text.count("441,00") >= 23  # every following installment of the schedule


def test_income_statement(project):
    texts = render_example(project, "dochody-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=10, reg=ZFSS), "Oświadczenie o wysokości dochodu",
        "Przykładowo, dnia 20 listopada 2026 r.", "Katarzyna Zielińska", "(imię i nazwisko)",
        "mieści się w grupie 4 określonej w Planie podziału na grupy dochodowe w 2026 roku",
        "(własnoręczny podpis)", "L.p.", "Stopień pokrewieństwa", "Marek Zieliński", "małżonek", "Ola Zielińska", "dziecko – ur. 14 marca 2015 r.",
        "14 marca 2015 r.", "świadczenie wychowawcze", "Adam Zieliński", "nie wliczono – ukończone 18 lat",
        "art. 245 Kodeksu postępowania cywilnego",
        # (16 200 + 19 800 + 2 400) / 3 months / 3 members = 4 266,666… → 4 266,67 (group 4: 4 000–5 000)
        "38 400,00 zł", "4 266,67 zł",
        # The annex's seven numbered rows: four family members, three left to fill by hand.
        "nie wliczono – ukończone 18 lat 5. 6. 7.")
    assert all("(-ka)" not in text for text in texts)  # the spouse's sex is known: 'małżonek' 


def test_fund_plan(project):
    texts = render_example(project, "plan-zfss-2026.yaml")
    # 187 654,33 split 25 / 20 / 15 / 12,5 / 10 / 17,5 %, rounded down to grosze, then the three
    # grosze left go to the largest remainders: 15 % (…0,0095), 17,5 % (…0,00775), 20 % (…0,006).
    assert_in_both(
        texts, HEADING.format(n=1, reg=ZFSS),
        "Plan podziału środków Zakładowego Funduszu Świadczeń Socjalnych", "2026", "Anna Kowalczyk",
        "Halina Poręczna", "187 654,33 zł", "46 913,58 zł", "37 530,87 zł", "28 148,15 zł",
        "23 456,79 zł", "18 765,43 zł", "32 839,51 zł", "154 814,82 zł", "wczasy pod gruszą",
        "2 000,00 zł", "6 000,00 zł", "12 000,00 zł", "Maksymalnie w wysokości", "1 500,00 zł",
        "w razie śmierci", "300,00 zł", "Podpisy")


TEXT_MARK = " <b>&\"'"


def _inject(record, project):
    """Append markup to every free-text leaf that still validates with it; return the new values."""
    from formgen.cases.load import to_case
    from formgen.errors import InputError

    injected: list[str] = []

    def visit(node, key):
        value = node[key]
        if isinstance(value, (dict, list)):
            for sub in (value if isinstance(value, dict) else range(len(value))):
                visit(value, sub)
            return
        if not isinstance(value, str) or key in ("form", "id"):
            return
        node[key] = value + TEXT_MARK
        try:
            to_case(record, project)
            injected.append(_printed(key, node[key]))
        except InputError:
            node[key] = value

    for top in list(record.data):
        visit(record.data, top)
    return injected


def _printed(key, value):
    """How a value may be printed: as it is, or (a person's name) declined in any case and gender."""
    if key not in ("imie", "nazwisko"):
        return {value}
    return {value} | {form for sex in ("K", "M") for form in decline(value, sex, key).forms}


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.is_file()))
def test_markup_in_every_text_field_comes_out_literally(project, name):
    from formgen.cases.load import read_records, to_case

    record = read_records(EXAMPLES / name)[0]
    injected = _inject(record, project)
    assert injected
    case = to_case(record, project)
    docs = [render_document(project, form, case, build_time()) for form in case.forms]
    for doc in docs:
        assert_docx_xml_strict(doc.docx)
    texts = " ".join(docx_text(d.docx) for d in docs), " ".join(pdf_text(d.pdf) for d in docs)
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for forms in injected:
            assert any(" ".join(v.split()) in text for v in forms), f"{kind} lacks {forms!r}"
