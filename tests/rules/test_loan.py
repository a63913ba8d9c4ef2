"""Tests for formgen.rules.loan: worked examples computed by hand, then properties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formgen.rules.loan import LoanTerms, check_loan, plan_loan

D = Decimal
TERMS = LoanTerms(
    annual_rate=D("0.03"),
    method="flat",
    rounding_unit=D("1"),
    allowed_months=(12, 24, 36),
    max_months=36,
    max_start_delay_months=1,
)
START = date(2026, 3, 1)


def test_flat_24_months_full_zloty() -> None:
    # DOMAIN.md: interest 10 000 × 0.03 × 24/12 = 600.00; total 10 600.00;
    # 10 600 / 24 = 441.67 → 441 (down to full złoty); first = 10 600 − 23 × 441 = 457.
    plan = plan_loan(D("10000"), 24, START, TERMS)
    assert plan.total_interest == D("600.00")
    assert plan.total_to_repay == D("10600.00")
    assert (plan.first_installment, plan.next_installment) == (D("457"), D("441"))
    assert [row.amount for row in plan.schedule[1:]] == [D("441")] * 23
    assert plan.first_due == date(2026, 3, 1)
    assert plan.last_due == date(2028, 2, 1)
    # Interest carried by the first installment: 457 × 600 / 10 600 = 25.8679… → 25.87,
    # principal 457 − 25.87 = 431.13, principal still owed 10 000 − 431.13 = 9 568.87.
    first = plan.schedule[0]
    assert (first.interest, first.principal, first.balance_after) == (
        D("25.87"),
        D("431.13"),
        D("9568.87"),
    )
    assert plan.schedule[-1].balance_after == 0


def test_flat_36_months_full_zloty() -> None:
    # DOMAIN.md: interest 10 000 × 0.03 × 3 = 900.00; total 10 900.00;
    # 10 900 / 36 = 302.78 → 302; first = 10 900 − 35 × 302 = 10 900 − 10 570 = 330.
    plan = plan_loan(D("10000"), 36, START, TERMS)
    assert plan.total_interest == D("900.00")
    assert (plan.first_installment, plan.next_installment) == (D("330"), D("302"))
    assert plan.last_due == date(2029, 2, 1)


def test_flat_24_months_grosze() -> None:
    # 10 600.00 / 24 = 441.666… → 441.66 (down to grosz);
    # first = 10 600.00 − 23 × 441.66 = 10 600.00 − 10 158.18 = 441.82.
    plan = plan_loan(D("10000"), 24, START, replace(TERMS, rounding_unit=D("0.01")))
    assert (plan.first_installment, plan.next_installment) == (D("441.82"), D("441.66"))
    assert plan.total_to_repay == D("10600.00")


def test_interest_first_24_months() -> None:
    # Interest 600.00 as in flat. Principal parts: 10 000 / 24 = 416.67 → 416;
    # first part = 10 000 − 23 × 416 = 10 000 − 9 568 = 432; first installment 432 + 600 = 1 032.
    plan = plan_loan(D("10000"), 24, START, replace(TERMS, method="interest_first"))
    assert plan.total_interest == D("600.00")
    assert (plan.first_installment, plan.next_installment) == (D("1032"), D("416"))
    first = plan.schedule[0]
    assert (first.principal, first.interest, first.balance_after) == (D("432"), D("600"), D("9568"))
    assert all(row.interest == 0 for row in plan.schedule[1:])
    assert plan.total_to_repay == D("10600.00")


def test_declining_12_months_even_parts() -> None:
    # 12 000 / 12 = 1 000 principal a month; interest = owed × 0.03 / 12 = owed × 0.0025:
    # 12 000 → 30.00, 11 000 → 27.50, …, 1 000 → 2.50; sum = 2.50 × (12 + 11 + … + 1)
    # = 2.50 × 78 = 195.00. First 1 030.00, second 1 027.50, last 1 002.50.
    plan = plan_loan(D("12000"), 12, START, replace(TERMS, method="declining"))
    assert plan.total_interest == D("195.00")
    assert (plan.first_installment, plan.next_installment) == (D("1030.00"), D("1027.50"))
    assert plan.schedule[-1].amount == D("1002.50")
    assert plan.total_to_repay == D("12195.00")


def test_declining_12_months_with_remainder() -> None:
    # 10 000 / 12 = 833.33 → 833; first part = 10 000 − 11 × 833 = 837.
    # Interest on owed × 0.0025 (half up): 10 000 → 25.00; 9 163 → 22.9075 → 22.91;
    # 8 330 → 20.825 → 20.83; 7 497 → 18.7425 → 18.74; 6 664 → 16.66; 5 831 → 14.5775 → 14.58;
    # 4 998 → 12.495 → 12.50; 4 165 → 10.4125 → 10.41; 3 332 → 8.33; 2 499 → 6.2475 → 6.25;
    # 1 666 → 4.165 → 4.17; 833 → 2.0825 → 2.08. Sum 162.46.
    plan = plan_loan(D("10000"), 12, START, replace(TERMS, method="declining"))
    interest = ["25.00", "22.91", "20.83", "18.74", "16.66", "14.58"]
    interest += ["12.50", "10.41", "8.33", "6.25", "4.17", "2.08"]
    assert [row.interest for row in plan.schedule] == [D(x) for x in interest]
    assert plan.total_interest == D("162.46")
    assert (plan.first_installment, plan.next_installment) == (D("862.00"), D("855.91"))


def test_due_dates_clamp_to_month_end() -> None:
    plan = plan_loan(D("1200"), 12, date(2026, 1, 31), TERMS)
    assert [row.due for row in plan.schedule[:3]] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]


def test_zero_rate() -> None:
    plan = plan_loan(D("1000"), 12, START, replace(TERMS, annual_rate=D("0")))
    # 1 000 / 12 = 83.33 → 83; first = 1 000 − 11 × 83 = 87.
    assert (plan.total_interest, plan.first_installment, plan.next_installment) == (
        D("0"),
        D("87"),
        D("83"),
    )


def test_single_installment_next_equals_first() -> None:
    plan = plan_loan(D("1000"), 1, START, TERMS)
    assert plan.first_installment == plan.next_installment == D("1002.50")


@pytest.mark.parametrize(
    ("principal", "months", "terms", "message"),
    [
        (D("0"), 12, TERMS, "loan amount must be positive"),
        (D("100.001"), 12, TERMS, "more than 2 decimal places"),
        (D("1000"), 0, TERMS, "positive number of months"),
        (D("1000"), 12, replace(TERMS, method="balloon"), "unknown loan method"),
        (D("1000"), 12, replace(TERMS, annual_rate=D("-0.01")), "annual rate"),
        (D("1000"), 12, replace(TERMS, rounding_unit=D("0.001")), "rounding unit"),
        (D("5"), 12, TERMS, "round down to zero"),
    ],
)
def test_plan_loan_refuses_bad_input(
    principal: Decimal, months: int, terms: LoanTerms, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plan_loan(principal, months, START, terms)


@given(
    principal=st.decimals(min_value=100, max_value=100000, places=2),
    months=st.sampled_from([12, 24, 36]),
    method=st.sampled_from(["flat", "interest_first", "declining"]),
    unit=st.sampled_from([D("1"), D("0.01")]),
)
def test_plan_adds_up(principal: Decimal, months: int, method: str, unit: Decimal) -> None:
    plan = plan_loan(principal, months, START, replace(TERMS, method=method, rounding_unit=unit))
    rows = plan.schedule
    assert len(rows) == months
    assert sum(row.amount for row in rows) == plan.total_to_repay
    assert plan.total_to_repay == plan.principal + plan.total_interest
    assert sum(row.principal for row in rows) == plan.principal
    assert sum(row.interest for row in rows) == plan.total_interest
    assert rows[-1].balance_after == 0
    assert all(row.principal >= 0 and row.interest >= 0 for row in rows)
    assert all(row.amount == row.principal + row.interest for row in rows)
    assert plan.first_installment >= plan.next_installment
    if method != "declining":
        assert {row.amount for row in rows[1:]} == {plan.next_installment}
        assert plan.next_installment % unit == 0


def check(**changes: object) -> list[tuple[str, str]]:
    """Run check_loan on a valid application with some fields changed."""
    application: dict[str, object] = {
        "months": 24,
        "granted_on": date(2026, 2, 15),
        "first_due": date(2026, 3, 1),
        "terms": TERMS,
        "contract_end": None,
        "guarantors": 2,
        "required_guarantors": 2,
    }
    application.update(changes)
    return check_loan(**application)  # type: ignore[arg-type]


def test_check_loan_fine() -> None:
    assert check() == []
    assert check(first_due=date(2026, 3, 15)) == []  # exactly one month after the grant
    assert check(contract_end=date(2028, 2, 2)) == []  # last installment the day before


def test_check_loan_term_not_allowed() -> None:
    assert check(months=18) == [("okres_miesiecy", "term must be one of 12, 24, 36 months")]


def test_check_loan_term_too_long() -> None:
    assert check(months=48) == [("okres_miesiecy", "term must not exceed 36 months, got 48")]


def test_check_loan_starts_too_late() -> None:
    assert check(first_due=date(2026, 3, 16)) == [
        (
            "pierwsza_rata",
            "repayment must start within 1 month of the grant date (by 2026-03-15)",
        )
    ]


def test_check_loan_starts_before_grant() -> None:
    assert check(first_due=date(2026, 2, 14)) == [
        ("pierwsza_rata", "repayment cannot start before the grant date (2026-02-15)")
    ]


def test_check_loan_after_contract_end() -> None:
    assert check(contract_end=date(2027, 12, 31)) == [
        (
            "pozyczkobiorca.umowa_do",
            "last installment 2028-02-01 falls after the fixed-term contract ends on 2027-12-31",
        )
    ]


def test_check_loan_last_installment_on_contract_end() -> None:
    assert check(contract_end=date(2028, 2, 1)) == [
        (
            "pozyczkobiorca.umowa_do",
            (
                "last installment 2028-02-01 must fall before the fixed-term contract ends on "
                "2028-02-01"
            ),
        )
    ]


def test_check_loan_guarantors() -> None:
    assert check(guarantors=1) == [("poreczyciele", "exactly 2 guarantors are required, got 1")]
    assert check(guarantors=2, required_guarantors=1) == [
        ("poreczyciele", "exactly 1 guarantor is required, got 2")
    ]


def test_check_loan_reports_all_problems() -> None:
    fields = [field for field, _ in check(months=18, guarantors=0, first_due=date(2026, 5, 1))]
    assert fields == ["okres_miesiecy", "pierwsza_rata", "poreczyciele"]
