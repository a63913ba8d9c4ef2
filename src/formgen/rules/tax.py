"""PIT on ZFŚS benefits (annual tax-free limit) and subsidies as a percentage of bills."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from formgen.i18n import _, number
from formgen.rules.money import GROSZ, round_to_zloty, to_money


@dataclass(frozen=True)
class BenefitTax:
    """Tax estimate for one benefit; limit_left is the tax-free limit still unused before it."""

    granted: Decimal
    limit_left: Decimal
    taxable: Decimal
    tax: Decimal
    payout: Decimal


def benefit_tax(
    granted: Decimal,
    *,
    annual_limit: Decimal,
    used_this_year: Decimal,
    rate: Decimal,
    exempt_without_limit: bool,
    taxable_in_full: bool = False,
) -> BenefitTax:
    """Estimate the tax withheld from a benefit and the amount paid out."""
    amount = to_money(granted)
    limit, used = to_money(annual_limit), to_money(used_this_year)
    if min(amount, limit, used) < 0:
        raise ValueError(_("benefit, annual limit and used limit cannot be negative"))
    if not rate.is_finite() or not 0 <= rate <= 1:
        raise ValueError(_("tax rate must be between 0 and 1, got {rate}").format(rate=number(rate)))
    if exempt_without_limit and taxable_in_full:
        raise ValueError("a benefit cannot be both exempt without limit and taxable in full")
    left = max(Decimal("0.00"), limit - used)
    if exempt_without_limit:
        taxable = Decimal("0.00")
    elif taxable_in_full:  # vouchers: the limit does not apply to them
        taxable = amount
    else:
        taxable = max(Decimal("0.00"), amount - left)
    tax = round_to_zloty(taxable * rate)
    return BenefitTax(
        granted=amount, limit_left=left, taxable=taxable, tax=tax, payout=amount - tax
    )


def subsidy(bills: Decimal, percent: Decimal, cap: Decimal | None) -> Decimal:
    """Return percent of the documented bills, rounded half up to grosz, at most cap."""
    amount = to_money(bills)
    if amount < 0:
        raise ValueError(_("bills cannot be negative, got {amount}").format(amount=number(amount)))
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise ValueError(_("subsidy percentage must be between 0 and 100, got {percent}").format(
            percent=number(percent)))
    granted = (amount * percent / 100).quantize(GROSZ, rounding=ROUND_HALF_UP)
    if cap is None:
        return granted
    limit = to_money(cap)
    if limit < 0:
        raise ValueError(_("subsidy cap cannot be negative, got {amount}").format(amount=number(limit)))
    return min(granted, limit)
