"""The regulation's rules across cases, read from the register: one grant per period, at most
so many loans per guarantor, the waiting time after a loan, the plan's parts not overspent, and
the amounts used this year that a case's tax and cap depend on. Every limit is a parameter."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from formgen.cases.answers import Used
from formgen.forms.common import Findings
from formgen.i18n import _, ngettext, quoted
from formgen.params import BenefitKind, ZfssParams
from formgen.register.entry import Issued, Row
from formgen.register.ledger import Ledger
from formgen.rules.dates import add_months
from formgen.rules.money import format_amount as _format


def format_amount(value: Decimal) -> str:
    """'1 234,50 zł' with plain spaces (messages and notes are plain text)."""
    return _format(value).replace("\u00a0", " ")

ZERO = Decimal("0.00")


def quarter(row: Issued) -> int:
    return (row.doc_date.month - 1) // 3 + 1


def granted(rows: Iterable[Row]) -> list[Row]:
    """The documents that granted something (a refusal counts for nothing)."""
    return [r for r in rows if r.issued.granted]


def used_limit(item: Issued, ledger: Ledger, params: ZfssParams) -> Used:
    """The person's benefits of the year that use the yearly tax-free limit, before this one."""
    assert item.person is not None
    rows = [r for r in granted(ledger.person(item.person.key, (item.form, item.case_id)))
            if r.issued.year == item.year and _limited(r.issued.kind, params)]
    return Used(sum((r.issued.granted or ZERO for r in rows), ZERO), tuple(_named(r) for r in rows))


def _limited(kind: str | None, params: ZfssParams) -> bool:
    found = params.swiadczenia.get(kind or "")
    return found is not None and found.podatek == "limit"


def used_in_quarter(item: Issued, ledger: Ledger) -> Used:
    """What the person got of the same kind in the same quarter, before this one."""
    assert item.person is not None
    rows = [r for r in granted(ledger.person(item.person.key, (item.form, item.case_id)))
            if r.issued.kind == item.kind and r.issued.year == item.year and quarter(r.issued) == quarter(item)]
    return Used(sum((r.issued.granted or ZERO for r in rows), ZERO), tuple(_named(r) for r in rows))


def _named(row: Row) -> str:
    return f"{row.label()}: {format_amount(row.issued.granted or ZERO)}"


def once_per_period(item: Issued, kind: BenefitKind, ledger: Ledger, loc: tuple[Any, ...]) -> Findings:
    """At most `limit_przyznan` grants of the kind per person (or child) in the period."""
    if kind.limit_przyznan is None or kind.okres == "zdarzenie" or not item.granted:
        return []
    per_child = kind.na == "dziecko"
    who = item.subject if per_child else item.person
    if who is None:
        return []
    rows = ledger.person(who.key, (item.form, item.case_id)) if not per_child else [
        r for r in ledger.year(item.year, (item.form, item.case_id))
        if r.issued.subject is not None and r.issued.subject.key == who.key]
    earlier = [r for r in granted(rows) if r.issued.kind == item.kind and r.issued.year == item.year
               and (kind.okres != "kwartal" or quarter(r.issued) == quarter(item))]
    if len(earlier) < kind.limit_przyznan:
        return []
    limit = kind.limit_przyznan
    if kind.okres == "rok" and per_child:
        message = ngettext("{benefit} was already granted to this child in {year}: {documents}; at most {limit} per "
                           "calendar year{paragraph}",
                           "{benefit} was already granted to this child in {year}: {documents}; at most {limit} per "
                           "calendar year{paragraph}", limit)
    elif kind.okres == "rok":
        message = ngettext("{benefit} was already granted to this person in {year}: {documents}; at most {limit} "
                           "per calendar year{paragraph}",
                           "{benefit} was already granted to this person in {year}: {documents}; at most {limit} "
                           "per calendar year{paragraph}", limit)
    elif per_child:
        message = ngettext("{benefit} was already granted to this child in quarter {quarter} of {year}: "
                           "{documents}; at most {limit} per quarter{paragraph}",
                           "{benefit} was already granted to this child in quarter {quarter} of {year}: "
                           "{documents}; at most {limit} per quarter{paragraph}", limit)
    else:
        message = ngettext("{benefit} was already granted to this person in quarter {quarter} of {year}: "
                           "{documents}; at most {limit} per quarter{paragraph}",
                           "{benefit} was already granted to this person in quarter {quarter} of {year}: "
                           "{documents}; at most {limit} per quarter{paragraph}", limit)
    # The paragraph is a reference ("§12 ust. 1"), the same in every language.
    paragraph = f" ({kind.paragraf})" if kind.paragraf else ""
    return [(loc, message.format(benefit=kind.nazwa, year=item.year, quarter=quarter(item), limit=limit,
                                 documents="; ".join(r.label() for r in earlier), paragraph=paragraph))]


def guarantors(item: Issued, ledger: Ledger, params: ZfssParams) -> Findings:
    """Each guarantor guarantees at most `maks_poreczen` loans not yet repaid (§17 ust. 4)."""
    loans = params.pozyczki
    found: Findings = []
    for index, person in enumerate(item.guarantors):
        running = [r for r in ledger.guaranteed(person.key, (item.form, item.case_id))
                   if _repaid_on(r) is None or _repaid_on(r) >= item.doc_date]  # type: ignore[operator]
        if len(running) >= loans.maks_poreczen:
            found.append((("poreczyciele", index), ngettext(
                "this guarantor already guarantees {count} loans: {documents}; one employee guarantees at most "
                "{limit} ({paragraph})",
                "this guarantor already guarantees {count} loans: {documents}; one employee guarantees at most "
                "{limit} ({paragraph})", len(running)).format(
                count=len(running), documents="; ".join(r.label() for r in running), limit=loans.maks_poreczen,
                paragraph=loans.paragraf_poreczen)))
    return found


def _repaid_on(row: Row) -> Any:
    """When a loan was repaid: the recorded early repayment, else its last installment."""
    return row.repaid_on or row.issued.ends_on


def waiting_time(item: Issued, ledger: Ledger, params: ZfssParams, exception: str | None,
                 loc: tuple[Any, ...]) -> Findings:
    """A new loan only `karencja_miesiecy` after the last one was repaid (§20 ust. 1), unless
    the case gives the exceptional situation (`wyjatek`)."""
    assert item.person is not None
    loans = [r for r in ledger.person(item.person.key, (item.form, item.case_id))
             if r.issued.kind == "pozyczka" and r.issued.doc_date <= item.doc_date]
    if not loans or exception:
        return []
    last = max(loans, key=lambda r: _repaid_on(r) or r.issued.doc_date)
    repaid = _repaid_on(last)
    months, cite = params.pozyczki.karencja_miesiecy, params.pozyczki.paragraf_karencji
    earliest = add_months(repaid, months)
    if item.doc_date >= earliest:
        return []
    if last.repaid_on:
        message = ngettext("the last loan ({loan}) is repaid early on {repaid}; a new loan only {months} months "
                           "after, not before {earliest} ({paragraph}); in an exceptional situation give the reason "
                           "in {field}",
                           "the last loan ({loan}) is repaid early on {repaid}; a new loan only {months} months "
                           "after, not before {earliest} ({paragraph}); in an exceptional situation give the reason "
                           "in {field}", months)
    else:
        message = ngettext("the last loan ({loan}) is repaid by its schedule on {repaid}; a new loan only {months} "
                           "months after, not before {earliest} ({paragraph}); in an exceptional situation give the "
                           "reason in {field}",
                           "the last loan ({loan}) is repaid by its schedule on {repaid}; a new loan only {months} "
                           "months after, not before {earliest} ({paragraph}); in an exceptional situation give the "
                           "reason in {field}", months)
    return [(loc, message.format(loan=last.label(), repaid=repaid.strftime("%d.%m.%Y"), months=months,
                                 earliest=earliest.strftime("%d.%m.%Y"), paragraph=cite, field=quoted("wyjatek")))]


def plan_part(item: Issued, ledger: Ledger, loc: tuple[Any, ...]) -> Findings:
    """What the plan's part for the year still holds covers this grant."""
    if not item.section or not item.granted:
        return []
    plans = [r for r in ledger.year(item.year) if r.issued.form == "zfss-plan-podzialu"]
    if not plans:
        return []
    plan = plans[-1]
    part = Decimal(plan.issued.details.get("czesci", {}).get(item.section, "0"))
    spent = sum((r.issued.granted or ZERO for r in ledger.year(item.year, (item.form, item.case_id))
                 if r.issued.section == item.section and r.issued.kind not in (None, "plan")), ZERO)
    left = part - spent
    if item.granted <= left:
        return []
    return [(loc, _("the plan's part {part} for {year} is {amount} ({plan}); {spent} already granted, so {granted} "
                    "exceeds the {left} left").format(
        part=quoted(item.section), year=item.year, amount=format_amount(part), plan=plan.label(),
        spent=format_amount(spent), granted=format_amount(item.granted), left=format_amount(max(left, ZERO))))]


def plan_execution(year: int, ledger: Ledger, params: ZfssParams) -> dict[str, Any]:
    """Per part of the year's plan: planned, granted (and how many documents), left."""
    rows = ledger.year(year)
    plans = [r for r in rows if r.issued.form == "zfss-plan-podzialu"]
    planned = plans[-1].issued.details.get("czesci", {}) if plans else {}
    parts = []
    for part in params.podzial_funduszu:
        mine = [r for r in granted(rows) if r.issued.section == part.klucz and r.issued.kind != "plan"]
        spent = sum((r.issued.granted or ZERO for r in mine), ZERO)
        parts.append({"klucz": part.klucz, "plan": str(planned[part.klucz]) if part.klucz in planned else None,
                      "przyznano": str(spent), "liczba": len(mine)})
    return {"plan": plans[-1].label() if plans else None, "czesci": parts}
