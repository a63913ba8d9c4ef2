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

from pydantic import BeforeValidator

from formgen.fields import Date, Krs, Money, Nip, Regon, Schema, Text
from formgen.forms.common import Findings
from formgen.forms.pol_params import (
    PolicyParams,
    ThresholdParams,
    Year,
    check_own_thresholds,
    parameters,
    references,
    thresholds,
)
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
            raise ValueError(f"must be tak or nie, got '{value}'")
        return word in _YES
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no)]  # tak/nie, as a spreadsheet has it


# --- The association (shared by the three forms) --------------------------------------

class BoardMember(Schema):
    """A member of the association's board (Zarząd), who signs."""

    imie_nazwisko: Text
    funkcja: Text | None = None  # "Prezes Zarządu", "Skarbnik", …


class Resolution(Schema):
    """The board's resolution adopting the accounting policy."""

    numer: Text | None = None
    data: Date | None = None


class Association(Schema):
    """Stowarzyszenie: the association whose books these documents are about."""

    nazwa: Text  # the registered name, printed in quotes: „Stowarzyszenie …”
    nazwa_dopelniacz: Text | None = None  # after "Zarządu": "Stowarzyszenia Przyjaciół …"
    krs: Krs
    nip: Nip
    regon: Regon | None = None
    siedziba: Text  # as printed after "z siedzibą w" (locative): "Przykładowie"
    adres: Address
    zarzad: list[BoardMember] = []
    uchwala: Resolution = Resolution()

    @property
    def of_board(self) -> str:
        """The association's name after 'Zarządu'."""
        return self.nazwa_dopelniacz or f"„{self.nazwa}”"


def association_context(association: Association) -> dict[str, Any]:
    """The association as the issuer of a document (cover, metadata) and as `s` in templates."""
    return {"wystawca": association, "autor_dokumentu": association.nazwa, "s": association}


class PriorRevenues(Schema):
    """Revenues of statutory activity in the year before `rok` (§3 ust. 6 lit. d)."""

    nieodplatna: Money
    odplatna: Money


def _check_revenues(revenues: PriorRevenues) -> Findings:
    """Last year's revenues must not both be zero: the proportion divides by their sum."""
    if revenues.nieodplatna + revenues.odplatna == 0:
        return [(("przychody",), "the revenues sum to 0: no proportion of costs can be computed")]
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

    stowarzyszenie: Association
    rok: Year  # the first fiscal year the policy applies to
    przychody: PriorRevenues
    program_ksiegowy: Text | None = None
    ksiegi_prowadzi: Literal["biuro", "stowarzyszenie"] = "biuro"
    biuro_rachunkowe: Text | None = None
    ksiegowy: Text | None = None  # the person responsible for keeping the books
    progi: ThresholdParams | None = None


def check_policy(case: AccountingPolicy, project: Project) -> Findings:
    """Revenues that give a proportion, thresholds that agree with the adopted policy, an office
    only when one keeps the books."""
    found = _check_revenues(case.przychody)
    found += check_own_thresholds(case.progi, project, case.stowarzyszenie.krs, case.rok)
    if case.biuro_rachunkowe and case.ksiegi_prowadzi != "biuro":
        found.append((("biuro_rachunkowe",), "only for books kept by an accounting office (ksiegi_prowadzi: biuro)"))
    return found


def policy_context(case: AccountingPolicy, project: Project) -> dict[str, Any]:
    """The policy's variable parts: the association, the thresholds and the cost proportion."""
    progi = thresholds(project, case.stowarzyszenie.krs, case.rok, case.progi)
    return {**association_context(case.stowarzyszenie), "polityka": case, "progi": progi,
            "rok_przychodow": case.rok - 1, **_revenue_context(case.przychody)}


# --- Rozliczenie kosztów pośrednich (POL §3 ust. 6 lit. c–d) ---------------------------

class IndirectCost(Schema):
    """A cost that cannot be assigned to one activity: rent, utilities, shared equipment …"""

    nazwa: Text
    konto: Text | None = None
    kwota: Money


class CostAllocation(Schema):
    """Indirect costs of a period split between unpaid and paid statutory activity."""

    stowarzyszenie: Association
    rok: Year
    przychody: PriorRevenues
    okres_od: Date | None = None  # default: 1 January of `rok`
    okres_do: Date | None = None  # default: 31 December of `rok`
    koszty_posrednie: list[IndirectCost]
    data_sporzadzenia: Date | None = None
    sporzadzil: Text | None = None


def _period(case: CostAllocation) -> tuple[dt.date, dt.date]:
    """The settled period, by default the whole year."""
    return (case.okres_od or dt.date(case.rok, 1, 1), case.okres_do or dt.date(case.rok, 12, 31))


def check_allocation(case: CostAllocation, project: Project) -> Findings:
    """Revenues that give a proportion, at least one cost, a period inside the year."""
    found = _check_revenues(case.przychody)
    if not case.koszty_posrednie:
        found.append((("koszty_posrednie",), "list the indirect costs to split (at least one)"))
    start, end = _period(case)
    for name, day in (("okres_od", start), ("okres_do", end)):
        if day.year != case.rok:
            found.append(((name,), f"must fall in the year {case.rok}"))
    if start > end:
        found.append((("okres_do",), "is before okres_od"))
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
