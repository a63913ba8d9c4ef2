"""Social benefits fund (ZFŚS): loan agreement, income statement, fund plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from formgen.errors import CatalogError
from formgen.cases.answers import Answered
from formgen.fields import Date, LongText, Money, Percent, Schema, Text
from formgen.forms.common import Findings, Person, Sex, by_sex
from formgen.project import Project
from formgen.rules import fund, income, loan

# --- Umowa w sprawie pożyczki (Zał. 9) -------------------------------------------------

class Borrower(Person):
    """The employee who takes the loan."""

    adres: Text
    stanowisko: Text
    umowa_do: Date | None = None  # end of a fixed-term contract; None = indefinite


class IdCard(Schema):
    """An identity card as the guarantors' block asks for it."""

    numer: Text
    wydany_przez: Text


class Guarantor(Person):
    """A co-worker who guarantees the loan."""

    dowod: IdCard | None = None
    adres: Text
    miejsce_pracy: Text
    stanowisko: Text
    zatrudnienie: Literal["nieokreslony", "okreslony"]


class Decision(Schema):
    """The director's decision granting the loan; without a number, the register gives the
    next free one of the year (or a dotted line is printed, without a register)."""

    numer: Text | None = None
    data: Date


class LoanAgreement(Answered):
    """Umowa w sprawie pożyczki z ZFŚS (ZFSS Zał. 9)."""

    data_umowy: Date
    decyzja: Decision
    pozyczkobiorca: Borrower
    kwota: Money
    cel: Text
    okres_miesiecy: int
    pierwsza_rata: Date
    potracenia_od: Date | None = None
    poreczyciele: list[Guarantor]
    # §20 ust. 1: why the loan is granted before the waiting time since the last one has passed
    # ("w wyjątkowych sytuacjach"); the register keeps it with the agreement.
    wyjatek: LongText | None = None


def check_loan_agreement(case: LoanAgreement, project: Project) -> Findings:
    """The loan rules of §17 and DOMAIN.md, with the year's parameters."""
    params = project.zfss(case.data_umowy.year).pozyczki
    problems = loan.check_loan(
        months=case.okres_miesiecy, granted_on=case.decyzja.data, first_due=case.pierwsza_rata,
        terms=params.terms(), contract_end=case.pozyczkobiorca.umowa_do,
        guarantors=len(case.poreczyciele), required_guarantors=params.poreczyciele, principal=case.kwota)
    found: Findings = [((*field.split("."),), msg) for field, msg in problems]
    if case.kwota <= 0:
        found.append((("kwota",), "must be more than 0"))
    if case.kwota > params.kwota_maks:
        found.append((("kwota",), f"exceeds the year's loan limit of {params.kwota_maks} zł"))
    if case.data_umowy < case.decyzja.data:
        found.append((("data_umowy",), "the agreement cannot precede the decision"))
    for i, guarantor in enumerate(case.poreczyciele):
        if guarantor.zatrudnienie != "nieokreslony":
            found.append((("poreczyciele", i, "zatrudnienie"),
                          "a guarantor must be employed for an indefinite period (§17 ust. 4)"))
    return found


def loan_context(case: LoanAgreement, project: Project) -> dict[str, Any]:
    """The agreement's values with the repayment plan and the borrower's gendered words."""
    params = project.zfss(case.data_umowy.year).pozyczki
    plan = loan.plan_loan(case.kwota, case.okres_miesiecy, case.pierwsza_rata, params.terms())
    sex = case.pozyczkobiorca.sex
    words = {
        "pani_pan": by_sex(sex, "Panią", "Panem"), "pani_panu": by_sex(sex, "Pani", "Panu"),
        "zwany": by_sex(sex, "zwaną", "zwanym"), "zamieszkaly": by_sex(sex, "zamieszkałą", "zamieszkałym"),
        "zatrudniony": by_sex(sex, "zatrudnioną", "zatrudnionym"),
    }
    guarantors = [{"osoba": g, "pan_pani": by_sex(g.sex, "Panią", "Pana")} for g in case.poreczyciele]
    return {"umowa": case, "plan": plan, "slowa": words, "oprocentowanie": params.oprocentowanie_roczne,
            "poreczyciele": guarantors, "potracenia_od": case.potracenia_od or case.pierwsza_rata}


# --- Oświadczenie o wysokości dochodu (Zał. 10) ----------------------------------------

class FamilyMember(Schema):
    """One member of the household with their gross income over the period."""

    imie_nazwisko: Text
    pokrewienstwo: Literal["wnioskodawca", "malzonek", "dziecko"]
    plec: Sex | None = None
    data_urodzenia: Date | None = None
    dochod: Money = Decimal("0.00")
    uwagi: Text | None = None


class IncomeStatement(Schema):
    """Oświadczenie o wysokości dochodu (ZFSS Zał. 10)."""

    data: Date
    miejscowosc: Text | None = None
    rodzina: list[FamilyMember] = []


def check_income(case: IncomeStatement, project: Project) -> Findings:
    """One applicant, children with birth dates that precede the statement."""
    found: Findings = []
    if not case.rodzina:
        return [(("rodzina",), "list the household's members (at least the applicant)")]
    applicants = [m for m in case.rodzina if m.pokrewienstwo == "wnioskodawca"]
    if len(applicants) != 1:
        found.append((("rodzina",), f"exactly one member must be 'wnioskodawca', found {len(applicants)}"))
    for i, member in enumerate(case.rodzina):
        if member.pokrewienstwo == "dziecko" and member.data_urodzenia is None:
            found.append((("rodzina", i, "data_urodzenia"), "required for a child"))
        if member.data_urodzenia and member.data_urodzenia > case.data:
            found.append((("rodzina", i, "data_urodzenia"), "is after the statement's date"))
    return found


def _kinship(member: FamilyMember) -> str:
    """How the relation is printed: 'małżonka' for a woman, 'dziecko' for a child, …"""
    if member.pokrewienstwo == "malzonek":
        return by_sex(member.plec, "małżonka", "małżonek", "małżonek(-ka)")
    return member.pokrewienstwo


def income_context(case: IncomeStatement, project: Project) -> dict[str, Any]:
    """Who counts as family on the date, income per member and the income group."""
    params = project.zfss(case.data.year)
    rows: list[dict[str, Any]] = []
    for member in case.rodzina:
        counted = member.pokrewienstwo != "dziecko" or income.is_counted_child(
            member.data_urodzenia, case.data, params.dochod.wiek_dziecka)  # type: ignore[arg-type]
        rows.append({"osoba": member, "liczony": counted, "stopien": _kinship(member)})
    counted_rows = [r for r in rows if r["liczony"]]
    total = sum((r["osoba"].dochod for r in counted_rows), Decimal("0.00"))
    per_member = income.income_per_member(total, params.dochod.okres_miesiecy, len(counted_rows))
    group = income.income_group(per_member, params.groups())
    return {"oswiadczenie": case, "wiersze": rows, "liczba_czlonkow": len(counted_rows),
            "dochod_laczny": total, "dochod_na_osobe": per_member, "grupa": group,
            "okres": params.dochod.okres_miesiecy, "rok_planu": params.rok,
            "wiek_dziecka": params.dochod.wiek_dziecka,
            "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc}


# --- Plan podziału środków (Zał. 1) ----------------------------------------------------

class PartOverride(Schema):
    """A share decided by the meeting that differs from the yearly parameters."""

    klucz: Text
    procent: Percent


class FundPlan(Schema):
    """Plan podziału środków ZFŚS (ZFSS Zał. 1)."""

    rok: int
    data_posiedzenia: Date
    sklad: list[Text] = Field(default=[], max_length=8)
    kwota_funduszu: Money
    podzial: list[PartOverride] = []
    kwota_pozyczki: Money | None = None


def _shares(case: FundPlan, project: Project) -> dict[str, Decimal]:
    shares = {p.klucz: p.procent for p in project.zfss(case.rok).podzial_funduszu}
    for part in case.podzial:
        shares[part.klucz] = part.procent
    return shares


def check_fund_plan(case: FundPlan, project: Project) -> Findings:
    """Known part keys, percentages summing to 100, the meeting in or before the year."""
    found: Findings = []
    try:
        known = {p.klucz for p in project.zfss(case.rok).podzial_funduszu}
    except CatalogError as exc:
        return [(("rok",), exc.message)]
    for i, part in enumerate(case.podzial):
        if part.klucz not in known:
            found.append((("podzial", i, "klucz"), f"unknown part; known: {', '.join(sorted(known))}"))
    total = sum(_shares(case, project).values(), Decimal(0))
    if not found and total != 100:
        found.append((("podzial",), f"the shares sum to {total.normalize():f} %, not 100 %"))
    if case.data_posiedzenia.year > case.rok:
        found.append((("data_posiedzenia",), f"the meeting is after the plan's year {case.rok}"))
    return found


def fund_plan_context(case: FundPlan, project: Project) -> dict[str, Any]:
    """The split of the fund, section totals, income groups and the year's criteria."""
    params = project.zfss(case.rok)
    shares = _shares(case, project)
    amounts = fund.split_total(case.kwota_funduszu, shares)
    parts: list[dict[str, Any]] = [
        {"nazwa": p.nazwa, "dzial": p.dzial, "procent": shares[p.klucz], "kwota": amounts[p.klucz]}
        for p in params.podzial_funduszu]
    sections = {d: sum((p["kwota"] for p in parts if p["dzial"] == d), Decimal("0.00"))
                for d in ("socjalna", "pozyczki")}
    members = case.sklad + [None] * (8 - len(case.sklad))
    return {"plan": case, "czesci": parts, "dzialy": sections, "p": params, "grupy": params.grupy_dochodowe,
            "sklad": members, "kwota_pozyczki": case.kwota_pozyczki or params.pozyczki.kwota_maks,
            "kultura_maks": [g.maks for g in params.swiadczenia["kultura_sport"].grupy]}
