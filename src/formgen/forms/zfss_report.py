"""Sprawozdanie z wykonania planu ZFŚS: granted per part of the year's plan against the plan.

In a workspace the amounts come from the register (the year's fund plan and every benefit and
loan issued, by the plan's part they are paid from); a case may give them itself (`wykonanie`),
and a given value wins. What neither gives stays a dotted line.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import Field

from formgen.cases.answers import Answered, answers_of
from formgen.errors import CatalogError
from formgen.fields import Date, Money, Schema, Text
from formgen.forms.common import Findings, place_field
from formgen.i18n import _
from formgen.project import Project
from formgen.rules import fund

ZERO = Decimal("0.00")


class PartExecution(Schema):
    """What a part of the plan granted, as the case gives it (wins over the register)."""

    klucz: Text = Field(
        title="Część planu",
        description=("Klucz części planu podziału środków z parametrów roku (np. wypoczynek, "
                     "zapomogi, pozyczki, inne)."),
        json_schema_extra={"examples": ["wypoczynek"]})
    plan: Money | None = Field(
        default=None, title="Kwota planowana",
        description=("Kwota przewidziana na tę część w planie, w zł (150000.00 lub 150 000,00); "
                     "puste: wyliczona z kwoty funduszu albo wzięta z planu zapisanego w rejestrze."),
        json_schema_extra={"examples": ["150000.00"]})
    przyznano: Money = Field(
        title="Kwota przyznana",
        description="Suma świadczeń przyznanych z tej części w roku, w zł (120000.00 lub 120 000,00).",
        json_schema_extra={"examples": ["120000.00"]})
    liczba: int | None = Field(
        default=None, ge=0, title="Liczba świadczeń",
        description="Liczba dokumentów (decyzji, umów), na których podstawie przyznano kwotę; puste: nie podano.",
        json_schema_extra={"examples": [42]})


class PlanExecution(Answered):
    """Sprawozdanie z wykonania planu podziału środków ZFŚS za rok (the yearly report)."""

    rok: int = Field(
        title="Rok sprawozdania",
        description="Rok, którego plan podziału środków funduszu dotyczy; wskazuje parametry roku.",
        json_schema_extra={"examples": [2026]})
    data: Date = Field(
        title="Data sprawozdania",
        description="Dzień sporządzenia sprawozdania (2027-01-15 lub 15.01.2027), nie wcześniejszy niż początek roku.",
        json_schema_extra={"examples": ["2027-01-15"]})
    miejscowosc: Text | None = place_field()
    # the plan's total, when the register holds no plan
    kwota_funduszu: Money | None = Field(
        default=None, title="Kwota funduszu",
        description=("Łączna kwota funduszu na rok, w zł (250000.00 lub 250 000,00), gdy rejestr nie "
                     "zawiera planu podziału; z niej wylicza się kwoty planowane części."),
        json_schema_extra={"examples": ["250000.00"]})
    wykonanie: list[PartExecution] = Field(
        default_factory=list, title="Wykonanie części planu",
        description=("Kwoty przyznane z poszczególnych części planu, gdy podaje je sprawa; podane "
                     "wygrywają z sumami z rejestru; puste: kwoty z rejestru albo wykropkowane miejsca."))
    sporzadzil: Text | None = Field(
        default=None, title="Sporządził",
        description="Imię, nazwisko i stanowisko osoby sporządzającej sprawozdanie; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["Anna Przykładowa, księgowa"]})


def check_plan_execution(case: PlanExecution, project: Project) -> Findings:
    """Parameters for the year, known parts given once, the report after the year began."""
    try:
        parts = {p.klucz for p in project.zfss(case.rok).podzial_funduszu}
    except CatalogError as exc:
        return [(("rok",), exc.message)]
    found: Findings = []
    seen: set[str] = set()
    for i, row in enumerate(case.wykonanie):
        if row.klucz not in parts:
            found.append((("wykonanie", i, "klucz"), _("unknown part; known: {parts}").format(
                parts=", ".join(sorted(parts)))))
        elif row.klucz in seen:
            found.append((("wykonanie", i, "klucz"), _("given twice")))
        seen.add(row.klucz)
    if case.data.year < case.rok:
        found.append((("data",), _("the report precedes its year {year}").format(year=case.rok)))
    return found


def _percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def plan_execution_context(case: PlanExecution, project: Project) -> dict[str, Any]:
    """One row per part of the plan: planned, granted, how many documents, left, % done."""
    params = project.zfss(case.rok)
    figures = answers_of(case).report
    from_register = {row["klucz"]: row for row in figures.get("czesci", [])}
    given = {row.klucz: row for row in case.wykonanie}
    split = fund.split_total(case.kwota_funduszu, {p.klucz: p.procent for p in params.podzial_funduszu}) \
        if case.kwota_funduszu is not None else {}
    rows = []
    for part in params.podzial_funduszu:
        own, known = given.get(part.klucz), from_register.get(part.klucz, {})
        plan = (own.plan if own and own.plan is not None else None) or split.get(part.klucz) or \
            (Decimal(known["plan"]) if known.get("plan") else None)
        spent = own.przyznano if own else (Decimal(known["przyznano"]) if known else None)
        count = own.liczba if own else known.get("liczba")
        left = plan - spent if plan is not None and spent is not None else None
        rows.append({"nazwa": part.nazwa, "plan": plan, "przyznano": spent, "liczba": count, "pozostalo": left,
                     "procent": _percent(spent, plan)})
    total_plan = _sum(r["plan"] for r in rows)
    total_spent = _sum(r["przyznano"] for r in rows)
    return {"sprawozdanie": case, "wiersze": rows,
            "razem": {"plan": total_plan, "przyznano": total_spent,
                      "pozostalo": total_plan - total_spent if total_plan is not None and total_spent is not None
                      else None, "procent": _percent(total_spent, total_plan)},
            "zrodlo_planu": figures.get("plan"), "z_rejestru": bool(figures) and not case.wykonanie,
            "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc}


def _sum(values: Any) -> Decimal | None:
    items = list(values)
    if any(v is None for v in items):
        return None
    return sum(items, ZERO)
