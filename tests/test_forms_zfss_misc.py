"""ZFŚS loan application, retiree's statement, bank account and income groups: rendered
examples (seed labels, values, computed numbers in DOCX and PDF) and their checks."""

from __future__ import annotations

import shutil

import pytest

from formgen.documents import render_document
from formgen.errors import CatalogError
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.project import Project
from tests.conftest import EXAMPLES, ROOT, assert_docx_xml_strict, docx_text, pdf_text, write

HEADING = "Załącznik nr {n} do Regulaminu Gospodarowania Zakładowym Funduszem Świadczeń Socjalnych"
LOAN_CASE = "sprawa-pozyczka-2026-003.yaml"


def render_form(project, name: str, form_id: str | None = None):
    """Render one form (default: the first) of an example case to (docx text, pdf text)."""
    cases, invalid = collect(project, [EXAMPLES / name])
    assert not invalid, [e.message for e in invalid]
    case = cases[0]
    form = next(f for f in case.forms if form_id in (None, f.id))
    doc = render_document(project, form, case, build_time())
    assert_docx_xml_strict(doc.docx)
    return docx_text(doc.docx), pdf_text(doc.pdf)


def assert_in_both(texts, *needles: str) -> None:
    """Every needle is in the DOCX text and in the PDF text."""
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


def messages(project, tmp_path, text: str) -> list[str]:
    """The problems of one invalid case file, without the file name."""
    path = write(tmp_path, "case.yaml", text)
    cases, invalid = collect(project, [path])
    assert not cases and len(invalid) == 1
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


def valid(project, tmp_path, text: str) -> bool:
    """Whether a case file validates."""
    cases, invalid = collect(project, [write(tmp_path, "case.yaml", text)])
    assert not invalid or not cases
    return bool(cases)


# --- Rendered examples ------------------------------------------------------------------

def test_loan_application_for_a_repair(project):
    texts = render_form(project, "podanie-pozyczka-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=8), "Przykładowo, dnia 12 października 2026 r.",
        "Barbara Remontowska", "(imię i nazwisko)", "opiekunka dziecięca", "(stanowisko)",
        "ul. Brzozowa 7 m. 2, 00-954 Przykładowo", "(adres zamieszkania)", "Dyrektor Żłobka", "w miejscu",
        "Podanie", "Proszę o przyznanie mi pożyczki na cele mieszkaniowe w wysokości 9 000,00 zł",
        "dziewięć tysięcy złotych 00/100", "z Zakładowego Funduszu Świadczeń Socjalnych z przeznaczeniem na",
        # The application's own ten purposes (Zał. 8), not §15's eight.
        "proszę podkreślić właściwy punkt", "☐ uzupełnienie wkładu własnego na mieszkanie spółdzielcze;",
        "☐ wkład własny przy budowie domu jednorodzinnego;", "☐ wkład własny przy budowie lokalu;",
        "☐ zakup mieszkania hipotecznego u developera;", "☐ zakup mieszkania na rynku wtórnym;",
        "☐ adaptację pomieszczenia na cele mieszkalne;", "☐ kaucję i opłaty wymagane przy uzyskaniu w drodze "
        "zamiany mieszkania pozostającego w dyspozycji organów samorządu terytorialnego;",
        "☐ pokrycie kosztów wykupu zajmowanego lokalu mieszkalnego na własność;",
        "☐ uzupełnienie zaliczki na wkład budowlany w związku z przekształceniem spółdzielczego lokatorskiego "
        "prawa do zajmowanego lokalu na spółdzielcze własnościowe prawo do lokalu;",
        "☒ remont i modernizacja mieszkania.", "z przeznaczeniem na: wymianę okien i malowanie mieszkania",
        "(przeznaczenie pożyczki remontowej)",
        "Otrzymaną pożyczkę planuję spłacać w 12 / 24 / 36 ratach", "niepotrzebne skreślić",
        "Załączam następujące dokumenty:", "1. orientacyjny kosztorys planowanego remontu lub modernizacji.",
        "W roku 2021 otrzymałam pożyczkę z ZFŚS na cele mieszkaniowe, ostatnią ratę spłaciłam w dniu "
        "31 maja 2023 r.", "(własnoręczny podpis)",
        "Opinia Komisji Socjalnej", "Komisja Socjalna wnioskuje o:", "przyznanie pożyczki mieszkaniowej w wysokości",
        "nie przyznanie pożyczki mieszkaniowej. Uzasadnienie:", "Podpisy komisji:", "Akceptuję",
        "Pieczęć i podpis Dyrektora",
        "Orientacyjny kosztorys remontu", "Planuję remont mieszkania przy ul. Brzozowej 7 m. 2 (trzy pokoje).",
        "Przeznaczenie (materiały, robocizna)", "Orientacyjny koszt", "okna PCV, 3 szt. (materiały)",
        "5 400,00 zł", "1 250,50 zł", "849,99 zł", "2 100,00 zł",
        # 5 400,00 + 1 250,50 + 849,99 + 2 100,00 = 9 600,49
        "Razem", "9 600,49 zł")
    for text in texts:
        assert text.count("☒") == 1  # the chosen purpose
        assert text.count("☐") == 9 + 2  # the other nine purposes, the committee's two options


def test_loan_application_for_another_purpose_lists_its_documents(project):
    texts = render_form(project, LOAN_CASE, "zfss-podanie-pozyczka")
    assert_in_both(
        texts, "Robert Nabywca", "intendent", "12 000,00 zł", "dwanaście tysięcy złotych 00/100",
        "☒ zakup mieszkania na rynku wtórnym", "☐ remont i modernizacja mieszkania",
        "1. umowa przedwstępna (do wglądu);", "2. odpis z księgi wieczystej lokalu (do wglądu).",
        "Dotychczas nie otrzymałem pożyczki z ZFŚS na cele mieszkaniowe.")
    for text in texts:
        assert "Orientacyjny kosztorys remontu" not in text
        assert "(przeznaczenie pożyczki remontowej)" not in text


def test_retiree_without_a_post_takes_the_sex_from_the_first_name(project, tmp_path):
    text = application(extra="ostatnia_pozyczka_splacona: 2020-01-15\n").replace(
        "  plec: K\n", "  emeryt: true\n")
    cases, invalid = collect(project, [write(tmp_path, "case.yaml", text)])
    assert not invalid
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    assert_in_both((docx_text(doc.docx), pdf_text(doc.pdf)), "emerytka / rencistka",  # Ewa: K
                   "W roku …", "otrzymałam pożyczkę", "spłaciłam w dniu 15 stycznia 2020 r.",
                   "umowa z developerem (do wglądu)")


def test_loan_case_yields_its_four_documents(project):
    cases, invalid = collect(project, [EXAMPLES / LOAN_CASE])
    assert not invalid
    assert [f.id for f in cases[0].forms] == ["zfss-podanie-pozyczka", "zfss-oswiadczenie-dochody",
                                              "zfss-umowa-pozyczki", "zfss-rachunek-bankowy"]
    # (17 400 + 12 300 + 2 400) / 3 months / 3 members = 3 566,666… → 3 566,67 zł, group 3 (3 000–4 000)
    assert_in_both(render_form(project, LOAN_CASE, "zfss-oswiadczenie-dochody"),
                   "Przykładowo, dnia 2 listopada 2026 r.", "mieści się w grupie 3", "3 566,67 zł")
    # 12 000 at 3 % for 36 months: interest 12 000 × 0,03 × 3 = 1 080,00; 13 080 / 36 = 363,33 → 363 zł
    # following, first 13 080 − 35 × 363 = 375 zł
    assert_in_both(render_form(project, LOAN_CASE, "zfss-umowa-pozyczki"),
                   "zakup mieszkania na rynku wtórnym", "375,00 zł", "363,00 zł", "1 080,00 zł")
    assert_in_both(render_form(project, LOAN_CASE, "zfss-rachunek-bankowy"),
                   "Przykładowo, 2 listopada 2026 r.", "Bank Przykładowy S.A.", "PL72 2490 0005 0000 4600 1234 5678")


def test_non_employment_statement(project):
    texts = render_form(project, "niezatrudnienie-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=11), "Przykładowo, dnia 3 listopada 2026 r.", "Zenon Emerytowski",
        "(imię i nazwisko)", "Oświadczenie o niepozostawaniu w zatrudnieniu u innego pracodawcy",
        "Oświadczam, że moim ostatnim miejscem pracy był Żłobek Miejski nr 3 w Przykładowie, a po przejściu "
        "na emeryturę/rentę nie pozostaję w zatrudnieniu w ramach stosunku pracy w innym zakładzie pracy.",
        "(własnoręczny podpis)")


def test_bank_account_information(project):
    texts = render_form(project, "rachunek-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=12), "Nowa Wieś Przykładowa, 5 listopada 2026 r.",
        "(data i miejscowość)", "Teresa Kontowa", "(imię i nazwisko)", "Żłobek Miejski nr 3 w Przykładowie",
        "Nowa Wieś Przykładowa 21, 00-960 Przykładowo", "(adres zamieszkania)",
        "Informacja dot. numeru rachunku bankowego",
        "Zgodnie z postanowieniami Regulaminu Gospodarowania Zakładowym Funduszem Świadczeń Socjalnych "
        "obowiązującego w Żłobku Miejskim nr 3 w Przykładowie wskazuję poniżej mój aktualny numer rachunku",
        "Bank Bank Spółdzielczy w Przykładowie",
        # written "72 2490 0005 …" in the case: the PL prefix added, groups of four
        "Nr PL72 2490 0005 0000 4600 1234 5678",
        # Zał. 12 names the institution in the pledge (in the genitive, from the profile).
        "zobowiązuję się do bieżącego informowania Żłobka Miejskiego nr 3 w Przykładowie o każdorazowej zmianie",
        "(własnoręczny podpis)")


def test_income_groups_plan(project):
    texts = render_form(project, "grupy-dochodowe-2026-001.yaml")
    assert_in_both(
        texts, HEADING.format(n=3), "Plan podziału na grupy dochodowe w 2026 roku",
        "W dniu 14 stycznia 2026 r. na spotkaniu przedstawiciele pracowników zatrudnionych w Żłobku "
        "Miejskim nr 3 w Przykładowie w składzie:", "1. Anna Kowalczyk", "6. Tomasz Zegarek", "8. ……",
        "opracowano następujący plan podziału na grupy dochodowe w zależności od średniego dochodu brutto",
        "Numer grupy", "Średni miesięczny dochód brutto na jednego członka gospodarstwa domowego",
        "do 2 000,00 zł", "od 2 000,00 zł do 3 000,00 zł", "od 3 000,00 zł do 4 000,00 zł",
        "od 4 000,00 zł do 5 000,00 zł", "od 5 000,00 zł do 6 000,00 zł", "powyżej 6 000,00 zł",
        "Dochód równy kwocie granicznej zalicza się do niższej grupy", "Podpisy:", "(Maria Wiśniewska)")


# --- Checks -----------------------------------------------------------------------------

APPLICATION = """form: zfss-podanie-pozyczka
id: podanie-x
data: {data}
wnioskodawca:
  imie: Ewa
  nazwisko: Lis
  plec: K
cel_pozyczki: {cel}
kwota: "{kwota}"
okres_miesiecy: {okres}
"""


def application(data="2026-11-10", cel="zakup_deweloper", kwota="8000.00", okres=24, extra=""):
    return APPLICATION.format(data=data, cel=cel, kwota=kwota, okres=okres) + extra


def test_loan_application_rules_are_all_reported(project, tmp_path):
    text = application(cel="wakacje", kwota="15000.00", okres=18,
                       extra="ostatnia_pozyczka_rok: 2026\nostatnia_pozyczka_splacona: 2025-03-31\n")
    assert messages(project, tmp_path, text) == [
        ("8: cel_pozyczki: unknown purpose 'wakacje'; use one of: wklad_spoldzielczy, budowa_domu, "
         "budowa_lokalu, zakup_deweloper, zakup_rynek_wtorny, adaptacja, kaucje_zamiana, wykup_lokalu, "
         "zaliczka_wklad, remont"),
        "9: kwota: exceeds the year's loan limit of 12000.00 zł",
        "10: okres_miesiecy: term must be one of 12, 24, 36 months",
        "11: ostatnia_pozyczka_rok: is after the year the loan was repaid (2025)",
        # 2025-03-31 + 24 months = 2027-03-31, after the application of 2026-11-10
        ("12: ostatnia_pozyczka_splacona: a new loan may be granted 24 months after the last one "
         "was repaid, so not before 2027-03-31 (§20)"),
    ]


def test_zero_amount_is_refused(project, tmp_path):
    assert messages(project, tmp_path, application(kwota="0")) == ["9: kwota: must be more than 0"]


@pytest.mark.parametrize("repaid, applied, ok", [
    ("2024-11-10", "2026-11-10", True),  # exactly 24 months later
    ("2024-11-11", "2026-11-10", False),  # one day short
    ("2024-02-29", "2026-02-28", True),  # 29 Feb + 24 months = 28 Feb (no 29 Feb in 2026)
    ("2024-02-29", "2026-02-27", False),
])
def test_waiting_time_since_the_last_loan(project, tmp_path, repaid, applied, ok):
    text = application(data=applied, extra=f"ostatnia_pozyczka_splacona: {repaid}\n")
    assert valid(project, tmp_path, text) is ok


def test_last_loan_dates_must_make_sense(project, tmp_path):
    assert messages(project, tmp_path, application(extra="ostatnia_pozyczka_splacona: 2026-12-01\n")) == [
        "11: ostatnia_pozyczka_splacona: is after the application's date"]
    assert messages(project, tmp_path, application(extra="ostatnia_pozyczka_rok: 2019\n")) == [
        "1: ostatnia_pozyczka_splacona: required when ostatnia_pozyczka_rok is given"]


ESTIMATE = """kosztorys:
  przeznaczenie: wymianę drzwi
  remont: mieszkania
  pozycje:
    - {opis: drzwi, koszt: "1500.00"}
"""


def test_repair_estimate_goes_with_a_repair_loan_only(project, tmp_path):
    assert messages(project, tmp_path, application(cel="remont")) == [
        "1: kosztorys: required for the purpose 'remont': list the repair's items and costs"]
    assert messages(project, tmp_path, application(extra=ESTIMATE)) == [
        "11: kosztorys: a repair estimate does not belong to the purpose 'zakup_deweloper'"]
    assert valid(project, tmp_path, application(cel="remont", extra=ESTIMATE))


def test_repair_estimate_needs_items(project, tmp_path):
    text = application(cel="remont", extra="kosztorys:\n  przeznaczenie: x\n  remont: y\n  pozycje: []\n")
    assert messages(project, tmp_path, text) == [
        "14: kosztorys.pozycje: List should have at least 1 item after validation, not 0"]


def test_non_employment_statement_is_for_retirees(project, tmp_path):
    text = ("form: zfss-oswiadczenie-niezatrudnienie\nid: x\ndata: 2026-11-03\n"
            "wnioskodawca:\n  imie: Jan\n  nazwisko: Nowak\n")
    assert messages(project, tmp_path, text) == [
        ("4: wnioskodawca.emeryt: this statement is made by retirees and pensioners only (§4b); "
         "set emeryt: true")]


BANK = """form: zfss-rachunek-bankowy
id: x
data: 2026-11-05
wnioskodawca: {{imie: Jan, nazwisko: Nowak}}
bank: Bank
rachunek: "{account}"
"""


@pytest.mark.parametrize("account, message", [
    ("PL73 2490 0005 0000 4600 1234 5678", "invalid account number checksum"),  # 72 → 73
    ("DE89 3704 0044 0532 0130 00", "only Polish (PL) accounts are accepted"),
    ("72 2490 0005 0000 4600 1234 567", "account number must have 26 digits"),
])
def test_bank_account_number_is_checked(project, tmp_path, account, message):
    assert messages(project, tmp_path, BANK.format(account=account)) == [f"6: rachunek: {message}"]


GROUPS = "form: zfss-grupy-dochodowe\nid: x\nrok: {rok}\ndata_posiedzenia: {data}\n"


def test_income_groups_meeting_and_year(project, tmp_path):
    assert messages(project, tmp_path, GROUPS.format(rok=2026, data="2027-01-10")) == [
        "4: data_posiedzenia: the meeting is after the plan's year 2026"]
    [message] = messages(project, tmp_path, GROUPS.format(rok=2031, data="2030-12-10"))
    assert message.startswith("3: rok: no fund parameters for 2031: ")


@pytest.fixture
def broken_data(tmp_path):
    """A copy of the data folder whose 2026 parameters can be edited by a test."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "params", data / "params")
    shutil.copy(ROOT / "data" / "institution.yaml", data / "institution.yaml")
    return data


@pytest.mark.parametrize("group, problem", [
    ('{numer: 3, od: "3100.00", do: "4000.00"}',  # a gap: nothing covers 3 000,01–3 100,00
     "income group 3 starts at 3100.00 but group 2 ends at 3000.00 (gap or overlap)"),
    ('{numer: 3, od: "2900.00", do: "4000.00"}',  # an overlap: 2 900,01–3 000,00 in groups 2 and 3
     "income group 3 starts at 2900.00 but group 2 ends at 3000.00 (gap or overlap)"),
    ('{numer: 3, od: "3000.00", do: "2500.00"}',  # thresholds not increasing
     "income group 3 has upper bound 2500.00 not above its lower bound 3000.00"),
])
def test_broken_income_groups_in_the_parameters_are_reported(broken_data, tmp_path, group, problem):
    params = broken_data / "params" / "zfss-2026.yaml"
    text = params.read_text(encoding="utf-8")
    good = '{numer: 3, od: "3000.00", do: "4000.00"}'
    assert good in text
    params.write_text(text.replace(good, group), encoding="utf-8")
    project = Project(ROOT / "templates", broken_data)
    line = key_line(params, "grupy_dochodowe:")
    assert messages(project, tmp_path, GROUPS.format(rok=2026, data="2026-01-10")) == [
        f"3: rok: {params}:{line}: grupy_dochodowe: {problem}"]


def key_line(path, start):
    """The line of a YAML file where a key starts (the loader reports problems there)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.strip().startswith(start))


def test_loan_documents_for_an_unknown_purpose_are_a_parameters_error(broken_data):
    params = broken_data / "params" / "zfss-2026.yaml"
    text = params.read_text(encoding="utf-8")
    assert "\n    adaptacja:\n      dokumenty:" in text
    params.write_text(text.replace("\n    adaptacja:\n      dokumenty:", "\n    adaptacje:\n      dokumenty:"),
                      encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        Project(ROOT / "templates", broken_data).zfss(2026)
    line = key_line(params, "zalaczniki:")
    assert error.value.message == f"{params}:{line}: pozyczki.zalaczniki: adaptacje not among pozyczki.cele"


def test_loan_documents_come_from_the_year_parameters(broken_data, tmp_path):
    """Changing §16's list in the parameters changes the application (nothing in the templates)."""
    params = broken_data / "params" / "zfss-2026.yaml"
    text = params.read_text(encoding="utf-8")
    old = "dokumenty: [orientacyjny kosztorys planowanego remontu lub modernizacji]"
    assert old in text
    params.write_text(text.replace(old, "dokumenty: [zgoda zarządcy budynku na remont]"), encoding="utf-8")
    project = Project(ROOT / "templates", broken_data)
    [case] = collect(project, [EXAMPLES / "podanie-pozyczka-2026-001.yaml"])[0]
    doc = render_document(project, case.forms[0], case, build_time())
    for text in (docx_text(doc.docx), pdf_text(doc.pdf)):
        assert "zgoda zarządcy budynku na remont" in text
        assert "orientacyjny kosztorys planowanego remontu" not in text


def test_an_application_item_takes_the_documents_of_its_section_15_purpose(project, tmp_path):
    # "wkład własny przy budowie lokalu" (Zał. 8 item 3) is §15 pkt 2, the purpose budowa_domu:
    # its documents are the building permit and the approved cost estimate (§16 pkt 2).
    cases, invalid = collect(project, [write(tmp_path, "case.yaml", application(cel="budowa_lokalu"))])
    assert not invalid
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    assert_in_both((docx_text(doc.docx), pdf_text(doc.pdf)), "☒ wkład własny przy budowie lokalu;",
                   "1. zezwolenie na budowę domu (do wglądu);", "2. zatwierdzony kosztorys budowy.")


@pytest.mark.parametrize("old, new, problem", [
    ("{klucz: budowa_lokalu, cel: budowa_domu,", "{klucz: budowa_lokalu, cel: budowa_lokali,",
     "budowa_lokali not among pozyczki.cele"),
    ("{klucz: budowa_lokalu, cel: budowa_domu,", "{klucz: budowa_domu, cel: budowa_domu,", "budowa_domu listed twice"),
])
def test_application_purposes_must_name_a_section_15_purpose_once(broken_data, old, new, problem):
    params = broken_data / "params" / "zfss-2026.yaml"
    text = params.read_text(encoding="utf-8")
    assert old in text
    params.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        Project(ROOT / "templates", broken_data).zfss(2026)
    line = key_line(params, "wniosek_cele:")
    assert error.value.message == f"{params}:{line}: pozyczki.wniosek_cele: {problem}"
