"""An association's accounting (POL): the accounting policy, the depreciation plan, cost allocation.

These documents are not annexes of the institution's regulations: the association issues them
(cover, metadata, signatures), and it, its board and the resolution adopting the policy come
from the case (`stowarzyszenie`, the same type in all three forms, so one case can hold an
association's year). What the association's policy sets (thresholds, paragraph numbering) is
data: forms.pol_params. The depreciation plan is in forms.pol_plan.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from formgen.fields import Date, Krs, Money, Nip, Regon, Schema, Text
from formgen.forms.common import Findings, drawn_up_by_field, drawn_up_on_field
from formgen.forms.pol_params import (
    PolicyParams,
    ThresholdParams,
    Year,
    check_own_thresholds,
    parameters,
    references,
    thresholds,
)
from formgen.i18n import _
from formgen.profile import Address
from formgen.project import Project
from formgen.rules.fund import split_by_weights

__all__ = ["PolicyParams", "ThresholdParams", "parameters"]  # the parameters, as before the split
ZERO = Decimal("0.00")
ACTIVITIES = ("nieodplatna", "odplatna")


_YES, _NO = {"tak", "t", "true", "yes", "1"}, {"nie", "n", "false", "no", "0"}


def _yes_no(value: Any) -> Any:
    """tak/nie (and the usual true/false spellings) as a bool."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word not in _YES | _NO:
            raise ValueError(_("must be tak or nie, got '{value}'").format(value=value))
        return word in _YES
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]  # tak/nie, as a spreadsheet has it


# --- The association (shared by the three forms) --------------------------------------

class BoardMember(Schema):
    """A member of the association's board (Zarząd), who signs."""

    imie_nazwisko: Text = Field(
        title="Imię i nazwisko",
        description="Imię i nazwisko członka Zarządu.",
        json_schema_extra={"examples": ["Tadeusz Przykładowy"]})
    funkcja: Text | None = Field(  # "Prezes Zarządu", "Skarbnik", …
        default=None, title="Funkcja w Zarządzie",
        description="Funkcja w Zarządzie, drukowana przy nazwisku; może zostać pusta.",
        json_schema_extra={"examples": ["Prezes Zarządu", "Skarbnik"]})


class Resolution(Schema):
    """The board's resolution adopting the accounting policy."""

    numer: Text | None = Field(
        default=None, title="Numer uchwały",
        description="Numer uchwały Zarządu; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["1/2026"]})
    data: Date | None = Field(
        default=None, title="Data uchwały",
        description=("Dzień podjęcia uchwały (2026-01-08 lub 8.01.2026); puste: wykropkowane "
                     "miejsce."),
        json_schema_extra={"examples": ["2026-01-08"]})


class Association(Schema):
    """Stowarzyszenie: the association whose books these documents are about."""

    nazwa: Text = Field(  # the registered name, printed in quotes: „Stowarzyszenie …”
        title="Nazwa stowarzyszenia",
        description="Pełna nazwa z Krajowego Rejestru Sądowego, drukowana w cudzysłowie.",
        json_schema_extra={"examples": ["Stowarzyszenie Miłośników Ziemi Przykładowskiej"]})
    nazwa_dopelniacz: Text | None = Field(  # after "Zarządu": "Stowarzyszenia Przyjaciół …"
        default=None, title="Nazwa w dopełniaczu",
        description=("Nazwa w dopełniaczu, drukowana po słowie „Zarządu”; puste: pełna nazwa "
                     "w cudzysłowie."),
        json_schema_extra={"examples": ["Stowarzyszenia Miłośników Ziemi Przykładowskiej"]})
    krs: Krs = Field(
        title="Numer KRS",
        description=("Numer w Krajowym Rejestrze Sądowym: 10 cyfr, w YAML w cudzysłowie "
                     "(zera na początku nie zginą)."),
        json_schema_extra={"examples": ["0000654321"]})
    nip: Nip = Field(
        title="Numer NIP",
        description="Numer NIP: 10 cyfr z poprawną cyfrą kontrolną, z kreskami lub bez.",
        json_schema_extra={"examples": ["1234563218", "123-456-32-18"]})
    regon: Regon | None = Field(
        default=None, title="Numer REGON",
        description=("Numer REGON: 9 lub 14 cyfr z poprawną cyfrą kontrolną; puste: REGON "
                     "nie jest drukowany."),
        json_schema_extra={"examples": ["123456785"]})
    siedziba: Text = Field(  # as printed after "z siedzibą w" (locative): "Przykładowie"
        title="Siedziba",
        description=("Miejscowość siedziby w miejscowniku, jak po słowach „z siedzibą w”, "
                     "np. „Przykładowie”."),
        json_schema_extra={"examples": ["Przykładowie"]})
    adres: Address = Field(
        title="Adres",
        description="Adres siedziby stowarzyszenia: ulica z numerem, kod pocztowy, miejscowość.")
    zarzad: list[BoardMember] = Field(
        default=[], title="Zarząd",
        description=("Członkowie Zarządu, którzy podpisują dokumenty, z funkcjami; puste: "
                     "miejsca na podpisy bez nazwisk."))
    uchwala: Resolution = Field(
        default=Resolution(), title="Uchwała o przyjęciu polityki",
        description=("Uchwała Zarządu przyjmująca politykę rachunkowości: numer i data; puste: "
                     "wykropkowane miejsca."))

    @property
    def of_board(self) -> str:
        """The association's name after 'Zarządu'."""
        return self.nazwa_dopelniacz or f"„{self.nazwa}”"


def association_context(association: Association) -> dict[str, Any]:
    """The association as the issuer of a document (cover, metadata) and as `s` in templates."""
    return {"wystawca": association, "autor_dokumentu": association.nazwa, "s": association}


class PriorRevenues(Schema):
    """Revenues of statutory activity in the year before `rok` (§3 ust. 6 lit. d)."""

    nieodplatna: Money = Field(
        title="Przychody z działalności nieodpłatnej",
        description=("Przychody z nieodpłatnej działalności statutowej w roku poprzednim, w zł "
                     "(84000.00 lub 84 000,00)."),
        json_schema_extra={"examples": ["84000.00"]})
    odplatna: Money = Field(
        title="Przychody z działalności odpłatnej",
        description=("Przychody z odpłatnej działalności statutowej w roku poprzednim, w zł "
                     "(36000.00 lub 36 000,00); obie kwoty nie mogą być zerowe."),
        json_schema_extra={"examples": ["36000.00"]})


def _check_revenues(revenues: PriorRevenues) -> Findings:
    """Last year's revenues must not both be zero: the proportion divides by their sum."""
    if revenues.nieodplatna + revenues.odplatna == 0:
        return [(("przychody",), _("the revenues sum to 0: no proportion of costs can be computed"))]
    return []


def _weights(revenues: PriorRevenues) -> dict[str, Decimal]:
    return {"nieodplatna": revenues.nieodplatna, "odplatna": revenues.odplatna}


def proportion(revenues: PriorRevenues) -> dict[str, Decimal]:
    """§3 ust. 6 lit. d: each activity's share of last year's revenues, in % to 0.01, summing to
    100 — for reading only: costs are split by the revenues themselves (allocation_context)."""
    return split_by_weights(Decimal("100.00"), _weights(revenues))


def _revenue_context(revenues: PriorRevenues) -> dict[str, Any]:
    """Last year's revenues, their sum and the proportion, for the templates."""
    return {"przychody": revenues, "przychody_razem": revenues.nieodplatna + revenues.odplatna,
            "proporcja": proportion(revenues)}


# --- Polityka rachunkowości (POL §1–4) -------------------------------------------------

class AccountingPolicy(Schema):
    """Polityka rachunkowości filled for one association."""

    stowarzyszenie: Association = Field(
        title="Stowarzyszenie",
        description=("Stowarzyszenie, którego dotyczy dokument: nazwa, KRS, NIP, siedziba, "
                     "adres, Zarząd; te same dane we wszystkich dokumentach jego roku."))
    rok: Year = Field(  # the first fiscal year the policy applies to
        title="Rok obrotowy",
        description=("Pierwszy rok obrotowy, od którego obowiązuje polityka (od 1990 do 2100); "
                     "przychody podaje się za rok poprzedni."),
        json_schema_extra={"examples": [2026]})
    przychody: PriorRevenues = Field(
        title="Przychody roku poprzedniego",
        description=("Przychody z działalności nieodpłatnej i odpłatnej w roku poprzedzającym "
                     "rok obrotowy, z których wylicza się proporcję kosztów pośrednich."))
    program_ksiegowy: Text | None = Field(
        default=None, title="Program księgowy",
        description="Nazwa programu, w którym prowadzi się księgi; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["Księgowość Przykład 2026"]})
    ksiegi_prowadzi: Literal["biuro", "stowarzyszenie"] = Field(
        default="biuro", title="Księgi prowadzi",
        description=("Kto prowadzi księgi: biuro (zewnętrzne biuro rachunkowe) albo "
                     "stowarzyszenie (we własnym zakresie); domyślnie biuro."))
    biuro_rachunkowe: Text | None = Field(
        default=None, title="Biuro rachunkowe",
        description=("Nazwa biura rachunkowego, tylko gdy księgi prowadzi biuro; puste: "
                     "polityka nie podaje nazwy."),
        json_schema_extra={"examples": ["Biuro Rachunkowe Przykład s.c."]})
    ksiegowy: Text | None = Field(  # the person responsible for keeping the books
        default=None, title="Osoba odpowiedzialna za księgi",
        description=("Imię i nazwisko osoby odpowiedzialnej za prowadzenie ksiąg rachunkowych, "
                     "drukowane przy jej podpisie; puste: miejsce na imię i nazwisko."),
        json_schema_extra={"examples": ["Joanna Przykładowa"]})
    progi: ThresholdParams | None = Field(
        default=None, title="Progi wartości",
        description=("Własne progi wartości środków trwałych; puste: progi polityki przyjętej "
                     "przez stowarzyszenie (data/pol/polityki.yaml), a bez niej domyślne."))


def check_policy(case: AccountingPolicy, project: Project) -> Findings:
    """Revenues that give a proportion, thresholds that agree with the adopted policy, an office
    only when one keeps the books."""
    found = _check_revenues(case.przychody)
    found += check_own_thresholds(case.progi, project, case.stowarzyszenie.krs, case.rok)
    if case.biuro_rachunkowe and case.ksiegi_prowadzi != "biuro":
        found.append((("biuro_rachunkowe",),
                      _("only for books kept by an accounting office (ksiegi_prowadzi: biuro)")))
    return found


def policy_context(case: AccountingPolicy, project: Project) -> dict[str, Any]:
    """The policy's variable parts: the association, the thresholds and the cost proportion."""
    progi = thresholds(project, case.stowarzyszenie.krs, case.rok, case.progi)
    return {**association_context(case.stowarzyszenie), "polityka": case, "progi": progi,
            "rok_przychodow": case.rok - 1, **_revenue_context(case.przychody)}


# --- Rozliczenie kosztów pośrednich (POL §3 ust. 6 lit. c–d) ---------------------------

class IndirectCost(Schema):
    """A cost that cannot be assigned to one activity: rent, utilities, shared equipment …"""

    nazwa: Text = Field(
        title="Koszt pośredni",
        description="Nazwa kosztu, którego nie da się przypisać jednej działalności.",
        json_schema_extra={"examples": ["czynsz za lokal biura"]})
    konto: Text | None = Field(
        default=None, title="Konto",
        description="Numer konta księgowego kosztu; może zostać pusty.",
        json_schema_extra={"examples": ["402-01"]})
    kwota: Money = Field(
        title="Kwota",
        description="Kwota kosztu w okresie w zł (12000.00 lub 12 000,00).",
        json_schema_extra={"examples": ["12000.00"]})


class CostAllocation(Schema):
    """Indirect costs of a period split between unpaid and paid statutory activity."""

    stowarzyszenie: Association = Field(
        title="Stowarzyszenie",
        description=("Stowarzyszenie, którego dotyczy dokument: nazwa, KRS, NIP, siedziba, "
                     "adres, Zarząd; te same dane we wszystkich dokumentach jego roku."))
    rok: Year = Field(
        title="Rok obrotowy",
        description=("Rok obrotowy, którego koszty się rozlicza (od 1990 do 2100); przychody "
                     "podaje się za rok poprzedni."),
        json_schema_extra={"examples": [2026]})
    przychody: PriorRevenues = Field(
        title="Przychody roku poprzedniego",
        description=("Przychody z działalności nieodpłatnej i odpłatnej w roku poprzedzającym "
                     "rok obrotowy, z których wylicza się proporcję kosztów pośrednich."))
    okres_od: Date | None = Field(  # default: 1 January of `rok`
        default=None, title="Okres od",
        description=("Pierwszy dzień rozliczanego okresu (2026-01-01 lub 1.01.2026), w roku "
                     "obrotowym; puste: 1 stycznia."),
        json_schema_extra={"examples": ["2026-01-01"]})
    okres_do: Date | None = Field(  # default: 31 December of `rok`
        default=None, title="Okres do",
        description=("Ostatni dzień rozliczanego okresu (2026-06-30 lub 30.06.2026), w roku "
                     "obrotowym; puste: 31 grudnia."),
        json_schema_extra={"examples": ["2026-06-30"]})
    koszty_posrednie: list[IndirectCost] = Field(
        title="Koszty pośrednie",
        description="Koszty pośrednie okresu do podziału, co najmniej jeden.")
    data_sporzadzenia: Date | None = drawn_up_on_field()
    sporzadzil: Text | None = drawn_up_by_field()


def _period(case: CostAllocation) -> tuple[dt.date, dt.date]:
    """The settled period, by default the whole year."""
    return (case.okres_od or dt.date(case.rok, 1, 1), case.okres_do or dt.date(case.rok, 12, 31))


def check_allocation(case: CostAllocation, project: Project) -> Findings:
    """Revenues that give a proportion, at least one cost, a period inside the year."""
    found = _check_revenues(case.przychody)
    if not case.koszty_posrednie:
        found.append((("koszty_posrednie",), _("list the indirect costs to split (at least one)")))
    start, end = _period(case)
    for name, day in (("okres_od", start), ("okres_do", end)):
        if day.year != case.rok:
            found.append(((name,), _("must fall in the year {year}").format(year=case.rok)))
    if start > end:
        found.append((("okres_do",), _("is before {field}").format(field="okres_od")))
    return found


def allocation_context(case: CostAllocation, project: Project) -> dict[str, Any]:
    """Each indirect cost split by the exact ratio of last year's revenues, to the grosz (largest
    remainder); the rounded proportion is only printed."""
    weights = _weights(case.przychody)
    rows: list[dict[str, Any]] = [{"k": cost, **split_by_weights(cost.kwota, weights)}
                                  for cost in case.koszty_posrednie]
    sums = {key: sum((r[key] for r in rows), ZERO) for key in ACTIVITIES}
    start, end = _period(case)
    krs = case.stowarzyszenie.krs
    return {**association_context(case.stowarzyszenie), "paragrafy": references(project, krs, case.rok),
            "rozliczenie": case, "rok_przychodow": case.rok - 1,
            "okres_od": start, "okres_do": end, "wiersze": rows, "sumy": sums,
            "razem": sum((c.kwota for c in case.koszty_posrednie), ZERO),
            **_revenue_context(case.przychody)}
