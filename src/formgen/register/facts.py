"""What each form's document records in the register: who it concerns, amounts, dates, numbers.

Only what the rules across cases and the accountant's export need is kept: a child-protection
card records its number and date, never the child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from formgen.cases.load import Case
from formgen.catalog import Form
from formgen.project import Project
from formgen.register.entry import Issued, PersonRef, person_ref
from formgen.state import digest

ZERO = Decimal("0.00")
BENEFIT_KINDS = {
    "zfss-wniosek-wczasy": "wczasy",
    "zfss-wniosek-wypoczynek-dziecka": "wypoczynek_dziecka",
    "zfss-wniosek-kultura-sport": "kultura_sport",
}
DATE_FIELDS = ("data", "data_umowy", "data_zgloszenia", "data_posiedzenia", "data_sporzadzenia")


def benefit_kind(form_id: str, data: Any) -> str | None:
    """The key of the year's benefit kind (swiadczenia) a benefit form grants."""
    if form_id == "zfss-podanie-zapomoga":
        return "zapomoga" if data.zapomoga == "materialna" else "zapomoga_losowa"
    return BENEFIT_KINDS.get(form_id)


def doc_date(data: Any, when: dt.date) -> dt.date:
    """The document's own date (the first of the usual date fields), else the run's."""
    for name in DATE_FIELDS:
        value = getattr(data, name, None)
        if isinstance(value, dt.date):
            return value
    year = getattr(data, "rok", None)
    return dt.date(int(year), 12, 31) if isinstance(year, int) else when


def applicant(person: Any) -> PersonRef:
    """The register's reference to an applicant, borrower or guarantor."""
    return person_ref(person.imie, person.nazwisko, person.pesel, getattr(person, "data_urodzenia", None))


def content_hash(case: Case, form: Form) -> str:
    """What makes a document the same when rendered again: its case's data and its form."""
    return digest(form.id, case.record.data)


def issued(case: Case, form: Form, project: Project, when: dt.date) -> Issued:
    """The register entry of one document of a case (the case's answers already attached)."""
    data = case.data_for(form)
    base = Issued(form=form.id, case_id=case.id, doc_date=doc_date(data, when),
                  content_hash=content_hash(case, form), number=_number(data))
    special = SPECIAL.get(form.id)
    return special(base, data, project) if special else base


def _number(data: Any) -> str | None:
    decision = getattr(data, "decyzja", None)
    number = getattr(decision, "numer", None) if decision is not None else getattr(data, "numer", None)
    return number if isinstance(number, str) else None


def _benefit(base: Issued, data: Any, project: Project) -> Issued:
    from formgen.forms import zfss_benefits as b

    terms_of = {"zfss-wniosek-wczasy": b._holiday_terms, "zfss-wniosek-wypoczynek-dziecka": b._child_terms,
                "zfss-podanie-zapomoga": b._grant_terms, "zfss-wniosek-kultura-sport": b._culture_terms}[base.form]
    context = b.application_context(data, project, terms_of, signers=0)
    kind_key = benefit_kind(base.form, data)
    params = project.zfss(base.year)
    kind = params.swiadczenia.get(kind_key or "")
    award = context["wyliczenie"]
    person = applicant(data.wnioskodawca)
    child = getattr(data, "dziecko", None)
    subject = person_ref(child.imie, child.nazwisko, child.pesel, child.data_urodzenia) if child else None
    limit_used = None
    if award is not None and kind is not None and kind.podatek == "limit":
        limit_used = min(award.granted, award.limit_left)
    return _replace(base, kind=kind_key, section=kind.czesc_planu if kind else None, person=person,
                    subject=subject, granted=award.granted if award else ZERO,
                    tax=award.tax if award else ZERO, paid=award.payout if award else ZERO,
                    paid_to=person.name if award and award.payout else None, limit_used=limit_used)


def _loan(base: Issued, data: Any, project: Project) -> Issued:
    from formgen.rules import loan

    params = project.zfss(data.data_umowy.year).pozyczki
    plan = loan.plan_loan(data.kwota, data.okres_miesiecy, data.pierwsza_rata, params.terms())
    person = applicant(data.pozyczkobiorca)
    return _replace(base, kind="pozyczka", section=params.czesc_planu, person=person, granted=data.kwota,
                    paid=data.kwota, paid_to=person.name, ends_on=plan.last_due, exception=data.wyjatek,
                    guarantors=tuple(applicant(g) for g in data.poreczyciele))


def _loan_application(base: Issued, data: Any, project: Project) -> Issued:
    return _replace(base, kind="wniosek_pozyczka", person=applicant(data.wnioskodawca))


def _fund_plan(base: Issued, data: Any, project: Project) -> Issued:
    from formgen.forms.zfss import fund_plan_context

    parts = fund_plan_context(data, project)["czesci"]
    params = project.zfss(data.rok)
    split = {p.klucz: str(part["kwota"]) for p, part in zip(params.podzial_funduszu, parts)}
    return _replace(base, kind="plan", granted=data.kwota_funduszu, details={"czesci": split})


def _replace(base: Issued, **changes: Any) -> Issued:
    from dataclasses import replace

    return replace(base, **changes)


SPECIAL: dict[str, Callable[[Issued, Any, Project], Issued]] = {
    "zfss-wniosek-wczasy": _benefit, "zfss-wniosek-wypoczynek-dziecka": _benefit,
    "zfss-podanie-zapomoga": _benefit, "zfss-wniosek-kultura-sport": _benefit,
    "zfss-umowa-pozyczki": _loan, "zfss-podanie-pozyczka": _loan_application,
    "zfss-plan-podzialu": _fund_plan,
}
