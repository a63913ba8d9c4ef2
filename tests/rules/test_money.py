"""Tests for formgen.rules.money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from formgen.rules.money import GROSZ, amount_in_words, format_amount, round_to_zloty, to_money

NBSP = "\u00a0"

# Expected words written out by hand (złoty/złote/złotych, grosz/grosze/groszy).
WORDS = [
    ("1", "jeden złoty 00/100", "jeden złoty"),
    ("2", "dwa złote 00/100", "dwa złote"),
    ("5", "pięć złotych 00/100", "pięć złotych"),
    ("12", "dwanaście złotych 00/100", "dwanaście złotych"),
    ("22", "dwadzieścia dwa złote 00/100", "dwadzieścia dwa złote"),
    ("1000", "jeden tysiąc złotych 00/100", "jeden tysiąc złotych"),
    ("2000", "dwa tysiące złotych 00/100", "dwa tysiące złotych"),
    ("3500", "trzy tysiące pięćset złotych 00/100", "trzy tysiące pięćset złotych"),
    ("1000000", "jeden milion złotych 00/100", "jeden milion złotych"),
    (
        "1200.50",
        "jeden tysiąc dwieście złotych 50/100",
        "jeden tysiąc dwieście złotych pięćdziesiąt groszy",
    ),
    ("0.01", "zero złotych 01/100", "zero złotych jeden grosz"),
    ("1.02", "jeden złoty 02/100", "jeden złoty dwa grosze"),
    ("22.22", "dwadzieścia dwa złote 22/100", "dwadzieścia dwa złote dwadzieścia dwa grosze"),
    ("14.14", "czternaście złotych 14/100", "czternaście złotych czternaście groszy"),
]


@pytest.mark.parametrize(("value", "contract", "spelled"), WORDS)
def test_amount_in_words_both_styles(value: str, contract: str, spelled: str) -> None:
    assert amount_in_words(Decimal(value)) == contract
    assert amount_in_words(Decimal(value), style="contract") == contract
    assert amount_in_words(Decimal(value), style="spelled") == spelled


def test_amount_in_words_large_amount_keeps_grosze() -> None:
    words = amount_in_words(Decimal("987654321.99"))
    assert words.startswith("dziewięćset osiemdziesiąt siedem milionów")
    assert words.endswith("złotych 99/100")


@pytest.mark.parametrize("value", [Decimal(-1), Decimal("1e12")])
def test_amount_in_words_refuses_out_of_range(value: Decimal) -> None:
    with pytest.raises(ValueError):
        amount_in_words(value)


def test_amount_in_words_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown amount-in-words style"):
        amount_in_words(Decimal(1), style="fancy")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.50", f"1{NBSP}234,50{NBSP}zł"),
        ("1000", f"1{NBSP}000,00{NBSP}zł"),  # 4-digit numbers are grouped too
        ("9999.99", f"9{NBSP}999,99{NBSP}zł"),
        ("12345678.90", f"12{NBSP}345{NBSP}678,90{NBSP}zł"),
        ("999.99", f"999,99{NBSP}zł"),
        ("0", f"0,00{NBSP}zł"),
        ("-0.00", f"0,00{NBSP}zł"),
        ("-1234.50", f"-1{NBSP}234,50{NBSP}zł"),
        ("0.5", f"0,50{NBSP}zł"),
    ],
)
def test_format_amount(value: str, expected: str) -> None:
    assert format_amount(Decimal(value)) == expected


def test_format_amount_without_currency() -> None:
    assert format_amount(Decimal("1234.5"), currency=False) == f"1{NBSP}234,50"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("23.49", "23"), ("23.50", "24"), ("23.51", "24"), ("0.49", "0"), ("0.50", "1")],
)
def test_round_to_zloty(value: str, expected: str) -> None:
    result = round_to_zloty(Decimal(value))
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234,50", "1234.50"),
        ("1 234.50", "1234.50"),
        (f"1{NBSP}234,5", "1234.50"),
        ("1234.5", "1234.50"),
        (" 12 ", "12.00"),
        ("-3,10", "-3.10"),
        ("1234.500", "1234.50"),
        (Decimal("7.1"), "7.10"),
        (42, "42.00"),
    ],
)
def test_to_money_parses(value: str | int | Decimal, expected: str) -> None:
    result = to_money(value)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == GROSZ.as_tuple().exponent


@pytest.mark.parametrize(
    "value", ["", "abc", "1.234,50", "1,2,3", "12zł", "NaN", "inf", "1e3", "1_000", "--1"]
)
def test_to_money_refuses_garbage(value: str) -> None:
    with pytest.raises(ValueError, match=r"^not an amount: '"):
        to_money(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), 1.5, True, None])
def test_to_money_refuses_non_amounts(value: object) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        to_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["1234.567", "0.1234", Decimal("0.005")])
def test_to_money_refuses_more_than_two_places(value: str | Decimal) -> None:
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        to_money(value)


@pytest.mark.parametrize("value, message", [
    ("16.200", "ambiguous amount '16.200': 16 200,00 zł or 16,20 zł? Write 16200 for thousands "
               "or 16,20 for złote and grosze"),
    ("16,200", "ambiguous amount '16,200': 16 200,00 zł or 16,20 zł? Write 16200 for thousands "
               "or 16,20 for złote and grosze"),
    ("1.234", "ambiguous amount '1.234': 1 234,00 zł or 1,234 zł? Write 1234 for thousands"),
])
def test_a_separator_before_three_digits_is_ambiguous(value: str, message: str) -> None:
    """In Poland a dot often groups thousands: '16.200' is refused, showing both readings."""
    with pytest.raises(ValueError) as exc:
        to_money(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("value, expected", [("16.20", "16.20"), ("16 200", "16200.00"), ("1.5", "1.50"),
                                             ("1 234,567", None)])
def test_amounts_that_are_not_ambiguous(value: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="more than 2 decimal places"):
            to_money(value)
    else:
        assert to_money(value) == Decimal(expected)
