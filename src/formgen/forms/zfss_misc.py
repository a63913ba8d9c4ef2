"""ZFŚS: loan application (+ repair estimate), retiree's statement, bank account, income groups."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from formgen.errors import CatalogError
from formgen.fields import Account, Date, Money, Schema, Text
from formgen.forms.common import Applicant, Findings, by_sex, committee_field, place_field
from formgen.i18n import _, ngettext, number
from formgen.params import ApplicationPurpose, LoanParams, PurposeDocuments
from formgen.project import Project
from formgen.rules.dates import add_months


def _place(case: Any, project: Project) -> str:
    """Where a statement is signed: the case's place, else the institution's town."""
    return case.miejscowosc or project.profile.adres.miejscowosc


# --- Podanie o pożyczkę mieszkaniową (Zał. 8, §15–16, §20) -----------------------------

class CostItem(Schema):
    """One line of the repair estimate: materials or labour and its approximate cost."""

    opis: Text = Field(
        title="Pozycja kosztorysu",
        description="Materiał lub robocizna (kolumna „Przeznaczenie” kosztorysu).",
        json_schema_extra={"examples": ["wymiana okien (3 szt.) z montażem"]})
    koszt: Money = Field(
        title="Orientacyjny koszt",
        description="Orientacyjny koszt tej pozycji w zł (4500.00 lub 4 500,00).",
        json_schema_extra={"examples": ["4500.00"]})


class RepairEstimate(Schema):
    """Orientacyjny kosztorys remontu (the last page of Zał. 8)."""

    przeznaczenie: Text = Field(  # the application's "remont …, z przeznaczeniem na: …"
        title="Przeznaczenie pożyczki remontowej",
        description=("Na co pójdzie pożyczka remontowa, drukowane w podaniu po słowach "
                     "„z przeznaczeniem na”."),
        json_schema_extra={"examples": ["wymianę okien i instalacji elektrycznej"]})
    remont: Text = Field(  # the estimate's "Planuję remont …" (what is renovated)
        title="Planowany remont",
        description="Co będzie remontowane, drukowane w kosztorysie po słowach „Planuję remont”.",
        json_schema_extra={"examples": ["mieszkania przy ul. Klonowej 12 m. 4"]})
    pozycje: list[CostItem] = Field(
        min_length=1, title="Pozycje kosztorysu",
        description="Pozycje kosztorysu (materiały, robocizna) z kosztami; co najmniej jedna.")


class LoanApplication(Schema):
    """Podanie o pożyczkę na cele mieszkaniowe (ZFSS Zał. 8)."""

    data: Date = Field(
        title="Data podania",
        description=("Dzień złożenia podania (2026-11-02 lub 2.11.2026); jego rok wskazuje "
                     "parametry pożyczek (cele, kwota maksymalna, okresy spłaty)."),
        json_schema_extra={"examples": ["2026-11-02"]})
    miejscowosc: Text | None = place_field()
    wnioskodawca: Applicant = Field(
        title="Wnioskodawca",
        description=("Pracownik, emeryt lub rencista ubiegający się o pożyczkę: imię, nazwisko, "
                     "stanowisko i adres zamieszkania."))
    # a key of the year's application purposes (pozyczki.wniosek_cele, Zał. 8)
    cel_pozyczki: Text = Field(
        title="Cel pożyczki",
        description=("Kod celu z listy podania (parametry roku, pozyczki.wniosek_cele): "
                     "wklad_spoldzielczy, budowa_domu, budowa_lokalu, zakup_deweloper, "
                     "zakup_rynek_wtorny, adaptacja, kaucje_zamiana, wykup_lokalu, zaliczka_wklad "
                     "albo remont (remont i modernizacja mieszkania, z kosztorysem)."),
        json_schema_extra={"examples": ["remont"]})
    kwota: Money = Field(
        title="Kwota pożyczki",
        description=("Wnioskowana kwota pożyczki w zł (10000.00 lub 10 000,00), większa od zera "
                     "i nie większa niż kwota maksymalna na dany rok."),
        json_schema_extra={"examples": ["10000.00"]})
    okres_miesiecy: int = Field(
        title="Okres spłaty",
        description=("Liczba miesięcznych rat, w których wnioskodawca chce spłacić pożyczkę: "
                     "jedna z wartości parametrów roku (12, 24 albo 36)."),
        json_schema_extra={"examples": [24]})
    kosztorys: RepairEstimate | None = Field(
        default=None, title="Orientacyjny kosztorys remontu",
        description=("Kosztorys, wymagany przy celu, który go wymaga (remont), a przy innych "
                     "celach niedozwolony; drukowany na osobnej stronie podania."))
    inne_zalaczniki: list[Text] = Field(
        default=[], title="Inne załączniki",
        description=("Dokumenty dołączone do podania poza tymi, których §16 wymaga dla "
                     "wybranego celu (te program wpisuje sam)."),
        json_schema_extra={"examples": [["zaświadczenie o zarobkach"]]})
    ostatnia_pozyczka_rok: int | None = Field(
        default=None, title="Rok ostatniej pożyczki",
        description=("Rok, w którym wnioskodawca otrzymał poprzednią pożyczkę mieszkaniową "
                     "z ZFŚS; podaje się go razem z datą spłaty ostatniej raty, puste: "
                     "wykropkowane miejsce."),
        json_schema_extra={"examples": [2021]})
    ostatnia_pozyczka_splacona: Date | None = Field(
        default=None, title="Data spłaty ostatniej pożyczki",
        description=("Dzień spłaty ostatniej raty poprzedniej pożyczki (2024-06-30 lub "
                     "30.06.2024); nową pożyczkę przyznaje się po 24 miesiącach od spłaty (§20). "
                     "Puste: podanie stwierdza, że wnioskodawca nie otrzymał dotąd pożyczki."),
        json_schema_extra={"examples": ["2024-06-30"]})


def _purpose(case: LoanApplication, params: LoanParams) -> ApplicationPurpose | None:
    """The application's purpose item the case chose, if it is one."""
    return next((p for p in params.application_purposes() if p.klucz == case.cel_pozyczki), None)


def _purpose_findings(case: LoanApplication, params: LoanParams) -> Findings:
    """The purpose is one of the application's list, and the repair estimate is there exactly
    when its §15 purpose needs one."""
    key, chosen = case.cel_pozyczki, _purpose(case, params)
    if chosen is None:
        keys = ", ".join(p.klucz for p in params.application_purposes())
        return [(("cel_pozyczki",), _("unknown purpose '{purpose}'; use one of: {purposes}").format(
            purpose=key, purposes=keys))]
    needs_estimate = params.zalaczniki.get(chosen.cel, PurposeDocuments()).kosztorys
    if needs_estimate and case.kosztorys is None:
        message = _("required for the purpose '{purpose}': list the repair's items and costs").format(purpose=key)
        return [(("kosztorys",), message)]
    if not needs_estimate and case.kosztorys is not None:
        return [(("kosztorys",), _("a repair estimate does not belong to the purpose '{purpose}'").format(
            purpose=key))]
    return []


def _last_loan_findings(case: LoanApplication, waiting_months: int) -> Findings:
    """§20: a new loan only `waiting_months` after the last one was repaid."""
    repaid, year = case.ostatnia_pozyczka_splacona, case.ostatnia_pozyczka_rok
    if repaid is None:
        if year is not None:
            message = _("required when {field} is given").format(field="ostatnia_pozyczka_rok")
            return [(("ostatnia_pozyczka_splacona",), message)]
        return []
    if repaid > case.data:
        return [(("ostatnia_pozyczka_splacona",), _("is after the application's date"))]
    found: Findings = []
    if year is not None and year > repaid.year:
        found.append((("ostatnia_pozyczka_rok",),
                      _("is after the year the loan was repaid ({year})").format(year=repaid.year)))
    earliest = add_months(repaid, waiting_months)
    if case.data < earliest:
        message = ngettext("a new loan may be granted {count} month after the last one was repaid, "
                           "so not before {date} (§20)",
                           "a new loan may be granted {count} months after the last one was repaid, "
                           "so not before {date} (§20)",
                           waiting_months).format(count=waiting_months, date=earliest.isoformat())
        found.append((("ostatnia_pozyczka_splacona",), message))
    return found


def check_loan_application(case: LoanApplication, project: Project) -> Findings:
    """Purpose from §15, term and amount from the year's parameters, the waiting time of §20."""
    params = project.zfss(case.data.year).pozyczki
    found = _purpose_findings(case, params)
    if case.okres_miesiecy not in params.okresy:
        allowed = ", ".join(str(m) for m in params.okresy)
        found.append((("okres_miesiecy",), _("term must be one of {allowed} months").format(allowed=allowed)))
    if case.kwota <= 0:
        found.append((("kwota",), _("must be more than 0")))
    if case.kwota > params.kwota_maks:
        found.append((("kwota",), _("exceeds the year's loan limit of {amount} zł").format(
            amount=number(params.kwota_maks))))
    return found + _last_loan_findings(case, params.karencja_miesiecy)


def _estimate(case: LoanApplication) -> dict[str, Any] | None:
    """The repair estimate with its total, or None."""
    estimate = case.kosztorys
    if estimate is None:
        return None
    total = sum((item.koszt for item in estimate.pozycje), Decimal("0.00"))
    return {"przeznaczenie": estimate.przeznaczenie, "remont": estimate.remont,
            "pozycje": estimate.pozycje, "razem": total}


def _position(applicant: Applicant) -> str | None:
    """The applicant's post, or 'emeryt / rencista' for a retiree without one."""
    if applicant.stanowisko or not applicant.emeryt:
        return applicant.stanowisko
    return by_sex(applicant.sex, "emerytka / rencistka", "emeryt / rencista",
                  "emeryt(ka) / rencista(-tka)")


def loan_application_context(case: LoanApplication, project: Project) -> dict[str, Any]:
    """The purposes list with the chosen one, the documents to attach, the estimate's total."""
    params = project.zfss(case.data.year).pozyczki
    documents = params.zalaczniki
    item = _purpose(case, params)
    chosen = documents.get(item.cel if item else "", PurposeDocuments())
    purposes = [{"klucz": p.klucz, "opis": p.opis, "wybrany": p.klucz == case.cel_pozyczki,
                 "kosztorys": documents.get(p.cel, PurposeDocuments()).kosztorys}
                for p in params.application_purposes()]
    sex = case.wnioskodawca.sex
    words = {"otrzymalem": by_sex(sex, "otrzymałam", "otrzymałem", "otrzymałam/em"),
             "splacilem": by_sex(sex, "spłaciłam", "spłaciłem", "spłaciłam/em")}
    return {"podanie": case, "cele": purposes, "okresy": params.okresy,
            "zalaczniki": [*chosen.dokumenty, *case.inne_zalaczniki], "kosztorys": _estimate(case),
            "stanowisko": _position(case.wnioskodawca), "slowa": words,
            "miejscowosc": _place(case, project)}


# --- Oświadczenie o niepozostawaniu w zatrudnieniu (Zał. 11, §4b) ----------------------

class NonEmploymentStatement(Schema):
    """Oświadczenie o niepozostawaniu w zatrudnieniu u innego pracodawcy (ZFSS Zał. 11)."""

    data: Date = Field(
        title="Data oświadczenia",
        description="Dzień złożenia oświadczenia (2026-11-05 lub 5.11.2026).",
        json_schema_extra={"examples": ["2026-11-05"]})
    miejscowosc: Text | None = place_field()
    wnioskodawca: Applicant = Field(
        title="Wnioskodawca",
        description=("Emeryt lub rencista składający oświadczenie (emeryt: true): imię, "
                     "nazwisko i adres zamieszkania."))


def check_non_employment(case: NonEmploymentStatement, project: Project) -> Findings:
    """Only a retiree or pensioner makes this statement (§4b)."""
    if not case.wnioskodawca.emeryt:
        return [(("wnioskodawca", "emeryt"),
                 _("this statement is made by retirees and pensioners only (§4b); set emeryt: true"))]
    return []


def non_employment_context(case: NonEmploymentStatement, project: Project) -> dict[str, Any]:
    """The statement and the place it is signed."""
    return {"oswiadczenie": case, "miejscowosc": _place(case, project)}


# --- Informacja dot. numeru rachunku bankowego (Zał. 12) -------------------------------

class BankAccountInfo(Schema):
    """Informacja dot. numeru rachunku bankowego (ZFSS Zał. 12)."""

    data: Date = Field(
        title="Data informacji",
        description="Dzień złożenia informacji (2026-11-05 lub 5.11.2026).",
        json_schema_extra={"examples": ["2026-11-05"]})
    miejscowosc: Text | None = place_field()
    wnioskodawca: Applicant = Field(
        title="Wnioskodawca",
        description=("Osoba uprawniona, której świadczenia wpłaca się na rachunek: imię, "
                     "nazwisko i adres zamieszkania."))
    bank: Text = Field(
        title="Bank",
        description="Nazwa banku, który prowadzi rachunek.",
        json_schema_extra={"examples": ["Bank Spółdzielczy w Przykładowie"]})
    rachunek: Account = Field(
        title="Numer rachunku",
        description=("Numer polskiego rachunku bankowego: 26 cyfr, ze spacjami lub bez, "
                     "z prefiksem PL lub bez; sprawdzana jest cyfra kontrolna, a na dokumencie "
                     "numer jest drukowany w grupach po 4 cyfry."),
        json_schema_extra={"examples": ["72 2490 0005 0000 4600 1234 5678"]})


def bank_account_context(case: BankAccountInfo, project: Project) -> dict[str, Any]:
    """The account holder, the bank and the place of signing."""
    return {"informacja": case, "miejscowosc": _place(case, project)}


# --- Plan podziału na grupy dochodowe (Zał. 3) -----------------------------------------

class IncomeGroupsPlan(Schema):
    """Plan podziału na grupy dochodowe (ZFSS Zał. 3); the groups come from the parameters."""

    rok: int = Field(
        title="Rok planu",
        description=("Rok kalendarzowy, na który opracowano plan; grupy dochodowe pochodzą "
                     "z parametrów funduszu na ten rok."),
        json_schema_extra={"examples": [2026]})
    data_posiedzenia: Date = Field(
        title="Data spotkania",
        description=("Dzień spotkania przedstawicieli pracowników, na którym opracowano plan "
                     "(2026-01-20 lub 20.01.2026), nie później niż w roku planu."),
        json_schema_extra={"examples": ["2026-01-20"]})
    sklad: list[Text] = committee_field()


def check_income_groups(case: IncomeGroupsPlan, project: Project) -> Findings:
    """Parameters for the year whose groups have no gaps or overlaps; the meeting in time."""
    try:
        project.zfss(case.rok)  # loading checks the groups (rules.income.check_groups)
    except CatalogError as exc:
        return [(("rok",), exc.message)]
    if case.data_posiedzenia.year > case.rok:
        return [(("data_posiedzenia",), _("the meeting is after the plan's year {year}").format(year=case.rok))]
    return []


def income_groups_context(case: IncomeGroupsPlan, project: Project) -> dict[str, Any]:
    """The groups as (number, lower, upper] intervals, the income basis and eight member slots."""
    params = project.zfss(case.rok)
    groups = [{"numer": g.number, "od": g.lower, "do": g.upper} for g in params.groups()]
    members = case.sklad + [None] * (8 - len(case.sklad))
    return {"plan": case, "grupy": groups, "podstawa": params.dochod.podstawa, "sklad": members}
