"""ZFŚS housing loan: installment plan by a chosen interest method, and the agreement's checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from formgen.i18n import _, ngettext, number
from formgen.rules.dates import add_months
from formgen.rules.money import GROSZ, to_money

METHODS = ("flat", "interest_first", "declining")


@dataclass(frozen=True)
class LoanTerms:
    """Loan rules of the institution's regulations (read from data, never hard-coded)."""

    annual_rate: Decimal  # Decimal("0.03") for 3 % a year
    method: str  # "flat" | "interest_first" | "declining"
    rounding_unit: Decimal  # Decimal("1") for full złoty, Decimal("0.01") for grosze
    allowed_months: tuple[int, ...]  # e.g. (12, 24, 36)
    max_months: int  # e.g. 36
    max_start_delay_months: int  # repayment starts at most this many months after the grant


@dataclass(frozen=True)
class Installment:
    """One installment; balance_after is the principal still owed after paying it."""

    number: int
    due: date
    principal: Decimal
    interest: Decimal
    amount: Decimal
    balance_after: Decimal


@dataclass(frozen=True)
class LoanPlan:
    """A repayment plan: the agreement's 'pierwsza … złotych, następne … złotych' and the schedule.

    next_installment is the second installment's amount (equal to the first for a one-month
    loan); with the "declining" method the later installments decrease from there.
    """

    principal: Decimal
    months: int
    total_interest: Decimal
    total_to_repay: Decimal
    first_installment: Decimal
    next_installment: Decimal
    first_due: date
    last_due: date
    schedule: tuple[Installment, ...]


def plan_loan(principal: Decimal, months: int, first_due: date, terms: LoanTerms) -> LoanPlan:
    """Compute the repayment plan of a loan with installments due monthly from first_due."""
    amount = _checked_principal(principal)
    _check_terms(months, terms)
    if terms.method == "flat":
        principal_parts, interest_parts = _flat(amount, months, terms)
    elif terms.method == "interest_first":
        principal_parts, interest_parts = _interest_first(amount, months, terms)
    else:
        principal_parts, interest_parts = _declining(amount, months, terms)
    schedule = _schedule(amount, first_due, principal_parts, interest_parts)
    return LoanPlan(
        principal=amount,
        months=months,
        total_interest=sum(interest_parts, Decimal("0.00")),
        total_to_repay=sum((row.amount for row in schedule), Decimal("0.00")),
        first_installment=schedule[0].amount,
        next_installment=schedule[1].amount if months > 1 else schedule[0].amount,
        first_due=first_due,
        last_due=schedule[-1].due,
        schedule=schedule,
    )


def _checked_principal(principal: Decimal) -> Decimal:
    """Return the principal in grosze, refusing zero and negative amounts."""
    amount = to_money(principal)
    if amount <= 0:
        raise ValueError(_("loan amount must be positive, got {amount}").format(amount=number(amount)))
    return amount


def _check_terms(months: int, terms: LoanTerms) -> None:
    """Refuse a term, method, rate or rounding unit the calculation cannot work with."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(_("loan term must be a positive number of months, got {months}").format(months=repr(months)))
    if terms.method not in METHODS:
        raise ValueError(f"unknown loan method '{terms.method}' (use {', '.join(METHODS)})")
    if not terms.annual_rate.is_finite() or terms.annual_rate < 0:
        raise ValueError(_("annual rate must be zero or positive, got {rate}").format(rate=number(terms.annual_rate)))
    unit = terms.rounding_unit
    if not unit.is_finite() or unit <= 0 or unit % GROSZ != 0:
        raise ValueError(_("rounding unit must be a positive multiple of {grosz}, got {unit}").format(
            grosz=number(GROSZ), unit=number(unit)))


def _round_down(value: Decimal, unit: Decimal) -> Decimal:
    """Round down to a multiple of unit, kept in grosze (441.67 by 1 → 441.00)."""
    return ((value / unit).to_integral_value(rounding=ROUND_FLOOR) * unit).quantize(GROSZ)


def _equal_parts(total: Decimal, months: int, unit: Decimal) -> list[Decimal]:
    """Split total into equal parts rounded down to unit; the first part absorbs the remainder."""
    following = _round_down(total / months, unit)
    if following <= 0:
        raise ValueError(ngettext("installments of {amount} over {count} month round down to zero",
                                  "installments of {amount} over {count} months round down to zero",
                                  months).format(amount=number(total), count=months))
    return [total - following * (months - 1)] + [following] * (months - 1)


def _simple_interest(principal: Decimal, months: int, annual_rate: Decimal) -> Decimal:
    """Interest on the whole principal for the whole term, in grosze."""
    return (principal * annual_rate * months / 12).quantize(GROSZ, rounding=ROUND_HALF_UP)


def _flat(principal: Decimal, months: int, terms: LoanTerms) -> tuple[list[Decimal], list[Decimal]]:
    """Interest for the term spread over equal installments; return (principal, interest) parts."""
    interest = _simple_interest(principal, months, terms.annual_rate)
    total = principal + interest
    amounts = _equal_parts(total, months, terms.rounding_unit)
    # Each installment carries interest in the proportion interest/total. Rounding the running
    # sum (not each part) keeps every part non-negative and makes the parts add up exactly.
    interest_parts: list[Decimal] = []
    paid = charged = Decimal("0.00")
    for amount in amounts:
        paid += amount
        due_so_far = (paid * interest / total).quantize(GROSZ, rounding=ROUND_HALF_UP)
        interest_parts.append(due_so_far - charged)
        charged = due_so_far
    principal_parts = [a - i for a, i in zip(amounts, interest_parts, strict=True)]
    return principal_parts, interest_parts


def _interest_first(
    principal: Decimal, months: int, terms: LoanTerms
) -> tuple[list[Decimal], list[Decimal]]:
    """Interest for the term paid in full with the first installment."""
    interest = _simple_interest(principal, months, terms.annual_rate)
    principal_parts = _equal_parts(principal, months, terms.rounding_unit)
    interest_parts = [interest] + [Decimal("0.00")] * (months - 1)
    return principal_parts, interest_parts


def _declining(
    principal: Decimal, months: int, terms: LoanTerms
) -> tuple[list[Decimal], list[Decimal]]:
    """Equal principal parts; each month's interest is rate/12 on the principal still owed."""
    principal_parts = _equal_parts(principal, months, terms.rounding_unit)
    interest_parts: list[Decimal] = []
    owed = principal
    for part in principal_parts:
        interest_parts.append(
            (owed * terms.annual_rate / 12).quantize(GROSZ, rounding=ROUND_HALF_UP)
        )
        owed -= part
    return principal_parts, interest_parts


def _schedule(
    principal: Decimal,
    first_due: date,
    principal_parts: Sequence[Decimal],
    interest_parts: Sequence[Decimal],
) -> tuple[Installment, ...]:
    """Assemble the installments; balance_after is the principal still owed after each one."""
    rows: list[Installment] = []
    owed = principal
    for index, (part, interest) in enumerate(zip(principal_parts, interest_parts, strict=True)):
        owed -= part
        rows.append(
            Installment(
                number=index + 1,
                due=add_months(first_due, index),
                principal=part,
                interest=interest,
                amount=part + interest,
                balance_after=owed,
            )
        )
    return tuple(rows)


def check_loan(
    *,
    months: int,
    granted_on: date,
    first_due: date,
    terms: LoanTerms,
    contract_end: date | None,
    guarantors: int,
    required_guarantors: int,
    principal: Decimal | None = None,
) -> list[tuple[str, str]]:
    """Return (field, message) problems of a loan application against the terms; empty when fine."""
    problems = _term_problems(months, terms)
    if principal is not None and principal > 0 and months >= 1:
        problems += _installment_problems(principal, months, terms)
    problems += _start_problems(granted_on, first_due, terms.max_start_delay_months)
    problems += _contract_problems(months, first_due, contract_end)
    if guarantors != required_guarantors:
        message = ngettext("exactly {count} guarantor is required, got {given}",
                           "exactly {count} guarantors are required, got {given}",
                           required_guarantors).format(count=required_guarantors, given=guarantors)
        problems.append(("poreczyciele", message))
    return problems


def _installment_problems(principal: Decimal, months: int, terms: LoanTerms) -> list[tuple[str, str]]:
    """Each installment must come to at least one rounding unit (else it rounds down to zero)."""
    spread = principal
    if terms.method == "flat":
        spread += _simple_interest(principal, months, terms.annual_rate)
    if spread / months >= terms.rounding_unit:
        return []
    unit = format(terms.rounding_unit, "f")
    message = ngettext("{amount} over {count} month gives installments below the rounding unit of {unit} zł: "
                       "lend at least {least} zł or choose fewer months",
                       "{amount} over {count} months gives installments below the rounding unit of {unit} zł: "
                       "lend at least {least} zł or choose fewer months",
                       months).format(amount=number(principal), count=months, unit=number(unit),
                                      least=number(terms.rounding_unit * months))
    return [("kwota", message)]


def _contract_problems(
    months: int, first_due: date, contract_end: date | None
) -> list[tuple[str, str]]:
    """Check that a fixed-term employee's last installment falls before the contract ends."""
    if contract_end is None or months < 1:
        return []
    last_due = add_months(first_due, months - 1)
    if last_due < contract_end:
        return []
    last, end = last_due.isoformat(), contract_end.isoformat()
    if last_due == contract_end:
        message = _("last installment {last} must fall before the fixed-term contract ends on {end}").format(
            last=last, end=end)
    else:
        message = _("last installment {last} falls after the fixed-term contract ends on {end}").format(
            last=last, end=end)
    return [("pozyczkobiorca.umowa_do", message)]


def _term_problems(months: int, terms: LoanTerms) -> list[tuple[str, str]]:
    """Check the number of installments against the maximum and the allowed terms."""
    if months > terms.max_months:
        message = ngettext("term must not exceed {count} month, got {months}",
                           "term must not exceed {count} months, got {months}",
                           terms.max_months).format(count=terms.max_months, months=months)
        return [("okres_miesiecy", message)]
    if months not in terms.allowed_months:
        allowed = ", ".join(str(m) for m in terms.allowed_months)
        return [("okres_miesiecy", _("term must be one of {allowed} months").format(allowed=allowed))]
    return []


def _start_problems(granted_on: date, first_due: date, max_delay: int) -> list[tuple[str, str]]:
    """Check that repayment starts on or after the grant and within the allowed delay."""
    if first_due < granted_on:
        message = _("repayment cannot start before the grant date ({date})").format(date=granted_on.isoformat())
        return [("pierwsza_rata", message)]
    limit = add_months(granted_on, max_delay)
    if first_due > limit:
        message = ngettext("repayment must start within {count} month of the grant date (by {date})",
                           "repayment must start within {count} months of the grant date (by {date})",
                           max_delay).format(count=max_delay, date=limit.isoformat())
        return [("pierwsza_rata", message)]
    return []
