"""Cross-field checks of the five forms, reported with file, line and field, all at once."""

from __future__ import annotations

from formgen.pipeline import collect
from tests.conftest import write

LOAN = """form: zfss-umowa-pozyczki
id: pozyczka-zla
data_umowy: 2026-11-10
decyzja:
  numer: 1/2026
  data: 2026-11-16
pozyczkobiorca:
  imie: Jan
  nazwisko: Nowak
  pesel: "07231412017"
  adres: ul. Krótka 1
  stanowisko: kucharz
  umowa_do: 2027-06-30
kwota: "15000.00"
cel: remont
okres_miesiecy: 18
pierwsza_rata: 2027-01-20
poreczyciele:
  - imie: Ewa
    nazwisko: Lis
    adres: ul. Długa 2
    miejsce_pracy: Żłobek
    stanowisko: opiekunka
    zatrudnienie: okreslony
"""


def messages(project, tmp_path, name, text):
    path = write(tmp_path, name, text)
    cases, invalid = collect(project, [path])
    assert not cases and len(invalid) == 1
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


def test_loan_rules_are_all_reported(project, tmp_path):
    assert messages(project, tmp_path, "loan.yaml", LOAN) == [
        "3: data_umowy: the agreement cannot precede the decision",
        "13: pozyczkobiorca.umowa_do: last installment 2028-06-20 falls after the fixed-term "
        "contract ends on 2027-06-30",
        "14: kwota: exceeds the year's loan limit of 12000.00 zł",
        "16: okres_miesiecy: term must be one of 12, 24, 36 months",
        "17: pierwsza_rata: repayment must start within 1 month of the grant date (by 2026-12-16)",
        "18: poreczyciele: exactly 2 guarantors are required, got 1",
        "24: poreczyciele.0.zatrudnienie: a guarantor must be employed for an indefinite period (§17 ust. 4)",
    ]


def test_fund_plan_shares_must_sum_to_100(project, tmp_path):
    text = ("form: zfss-plan-podzialu\nid: plan-x\nrok: 2026\ndata_posiedzenia: 2026-01-10\n"
            "kwota_funduszu: '1000'\npodzial:\n  - klucz: wczasy\n    procent: '30'\n")
    assert messages(project, tmp_path, "plan.yaml", text) == ["6: podzial: the shares sum to 110 %, not 100 %"]


def test_fund_plan_year_without_parameters(project, tmp_path):
    text = "form: zfss-plan-podzialu\nid: plan-y\nrok: 2031\ndata_posiedzenia: 2031-01-10\nkwota_funduszu: '1000'\n"
    [message] = messages(project, tmp_path, "plan.yaml", text)
    assert message.startswith("3: rok: no fund parameters for 2031: ") and message.endswith("zfss-2031.yaml is missing")


def test_income_statement_checks(project, tmp_path):
    text = ("form: zfss-oswiadczenie-dochody\nid: d-1\ndata: 2026-11-20\nrodzina:\n"
            "  - imie_nazwisko: A B\n    pokrewienstwo: malzonek\n"
            "  - imie_nazwisko: C B\n    pokrewienstwo: dziecko\n"
            "  - imie_nazwisko: D B\n    pokrewienstwo: dziecko\n    data_urodzenia: 2027-01-01\n")
    assert messages(project, tmp_path, "d.yaml", text) == [
        "4: rodzina: exactly one member must be 'wnioskodawca', found 0",
        "7: rodzina.1.data_urodzenia: required for a child",
        "11: rodzina.2.data_urodzenia: is after the statement's date",
    ]


def test_intervention_card_checks(project, tmp_path):
    text = ("form: som-karta-interwencji\nid: k-1\ndata_karty: 2026-11-20\ndata_zgloszenia: 2026-11-11\n"
            "dziecko: {imie: Ala, nazwisko: B}\npodejrzany: personel\nkrzywdzenie: zaniedbanie\n"
            "przyczyna: x\nzawiadamiajacy: y\ndzialania:\n  - data: 2026-11-01\n    opis: z\n"
            "forma_interwencji: [inna]\n")
    assert messages(project, tmp_path, "k.yaml", text) == [
        "1: inna_interwencja: required when forma_interwencji includes 'inna'",
        "7: krzywdzenie: the standards define no procedure for 'zaniedbanie' when the suspect is 'personel'",
        "11: dzialania.0.data: must fall between data_zgloszenia and data_karty",
    ]
