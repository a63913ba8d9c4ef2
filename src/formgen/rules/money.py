"""Money: parsing to grosze, rounding, Polish display format and amounts in words."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from formgen.i18n import _

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

GROSZ = Decimal("0.01")
ZLOTY = Decimal(1)
NBSP = "\u00a0"

# Spaces people and spreadsheets put between thousands: plain, no-break, narrow no-break.
_THOUSANDS_SPACES = re.compile("[ \u00a0\u202f]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
# "16.200" or "16,200": in Poland a dot often groups thousands, so the reading is unclear.
_THOUSANDS_OR_DECIMALS = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")
# slownie works on floats; below this bound the float keeps every grosz exact.
_WORDS_LIMIT = Decimal("1e12")


def to_money(value: Decimal | int | str) -> Decimal:
    """Return value as a Decimal with exactly two decimal places (grosze)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        # ValueError, not TypeError: callers report every bad input value the same way.
        raise ValueError(_("not an amount: '{value}'").format(value=value))
    amount = _parse_amount(value) if isinstance(value, str) else Decimal(value)
    if not amount.is_finite():
        raise ValueError(_("not an amount: '{value}'").format(value=value))
    rounded = amount.quantize(GROSZ, rounding=ROUND_HALF_UP)
    if rounded != amount:
        raise ValueError(_("more than 2 decimal places: '{value}'").format(value=value))
    return rounded


def _parse_amount(text: str) -> Decimal:
    """Parse '1234,50', '1 234.50' or '1234.5'; one decimal separator, spaces between thousands."""
    cleaned = _THOUSANDS_SPACES.sub("", text.strip())
    if "," in cleaned and "." in cleaned:
        # "1.234,50" and "1,234.50" are ambiguous across locales: refuse rather than guess.
        raise ValueError(_("not an amount: '{value}'").format(value=text))
    if _THOUSANDS_OR_DECIMALS.fullmatch(cleaned):
        whole, _dot, part = cleaned.replace(",", ".").partition(".")
        fraction = part[:2] if part.endswith("0") else part
        readings = {"value": text, "thousands": f"{whole} {part},00", "decimal": f"{whole},{fraction}",
                    "plain": f"{whole}{part}"}
        if len(fraction) == 2:
            raise ValueError(_("ambiguous amount '{value}': {thousands} zł or {decimal} zł? "
                               "Write {plain} for thousands or {decimal} for złote and grosze").format(**readings))
        raise ValueError(_("ambiguous amount '{value}': {thousands} zł or {decimal} zł? "
                           "Write {plain} for thousands").format(**readings))
    cleaned = cleaned.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise ValueError(_("not an amount: '{value}'").format(value=text))
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise ValueError(_("not an amount: '{value}'").format(value=text)) from exc


def round_to_zloty(value: Decimal) -> Decimal:
    """Round to full złoty the tax way: under 50 gr down, from 50 gr up (gives Decimal('24'))."""
    return value.quantize(ZLOTY, rounding=ROUND_HALF_UP)


@cache
def _amount_format() -> tuple[NumberPattern, Locale]:
    """Babel's pattern of an amount and its Polish locale, parsed once (format_decimal parses
    both again on every call, and a loan agreement formats about a hundred amounts)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0.00"), Locale.parse("pl")


def speller() -> ModuleType:
    """The slownie package, imported on first use: its import reads package metadata through
    pkg_about and PyPA's build (28 ms), which a process that spells no amount (the main process
    of a pooled batch, `validate` of a staff list) need not pay."""
    import slownie

    return slownie


def amount_in_words(value: Decimal, style: str = "contract") -> str:
    """Write an amount in Polish words: 'contract' (… złotych 50/100) or 'spelled' (… groszy)."""
    amount = to_money(value)
    if amount < 0:
        raise ValueError(_("cannot write a negative amount in words: '{value}'").format(value=value))
    if amount >= _WORDS_LIMIT:
        raise ValueError(_("amount too large to write in words: '{value}'").format(value=value))
    if style == "contract":
        return str(speller().slownie_zl100gr(amount))
    if style == "spelled":
        return str(speller().slownie_zl(amount))
    raise ValueError(f"unknown amount-in-words style '{style}' (use 'contract' or 'spelled')")


def format_amount(value: Decimal, currency: bool = True) -> str:
    """Format as '1 234,50 zł': comma decimals, U+00A0 between every thousands group and before zł.

    One grouping rule everywhere: every number from 1 000 up is grouped, 4-digit ones included
    ("1 000,00 zł"). CLDR's pl minimum grouping would leave "1000,00"; Babel given an explicit
    pattern does not apply it, and the tests pin this behaviour.
    """
    amount = to_money(value)
    if amount == 0:
        amount = abs(amount)  # never print "-0,00"
    pattern, polish = _amount_format()
    text = pattern.apply(amount, polish)  # what babel's format_decimal does
    return f"{text}{NBSP}zł" if currency else text
