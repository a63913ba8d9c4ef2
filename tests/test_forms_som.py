"""The child-protection documents: incident card, service notes, help plan, image consent and the
candidate's statement, rendered from their examples (DOCX and PDF), and their checks."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text, squash, write

# The profile (data/institution.yaml) numbers the institution's annexes: karta zgłoszenia 7,
# notatka 9, plan pomocy 10, zgoda na wizerunek 12, oświadczenie kandydata 11.
SOM = "Załącznik nr {n} do Standardów Ochrony Małoletnich w Żłobku Miejskim nr 3 w Przykładowie"
CLAUSE = "Jestem świadomy odpowiedzialności karnej za złożenie fałszywego oświadczenia."
INTERVENTION = "sprawa-interwencja-2026-002.yaml"
NEW_STAFF = "sprawa-nowy-pracownik-2026-001.yaml"


def render(project, name: str, form_id: str, path=None):
    """Render one form of the (single) case in an example or a given file: (DOCX text, PDF text, PDF)."""
    cases, invalid = collect(project, [path or EXAMPLES / name])
    assert not invalid, [e.message for e in invalid]
    case = next(c for c in cases if not c.derived)
    form = next(f for f in case.forms if f.id == form_id)
    doc = render_document(project, form, case, build_time())
    assert_docx_xml_strict(doc.docx)
    return docx_text(doc.docx), pdf_text(doc.pdf), doc.pdf


def assert_in_both(texts, *needles: str) -> None:
    for text, kind in zip(texts[:2], ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


def assert_absent(texts, *needles: str) -> None:
    for text, kind in zip(texts[:2], ("DOCX", "PDF")):
        for needle in needles:
            assert needle not in text, f"{kind} has {needle!r}"


# --- Karta zgłoszenia zdarzenia --------------------------------------------------------

def test_incident_card_of_the_intervention_case(project):
    texts = render(project, INTERVENTION, "som-karta-zgloszenia")
    assert_in_both(
        texts, SOM.format(n=7), "KARTA ZGŁOSZENIA ZDARZENIA", "ZAGRAŻAJĄCEGO BEZPIECZEŃSTWU MAŁOLETNICH",
        "1. Data i godzina przyjęcia zgłoszenia: 23.11.2026 r., godz. 08:25",
        "2. Osoba zgłaszająca", "Joanna Malinowska, opiekunka w grupie „Biedronki”",
        "3. Imię i nazwisko dziecka, data urodzenia: Antoni Przykładny, ur. 14.09.2023 r.",
        "4. Data, godzina i miejsce zdarzenia: 23.11.2026 r., godz. 08:10, "
        "miejsce: szatnia i sala grupy „Biedronki”",
        "5. Rodzaj zdarzenia (właściwe zaznaczyć)", "☒ przemoc fizyczna", "☐ przemoc psychiczna",
        "☒ widoczne obrażenia na ciele dziecka", "6. Opis zdarzenia – wyłącznie fakty",
        "cztery podłużne sińce długości około 3 cm", "7. Wypowiedź dziecka", "„Tata ciągnął. Bolało.”",
        "8. Osoby obecne przy zdarzeniu", "– Katarzyna Zielińska, opiekunka w grupie „Biedronki”",
        "9. Działania podjęte niezwłocznie po zdarzeniu", "– Sporządzenie notatki służbowej przez opiekunkę.",
        "10. Powiadomione osoby i instytucje", "Kogo powiadomiono", "Sposób powiadomienia",
        "Anna Kowalczyk, Dyrektor Żłobka", "23.11.2026 r., godz. 08:30", "osobiście",
        "23.11.2026 r., godz. 09:15", "11. Osoba przyjmująca zgłoszenie", "Beata Sowa, pielęgniarka",
        "Data: 23.11.2026 r.", "(podpis osoby zgłaszającej)", "(podpis osoby przyjmującej zgłoszenie)",
        "Kartę przekazano Dyrektorowi dnia 23.11.2026 r.", "(podpis Dyrektora)")
    for text in texts[:2]:
        assert text.count("☒") == 2 and text.count("☐") == 9 - 2  # nine kinds, two ticked


def test_incident_card_keeps_dotted_lines_for_absent_values(project):
    texts = render(project, "zgloszenie-2026-001.yaml", "som-karta-zgloszenia")
    assert_in_both(
        texts, "14.10.2026 r., godz. ……", "Tomasz Wójcik, konserwator",
        "☒ utrwalanie lub rozpowszechnianie wizerunku dziecka bez zgody",
        "☒ inne: obca osoba zaczepiająca dzieci przez ogrodzenie",
        "Komisariat Policji w Przykładowie", "14.10.2026 r., godz. 11:05", "telefonicznie (112)",
        "Agnieszka Ogrodowa, matka dziecka", "osobiście przy odbiorze dziecka",
        "Kartę przekazano Dyrektorowi dnia ……")
    # no words of the child: dotted lines (text in DOCX, dotted rules in the PDF)
    assert "jego własnymi słowami: ……" in texts[0]
    assert "jego własnymi słowami: 8. Osoby obecne" in texts[1]


# --- Notatka służbowa -----------------------------------------------------------------

def test_service_notes_each_on_its_own_page(project):
    texts = render(project, INTERVENTION, "som-notatka-sluzbowa")
    assert_in_both(
        texts, SOM.format(n=9), "Żłobek Miejski nr 3 w Przykładowie", "ul. Lipowa 5, 00-950 Przykładowo",
        "Przykładowo, dnia 23.11.2026 r.", "NOTATKA SŁUŻBOWA nr 7/2026",
        "Dotyczy: obrażenia zauważone na przedramieniu dziecka Antoniego Przykładnego",
        "Data i godzina: 23.11.2026 r., godz. 09:00", "Miejsce: sala grupy „Biedronki”",
        "Katarzyna Zielińska, opiekunka", "Sporządził(a): Joanna Malinowska, opiekunka w grupie „Biedronki”",
        "Treść notatki:", "Antoni powiedział: „Tata ciągnął. Bolało.”",
        "(podpis osoby sporządzającej notatkę)", "Notatkę przekazano Dyrektorowi dnia 23.11.2026 r.",
        "NOTATKA SŁUŻBOWA nr 8/2026", "Przykładowo, dnia 25.11.2026 r.", "Miejsce: gabinet Dyrektora",
        "Paweł Przykładny, ojciec dziecka", "Rodzice zgodzili się na konsultacje")
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(texts[2])).pages]
    assert len(pages) == 2
    assert "nr 7/2026" in pages[0] and "nr 8/2026" not in pages[0]
    assert "nr 8/2026" in pages[1] and "nr 7/2026" not in pages[1]
    for page in pages:  # each note is filed on its own: the annex heading on every page
        assert SOM.format(n=9) in page
    assert texts[0].count("NOTATKA SŁUŻBOWA") == 2 and texts[0].count("Załącznik nr 9") == 2


def test_service_note_without_time_or_hand_over(project):
    texts = render(project, "notatka-2026-001.yaml", "som-notatka-sluzbowa")
    assert_in_both(
        texts, "NOTATKA SŁUŻBOWA nr 12/2026", "Przykładowo, dnia 02.12.2026 r.",
        "Data i godzina: 02.12.2026 r., godz. ……", "Notatkę przekazano Dyrektorowi dnia ……",
        "przegląd Standardów Ochrony Małoletnich po ankiecie wśród personelu",
        "Beata Sowa, pielęgniarka, osoba odpowiedzialna za realizację standardów")


# --- Plan pomocy dziecku --------------------------------------------------------------

def test_help_plan_of_the_intervention_case(project):
    texts = render(project, INTERVENTION, "som-plan-pomocy")
    assert_in_both(
        texts, SOM.format(n=10), "PLAN POMOCY DZIECKU", "Przykładowo, dnia 26.11.2026 r.",
        "1. Imię i nazwisko dziecka, data urodzenia: Antoni Przykładny, ur. 14.09.2023 r.",
        "2. Plan opracował(a) zespół interwencyjny lub osoba wyznaczona przez Dyrektora",
        "Funkcja, stanowisko", "Podpis", "Dyrektor Żłobka, przewodnicząca zespołu", "Beata Sowa",
        "3. Opis sytuacji dziecka w placówce i w rodzinie", "od września 2025 r.",
        "4. Rozpoznane potrzeby dziecka", "bez przemocy", "5. Zaplanowane działania",
        "I. Działania zapewniające dziecku bezpieczeństwo, w tym zgłoszenie podejrzenia krzywdzenia",
        "II. Wsparcie, jakie placówka zaoferuje dziecku",
        "III. Skierowanie dziecka do specjalistycznej placówki pomocy dziecku",
        "Działanie", "Osoba odpowiedzialna", "Termin realizacji",
        "Złożenie wniosku o wgląd w sytuację rodziny do sądu rodzinnego", "27.11.2026 r.",
        "Zajęcia z psychologiem w formie zabawy, raz w tygodniu", "26.02.2027 r.", "18.12.2026 r.",
        "Skierowanie rodziców z dzieckiem do poradni psychologicznej dla dzieci", "11.12.2026 r.",
        "6. Zakres współpracy z rodzicami", "co dwa tygodnie",
        "7. Termin oceny realizacji planu: 26.02.2027 r.", "Zatwierdzam:", "(data i podpis Dyrektora)",
        "Plan przedstawiono rodzicom (opiekunom prawnym) dziecka dnia 27.11.2026 r.",
        "(data i podpis rodzica lub opiekuna prawnego)")


def test_help_plan_leaves_empty_areas_and_dates_to_fill(project):
    texts = render(project, "plan-pomocy-2026-001.yaml", "som-plan-pomocy")
    assert_in_both(
        texts, "Zosia Przykładowa, ur. 03.05.2024 r.", "Ewa Nowicka",
        "Skierowanie rodziny do Miejskiego Ośrodka Pomocy Społecznej", "20.11.2026 r.",
        "Dodatkowe śniadanie i zapasowe ubrania w szatni grupy", "31.12.2026 r.",
        "6. Zakres współpracy z rodzicami (opiekunami prawnymi) dziecka:",
        "Plan przedstawiono rodzicom (opiekunom prawnym) dziecka dnia ……",
        "7. Termin oceny realizacji planu: 15.01.2027 r.")
    # area III has no action: its table keeps two numbered empty rows
    assert "taka potrzeba L.p. Działanie Osoba odpowiedzialna Termin realizacji 1. 2. 6. Zakres" in texts[1]


# --- Zgoda na wykorzystanie wizerunku -------------------------------------------------

def test_image_consent(project):
    texts = render(project, "zgoda-wizerunek-2026-001.yaml", "som-zgoda-wizerunek")
    assert_in_both(
        texts, SOM.format(n=12), "Agnieszka Lipowska", "(imię i nazwisko rodzica lub opiekuna prawnego)",
        "Przykładowo, dnia 01.09.2026 r.", "ZGODA NA WYKORZYSTANIE WIZERUNKU DZIECKA",
        "Ja, niżej podpisana, rodzic (opiekun prawny) dziecka Jana Lipowskiego, ur. 01.07.2024 r., "
        "objętego opieką w Żłobku Miejskim nr 3 w Przykładowie",
        "Miejsce publikacji wizerunku", "strona internetowa placówki ☒ ☐",
        "profile placówki w mediach społecznościowych ☐ ☒", "kronika i albumy placówki ☐ ☐",
        "kalendarz żłobka na rok 2027 (wydruk dla rodziców) ☒ ☐",
        "po zakończeniu opieki placówki nad dzieckiem: ☐ TAK ☒ NIE",
        "Cel wykorzystania wizerunku: Dokumentowanie zajęć i uroczystości żłobka",
        "Zgoda obowiązuje od dnia jej podpisania do dnia 31.08.2027 r.",
        "zgodę mogę wycofać w każdym czasie",
        "administratorem danych osobowych dziecka, w tym jego wizerunku, jest Żłobek Miejski nr 3 "
        "w Przykładowie, ul. Lipowa 5, 00-950 Przykładowo",
        "określają Standardy Ochrony Małoletnich obowiązujące w Żłobku Miejskim nr 3 w Przykładowie",
        "(czytelny podpis rodzica lub opiekuna prawnego)")
    for text in texts[:2]:
        # six answered rows (5 listed + 1 other) and the after-care answer tick one box each: 7 ☒;
        # those 7 leave one ☐ each, and 'kronika' has no answer: 2 ☐ → 9 ☐
        assert text.count("☒") == 7 and text.count("☐") == 9


# --- Oświadczenie kandydata -----------------------------------------------------------

def test_candidate_statement_with_stays_abroad(project):
    texts = render(project, "kandydat-2026-001.yaml", "som-oswiadczenie-kandydata")
    assert_in_both(
        texts, SOM.format(n=11), "Magdalena Kwiatkowska", "(imię i nazwisko)", "(numer PESEL)",
        "Przykładowo, dnia 16.11.2026 r.", "Dyrektor Żłobka", "Żłobek Miejski nr 3 w Przykładowie",
        "OŚWIADCZENIE KANDYDATA", "o państwach zamieszkiwania w ciągu ostatnich 20 lat oraz o niekaralności",
        "Ja, niżej podpisana, ubiegając się o zatrudnienie na stanowisku opiekunka dziecięca w Żłobku",
        "art. 21 ustawy z dnia 13 maja 2016 r.", "posiadam obywatelstwo polskie",
        "☐ nie zamieszkiwałam w państwach innych niż Rzeczpospolita Polska",
        "☒ zamieszkiwałam w następujących państwach", "Niemcy", "01.03.2012 r. – 30.06.2016 r.",
        "Irlandia", "01.07.2016 r. – 31.12.2019 r.", "nie prowadzi się rejestru karnego: nie dotyczy",
        "nie byłam prawomocnie skazana", "dopuściłam się takich czynów", "art. 189a i art. 207",
        CLAUSE, "(własnoręczny podpis kandydata)")


@pytest.mark.parametrize("person, words", [
    ("  plec: K\n", ("podpisana", "nie zamieszkiwałam", "nie byłam prawomocnie skazana", "dopuściłam się")),
    ("  plec: M\n", ("podpisany", "nie zamieszkiwałem", "nie byłem prawomocnie skazany", "dopuściłem się")),
    # no plec and no PESEL: the dictionary knows Ala as a woman's name
    ("", ("podpisana", "nie zamieszkiwałam", "nie byłam prawomocnie skazana", "dopuściłam się")),
])
def test_candidate_clause_is_always_there_whatever_the_gender(project, tmp_path, person, words):
    text = ("form: som-oswiadczenie-kandydata\nid: k-1\nosoba:\n  imie: Ala\n  nazwisko: Ma\n" + person
            + "panstwa: []\n")
    texts = render(project, "", "som-oswiadczenie-kandydata", write(tmp_path, "k.yaml", text))
    assert_in_both(texts, CLAUSE, *words)


def test_candidate_statement_blank_stays_are_left_to_fill(project, tmp_path):
    text = "form: som-oswiadczenie-kandydata\nid: k-2\nosoba:\n  imie: Ala\n  nazwisko: Ma\n"
    texts = render(project, "", "som-oswiadczenie-kandydata", write(tmp_path, "k.yaml", text))
    assert_in_both(texts, CLAUSE, "☐ nie zamieszkiwał", "☐ zamieszkiwał", "posiadam obywatelstwo ……",
                   "na stanowisku ……", "rejestru karnego: ……", "Przykładowo, dnia ……")
    assert_absent(texts, "nie dotyczy", "☒")


def test_new_staff_case_renders_both_statements_and_lists_the_person(project):
    texts = render(project, NEW_STAFF, "som-oswiadczenie-kandydata")
    assert_in_both(
        texts, "Piotr Nowakowski", "Przykładowo, dnia 30.11.2026 r.", "opiekun dziecięcy",
        "Ja, niżej podpisany", "☒ nie zamieszkiwałem", "☐ zamieszkiwałem w następujących państwach",
        "Państwo Okres zamieszkiwania (od – do) nie dotyczy –", "rejestru karnego: nie dotyczy",
        "nie byłem prawomocnie skazany", CLAUSE)
    texts = render(project, NEW_STAFF, "som-oswiadczenie")
    assert_in_both(texts, "Ja Piotr Nowakowski, opiekun dziecięcy", "oświadczam, że zapoznałem się",
                   "Przykładowo, dnia 30.11.2026 r.")
    cases, _ = collect(project, [EXAMPLES / NEW_STAFF])
    [register] = [c for c in cases if c.derived]
    assert [s.osoba.nazwisko for s in register.data.pozycje] == ["Nowakowski"]


# --- Checks: every problem at once, with its line --------------------------------------

def messages(project, tmp_path, text):
    path = write(tmp_path, "case.yaml", text)
    cases, invalid = collect(project, [path])
    assert not [c for c in cases if not c.derived] and len(invalid) == 1
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


CARD = """form: som-karta-zgloszenia
id: z-1
dziecko:
  imie: Ala
  nazwisko: Ma
  data_urodzenia: 2026-12-01
zawiadamiajacy: Ewa Lis, opiekunka
data_zgloszenia: 2026-11-20
godzina_zgloszenia: "9:00"
zdarzenie:
  data: 2026-11-20
  godzina: "10:15"
  miejsce: sala
  rodzaj: [inne]
  fakty: Upadek.
powiadomieni:
  - kto: Dyrektor
    data: 2026-11-19
  - kto: Matka
    data: 2026-11-20
    godzina: "8:30"
przekazano_dyrektorowi: 2026-11-18
"""


def test_incident_card_dates_and_times_in_order(project, tmp_path):
    assert messages(project, tmp_path, CARD) == [
        "6: dziecko.data_urodzenia: is after the document's date 2026-11-20",
        "9: godzina_zgloszenia: is before the event (zdarzenie.godzina 10:15)",
        "10: zdarzenie.inny_rodzaj: required when zdarzenie.rodzaj includes 'inne'",
        "18: powiadomieni.0.data: is before the report (data_zgloszenia 2026-11-20)",
        "21: powiadomieni.1.godzina: is before the report (godzina_zgloszenia 09:00)",
        "22: przekazano_dyrektorowi: is before the report (data_zgloszenia 2026-11-20)",
    ]


def test_incident_card_event_after_report_and_bad_time(project, tmp_path):
    text = CARD.replace("  data_urodzenia: 2026-12-01\n", "").replace("  data: 2026-11-20\n  godzina",
                                                                       "  data: 2026-11-21\n  godzina")
    text = text.replace("  rodzaj: [inne]", "  rodzaj: [zaniedbanie]\n  inny_rodzaj: upadek")
    text = text.replace("przekazano_dyrektorowi: 2026-11-18", "przekazano_dyrektorowi: 2026-11-22")
    assert messages(project, tmp_path, text) == [
        "7: data_zgloszenia: is before the event (zdarzenie.data 2026-11-21)",
        "14: zdarzenie.inny_rodzaj: given, but zdarzenie.rodzaj lacks 'inne'",
        "18: powiadomieni.0.data: is before the report (data_zgloszenia 2026-11-20)",
        "21: powiadomieni.1.godzina: is before the report (godzina_zgloszenia 09:00)",
    ]
    assert messages(project, tmp_path, CARD.replace('"9:00"', '"25:00"')) == [
        "9: godzina_zgloszenia: not a time: '25:00' (use 14:30)"]


def test_service_notes_checks(project, tmp_path):
    text = ("form: som-notatka-sluzbowa\nid: n-1\nnotatki:\n"
            "  - numer: 1/2026\n    data: 2026-11-20\n    autor: Ewa Lis\n    temat: a\n    tresc: b\n"
            "  - numer: 1/2026\n    data: 2026-11-21\n    autor: Ewa Lis\n    temat: a\n    tresc: b\n"
            "    przekazano_dyrektorowi: 2026-11-20\n")
    assert messages(project, tmp_path, text) == [
        "9: notatki.1.numer: number '1/2026' is used by an earlier note",
        "14: notatki.1.przekazano_dyrektorowi: is before the note's date 2026-11-21",
    ]
    assert messages(project, tmp_path, "form: som-notatka-sluzbowa\nid: n-2\nnotatki: []\n") == [
        "3: notatki: List should have at least 1 item after validation, not 0"]


def test_help_plan_deadlines_not_before_the_plan(project, tmp_path):
    text = ("form: som-plan-pomocy\nid: p-1\ndziecko:\n  imie: Ala\n  nazwisko: Ma\nplan_pomocy:\n"
            "  data: 2026-11-20\n  dzialania:\n"
            "    - obszar: wsparcie\n      dzialanie: a\n      odpowiedzialny: b\n      termin: 2026-11-20\n"
            "    - obszar: wsparcie\n      dzialanie: a\n      odpowiedzialny: b\n      termin: 2026-11-19\n"
            "    - obszar: pomoc\n      dzialanie: a\n      odpowiedzialny: b\n"
            "  przedstawiono_rodzicom: 2026-11-02\n  przeglad: 2026-10-01\n")
    assert messages(project, tmp_path, text) == [
        "17: plan_pomocy.dzialania.2.obszar: must be one of 'bezpieczenstwo', 'wsparcie' or "
        "'skierowanie', got 'pomoc'"]
    text = text.replace("obszar: pomoc", "obszar: skierowanie")
    assert messages(project, tmp_path, text) == [
        "16: plan_pomocy.dzialania.1.termin: is before the plan's date (plan_pomocy.data 2026-11-20)",
        "20: plan_pomocy.przedstawiono_rodzicom: is before the plan's date (plan_pomocy.data 2026-11-20)",
        "21: plan_pomocy.przeglad: is before the plan's date (plan_pomocy.data 2026-11-20)",
    ]


def test_image_consent_checks(project, tmp_path):
    text = ("form: som-zgoda-wizerunek\nid: z-1\nrodzic:\n  imie: Ewa\n  nazwisko: Lis\n"
            "dziecko:\n  imie: Ala\n  nazwisko: Lis\n  data_urodzenia: 2026-09-02\n"
            "zgody:\n  strona_internetowa: tak\n  kronika: może\n  facebook: tak\n")
    assert messages(project, tmp_path, text) == [
        "12: zgody.kronika: must be one of 'tak' or 'nie', got 'może'",
        "13: zgody.facebook: unknown field",
    ]
    text = text.replace("  kronika: może\n  facebook: tak\n", "obowiazuje_do: 2026-08-31\ndata: 2026-09-01\n")
    assert messages(project, tmp_path, text) == [
        "9: dziecko.data_urodzenia: is after the document's date 2026-09-01",
        "12: obowiazuje_do: is before the consent's date 2026-09-01",
    ]


def test_candidate_checks(project, tmp_path):
    text = ("form: som-oswiadczenie-kandydata\nid: k-1\nosoba:\n  imie: Ala\n  nazwisko: Ma\n"
            "panstwa:\n"
            "  - panstwo: Polska\n"
            "  - panstwo: Norwegia\n    od: 2020-05-01\n    do: 2019-04-30\n"
            "  - panstwo: Francja\n    od: 2001-01-01\n    do: 2006-11-29\n"
            "  - panstwo: Kanada\n    od: 2027-01-01\n"
            "bez_rejestru: [Norwegia, Chile]\ndata: 2026-11-30\n")
    # 20 years before 2026-11-30 is 2006-11-30: a stay that ended on 2006-11-29 is out of range
    assert messages(project, tmp_path, text) == [
        "7: panstwa.0.panstwo: list only countries other than Poland",
        "10: panstwa.1.do: is before the start of the stay (2020-05-01)",
        "13: panstwa.2.do: the stay ended before 2006-11-30, more than 20 years ago; leave it out",
        "15: panstwa.3.od: is after the statement's date 2026-11-30",
        "16: bez_rejestru.1: 'Chile' is not among the countries in panstwa",
    ]


def test_intervention_case_shares_child_report_date_and_reporter(project):
    cases, invalid = collect(project, [EXAMPLES / INTERVENTION])
    assert not invalid
    [case] = [c for c in cases if not c.derived]
    assert [f.id for f in case.forms] == ["som-karta-zgloszenia", "som-notatka-sluzbowa",
                                          "som-karta-interwencji", "som-plan-pomocy"]
    card = render(project, INTERVENTION, "som-karta-interwencji")
    assert_in_both(card, "Antoni Przykładny", "Joanna Malinowska, opiekunka w grupie „Biedronki”",
                   "Zgłoszenie przyjęto dnia 23.11.2026 r.")


def test_the_residence_period_is_data(tmp_path):
    """An amendment of art. 21 ust. 3 changes data/procedures/kandydaci.yaml, not the code."""
    import shutil

    from formgen.project import Project
    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("examples"))
    rules = data / "procedures" / "kandydaci.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("lata_zamieszkania: 20", "lata_zamieszkania: 25"),
                     encoding="utf-8")
    project = Project(ROOT / "templates", data)
    texts = render(project, "kandydat-2026-001.yaml", "som-oswiadczenie-kandydata")
    assert_in_both(texts, "o państwach zamieszkiwania w ciągu ostatnich 25 lat oraz o niekaralności")
    text = ("form: som-oswiadczenie-kandydata\nid: k-1\nosoba:\n  imie: Ala\n  nazwisko: Ma\n"
            "panstwa:\n  - panstwo: Francja\n    od: 2001-01-01\n    do: 2001-11-29\n"
            "  - panstwo: Niemcy\n    od: 2001-01-01\n    do: 2006-11-29\ndata: 2026-11-30\n")
    # 25 years before 2026-11-30 is 2001-11-30: only the stay that ended on 2001-11-29 is out of range
    assert messages(project, tmp_path, text) == [
        "9: panstwa.0.do: the stay ended before 2001-11-30, more than 25 years ago; leave it out"]
