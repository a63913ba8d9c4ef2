"""Tests for formgen.rules.depreciation: worked examples computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formgen.rules.depreciation import (
    Thresholds,
    classify,
    monthly_charge,
    one_off,
    straight_line,
    year_totals,
)

D = Decimal
SEED = Thresholds(fixed_above=D("3500.00"), low_value_from=D("2000.00"))  # POL §3 ust. 2 pkt 6, 13
ZERO = D("0.00")


@pytest.mark.parametrize(("value", "expected"), [
    ("3500.01", "fixed"),  # "powyżej 3.500 zł"
    ("3500.00", "low_value"),  # exactly the upper threshold is not above it
    ("2000.00", "low_value"),  # "większa lub równa kwocie 2000 zł"
    ("1999.99", "material"),  # "poniżej 2.000 zł"
    ("0.00", "material"),
])
def test_class_by_the_seed_thresholds(value: str, expected: str) -> None:
    assert classify(D(value), SEED) == expected


def test_listed_items_are_low_value_below_the_lower_threshold() -> None:
    # pkt 14: furniture, computers, phones … count as low-value assets whatever their value.
    assert classify(D("450.00"), SEED, always_low_value=True) == "low_value"
    assert classify(D("5000.00"), SEED, always_low_value=True) == "fixed"


def test_thresholds_are_data() -> None:
    # With the CIT one-off threshold of 10 000 zł a 9 000 zł laptop is a low-value asset.
    assert classify(D("9000.00"), Thresholds(D("10000.00"), D("2000.00"))) == "low_value"
    with pytest.raises(ValueError, match="the low-value threshold 5000 is above the fixed-asset threshold 3500"):
        Thresholds(D("3500"), D("5000"))


def test_monthly_charge_rounds_half_up_to_the_grosz() -> None:
    assert monthly_charge(D("12000.00"), D("20")) == D("200.00")  # 12 000 × 20 % ÷ 12
    assert monthly_charge(D("10000.00"), D("14")) == D("116.67")  # 1 400 ÷ 12 = 116,666…
    assert monthly_charge(D("3999.99"), D("30")) == D("100.00")  # 1 199,997 ÷ 12 = 99,99975


def test_worked_example_from_the_month_after_acceptance() -> None:
    # 12 000 zł accepted 15.03.2026 at 20 %: 200 zł a month from April; 12 000 ÷ 200 = 60 months,
    # April 2026 … March 2031. In 2026: April–December = 9 × 200 = 1 800; net 12 000 − 1 800 = 10 200.
    plan = straight_line(D("12000.00"), D("20"), date(2026, 3, 15))
    assert len(plan) == 60
    assert plan[0] == (date(2026, 4, 1), D("200.00"))
    assert plan[-1] == (date(2031, 3, 1), D("200.00"))
    totals = year_totals(D("12000.00"), plan, 2026)
    assert (totals.opening, totals.charges, totals.closing, totals.net) == (ZERO, D("1800.00"), D("1800.00"),
                                                                           D("10200.00"))
    assert totals.by_month == (ZERO,) * 3 + (D("200.00"),) * 9


def test_plan_that_ends_mid_year() -> None:
    # 6 000 zł accepted 10.01.2024 at 30 %: 150 zł a month from February 2024; 6 000 ÷ 150 = 40
    # months, February 2024 … May 2027. Before 2027: 11 + 12 + 12 = 35 months × 150 = 5 250.
    # In 2027: January–May = 5 × 150 = 750; accumulated 6 000; net 0; nothing from June.
    plan = straight_line(D("6000.00"), D("30"), date(2024, 1, 10))
    totals = year_totals(D("6000.00"), plan, 2027)
    assert (totals.opening, totals.charges, totals.closing, totals.net) == (D("5250.00"), D("750.00"),
                                                                           D("6000.00"), ZERO)
    assert totals.by_month == (D("150.00"),) * 5 + (ZERO,) * 7
    assert year_totals(D("6000.00"), plan, 2028).charges == ZERO


def test_last_month_takes_the_remainder() -> None:
    # 10 000 zł at 14 %: 116,67 a month; 85 × 116,67 = 9 916,95; the 86th month takes 83,05.
    plan = straight_line(D("10000.00"), D("14"), date(2026, 1, 31))
    assert len(plan) == 86
    assert plan[-2][1] == D("116.67") and plan[-1] == (date(2033, 3, 1), D("83.05"))  # Feb 2026 + 85
    assert sum(amount for _, amount in plan) == D("10000.00")


def test_rounded_up_charge_never_overshoots() -> None:
    # 3 999,99 zł at 30 % accepted 05.12.2025: 100,00 a month from January 2026 (rounded up from
    # 99,99975); 39 × 100 = 3 900, the 40th month (April 2029) takes 99,99.
    # In 2029: opening 36 × 100 = 3 600; January–March 300 + April 99,99 = 399,99; net 0.
    plan = straight_line(D("3999.99"), D("30"), date(2025, 12, 5))
    assert plan[0][0] == date(2026, 1, 1) and plan[-1] == (date(2029, 4, 1), D("99.99"))
    totals = year_totals(D("3999.99"), plan, 2029)
    assert (totals.opening, totals.charges, totals.net) == (D("3600.00"), D("399.99"), ZERO)


def test_withdrawal_ends_the_write_offs_with_its_month() -> None:
    # 12 000 zł at 20 % from April 2026, sold 10.08.2027: write-offs April 2026 … August 2027,
    # 17 months × 200 = 3 400. In 2027: opening 1 800, January–August 8 × 200 = 1 600, net 8 600.
    plan = straight_line(D("12000.00"), D("20"), date(2026, 3, 15), withdrawn=date(2027, 8, 10))
    assert len(plan) == 17 and plan[-1][0] == date(2027, 8, 1)
    totals = year_totals(D("12000.00"), plan, 2027)
    assert (totals.opening, totals.charges, totals.closing, totals.net) == (D("1800.00"), D("1600.00"),
                                                                           D("3400.00"), D("8600.00"))


def test_land_is_not_depreciated() -> None:
    # A plot of 85 000 zł: rate 0, no write-offs, the net value stays the initial value.
    plan = straight_line(D("85000.00"), D("0"), date(2020, 5, 4))
    assert plan == []
    totals = year_totals(D("85000.00"), plan, 2026)
    assert (totals.opening, totals.charges, totals.closing, totals.net) == (ZERO, ZERO, ZERO, D("85000.00"))


def test_low_value_asset_is_written_off_at_once() -> None:
    # A 2 800 zł printer accepted 20.06.2026: low-value, 2 800 in June 2026; net 0 at the year end;
    # in 2027 it is already fully written off (opening 2 800, nothing more).
    assert classify(D("2800.00"), SEED) == "low_value"
    plan = one_off(D("2800.00"), date(2026, 6, 20))
    assert plan == [(date(2026, 6, 1), D("2800.00"))]
    totals = year_totals(D("2800.00"), plan, 2026)
    assert (totals.charges, totals.net) == (D("2800.00"), ZERO)
    assert totals.by_month[5] == D("2800.00")
    later = year_totals(D("2800.00"), plan, 2027)
    assert (later.opening, later.charges, later.net) == (D("2800.00"), ZERO, ZERO)


def test_asset_accepted_after_the_year_has_nothing_in_it() -> None:
    plan = straight_line(D("12000.00"), D("20"), date(2026, 12, 1))
    totals = year_totals(D("12000.00"), plan, 2026)
    assert (totals.charges, totals.net) == (ZERO, D("12000.00"))  # starts January 2027


def test_negative_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="annual rate cannot be negative"):
        straight_line(D("5000.00"), D("-10"), date(2026, 1, 1))


@given(
    grosze=st.integers(1, 10**9),
    rate=st.sampled_from([D("1.5"), D("2.5"), D("10"), D("14"), D("20"), D("30"), D("100")]),
    day=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)
def test_write_offs_always_end_exactly_at_the_value(grosze: int, rate: Decimal, day: date) -> None:
    value = D(grosze) / 100
    plan = straight_line(value, rate, day)
    amounts = [amount for _, amount in plan]
    assert sum(amounts) == value
    assert len(set(amounts[:-1])) <= 1 and amounts[-1] <= amounts[0]
    assert plan[0][0] > day


def test_asset_sold_during_the_year_leaves_the_year_end_values() -> None:
    # A 5 400 zł server (KŚT 491, 30 %) accepted 15.02.2024, sold 10.07.2026 (POL §3 ust. 2
    # pkt 7: write-offs up to the end of the month of the sale). 5 400 × 30 % ÷ 12 = 135 a month
    # from March 2024: 2024 10 × 135 = 1 350, 2025 12 × 135 = 1 620 → 2 970 on 1 January 2026;
    # January–July 2026 7 × 135 = 945; 3 915 written off in all, which leaves with the asset.
    # At 31 December 2026 it is no longer in the register: no accumulation, no net value.
    sold = date(2026, 7, 10)
    plan = straight_line(D("5400.00"), D("30"), date(2024, 2, 15), withdrawn=sold)
    totals = year_totals(D("5400.00"), plan, 2026, withdrawn=sold)
    assert (totals.opening, totals.charges, totals.closing, totals.net) == (D("2970.00"), D("945.00"),
                                                                           ZERO, ZERO)
    assert (totals.retired, totals.withdrawn) == (D("3915.00"), True)
    assert totals.by_month == (D("135.00"),) * 7 + (ZERO,) * 5
    # The year before, it was still in use: net 5 400 − 2 970 = 2 430 at 31 December 2025.
    before = year_totals(D("5400.00"), plan, 2025, withdrawn=sold)
    assert (before.closing, before.net, before.withdrawn) == (D("2970.00"), D("2430.00"), False)
