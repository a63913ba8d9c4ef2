"""Tests for formgen.rules.income."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from formgen.rules.income import (
    IncomeGroup,
    check_groups,
    income_group,
    income_per_member,
    is_counted_child,
)

D = Decimal
GROUPS = (
    IncomeGroup(1, None, D("1500")),
    IncomeGroup(2, D("1500"), D("2500")),
    IncomeGroup(3, D("2500"), D("3500")),
    IncomeGroup(4, D("3500"), D("4500")),
    IncomeGroup(5, D("4500"), D("5500")),
    IncomeGroup(6, D("5500"), None),
)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("0.00", 1),
        ("1500.00", 1),  # "do 1 500" includes 1 500
        ("1500.01", 2),  # "od 1 500" starts strictly above it
        ("2500.00", 2),
        ("3000.00", 3),
        ("5500.00", 5),
        ("5500.01", 6),
        ("99999.99", 6),
    ],
)
def test_income_group_boundaries(value: str, number: int) -> None:
    assert income_group(D(value), GROUPS).number == number


def test_check_groups_accepts_valid() -> None:
    check_groups(GROUPS)
    check_groups([IncomeGroup(1, None, None)])


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ((), "no income groups"),
        ((GROUPS[1], GROUPS[0], *GROUPS[2:]), "income group 2 is at position 1"),
        ((replace(GROUPS[0], lower=D("0")), *GROUPS[1:]), "group 1 is the first"),
        ((*GROUPS[:5], replace(GROUPS[5], upper=D("9000"))), "group 6 is the last"),
        (
            (GROUPS[0], replace(GROUPS[1], lower=D("1600")), *GROUPS[2:]),
            "group 2 starts at 1600 but group 1 ends at 1500",
        ),
        (
            (GROUPS[0], replace(GROUPS[1], lower=D("1400")), *GROUPS[2:]),
            "gap or overlap",
        ),
        (
            (*GROUPS[:2], replace(GROUPS[2], upper=D("2500")), *GROUPS[3:]),
            "group 3 has upper bound 2500 not above",
        ),
        ((GROUPS[0], replace(GROUPS[1], upper=None), *GROUPS[2:]), "group 2 needs an upper"),
        ((*GROUPS[:3], replace(GROUPS[3], lower=None), *GROUPS[4:]), "group 4 needs a lower"),
    ],
)
def test_check_groups_rejects(groups: tuple[IncomeGroup, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_groups(groups)


def test_income_group_checks_the_groups() -> None:
    with pytest.raises(ValueError, match="gap or overlap"):
        income_group(D("1550"), [GROUPS[0], replace(GROUPS[1], lower=D("1600")), *GROUPS[2:]])


def test_income_per_member_worked_example() -> None:
    # Two earners, 7 200 and 5 400 a month, over 3 months: (7 200 + 5 400) × 3 = 37 800;
    # 37 800 ÷ 3 months = 12 600 a month; ÷ 4 family members = 3 150.00.
    assert income_per_member(D("37800.00"), 3, 4) == D("3150.00")
    assert income_group(income_per_member(D("37800.00"), 3, 4), GROUPS).number == 3


@pytest.mark.parametrize(
    ("total", "months", "members", "expected"),
    [
        ("10000.00", 3, 3, "1111.11"),  # 10 000 / 9 = 1 111.111…
        ("1000.02", 3, 2, "166.67"),  # 1 000.02 / 6 = 166.67
        ("0.03", 3, 2, "0.01"),  # 0.03 / 6 = 0.005 → half up 0.01
        ("0.00", 3, 1, "0.00"),
    ],
)
def test_income_per_member_rounding(total: str, months: int, members: int, expected: str) -> None:
    assert income_per_member(D(total), months, members) == D(expected)


@pytest.mark.parametrize(
    ("total", "months", "members", "message"),
    [
        ("100", 3, 0, "at least 1 member"),
        ("100", 0, 2, "at least 1 month"),
        ("-1", 3, 2, "cannot be negative"),
    ],
)
def test_income_per_member_errors(total: str, months: int, members: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        income_per_member(D(total), months, members)


def test_is_counted_child() -> None:
    on = date(2026, 6, 1)
    assert is_counted_child(date(2008, 6, 2), on, 18)  # 17 until tomorrow
    assert not is_counted_child(date(2008, 6, 1), on, 18)  # turns 18 today
    assert is_counted_child(date(2008, 6, 1), on, 19)  # the limit is data
