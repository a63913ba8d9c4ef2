"""The association accounting forms (POL): examples rendered, checks reported with their lines.

Every expected number is computed by hand in the comments, never by the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.documents import render_document
from formgen.errors import CatalogError
from formgen.forms import pol, pol_plan
from formgen.output import build_time
from formgen.pipeline import collect
from tests.conftest import (
    EXAMPLES,
    ROOT,
    assert_docx_xml_strict,
    docx_text,
    pdf_text,
    squash,
    write,
)

YEAR = "rok-stowarzyszenia-2026.yaml"
POLICY, PLAN, SPLIT = "pol-polityka-rachunkowosci", "pol-plan-amortyzacji", "pol-podzial-kosztow"


def render(project, name: str, form_id: str) -> tuple[str, str]:
    """Render one form of an example case to (docx text, pdf text)."""
    cases, invalid = collect(project, [EXAMPLES / name])
    assert not invalid, [e.message for e in invalid]
    [case] = cases
    form = next(f for f in case.forms if f.id == form_id)
    doc = render_document(project, form, case, build_time())
    assert_docx_xml_strict(doc.docx)
    return docx_text(doc.docx), pdf_text(doc.pdf)


def assert_in_both(texts: tuple[str, str], *needles: str) -> None:
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


# --- Rendered examples ------------------------------------------------------------------

def test_policy_of_the_association_year(project):
    texts = render(project, YEAR, POLICY)
    # 123 456,78 : 45 678,90 of 169 135,68 = 72,9927…% and 27,0072…%; rounded down 72,99 + 27,00
    # = 99,99, the 0,01 goes to the larger remainder (0,0072… of the paid activity) → 27,01 %.
    assert_in_both(
        texts, "Załącznik do Uchwały nr 4/2025", "Zarządu Stowarzyszenia Przyjaciół Doliny Przykładówki",
        "z dnia 18 grudnia 2025 r.", "POLITYKA RACHUNKOWOŚCI", "„Stowarzyszenie Przyjaciół Doliny Przykładówki”",
        "§ 1", "Postanowienia ogólne", "nr KRS 0000123456 z siedzibą w Przykładowie (dalej zwane Stowarzyszeniem)",
        "KRS 0000123456, NIP 7311234560, REGON 365123458",
        "§ 2", "Rokiem obrotowym jest rok kalendarzowy", "śródroczne okresy sprawozdawcze",
        "§ 3", "Metody wyceny aktywów i pasywów oraz ustalenia wyniku finansowego",
        "o wartości początkowej powyżej 3 500,00 zł, zwane dalej podstawowymi środkami trwałymi",
        "większa lub równa kwocie 2 000,00 zł", "o wartości poniżej 2 000,00 zł uznaje się za materiały",
        "Nie umarza się gruntów oraz dóbr kultury", "Wynik finansowy jest ustalany na koncie 860.",
        "przychód z działalności nieodpłatnej", "wszystkie przychody z działalności podstawowej",
        "Na rok 2026, z przychodów roku 2025, proporcja wynosi:", "123 456,78 zł", "45 678,90 zł",
        "169 135,68 zł", "72,99%", "27,01%",
        "§ 4", "Księgi rachunkowe", "zewnętrzną obsługę rachunkową – Biuro Rachunkowe „Saldo” s.c. w Przykładowie",
        "w programie „Symfonia”", "Ostateczne zamknięcie ksiąg rachunkowych następuje do 30 czerwca",
        "Polityka rachunkowości obowiązuje od dnia 1 stycznia 2026 r.",
        "Załącznik nr 5 – Instrukcja w sprawie gospodarki aktywami trwałymi",
        "Podpis osoby odpowiedzialnej", "za prowadzenie ksiąg rachunkowych", "Irena Bilans", "Podpisy Zarządu",
        "Barbara Zięba – Prezes Zarządu", "Grzegorz Łoś – Skarbnik")
    for text in texts:
        assert "Regulamin" not in text and "Żłobek" not in text  # not an annex of the institution's rules


def test_policy_with_own_thresholds_and_blanks(project):
    texts = render(project, "polityka-rachunkowosci-2026.yaml", POLICY)
    # 84 000 : 36 000 of 120 000 = 70 % and 30 % exactly.
    assert_in_both(
        texts, "Załącznik do Uchwały nr ……", "z dnia 8 stycznia 2026 r.", "powyżej 10 000,00 zł",
        "większa lub równa kwocie 2 500,00 zł", "84 000,00 zł", "36 000,00 zł", "120 000,00 zł", "70%", "30%",
        "Księgi rachunkowe prowadzi Stowarzyszenie we własnym zakresie.", "w programie „……",
        "ul. Rynek 3, 00-952 Przykładowo", "(imię i nazwisko)", "Joanna Sowa – Skarbnik")
    for text in texts:
        assert "3 500,00" not in text and "zewnętrzną obsługę" not in text


def test_depreciation_plan_of_the_association_year(project):
    texts = render(project, YEAR, PLAN)
    assert_in_both(
        texts, "PLAN AMORTYZACJI I EWIDENCJA ŚRODKÓW TRWAŁYCH", "na rok 2026", "Przykładowo, dnia 12.01.2026 r.",
        "z siedzibą w Przykładowie, ul. Nadrzeczna 7, 00-951 Przykładowo", "I. Podstawowe środki trwałe",
        "Umorzenie na 1.01.2026", "Wartość netto na 31.12.2026",
        # Land, 85 000: no write-offs, net 85 000.
        "Działka gruntu nr 123/4, obręb Przykładowo", "nie podlega amortyzacji", "85 000,00",
        # Copier 10 000 at 14 % from February 2019: 1 400 : 12 = 116,666… → 116,67 a month; 83 months to
        # December 2025 = 9 683,61; 2026: 2 × 116,67 + the remainder 10 000 − 85 × 116,67 = 83,05 → 316,39.
        "116,67", "02.2019 – 03.2026", "9 683,61", "316,39",
        # Car 48 000 at 20 % (KŚT 741 in the rate list) from July 2022: 800 a month; 42 months to
        # December 2025 = 33 600; 2026: 12 × 800 = 9 600; accumulated 43 200; net 4 800.
        "07.2022 – 06.2027", "33 600,00", "9 600,00", "43 200,00", "4 800,00",
        # Computers 6 000 at 30 % (KŚT 491) from January 2023: 150 a month, 40 months, last April 2026;
        # opening 36 × 150 = 5 400, 2026: 4 × 150 = 600, net 0.
        "01.2023 – 04.2026", "5 400,00", "600,00",
        # Server 5 400 at 30 % from March 2024: 135 a month; sold 10.07.2026, so the last is July 2026:
        # opening 22 × 135 = 2 970; 2026: 7 × 135 = 945; 3 915 written off leave the books with it:
        # no year-end accumulation or net value.
        "sprzedany", "wycofany 10.07.2026 r.", "03.2024 – 07.2026", "2 970,00", "945,00", "3 915,00",
        # Projector 12 000 at 20 % (KŚT 808) accepted 15.03.2026: 200 a month from April: 9 × 200 = 1 800;
        # net 10 200.
        "04.2026 – 03.2031", "200,00", "1 800,00", "10 200,00",
        # Withdrawn in 2026: the server, 5 400 / 2 970 / 945, its 3 915 of write-offs gone with it.
        # In the register at 31.12: 161 000 = 85 000 + 10 000 + 48 000 + 6 000 + 12 000; opening
        # 9 683,61 + 33 600 + 5 400 = 48 683,61; 2026: 316,39 + 9 600 + 600 + 1 800 = 12 316,39;
        # accumulated 61 000,00; net 161 000 − 61 000 = 100 000,00 (the server's 1 485 is not in it).
        "Wycofane w 2026 r.", "umorzenie wycofane 3 915,00", "Razem w ewidencji na 31.12.2026",
        "161 000,00", "48 683,61", "12 316,39", "61 000,00", "100 000,00",
        # Low-value: phone 2 100 (11.2025, before the year), desk 1 450 (pkt 14 list, 02.2026),
        # printer 2 800 (06.2026): 6 350 in all, 2 100 before 2026, 4 250 in 2026.
        "II. Pozostałe środki trwałe o niskiej wartości", "Biurko z kontenerem", "z wykazu § 3 ust. 2 pkt 14",
        "11.2025", "6 350,00", "2 100,00", "4 250,00",
        "III. Przedmioty zaliczone do materiałów", "Czajnik elektryczny", "189,99",
        # Months: January 800 + 150 + 116,67 + 135 = 1 201,67; February the same + desk 1 450 = 2 651,67;
        # March 800 + 150 + 83,05 + 135 = 1 168,05; April + projector 200 = 1 285,00; June 1 135 + 2 800
        # = 3 935,00; from August 800 + 200 = 1 000,00; the year's depreciation, the server's 945
        # included, 12 316,39 + 945 = 13 261,39, and with low-value 4 250: 17 511,39.
        "IV. Odpisy w poszczególnych miesiącach 2026 r.", "styczeń", "1 201,67", "2 651,67", "1 168,05",
        "1 285,00", "3 935,00", "grudzień", "1 000,00", "13 261,39", "17 511,39",
        "Sporządził: Irena Bilans", "Zatwierdził – Zarząd Stowarzyszenia", "Barbara Zięba")
    for text in texts:
        assert "166 400,00" not in text and "1 485,00" not in text  # the sold server left the totals
        assert "12 stycznia" not in text  # one date style in the form


def test_depreciation_plan_single_form(project):
    texts = render(project, "plan-amortyzacji-2026.yaml", PLAN)
    assert_in_both(
        # The association's policy from 2026 (data/pol/polityki.yaml): 10 000 / 2 500 zł.
        texts, "Stowarzyszenie Miłośników Ziemi Przykładowskiej", "powyżej 10 000,00 zł", "od 2 500,00 zł",
        # Tent 12 000 (KŚT 808 → 20 %) accepted 15.03.2026: 200 a month from April; 9 × 200 = 1 800; net 10 200.
        "Namiot wystawowy 6 × 12 m", "20%", "04.2026 – 03.2031", "10 200,00",
        # Trailer 7 000 at its own 14 %: 980 : 12 = 81,666… → 81,67 a month from September 2021;
        # 7 000 : 81,67 → 85 full months (6 941,95) and 58,05 in the 86th, October 2028.
        # Opening: 4 + 48 = 52 months × 81,67 = 4 246,84; 2026: 12 × 81,67 = 980,04; accumulated
        # 5 226,88; net 1 773,12.
        # Accepted in 2021, before that policy: classed by the defaults then in force (above 3 500 zł).
        "14%", "81,67", "09.2021 – 10.2028", "4 246,84", "980,04", "5 226,88", "1 773,12",
        "klasa według progów polityki z roku przyjęcia: powyżej 3 500,00 zł / od 2 000,00 zł",
        # Totals: 19 000; 4 246,84; 1 800 + 980,04 = 2 780,04; 7 026,88; 19 000 − 7 026,88 = 11 973,12.
        "19 000,00", "2 780,04", "7 026,88", "11 973,12",
        # Laptop 3 200 (from 2 500 up to 10 000): low-value, written off in September 2026; table 3
        # holds the 650 zł table.
        "Laptop", "09.2026", "3 200,00", "Stół składany", "650,00", "faktura FV/112/2026",
        # September: 200 + 81,67 + 3 200 = 3 481,67.
        "3 481,67", "Tadeusz Kmieć")


def test_cost_split_of_the_association_year(project):
    texts = render(project, YEAR, SPLIT)
    # The proportion 72,99 % / 27,01 % is printed (see the policy test); each cost is split in the
    # exact ratio 123 456,78 : 45 678,90 (of 169 135,68), parts down to the grosz, the grosz left
    # to the larger remainder (computed with exact fractions):
    #   18 000,00 → 13 138,6945… + 4 861,3054… → 13 138,69 + 4 861,31;
    #   4 321,09 → 3 154,0823… + 1 167,0076… → 3 154,08 + 1 167,01;
    #   1 799,88 → 1 313,7818… + 486,0981… → 1 313,78 + 486,10;
    #   9 600,00 → 7 007,3037… + 2 592,6962… → 7 007,30 + 2 592,70;
    #   1 234,56 → 901,1392… + 333,4207… → 901,14 + 333,42.
    # Totals: 25 514,99 + 9 440,54 = 34 955,53.
    assert_in_both(
        texts, "ROZLICZENIE KOSZTÓW POŚREDNICH", "za okres od 1 stycznia 2026 r. do 31 grudnia 2026 r.",
        "§ 3 ust. 6 lit. c–d", "1. Proporcja ustalona z przychodów roku 2025", "169 135,68 zł", "72,99%", "27,01%",
        "2. Podział kosztów pośrednich", "Działalność nieodpłatna (72,99%)", "Działalność odpłatna (27,01%)",
        "490-01", "Czynsz za lokal biura (12 × 1 500,00 zł)", "18 000,00 zł", "13 138,69 zł", "4 861,31 zł",
        "3 154,08 zł", "1 167,01 zł", "1 313,78 zł", "486,10 zł", "7 007,30 zł", "2 592,70 zł",
        "901,14 zł", "333,42 zł", "34 955,53 zł", "25 514,99 zł", "9 440,54 zł",
        "Koszty działalności nieodpłatnej zwiększa się o 25 514,99 zł, a koszty działalności odpłatnej o 9 440,54 zł.",
        "Sporządził: Irena Bilans", "Grzegorz Łoś")


def test_cost_split_single_form(project):
    texts = render(project, "koszty-posrednie-2026.yaml", SPLIT)
    # 70 % / 30 %: 10 000 → 7 000 + 3 000; 333,33 → 233,331 + 99,999 → down 233,33 + 99,99, the grosz
    # to the larger remainder (0,009) → 100,00. Totals 7 233,33 + 3 100,00 = 10 333,33.
    assert_in_both(
        texts, "za okres od 1 stycznia 2026 r. do 30 czerwca 2026 r.", "Przykładowo, dnia 6 lipca 2026 r.",
        "7 000,00 zł", "3 000,00 zł", "233,33 zł", "100,00 zł", "10 333,33 zł", "7 233,33 zł", "3 100,00 zł",
        "Sporządził: Joanna Sowa, Skarbnik")


def test_the_three_forms_share_one_association(project):
    forms = tuple(project.catalog.get(f) for f in (POLICY, PLAN, SPLIT))
    fields = project.catalog.merged_schema(forms).model_fields
    assert {"stowarzyszenie", "rok", "przychody", "progi", "srodki", "koszty_posrednie"} <= set(fields)


# --- Checks, with file and line ---------------------------------------------------------

ASSOCIATION = """stowarzyszenie:
  nazwa: Stowarzyszenie X
  krs: "0000123456"
  nip: "7311234560"
  siedziba: Iksowie
  adres: {ulica: ul. A 1, kod: 00-001, miejscowosc: Iksowo}
rok: 2026
"""


def messages(project, tmp_path, text: str) -> list[str]:
    path = write(tmp_path, "case.yaml", text)
    cases, invalid = collect(project, [path])
    assert not cases and len(invalid) == 1
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


def test_policy_checks(project, tmp_path):
    text = (f"form: {POLICY}\nid: p-1\n{ASSOCIATION}przychody:\n  nieodplatna: '0'\n  odplatna: '0,00'\n"
            "ksiegi_prowadzi: stowarzyszenie\nbiuro_rachunkowe: Biuro Y\n")
    assert messages(project, tmp_path, text) == [
        "10: przychody: the revenues sum to 0: no proportion of costs can be computed",
        "14: biuro_rachunkowe: only for books kept by an accounting office (ksiegi_prowadzi: biuro)",
    ]


def test_thresholds_out_of_order(project, tmp_path):
    text = (f"form: {POLICY}\nid: p-2\n{ASSOCIATION}przychody: {{nieodplatna: '1', odplatna: '1'}}\n"
            "progi:\n  srodek_trwaly_powyzej: '3500'\n  niska_wartosc_od: '5000'\n")
    assert messages(project, tmp_path, text) == [
        "11: progi: the low-value threshold 5000.00 is above the fixed-asset threshold 3500.00"]


PLAN_CASE = f"""form: {PLAN}
id: plan-1
{ASSOCIATION}srodki:
  - nr_inwentarzowy: ST/1
    nazwa: Działka
    kst: "0"
    data_przyjecia: 2020-01-10
    wartosc_poczatkowa: "50000"
    stawka: "2.5"
    grunt: tak
  - nr_inwentarzowy: ST/1
    nazwa: Plac
    kst: "01"
    data_przyjecia: 2027-01-10
    wartosc_poczatkowa: "50000"
  - nr_inwentarzowy: ST/3
    nazwa: Kopiarka
    kst: "4-87"
    data_przyjecia: 2024-05-10
    wartosc_poczatkowa: "9000"
    data_wycofania: 2024-03-01
  - nazwa: Biurko
    kst: "808"
    data_przyjecia: 2024-05-10
    wartosc_poczatkowa: "900"
    data_wycofania: 2025-03-01
"""


def test_plan_checks_are_all_reported(project, tmp_path):
    assert messages(project, tmp_path, PLAN_CASE) == [
        "16: srodki.0.stawka: land is not depreciated: leave stawka empty",
        "18: srodki.1.grunt: KŚT group 0 is land: set grunt: tak",
        "18: srodki.1.nr_inwentarzowy: the same number as srodki.0",
        "21: srodki.1.data_przyjecia: accepted after the plan's year 2026",
        "23: srodki.2.stawka: no rate for KŚT 487 in data/pol/parametry.yaml: give the asset's stawka",
        "28: srodki.2.data_wycofania: is before data_przyjecia",
        "33: srodki.3.data_wycofania: withdrawn before the plan's year 2026: leave it out",
    ]


def test_plan_field_types(project, tmp_path):
    text = (f"form: {PLAN}\nid: plan-2\n{ASSOCIATION}srodki:\n  - nazwa: Auto\n    kst: '7410'\n"
            "    data_przyjecia: 2024-05-10\n    wartosc_poczatkowa: '9000'\n    grunt: może\n")
    assert messages(project, tmp_path, text) == [
        "12: srodki.0.kst: KŚT symbol must be 1–3 digits (group, subgroup, kind), e.g. 491",
        "15: srodki.0.grunt: must be tak or nie, got 'może'",
    ]


def test_plan_needs_assets(project, tmp_path):
    text = f"form: {PLAN}\nid: plan-3\n{ASSOCIATION}srodki: []\n"
    assert messages(project, tmp_path, text) == ["10: srodki: list the register's assets (at least one)"]


def test_cost_split_checks(project, tmp_path):
    text = (f"form: {SPLIT}\nid: k-1\n{ASSOCIATION}przychody: {{nieodplatna: '0', odplatna: '0'}}\n"
            "okres_od: 2026-07-01\nokres_do: 2027-01-31\nkoszty_posrednie: []\n")
    assert messages(project, tmp_path, text) == [
        "10: przychody: the revenues sum to 0: no proportion of costs can be computed",
        "12: okres_do: must fall in the year 2026",
        "13: koszty_posrednie: list the indirect costs to split (at least one)",
    ]
    text = text.replace("2027-01-31", "2026-03-31").replace("'0', odplatna", "'1', odplatna")
    assert messages(project, tmp_path, text) == [
        "12: okres_do: is before okres_od",
        "13: koszty_posrednie: list the indirect costs to split (at least one)",
    ]


# --- The register in a CSV beside the case ----------------------------------------------

REGISTER = ("nr_inwentarzowy;nazwa;kst;data_przyjecia;wartosc_poczatkowa;stawka;grunt\n"
            "ST/1;Rzutnik;808;15.03.2026;12 000,00;;nie\n"
            "ST/2;Działka;0;{accepted};85 000,00;;tak\n")


def test_asset_register_from_a_csv(project, tmp_path):
    write(tmp_path, "srodki.csv", REGISTER.format(accepted="12.04.2021"), "cp1250")
    path = write(tmp_path, "plan.yaml", f"form: {PLAN}\nid: plan-csv\n{ASSOCIATION}srodki:\n  wczytaj: srodki.csv\n")
    cases, invalid = collect(project, [path])
    assert not invalid
    assets = cases[0].data.srodki
    assert [(a.nazwa, a.wartosc_poczatkowa, a.grunt, a.stawka) for a in assets] == [
        ("Rzutnik", Decimal("12000.00"), False, None), ("Działka", Decimal("85000.00"), True, None)]
    context = pol_plan.plan_context(cases[0].data, project)
    # 12 000 at 20 % (KŚT 808): 200 a month, April–December 2026 = 1 800.
    assert context["suma_podstawowe"]["charges"] == Decimal("1800.00")


def test_asset_errors_name_the_csv_row(project, tmp_path):
    csv_path = write(tmp_path, "srodki.csv", REGISTER.format(accepted="12.04.2027"))
    path = write(tmp_path, "plan.yaml", f"form: {PLAN}\nid: plan-csv\n{ASSOCIATION}srodki:\n  wczytaj: srodki.csv\n")
    _, invalid = collect(project, [path])
    assert invalid[0].message == f"{csv_path}:3: srodki.1.data_przyjecia: accepted after the plan's year 2026"


# --- Parameters -------------------------------------------------------------------------

def test_rates_by_the_longest_kst_symbol(project):
    params = pol.parameters(project)
    assert params.rate_for("491") == Decimal(30)  # zespoły komputerowe
    assert params.rate_for("102") == Decimal("2.5")  # within "10", budynki niemieszkalne
    assert params.rate_for("122") == Decimal("1.5")  # "122" wins over nothing shorter listed
    assert params.rate_for("487") is None
    assert (params.progi.srodek_trwaly_powyzej, params.progi.niska_wartosc_od) == (Decimal("3500.00"),
                                                                                    Decimal("2000.00"))


def test_broken_parameters_file_is_a_catalog_error(tmp_path):
    from formgen.project import Project

    (tmp_path / "pol").mkdir()
    path = write(tmp_path / "pol", "parametry.yaml",
                 "progi:\n  srodek_trwaly_powyzej: '100'\n  niska_wartosc_od: '200'\nstawki: []\n")
    with pytest.raises(CatalogError, match=f"{path}:1: progi: the low-value threshold 200.00 is above"):
        pol.parameters(Project(ROOT / "templates", tmp_path))
    path.unlink()
    with pytest.raises(CatalogError, match=f"file not found: {path}"):
        pol.parameters(Project(ROOT / "templates", tmp_path))


def test_association_documents_name_the_association_in_metadata(project, tmp_path):
    from pypdf import PdfReader

    from formgen.pipeline import render_case

    cases, _ = collect(project, [EXAMPLES / "rok-stowarzyszenia-2026.yaml"])
    written = render_case(project, cases[0], tmp_path, ("pdf",))
    authors = {PdfReader(p).metadata["/Author"] for p in written}
    assert authors == {cases[0].data.stowarzyszenie.nazwa}


# --- Issue 9: exact cost ratio, the policy in force, the issuer ------------------------

def test_cost_is_split_by_the_exact_ratio_not_the_rounded_proportion(project, tmp_path):
    # 1 000 000,00 zł at 10 000 : 20 000 = 1/3 : 2/3 → 333 333,333… + 666 666,666… → down
    # 333 333,33 + 666 666,66, the grosz left to the larger remainder (0,0066…) → 666 666,67.
    # The printed proportion is 33,33 % / 66,67 %; applying that would give 333 300,00 / 666 700,00.
    text = (f"form: {SPLIT}\nid: k-2\n{ASSOCIATION}przychody: {{nieodplatna: '10000', odplatna: '20000'}}\n"
            "koszty_posrednie:\n  - nazwa: Czynsz\n    kwota: '1000000.00'\n")
    cases, invalid = collect(project, [write(tmp_path, "k.yaml", text)])
    assert not invalid
    context = pol.allocation_context(cases[0].data, project)
    row = context["wiersze"][0]
    assert (row["nieodplatna"], row["odplatna"]) == (Decimal("333333.33"), Decimal("666666.67"))
    assert context["proporcja"] == {"nieodplatna": Decimal("33.33"), "odplatna": Decimal("66.67")}
    doc = render_document(project, cases[0].forms[0], cases[0], build_time())
    assert_in_both((docx_text(doc.docx), pdf_text(doc.pdf)), "333 333,33 zł", "666 666,67 zł", "33,33%",
                   "66,67%", "koszty dzieli się w dokładnym stosunku przychodów")


def test_policy_in_force_is_the_latest_adopted_by_the_year(project, tmp_path):
    import shutil

    from formgen.forms import pol_params
    from formgen.project import Project

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "pol" / "polityki.yaml").write_text(
        "polityki:\n"
        "  - {krs: '0000654321', od_roku: 2020, progi: {srodek_trwaly_powyzej: '5000', niska_wartosc_od: '1500'}}\n"
        "  - {krs: '0000654321', od_roku: 2026, paragrafy: {srodki_trwale: '§ 9 pkt 2'}}\n", encoding="utf-8")
    other = Project(ROOT / "templates", data)
    # 2019: nothing adopted yet → defaults; 2021–2025: the 2020 policy; 2026: the 2026 policy sets
    # no thresholds → the defaults (3 500 / 2 000), but its own paragraph numbering.
    assert pol_params.thresholds(other, "0000654321", 2019).srodek_trwaly_powyzej == Decimal("3500.00")
    assert pol_params.thresholds(other, "0000654321", 2023).srodek_trwaly_powyzej == Decimal("5000.00")
    assert pol_params.thresholds(other, "0000654321", 2026).srodek_trwaly_powyzej == Decimal("3500.00")
    assert pol_params.references(other, "0000654321", 2026)["srodki_trwale"] == "§ 9 pkt 2"
    assert pol_params.references(other, "0000654321", 2025)["srodki_trwale"] == "§ 3 ust. 2 pkt 6–15"
    assert pol_params.thresholds(other, "0000111111", 2026).niska_wartosc_od == Decimal("2000.00")


def test_own_thresholds_must_agree_with_the_adopted_policy(project, tmp_path):
    own = ("stowarzyszenie:\n  nazwa: Stowarzyszenie Y\n  krs: '0000654321'\n  nip: '7311234560'\n"
           "  siedziba: Iksowie\n  adres: {ulica: ul. A 1, kod: 00-001, miejscowosc: Iksowo}\nrok: 2026\n")
    text = (f"form: {POLICY}\nid: p-3\n{own}przychody: {{nieodplatna: '1', odplatna: '1'}}\n"
            "progi:\n  srodek_trwaly_powyzej: '3500'\n  niska_wartosc_od: '2000'\n")
    assert messages(project, tmp_path, text) == [
        ("11: progi: differ from the accounting policy the association adopted from 2026 (pol/polityki.yaml: "
         "powyżej 10 000,00 zł / od 2 500,00 zł); leave them out or make them agree")]


def test_association_is_the_issuer_of_its_bundle(project):
    import io

    from pypdf import PdfReader

    from formgen.bundle import PLAIN, bundle_pdf, render_for_bundle
    from formgen.output import build_time

    cases, _ = collect(project, [EXAMPLES / YEAR])
    documents = render_for_bundle(project, cases, PLAIN, build_time())
    pdf, _ = bundle_pdf(project, cases, "stowarzyszenie-2026", documents, [], PLAIN)
    reader = PdfReader(io.BytesIO(pdf))
    cover = squash(reader.pages[0].extract_text())
    assert "Stowarzyszenie Przyjaciół Doliny Przykładówki ul. Nadrzeczna 7, 00-951 Przykładowo" in cover
    assert "Żłobek" not in cover and "Lipowa" not in cover
    assert reader.metadata["/Author"] == "Stowarzyszenie Przyjaciół Doliny Przykładówki"
