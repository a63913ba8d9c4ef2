"""The committee's decision on a ZFŚS benefit: granted amount, estimated tax, amount paid out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from formgen.i18n import _, number
from formgen.rules.money import to_money
from formgen.rules.tax import benefit_tax, subsidy

TaxTreatment = Literal["limit", "zwolnione", "w_calosci"]
FULL = Decimal(100)


@dataclass(frozen=True)
class Award:
    """The decision's amounts; computed is the bills' share before cap and committee (or None)."""

    computed: Decimal | None
    granted: Decimal
    limit_left: Decimal
    taxable: Decimal
    tax: Decimal
    payout: Decimal


def award(
    bills: Decimal | None,
    percent: Decimal | None,
    cap: Decimal | None,
    *,
    committee: Decimal | None = None,
    annual_limit: Decimal,
    used_limit: Decimal,
    rate: Decimal,
    treatment: TaxTreatment,
) -> Award:
    """Grant the committee's amount or percent of the bills, at most cap, and estimate its tax."""
    # percent None: the bills in full (random-event grants); rate is a fraction (0.12) as in tax.py.
    computed = None if bills is None else subsidy(bills, FULL if percent is None else percent, None)
    granted = _granted(computed, committee, cap)
    tax = benefit_tax(granted, annual_limit=annual_limit, used_this_year=used_limit, rate=rate,
                      exempt_without_limit=treatment == "zwolnione",
                      taxable_in_full=treatment == "w_calosci")
    return Award(computed=computed, granted=tax.granted, limit_left=tax.limit_left,
                 taxable=tax.taxable, tax=tax.tax, payout=tax.payout)


def _granted(computed: Decimal | None, committee: Decimal | None, cap: Decimal | None) -> Decimal:
    """The committee's amount when given, else the computed one; at most the cap."""
    if committee is not None:
        amount = to_money(committee)
    elif computed is not None:
        amount = computed
    else:
        raise ValueError(_("neither bills nor a committee amount to grant from"))
    if amount < 0:
        raise ValueError(_("the committee's amount cannot be negative, got {amount}").format(amount=number(amount)))
    if cap is None:
        return amount
    limit = to_money(cap)
    if limit < 0:
        raise ValueError(_("the cap cannot be negative, got {amount}").format(amount=number(limit)))
    return min(amount, limit)
