"""An association's accounting (POL): the accounting policy, the depreciation plan, cost allocation.

These documents are not annexes of the institution's regulations: the association, its board
and the resolution adopting the policy come from the case (`stowarzyszenie`, the same type in
all three forms, so one case can hold an association's year). The thresholds of §3 ust. 2 and
the CIT rate list are data (data/pol/parametry.yaml); a case may set its own thresholds.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from babel.dates import format_date
from pydantic import BeforeValidator, Field, model_validator

from formgen.forms.common import Findings
from formgen.forms.types import MAX_DATE, Date, Krs, Money, Nip, Percent, Regon, Schema, Text
from formgen.profile import Address
from formgen.project import Project
from formgen.rules import depreciation as dep
from formgen.rules.dates import format_date_short
from formgen.rules.fund import split_by_weights

Year = Annotated[int, Field(ge=1990, le=2100)]
ZERO = Decimal("0.00")
ACTIVITIES = ("nieodplatna", "odplatna")


def _kst(value: Any) -> Any:
    """A KŚT symbol as digits only ("4-91" → "491"), 1 to 3 of them."""
    if isinstance(value, str):
        value = re.sub(r"[\s./-]", "", value)
        if not re.fullmatch(r"\d{1,3}", value):
            raise ValueError("KŚT symbol must be 1–3 digits (group, subgroup, kind), e.g. 491")
    return value


_YES, _NO = {"tak", "t", "true", "yes", "1"}, {"nie", "n", "false", "no", "0"}


def _yes_no(value: Any) -> Any:
    """tak/nie (and the usual true/false spellings) as a bool."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word not in _YES | _NO:
            raise ValueError(f"must be tak or nie, got '{value}'")
        return word in _YES
    return value


Kst = Annotated[str, BeforeValidator(_kst)]
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


class PriorRevenues(Schema):
    """Revenues of statutory activity in the year before `rok` (§3 ust. 6 lit. d)."""

    nieodplatna: Money
    odplatna: Money


# --- Parameters (data/pol/parametry.yaml) ----------------------------------------------

class ThresholdParams(Schema):
    """The value thresholds of §3 ust. 2 pkt 6 and 13."""

    srodek_trwaly_powyzej: Money  # strictly above: a fixed asset, depreciated by plan
    niska_wartosc_od: Money  # from this amount (inclusive) up to the above: a low-value asset

    @model_validator(mode="after")
    def _ordered(self) -> ThresholdParams:
        self.rule()  # raises ValueError when the low-value threshold is above the fixed-asset one
        return self

    def rule(self) -> dep.Thresholds:
        """The rule module's view of these thresholds."""
        return dep.Thresholds(self.srodek_trwaly_powyzej, self.niska_wartosc_od)


class RateEntry(Schema):
    """A position of the CIT act's list of annual depreciation rates."""

    kst: Kst
    stawka: Percent
    opis: Text


class PolicyParams(Schema):
    """Default thresholds and the rate list."""

    progi: ThresholdParams
    stawki: list[RateEntry]

    def rate_for(self, kst: str) -> Decimal | None:
        """The rate of the longest listed KŚT symbol that the asset's symbol starts with."""
        matches = [e for e in self.stawki if kst.startswith(e.kst)]
        return max(matches, key=lambda e: len(e.kst)).stawka if matches else None


def parameters(project: Project) -> PolicyParams:
    """The POL parameters, read once."""
    return project.data_model(PolicyParams, "pol/parametry.yaml")


def _thresholds(own: ThresholdParams | None, project: Project) -> ThresholdParams:
    """The case's own thresholds, else the defaults of the parameters file."""
    return own or parameters(project).progi


def _check_revenues(revenues: PriorRevenues) -> Findings:
    """Last year's revenues must not both be zero: the proportion divides by their sum."""
    if revenues.nieodplatna + revenues.odplatna == 0:
        return [(("przychody",), "the revenues sum to 0: no proportion of costs can be computed")]
    return []


def proportion(revenues: PriorRevenues) -> dict[str, Decimal]:
    """§3 ust. 6 lit. d: each activity's share of last year's revenues, in % to 0.01, summing to 100."""
    return split_by_weights(Decimal("100.00"), {"nieodplatna": revenues.nieodplatna,
                                                "odplatna": revenues.odplatna})


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
    """Revenues that give a proportion, consistent thresholds, an office only when one keeps the books."""
    found = _check_revenues(case.przychody)
    if case.biuro_rachunkowe and case.ksiegi_prowadzi != "biuro":
        found.append((("biuro_rachunkowe",), "only for books kept by an accounting office (ksiegi_prowadzi: biuro)"))
    return found


def policy_context(case: AccountingPolicy, project: Project) -> dict[str, Any]:
    """The policy's variable parts: the association, the thresholds and the cost proportion."""
    return {"autor_dokumentu": case.stowarzyszenie.nazwa,
            "polityka": case, "s": case.stowarzyszenie, "progi": _thresholds(case.progi, project),
            "rok_przychodow": case.rok - 1, **_revenue_context(case.przychody)}


# --- Plan amortyzacji / ewidencja środków trwałych (POL §3 ust. 2 pkt 6–15) ------------

class Asset(Schema):
    """One item of the asset register; a CSV row with these columns maps to it one to one."""

    nr_inwentarzowy: Text | None = None
    nazwa: Text
    kst: Kst
    data_przyjecia: Date  # accepted for use
    wartosc_poczatkowa: Money
    stawka: Percent | None = None  # annual rate; empty: from the rate list by KŚT
    grunt: YesNo = False  # land is not depreciated
    zawsze_niskocenny: YesNo = False  # pkt 14: furniture, computers, phones … below the lower threshold
    data_wycofania: Date | None = None  # sold, liquidated or found missing
    uwagi: Text | None = None


class DepreciationPlan(Schema):
    """Plan amortyzacji for a year, from the association's asset register."""

    stowarzyszenie: Association
    rok: Year
    srodki: list[Asset]
    progi: ThresholdParams | None = None
    data_sporzadzenia: Date | None = None
    sporzadzil: Text | None = None


def _class(asset: Asset, thresholds: dep.Thresholds) -> dep.AssetClass:
    """The asset's class; land is a fixed asset whatever its value (it is never written off)."""
    return "fixed" if asset.grunt else dep.classify(asset.wartosc_poczatkowa, thresholds, asset.zawsze_niskocenny)


def _asset_dates(asset: Asset, year: int) -> Findings:
    """Accepted by the plan's year; withdrawn after acceptance and not before the year."""
    found: Findings = []
    if asset.data_przyjecia.year > year:
        found.append((("data_przyjecia",), f"accepted after the plan's year {year}"))
    if asset.data_wycofania and asset.data_wycofania < asset.data_przyjecia:
        found.append((("data_wycofania",), "is before data_przyjecia"))
    elif asset.data_wycofania and asset.data_wycofania.year < year:
        found.append((("data_wycofania",), f"withdrawn before the plan's year {year}: leave it out"))
    return found


def _asset_rate(asset: Asset, thresholds: dep.Thresholds, params: PolicyParams) -> Findings:
    """Land has no rate; a depreciated asset has one (its own or the list's) above zero."""
    if asset.grunt:
        return [(("stawka",), "land is not depreciated: leave stawka empty")] if asset.stawka is not None else []
    if asset.kst.startswith("0"):
        return [(("grunt",), "KŚT group 0 is land: set grunt: tak")]
    if _class(asset, thresholds) != "fixed":
        return []
    rate = asset.stawka if asset.stawka is not None else params.rate_for(asset.kst)
    if rate is None:
        return [(("stawka",), f"no rate for KŚT {asset.kst} in data/pol/parametry.yaml: give the asset's stawka")]
    if rate == 0:
        return [(("stawka",), "must be more than 0 for a depreciated asset")]
    months = dep.months_to_write_off(asset.wartosc_poczatkowa, rate)
    if asset.data_przyjecia.year + months // 12 + 1 > MAX_DATE.year:
        return [(("stawka",), f"at {rate} % a year the asset would be written off over {months // 12} years: "
                              f"check the rate")]
    return []


def check_plan(case: DepreciationPlan, project: Project) -> Findings:
    """Assets dated within the plan's year, a rate for each depreciated one, unique inventory numbers."""
    if not case.srodki:
        return [(("srodki",), "list the register's assets (at least one)")]
    found: Findings = []
    thresholds, params = _thresholds(case.progi, project).rule(), parameters(project)
    seen: dict[str, int] = {}
    for i, asset in enumerate(case.srodki):
        own = _asset_dates(asset, case.rok) + _asset_rate(asset, thresholds, params)
        found += [(("srodki", i, *loc), msg) for loc, msg in own]
        number = asset.nr_inwentarzowy
        if number and number in seen:
            found.append((("srodki", i, "nr_inwentarzowy"), f"the same number as srodki.{seen[number]}"))
        seen.setdefault(number or "", i)
    return found


def _month(day: dt.date) -> str:
    """'04.2026'."""
    return f"{day.month:02d}.{day.year}"


def _asset_row(asset: Asset, kind: str, year: int, params: PolicyParams) -> dict[str, Any]:
    """One register line: rate, monthly write-off, period and the year's totals."""
    value, rate, monthly = asset.wartosc_poczatkowa, None, None
    if kind == "fixed" and not asset.grunt:
        rate = asset.stawka if asset.stawka is not None else params.rate_for(asset.kst)
        plan = dep.straight_line(value, rate or Decimal(0), asset.data_przyjecia, asset.data_wycofania)
        monthly = plan[0][1] if plan else None
    elif kind == "fixed":
        plan = []
    else:
        plan = dep.one_off(value, asset.data_przyjecia)
    start, end = (_month(plan[0][0]), _month(plan[-1][0])) if plan else (None, None)
    return {"s": asset, "stawka": rate, "miesieczny": monthly, "od": start, "do": end,
            "t": dep.year_totals(value, plan, year)}


def _sums(rows: list[dict[str, Any]]) -> dict[str, Decimal]:
    """Column totals of a register table."""
    total = {"wartosc": sum((r["s"].wartosc_poczatkowa for r in rows), ZERO)}
    for key in ("opening", "charges", "closing", "net"):
        total[key] = sum((getattr(r["t"], key) for r in rows), ZERO)
    return total


def _months(year: int, fixed: list[dict[str, Any]], low: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The year's write-offs month by month: depreciation, low-value assets, both."""
    out = []
    for m in range(12):
        a = sum((r["t"].by_month[m] for r in fixed), ZERO)
        b = sum((r["t"].by_month[m] for r in low), ZERO)
        out.append({"nazwa": format_date(dt.date(year, m + 1, 1), "LLLL", locale="pl"),
                    "amortyzacja": a, "niskocenne": b, "razem": a + b})
    return out


def _remarks(asset: Asset, listed: bool) -> str:
    """The register's remarks: withdrawal, the pkt 14 list, the user's own note."""
    parts = [f"wycofany {format_date_short(asset.data_wycofania)}" if asset.data_wycofania else "",
             "z wykazu § 3 ust. 2 pkt 14 (bez względu na wartość)" if listed else "", asset.uwagi or ""]
    return "; ".join(p for p in parts if p)


def plan_context(case: DepreciationPlan, project: Project) -> dict[str, Any]:
    """The register split by class, each line's write-offs for the year, monthly totals."""
    progi, params = _thresholds(case.progi, project), parameters(project)
    rows: dict[str, list[dict[str, Any]]] = {"fixed": [], "low_value": [], "material": []}
    for asset in case.srodki:
        kind = _class(asset, progi.rule())
        listed = kind != dep.classify(asset.wartosc_poczatkowa, progi.rule())
        rows[kind].append({**_asset_row(asset, kind, case.rok, params), "uwagi": _remarks(asset, listed)})
    return {"autor_dokumentu": case.stowarzyszenie.nazwa,
            "plan": case, "s": case.stowarzyszenie, "progi": progi, "podstawowe": rows["fixed"],
            "niskocenne": rows["low_value"], "materialy": rows["material"],
            "suma_podstawowe": _sums(rows["fixed"]), "suma_niskocenne": _sums(rows["low_value"]),
            "suma_materialy": sum((r["s"].wartosc_poczatkowa for r in rows["material"]), ZERO),
            "miesiace": _months(case.rok, rows["fixed"], rows["low_value"])}


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
    """Each indirect cost split by last year's revenue proportion, exactly to the grosz."""
    revenue = _revenue_context(case.przychody)
    rows: list[dict[str, Any]] = [{"k": cost, **split_by_weights(cost.kwota, revenue["proporcja"])}
                                  for cost in case.koszty_posrednie]
    sums = {key: sum((r[key] for r in rows), ZERO) for key in ACTIVITIES}
    start, end = _period(case)
    return {"autor_dokumentu": case.stowarzyszenie.nazwa,
            "rozliczenie": case, "s": case.stowarzyszenie, "rok_przychodow": case.rok - 1,
            "okres_od": start, "okres_do": end, "wiersze": rows, "sumy": sums,
            "razem": sum((c.kwota for c in case.koszty_posrednie), ZERO), **revenue}
