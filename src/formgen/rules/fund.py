"""Splitting an amount exactly to the grosz: by percentage shares (ZFŚS plan) or by any weights."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from formgen.i18n import _, number
from formgen.rules.money import GROSZ, to_money

_HUNDRED = Decimal(100)


def split_total(total: Decimal, shares: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split total by percentage shares (summing to 100) with largest-remainder rounding.

    Each part is first rounded down to grosz; the grosze left over go one each to the parts
    with the largest remainders (ties: in the order given), so the parts add up to the total.
    """
    amount = to_money(total)
    if amount < 0:
        raise ValueError(_("fund total cannot be negative, got {amount}").format(amount=number(amount)))
    _check_shares(shares)
    return split_by_weights(amount, shares)


def split_by_weights(total: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split total in proportion to any non-negative weights, exactly to the grosz.

    Largest-remainder rounding as in split_total: parts rounded down to grosz, then the
    grosze left over go one each to the largest remainders (ties: in the order given).
    """
    amount = to_money(total)
    if amount < 0:
        raise ValueError(_("total cannot be negative, got {amount}").format(amount=number(amount)))
    whole = _check_weights(weights)
    exact = {name: amount * weight / whole for name, weight in weights.items()}
    parts = {name: value.quantize(GROSZ, rounding=ROUND_DOWN) for name, value in exact.items()}
    leftover = int((amount - sum(parts.values(), Decimal(0))) / GROSZ)
    # sorted() is stable, so equal remainders keep the order in which the weights were given.
    by_remainder = sorted(parts, key=lambda name: exact[name] - parts[name], reverse=True)
    for name in by_remainder[:leftover]:
        parts[name] += GROSZ
    return parts


def _check_weights(weights: Mapping[str, Decimal]) -> Decimal:
    """The sum of the weights; refuse no weights, negative ones and a zero sum."""
    if not weights:
        raise ValueError(_("no weights given"))
    for name, weight in weights.items():
        if not weight.is_finite() or weight < 0:
            raise ValueError(_("weight '{name}' must be zero or positive, got {weight}").format(
                name=name, weight=number(weight)))
    whole = sum(weights.values(), Decimal(0))
    if whole == 0:
        raise ValueError(_("the weights sum to 0: nothing to split by"))
    return whole


def _check_shares(shares: Mapping[str, Decimal]) -> None:
    """Refuse no shares, negative shares and shares that do not sum to exactly 100 %."""
    if not shares:
        raise ValueError(_("no fund shares given"))
    for name, share in shares.items():
        if not share.is_finite() or share < 0:
            raise ValueError(_("fund share '{name}' must be zero or positive, got {share}").format(
                name=name, share=number(share)))
    total = sum(shares.values(), Decimal(0))
    if total != _HUNDRED:
        shown = format(total.normalize(), "f")
        raise ValueError(_("fund shares sum to {total} %, not 100 %").format(total=number(shown)))
