"""Tests for formgen.rules.fund."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formgen.rules.fund import split_by_weights, split_total

D = Decimal
SEED_SHARES = {
    "wypoczynek": D("60"),
    "zapomogi": D("12.5"),
    "mieszkaniowe": D("17.5"),
    "inne": D("10"),
}


def parts(total: str) -> list[Decimal]:
    """Split a total by the seed's shares and return the parts in order."""
    return list(split_total(D(total), SEED_SHARES).values())


def test_split_exact() -> None:
    result = split_total(D("100000.00"), SEED_SHARES)
    assert list(result) == list(SEED_SHARES)  # keys keep the input order
    assert list(result.values()) == [D("60000"), D("12500"), D("17500"), D("10000")]


def test_split_one_grosz_left() -> None:
    # 100.01: exact 60.006 / 12.50125 / 17.50175 / 10.001 → down 60.00 / 12.50 / 17.50 / 10.00
    # = 100.00; 1 grosz left goes to the largest remainder (0.006, holidays).
    assert parts("100.01") == [D("60.01"), D("12.50"), D("17.50"), D("10.00")]


def test_split_three_grosze() -> None:
    # 0.03: exact 0.018 / 0.00375 / 0.00525 / 0.003 → down 0.01 / 0 / 0 / 0 = 0.01;
    # 2 grosze left go to remainders 0.008 (holidays) and 0.00525 (housing).
    assert parts("0.03") == [D("0.02"), D("0.00"), D("0.01"), D("0.00")]


def test_split_large_total() -> None:
    # 1 234 567.89: exact 740 740.734 / 154 320.98625 / 216 049.38075 / 123 456.789
    # → down 740 740.73 / 154 320.98 / 216 049.38 / 123 456.78 = 1 234 567.87;
    # 2 grosze left go to remainders 0.009 (other) and 0.00625 (hardship).
    assert parts("1234567.89") == [
        D("740740.73"),
        D("154320.99"),
        D("216049.38"),
        D("123456.79"),
    ]


def test_split_ties_follow_input_order() -> None:
    # 0.01 at 50/50: both exact parts are 0.005; the first given gets the grosz.
    assert split_total(D("0.01"), {"b": D("50"), "a": D("50")}) == {"b": D("0.01"), "a": D("0")}


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ({"a": D("60"), "b": D("39.5")}, "fund shares sum to 99.5 %, not 100 %"),
        ({"a": D("60"), "b": D("50")}, "fund shares sum to 110 %, not 100 %"),
        ({"a": D("110"), "b": D("-10")}, "fund share 'b' must be zero or positive"),
        ({}, "no fund shares"),
    ],
)
def test_split_rejects_bad_shares(shares: dict[str, Decimal], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_total(D("100"), shares)


def test_split_rejects_bad_total() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        split_total(D("-1"), SEED_SHARES)
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        split_total(D("1.001"), SEED_SHARES)


@st.composite
def shares_summing_to_100(draw: st.DrawFn) -> dict[str, Decimal]:
    """Draw 1–6 shares with up to 2 decimals (in hundredths of a percent) summing to 100."""
    cuts = draw(st.lists(st.integers(0, 10_000), min_size=0, max_size=5))
    points = [0, *sorted(cuts), 10_000]
    return {f"p{i}": D(b - a) / 100 for i, (a, b) in enumerate(pairwise(points))}


@given(
    total=st.integers(0, 10**11).map(lambda grosze: D(grosze) / 100),
    shares=shares_summing_to_100(),
)
def test_split_always_adds_up(total: Decimal, shares: dict[str, Decimal]) -> None:
    result = split_total(total, shares)
    assert sum(result.values()) == total
    assert list(result) == list(shares)
    for name, share in shares.items():
        # Largest-remainder: each part is within one grosz of its exact share.
        assert abs(result[name] - total * share / 100) < D("0.01")


# --- split_by_weights: any non-negative weights (revenues, areas, hours) --------------------

def test_weights_split_by_revenues() -> None:
    # 10 000,00 by revenues 84 000 : 36 000 (sum 120 000): 7 000 and 3 000 exactly.
    assert split_by_weights(D("10000.00"), {"nieodplatna": D("84000"), "odplatna": D("36000")}) == {
        "nieodplatna": D("7000.00"), "odplatna": D("3000.00")}


def test_weights_split_in_thirds() -> None:
    # 100,00 by 1 : 1 : 1: exact 33,333… each → down 33,33 ×3 = 99,99; the grosz left goes to
    # the first of the equal remainders.
    assert list(split_by_weights(D("100.00"), {"a": D(1), "b": D(1), "c": D(1)}).values()) == [
        D("33.34"), D("33.33"), D("33.33")]


def test_weights_largest_remainder() -> None:
    # 1 000,00 by 2 : 7 (sum 9): exact 222,222… and 777,777… → down 222,22 + 777,77 = 999,99;
    # the grosz goes to the larger remainder (0,00777… of the second part).
    assert split_by_weights(D("1000.00"), {"a": D(2), "b": D(7)}) == {"a": D("222.22"), "b": D("777.78")}


def test_weights_percentages_of_revenues() -> None:
    # 100 (per cent) by revenues 123 456,78 : 45 678,90 (sum 169 135,68):
    # 72,99274… and 27,00725… → down 72,99 + 27,00 = 99,99; the 0,01 goes to the larger remainder
    # (0,00725… of the paid activity): 72,99 % and 27,01 %.
    assert split_by_weights(D("100"), {"n": D("123456.78"), "o": D("45678.90")}) == {
        "n": D("72.99"), "o": D("27.01")}


def test_weights_zero_weight_gets_nothing() -> None:
    assert split_by_weights(D("50.00"), {"a": D(0), "b": D(3)}) == {"a": D("0.00"), "b": D("50.00")}


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "no weights given"),
        ({"a": D(1), "b": D(-1)}, "weight 'b' must be zero or positive"),
        ({"a": D(0), "b": D(0)}, "the weights sum to 0: nothing to split by"),
    ],
)
def test_weights_rejects_bad_weights(weights: dict[str, Decimal], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_by_weights(D("100"), weights)


def test_weights_rejects_negative_total() -> None:
    with pytest.raises(ValueError, match="total cannot be negative"):
        split_by_weights(D("-0.01"), {"a": D(1)})


@given(
    total=st.integers(0, 10**11).map(lambda grosze: D(grosze) / 100),
    weights=st.lists(st.integers(0, 10**9), min_size=1, max_size=6).filter(any),
)
def test_weights_always_add_up(total: Decimal, weights: list[int]) -> None:
    named = {f"w{i}": D(w) for i, w in enumerate(weights)}
    result = split_by_weights(total, named)
    assert sum(result.values()) == total
    whole = sum(weights)
    for name, weight in named.items():
        assert abs(result[name] - total * weight / whole) < D("0.01")
