"""Fixed assets: class by value thresholds, straight-line monthly write-offs, a year's totals.

Rules of the accounting policy (POL §3 ust. 2 pkt 6–15): an asset above the upper threshold
is depreciated monthly from the month after it was accepted for use, at its annual rate,
until the write-offs equal its initial value (the last month takes the remainder) or the
month it is withdrawn; one from the lower threshold up to the upper is a low-value asset,
written off at once in the month of acceptance; one below the lower threshold is materials.
Land has no write-offs. The thresholds and rates are data: this module only computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from formgen.i18n import _, number
from formgen.rules.dates import add_months
from formgen.rules.money import GROSZ, to_money

AssetClass = Literal["fixed", "low_value", "material"]
WriteOff = tuple[date, Decimal]  # (first day of the month, amount written off in that month)
_MONTHS_A_YEAR = 12
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Thresholds:
    """Above `fixed_above`: a fixed asset; from `low_value_from` up to it: low-value; below: materials."""

    fixed_above: Decimal
    low_value_from: Decimal

    def __post_init__(self) -> None:
        if self.low_value_from > self.fixed_above:
            raise ValueError(_("the low-value threshold {low} is above the fixed-asset threshold {fixed}").format(
                low=number(self.low_value_from), fixed=number(self.fixed_above)))


def classify(value: Decimal, thresholds: Thresholds, always_low_value: bool = False) -> AssetClass:
    """The class of an asset by its initial value; `always_low_value` lifts materials to low-value."""
    if value > thresholds.fixed_above:
        return "fixed"
    if value >= thresholds.low_value_from or always_low_value:
        return "low_value"
    return "material"


def month_of(day: date) -> date:
    """The first day of the day's month."""
    return day.replace(day=1)


def monthly_charge(value: Decimal, annual_rate: Decimal) -> Decimal:
    """One month's write-off: value × annual rate % ÷ 12, rounded half-up to the grosz."""
    exact = to_money(value) * annual_rate / _HUNDRED / _MONTHS_A_YEAR
    return exact.quantize(GROSZ, rounding=ROUND_HALF_UP)


def straight_line(value: Decimal, annual_rate: Decimal, accepted: date,
                  withdrawn: date | None = None) -> list[WriteOff]:
    """Monthly write-offs from the month after acceptance until they reach the value.

    The last month takes the remainder; a withdrawal (sale, liquidation, shortage) ends the
    write-offs with the month in which it happened. A zero rate (land) gives none.
    """
    amount = to_money(value)
    if annual_rate < 0:
        raise ValueError(_("annual rate cannot be negative, got {rate}").format(rate=number(annual_rate)))
    if annual_rate == 0 or amount <= 0:
        return []
    monthly = max(monthly_charge(amount, annual_rate), GROSZ)  # a tiny value still ends
    month, left, plan = add_months(month_of(accepted), 1), amount, []
    last = month_of(withdrawn) if withdrawn else None
    while left > 0 and (last is None or month <= last):
        charge = min(monthly, left)
        plan.append((month, charge))
        left -= charge
        month = add_months(month, 1)
    return plan


def months_to_write_off(value: Decimal, annual_rate: Decimal) -> int:
    """How many monthly write-offs straight_line makes for the value at the rate (0: none)."""
    amount = to_money(value)
    if annual_rate <= 0 or amount <= 0:
        return 0
    monthly = max(monthly_charge(amount, annual_rate), GROSZ)
    return int(-(-amount // monthly))


def one_off(value: Decimal, accepted: date) -> list[WriteOff]:
    """A low-value asset (or materials): the whole value in the month of acceptance."""
    return [(month_of(accepted), to_money(value))]


@dataclass(frozen=True)
class YearTotals:
    """What a plan of write-offs gives for one calendar year.

    An asset withdrawn (sold, liquidated, found missing) by the end of the year has left the
    register: its accumulated write-offs leave with it (`retired`), so at 31 December it has
    no accumulation and no net value, and it is not counted in the year-end totals.
    """

    opening: Decimal  # accumulated before 1 January
    charges: Decimal  # written off during the year
    closing: Decimal  # accumulated at 31 December (0 for a withdrawn asset)
    net: Decimal  # initial value less the closing accumulation (0 for a withdrawn asset)
    by_month: tuple[Decimal, ...]  # the year's write-offs, January to December
    retired: Decimal = Decimal("0.00")  # accumulated at withdrawal, when withdrawn this year
    withdrawn: bool = False  # withdrawn during the year: no longer in the register at 31 December


def year_totals(value: Decimal, plan: list[WriteOff], year: int, withdrawn: date | None = None) -> YearTotals:
    """Opening and closing accumulation, the year's write-offs by month and the net value.

    `withdrawn` is the day the asset left the register; the plan's write-offs already end with
    that month (straight_line), and from that day on the asset has no value in the books.
    """
    zero = Decimal("0.00")
    opening = sum((amount for month, amount in plan if month.year < year), zero)
    months = [zero] * _MONTHS_A_YEAR
    for month, amount in plan:
        if month.year == year:
            months[month.month - 1] += amount
    charges = sum(months, zero)
    if withdrawn is not None and withdrawn.year <= year:
        return YearTotals(opening, charges, zero, zero, tuple(months), opening + charges, True)
    closing = opening + charges
    return YearTotals(opening, charges, closing, to_money(value) - closing, tuple(months))
