"""Tests for formgen.rules.tax."""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.rules.tax import BenefitTax, benefit_tax, subsidy

D = Decimal


def tax(granted: str, used: str = "0", rate: str = "0.12", **flags: bool) -> BenefitTax:
    """Estimate tax with a 1 000 zł limit unless told otherwise."""
    return benefit_tax(
        D(granted),
        annual_limit=D("1000"),
        used_this_year=D(used),
        rate=D(rate),
        exempt_without_limit=flags.pop("exempt", False),
        **flags,
    )


def test_domain_example() -> None:
    # 1 200 − 1 000 left = 200 taxable; 200 × 12 % = 24; paid out 1 200 − 24 = 1 176.
    assert tax("1200") == BenefitTax(D("1200"), D("1000"), D("200"), D("24"), D("1176"))


def test_limit_partly_used() -> None:
    # 1 000 − 500 used = 500 left; 1 200 − 500 = 700 taxable; 700 × 12 % = 84; 1 116 paid out.
    assert tax("1200", used="500") == BenefitTax(D("1200"), D("500"), D("700"), D("84"), D("1116"))


def test_limit_used_up() -> None:
    # Nothing left: all 1 200 taxable; 144 tax.
    result = tax("1200", used="1500")
    assert (result.limit_left, result.taxable, result.tax, result.payout) == (
        D("0"),
        D("1200"),
        D("144"),
        D("1056"),
    )


def test_within_limit() -> None:
    assert tax("800").tax == 0 and tax("800").payout == D("800")


def test_exempt_without_limit() -> None:
    result = tax("3000", exempt=True)
    assert (result.taxable, result.tax, result.payout) == (D("0"), D("0"), D("3000"))


def test_voucher_taxable_in_full() -> None:
    # 300 × 12 % = 36, though the limit is untouched.
    result = tax("300", taxable_in_full=True)
    assert (result.taxable, result.tax, result.payout) == (D("300"), D("36"), D("264"))


@pytest.mark.parametrize(
    ("granted", "rate", "expected"),
    [
        ("1234.90", "0.10", "23"),  # 234.90 × 10 % = 23.49 → 23
        ("1235.00", "0.10", "24"),  # 235.00 × 10 % = 23.50 → 24
        ("1195.75", "0.12", "23"),  # 195.75 × 12 % = 23.49 → 23
        ("1195.84", "0.12", "24"),  # 195.84 × 12 % = 23.5008 → 24
    ],
)
def test_tax_rounds_to_full_zloty(granted: str, rate: str, expected: str) -> None:
    result = tax(granted, rate=rate)
    assert result.tax == D(expected)
    assert result.payout == D(granted) - D(expected)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"granted": "-1"}, "cannot be negative"),
        ({"granted": "1", "rate": "1.5"}, "between 0 and 1"),
        ({"granted": "1", "exempt": True, "taxable_in_full": True}, "both exempt"),
    ],
)
def test_benefit_tax_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tax(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bills", "percent", "cap", "expected"),
    [
        ("1000.00", "65", None, "650.00"),
        ("333.33", "35", None, "116.67"),  # 116.6655 → 116.67 (half up)
        ("333.30", "35", None, "116.66"),  # 116.655 → 116.66 (half up, not to even)
        ("1000.00", "90", "500.00", "500.00"),  # 900 capped at 500
        ("100.00", "20", "500.00", "20.00"),  # below the cap
        ("0", "90", "500", "0.00"),
    ],
)
def test_subsidy(bills: str, percent: str, cap: str | None, expected: str) -> None:
    assert subsidy(D(bills), D(percent), None if cap is None else D(cap)) == D(expected)


@pytest.mark.parametrize(
    ("bills", "percent", "cap", "message"),
    [
        ("-1", "50", None, "bills cannot be negative"),
        ("100", "101", None, "between 0 and 100"),
        ("100", "50", "-5", "cap cannot be negative"),
    ],
)
def test_subsidy_errors(bills: str, percent: str, cap: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        subsidy(D(bills), D(percent), None if cap is None else D(cap))
