"""Plan amortyzacji / ewidencja środków trwałych of an association (POL §3 ust. 2 pkt 6–15).

Each asset is classed by the thresholds of the accounting policy in force in the year it was
accepted for use (a case's own `progi` apply to every asset); fixed assets are depreciated
monthly from the month after acceptance up to the month of their withdrawal, and an asset
withdrawn during the year has no year-end values (rules.depreciation).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from pydantic import Field

from formgen.fields import MAX_DATE, Date, Money, Percent, Schema, Text
from formgen.forms.common import Findings, drawn_up_by_field, drawn_up_on_field
from formgen.forms.pol import Association, YesNo, association_context
from formgen.forms.pol_params import (
    Kst,
    PolicyParams,
    ThresholdParams,
    Year,
    check_own_thresholds,
    parameters,
    references,
    thresholds,
)
from formgen.i18n import _, ngettext, number
from formgen.project import Project
from formgen.rules import depreciation as dep

ZERO = Decimal("0.00")


class Asset(Schema):
    """One item of the asset register; a CSV row with these columns maps to it one to one."""

    nr_inwentarzowy: Text | None = Field(
        default=None, title="Numer inwentarzowy",
        description="Numer inwentarzowy, niepowtarzalny w ewidencji; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["ST/01"]})
    nazwa: Text = Field(
        title="Nazwa środka trwałego",
        description="Nazwa składnika majątku, jak w ewidencji.",
        json_schema_extra={"examples": ["Namiot wystawowy 6 × 12 m"]})
    kst: Kst = Field(
        title="Symbol KŚT",
        description=("Symbol Klasyfikacji Środków Trwałych: 1–3 cyfry (grupa, podgrupa, rodzaj), "
                     "z kreską lub bez, np. 491 lub 4-91; w YAML w cudzysłowie. Wskazuje stawkę "
                     "z wykazu; grupa 0 to grunty."),
        json_schema_extra={"examples": ["491"]})
    data_przyjecia: Date = Field(  # accepted for use
        title="Data przyjęcia do używania",
        description=("Dzień przyjęcia do używania (2026-03-15 lub 15.03.2026), nie później niż "
                     "w roku planu; amortyzacja zaczyna się od następnego miesiąca."),
        json_schema_extra={"examples": ["2026-03-15"]})
    wartosc_poczatkowa: Money = Field(
        title="Wartość początkowa",
        description=("Wartość początkowa w zł (12000.00 lub 12 000,00); według progów decyduje, "
                     "czy składnik jest środkiem trwałym, niskocennym, czy materiałem."),
        json_schema_extra={"examples": ["12000.00"]})
    stawka: Percent | None = Field(  # annual rate; empty: from the rate list by KŚT
        default=None, title="Stawka roczna",
        description=("Roczna stawka amortyzacji w procentach, np. 20 lub 2,5; puste: stawka "
                     "z wykazu według symbolu KŚT. Grunt nie ma stawki."),
        json_schema_extra={"examples": ["20"]})
    grunt: YesNo = Field(  # land is not depreciated
        default=False, title="Grunt",
        description=("Czy składnik jest gruntem, który nie podlega amortyzacji: tak albo nie; "
                     "domyślnie nie."))
    # pkt 14: furniture, computers, phones … below the lower threshold
    zawsze_niskocenny: YesNo = Field(
        default=False, title="Niskocenny bez względu na wartość",
        description=("Czy przedmiot jest z wykazu polityki (§3 ust. 2 pkt 14: meble, komputery, "
                     "telefony …), który zalicza go do środków o niskiej wartości bez względu "
                     "na wartość: tak albo nie; domyślnie nie."))
    data_wycofania: Date | None = Field(  # sold, liquidated or found missing
        default=None, title="Data wycofania",
        description=("Dzień sprzedaży, likwidacji lub stwierdzenia niedoboru (2026-10-31 lub "
                     "31.10.2026), nie wcześniej niż data przyjęcia i nie przed rokiem planu; "
                     "puste: środek jest w ewidencji."),
        json_schema_extra={"examples": ["2026-10-31"]})
    uwagi: Text | None = Field(
        default=None, title="Uwagi",
        description="Uwagi drukowane w kolumnie „Uwagi” ewidencji; może zostać puste.",
        json_schema_extra={"examples": ["faktura FV/112/2026"]})


class DepreciationPlan(Schema):
    """Plan amortyzacji for a year, from the association's asset register."""

    stowarzyszenie: Association = Field(
        title="Stowarzyszenie",
        description=("Stowarzyszenie, którego dotyczy dokument: nazwa, KRS, NIP, siedziba, "
                     "adres, Zarząd; te same dane we wszystkich dokumentach jego roku."))
    rok: Year = Field(
        title="Rok obrotowy",
        description="Rok obrotowy, na który sporządza się plan amortyzacji (od 1990 do 2100).",
        json_schema_extra={"examples": [2026]})
    srodki: list[Asset] = Field(
        title="Środki trwałe",
        description=("Składniki ewidencji środków trwałych, co najmniej jeden; kolumny arkusza "
                     "CSV odpowiadają polom składnika."))
    progi: ThresholdParams | None = Field(
        default=None, title="Progi wartości",
        description=("Własne progi wartości dla wszystkich składników; puste: progi polityki "
                     "obowiązującej w roku przyjęcia każdego składnika, a bez niej domyślne."))
    data_sporzadzenia: Date | None = drawn_up_on_field()
    sporzadzil: Text | None = drawn_up_by_field()


def _asset_thresholds(case: DepreciationPlan, asset: Asset, project: Project) -> ThresholdParams:
    """The thresholds that class the asset: the case's own, else the policy of its acceptance year."""
    return thresholds(project, case.stowarzyszenie.krs, asset.data_przyjecia.year, case.progi)


def _class(asset: Asset, progi: ThresholdParams) -> dep.AssetClass:
    """The asset's class; land is a fixed asset whatever its value (it is never written off)."""
    if asset.grunt:
        return "fixed"
    return dep.classify(asset.wartosc_poczatkowa, progi.rule(), asset.zawsze_niskocenny)


def _asset_dates(asset: Asset, year: int) -> Findings:
    """Accepted by the plan's year; withdrawn after acceptance and not before the year."""
    found: Findings = []
    if asset.data_przyjecia.year > year:
        found.append((("data_przyjecia",), _("accepted after the plan's year {year}").format(year=year)))
    if asset.data_wycofania and asset.data_wycofania < asset.data_przyjecia:
        found.append((("data_wycofania",), _("is before {field}").format(field="data_przyjecia")))
    elif asset.data_wycofania and asset.data_wycofania.year < year:
        found.append((("data_wycofania",), _("withdrawn before the plan's year {year}: leave it out").format(
            year=year)))
    return found


def _asset_rate(asset: Asset, progi: ThresholdParams, params: PolicyParams) -> Findings:
    """Land has no rate; a depreciated asset has one (its own or the list's) above zero."""
    if asset.grunt:
        return [(("stawka",), _("land is not depreciated: leave stawka empty"))] if asset.stawka is not None else []
    if asset.kst.startswith("0"):
        return [(("grunt",), _("KŚT group 0 is land: set grunt: tak"))]
    if _class(asset, progi) != "fixed":
        return []
    rate = asset.stawka if asset.stawka is not None else params.rate_for(asset.kst)
    if rate is None:
        return [(("stawka",), _("no rate for KŚT {kst} in data/pol/parametry.yaml: give the asset's stawka").format(
            kst=asset.kst))]
    if rate == 0:
        return [(("stawka",), _("must be more than 0 for a depreciated asset"))]
    months = dep.months_to_write_off(asset.wartosc_poczatkowa, rate)
    if asset.data_przyjecia.year + months // 12 + 1 > MAX_DATE.year:
        years = months // 12
        return [(("stawka",), ngettext("at {rate} % a year the asset would be written off over {count} year: "
                                       "check the rate",
                                       "at {rate} % a year the asset would be written off over {count} years: "
                                       "check the rate", years).format(rate=number(rate), count=years))]
    return []


def check_plan(case: DepreciationPlan, project: Project) -> Findings:
    """Assets dated within the plan's year, a rate for each depreciated one, unique inventory
    numbers, own thresholds that agree with the association's policy."""
    found = check_own_thresholds(case.progi, project, case.stowarzyszenie.krs, case.rok)
    if not case.srodki:
        return [*found, (("srodki",), _("list the register's assets (at least one)"))]
    params = parameters(project)
    seen: dict[str, int] = {}
    for i, asset in enumerate(case.srodki):
        progi = _asset_thresholds(case, asset, project)
        own = _asset_dates(asset, case.rok) + _asset_rate(asset, progi, params)
        found += [(("srodki", i, *loc), msg) for loc, msg in own]
        inventory = asset.nr_inwentarzowy
        if inventory and inventory in seen:
            found.append((("srodki", i, "nr_inwentarzowy"),
                          _("the same number as {field}").format(field=f"srodki.{seen[inventory]}")))
        seen.setdefault(inventory or "", i)
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
            "t": dep.year_totals(value, plan, year, asset.data_wycofania)}


def _sum(rows: list[dict[str, Any]]) -> dict[str, Decimal]:
    """Column totals of some register lines."""
    total = {"wartosc": sum((r["s"].wartosc_poczatkowa for r in rows), ZERO)}
    for key in ("opening", "charges", "closing", "net", "retired"):
        total[key] = sum((getattr(r["t"], key) for r in rows), ZERO)
    return total


def _sums(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals of the lines still in the register at 31 December, and of those withdrawn during
    the year (None when there are none): a withdrawn asset counts in the year's write-offs only."""
    withdrawn = [r for r in rows if r["t"].withdrawn]
    kept = [r for r in rows if not r["t"].withdrawn]
    return {**_sum(kept), "wycofane": _sum(withdrawn) if withdrawn else None,
            "charges_all": sum((r["t"].charges for r in rows), ZERO)}


def _months(year: int, fixed: list[dict[str, Any]], low: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The year's write-offs month by month: depreciation, low-value assets, both."""
    out = []
    for m in range(12):
        a = sum((r["t"].by_month[m] for r in fixed), ZERO)
        b = sum((r["t"].by_month[m] for r in low), ZERO)
        out.append({"nazwa": format_date(dt.date(year, m + 1, 1), "LLLL", locale="pl"),
                    "amortyzacja": a, "niskocenne": b, "razem": a + b})
    return out


def _remarks(asset: Asset, listed: bool, own: ThresholdParams, current: ThresholdParams,
             paragrafy: dict[str, str]) -> dict[str, Any]:
    """The register's remarks: the withdrawal date (the template formats it), then the list of
    low-value items, the thresholds of an earlier policy that classed the asset, the user's note."""
    where = paragrafy.get("wykaz_niskocenne", "polityki rachunkowości")
    notes = [f"z wykazu {where} (bez względu na wartość)" if listed else "",
             f"klasa według progów polityki z roku przyjęcia: {own.text()}" if own != current else "",
             asset.uwagi or ""]
    return {"wycofany": asset.data_wycofania, "inne": [n for n in notes if n]}


def plan_context(case: DepreciationPlan, project: Project) -> dict[str, Any]:
    """The register split by class, each line's write-offs for the year, monthly totals."""
    krs, params = case.stowarzyszenie.krs, parameters(project)
    current, paragrafy = thresholds(project, krs, case.rok, case.progi), references(project, krs, case.rok)
    rows: dict[str, list[dict[str, Any]]] = {"fixed": [], "low_value": [], "material": []}
    for asset in case.srodki:
        own = _asset_thresholds(case, asset, project)
        kind = _class(asset, own)
        listed = kind != dep.classify(asset.wartosc_poczatkowa, own.rule())
        rows[kind].append({**_asset_row(asset, kind, case.rok, params),
                           "uwagi": _remarks(asset, listed, own, current, paragrafy)})
    fixed, low = _sums(rows["fixed"]), _sums(rows["low_value"])
    return {**association_context(case.stowarzyszenie), "paragrafy": paragrafy,
            "plan": case, "progi": current, "podstawowe": rows["fixed"],
            "niskocenne": rows["low_value"], "materialy": rows["material"],
            "suma_podstawowe": fixed, "suma_niskocenne": low,
            "suma_materialy": sum((r["s"].wartosc_poczatkowa for r in rows["material"]), ZERO),
            "odpisy_razem": fixed["charges_all"] + low["charges_all"],
            "miesiace": _months(case.rok, rows["fixed"], rows["low_value"])}
