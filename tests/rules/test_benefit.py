"""Tests for formgen.rules.benefit: the committee's decision amounts, worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.rules.benefit import Award, award

D = Decimal


def decide(
    bills: str | None,
    percent: str | None = "80",
    cap: str | None = "1100",
    *,
    committee: str | None = None,
    used: str = "0",
    treatment: str = "limit",
) -> Award:
    """A decision under the 2026 tax parameters: 1 000 zł limit, 12 %."""
    return award(
        None if bills is None else D(bills),
        None if percent is None else D(percent),
        None if cap is None else D(cap),
        committee=None if committee is None else D(committee),
        annual_limit=D("1000"),
        used_limit=D(used),
        rate=D("0.12"),
        treatment=treatment,
    )  # type: ignore[arg-type]


def test_group_2_capped_and_taxed_above_the_limit() -> None:
    # 2 000 × 80 % = 1 600 → capped at 1 100; limit left 1 000 − 0 = 1 000; taxable 100;
    # 100 × 12 % = 12; paid out 1 100 − 12 = 1 088.
    assert decide("2000") == Award(
        D("1600.00"), D("1100.00"), D("1000.00"), D("100.00"), D("12"), D("1088.00")
    )


def test_domain_example_committee_amount() -> None:
    # The committee grants 1 200 (group 1 cap 1 200): taxable 1 200 − 1 000 = 200; 24 tax;
    # 1 176 paid.
    result = decide("1500", "90", "1200", committee="1200")
    assert (result.computed, result.granted, result.tax, result.payout) == (
        D("1350.00"),
        D("1200.00"),
        D("24"),
        D("1176.00"),
    )  # 1 500 × 90 % = 1 350, over the cap


def test_below_the_cap_within_the_limit() -> None:
    # 500 × 80 % = 400 (under the 1 100 cap); 400 ≤ 1 000 left → no tax.
    result = decide("500")
    assert (result.granted, result.taxable, result.tax, result.payout) == (
        D("400.00"),
        D("0.00"),
        D("0"),
        D("400.00"),
    )


def test_exactly_at_the_cap_and_the_limit() -> None:
    # 1 375 × 80 % = 1 100 = cap; used 100 → 900 left; taxable 200; 24 tax.
    result = decide("1375", used="100")
    assert (result.granted, result.limit_left, result.taxable, result.tax) == (
        D("1100.00"),
        D("900.00"),
        D("200.00"),
        D("24"),
    )


def test_one_grosz_over_the_cap() -> None:
    # 1 375,02 × 80 % = 1 100,016 → 1 100,02 → capped at 1 100,00.
    assert decide("1375.02").granted == D("1100.00")


def test_limit_used_exactly() -> None:
    # Used 1 000: nothing left; 400 taxable in full; 48 tax; 352 paid.
    result = decide("500", used="1000")
    assert (result.limit_left, result.taxable, result.tax, result.payout) == (
        D("0.00"),
        D("400.00"),
        D("48"),
        D("352.00"),
    )


def test_committee_overrides_but_never_above_the_cap() -> None:
    assert decide("2000", committee="700").granted == D("700.00")  # below the computed 1 100
    assert decide("2000", committee="1500").granted == D("1100.00")  # held at the cap
    assert decide(None, committee="900").computed is None  # no bills: the committee's amount alone
    assert decide(None, committee="900").granted == D("900.00")


def test_exempt_kind_pays_out_in_full() -> None:
    # Children's holidays: 1 000 × 90 % = 900 (cap 1 000); exempt without limit even when the
    # limit is used up.
    result = decide("1000", "90", "1000", used="1000", treatment="zwolnione")
    assert (result.granted, result.tax, result.payout) == (D("900.00"), D("0"), D("900.00"))


def test_taxable_in_full_ignores_the_limit() -> None:
    # Vouchers: 300 × 12 % = 36 although the limit is untouched.
    result = decide("300", "100", None, treatment="w_calosci")
    assert (result.granted, result.taxable, result.tax, result.payout) == (
        D("300.00"),
        D("300.00"),
        D("36"),
        D("264.00"),
    )


def test_bills_in_full_when_no_percentage() -> None:
    # Random-event grant: the bills in full (2 300) up to the event's cap of 1 500; exempt.
    result = decide("2300", None, "1500", treatment="zwolnione")
    assert (result.computed, result.granted, result.payout) == (
        D("2300.00"),
        D("1500.00"),
        D("1500.00"),
    )
    assert decide("900", None, None, treatment="zwolnione").granted == D("900.00")


def test_cap_left_of_zero_grants_nothing() -> None:
    # A quarter's cap already used up: the caller passes a cap left of 0.
    result = decide("200", "80", "0")
    assert (result.granted, result.tax, result.payout) == (D("0.00"), D("0"), D("0.00"))


def test_tax_rounding_half_up_to_zloty() -> None:
    # Used 700 → 300 left; 1 100 − 300 = 800 taxable; 800 × 12 % = 96.
    assert decide("2000", used="700").tax == D("96")
    # 1 004,17 granted (committee): taxable 4,17 × 12 % = 0,5004 → 1 zł;
    # 4,16 × 12 % = 0,4992 → 0 zł.
    assert decide(None, None, None, committee="1004.17").tax == D("1")
    assert decide(None, None, None, committee="1004.16").tax == D("0")


@pytest.mark.parametrize(
    ("bills", "committee", "cap", "message"),
    [
        (None, None, "100", "neither bills nor a committee amount"),
        (None, "-5", "100", "committee's amount cannot be negative"),
        (None, "50", "-1", "cap cannot be negative"),
        ("-1", None, "100", "bills cannot be negative"),
    ],
)
def test_errors(bills: str | None, committee: str | None, cap: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide(bills, cap=cap, committee=committee)
