"""ZFŚS income test: income per family member and the income group it falls into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from formgen.i18n import _, ngettext, number
from formgen.rules.dates import age_on
from formgen.rules.money import GROSZ


@dataclass(frozen=True)
class IncomeGroup:
    """An income group covering the interval (lower, upper].

    A value belongs to the group when (lower is None or value > lower) and
    (upper is None or value <= upper): "do X" includes X, and the next group "od X" starts
    strictly above X, so a value equal to a threshold belongs to the lower group only.
    """

    number: int
    lower: Decimal | None
    upper: Decimal | None

    def contains(self, value: Decimal) -> bool:
        """Tell whether value lies in (lower, upper]."""
        above_lower = self.lower is None or value > self.lower
        below_upper = self.upper is None or value <= self.upper
        return above_lower and below_upper


def check_groups(groups: Sequence[IncomeGroup]) -> None:
    """Raise ValueError unless the groups are numbered 1..n and cover all values without gaps."""
    if not groups:
        raise ValueError(_("no income groups"))
    for position, group in enumerate(groups, start=1):
        if group.number != position:
            raise ValueError(
                _("income group {number} is at position {position}; groups must be numbered 1, 2, 3, … in order")
                .format(number=group.number, position=position)
            )
        _check_bounds(group, is_first=position == 1, is_last=position == len(groups))
    for previous, group in pairwise(groups):
        if group.lower != previous.upper:
            raise ValueError(
                _("income group {number} starts at {lower} but group {previous} ends at {upper} (gap or overlap)")
                .format(number=group.number, lower=number(group.lower), previous=previous.number,
                        upper=number(previous.upper))
            )


def _check_bounds(group: IncomeGroup, *, is_first: bool, is_last: bool) -> None:
    """Only the first group is open below, only the last open above, and upper > lower."""
    if is_first and group.lower is not None:
        raise ValueError(_("income group {number} is the first and must have no lower bound").format(
            number=group.number))
    if not is_first and group.lower is None:
        raise ValueError(_("income group {number} needs a lower bound").format(number=group.number))
    if is_last and group.upper is not None:
        raise ValueError(_("income group {number} is the last and must have no upper bound").format(
            number=group.number))
    if not is_last and group.upper is None:
        raise ValueError(_("income group {number} needs an upper bound").format(number=group.number))
    if group.lower is not None and group.upper is not None and group.upper <= group.lower:
        raise ValueError(
            _("income group {number} has upper bound {upper} not above its lower bound {lower}").format(
                number=group.number, upper=number(group.upper), lower=number(group.lower))
        )


def income_per_member(total_income_3_months: Decimal, months: int, members: int) -> Decimal:
    """Return total ÷ months ÷ members rounded half up to grosz (one division, one rounding)."""
    if months < 1:
        raise ValueError(_("income period must be at least 1 month, got {months}").format(months=months))
    if members < 1:
        raise ValueError(_("family must have at least 1 member, got {members}").format(members=members))
    if total_income_3_months < 0:
        raise ValueError(_("income cannot be negative, got {amount}").format(amount=number(total_income_3_months)))
    per_member = total_income_3_months / (months * members)
    return per_member.quantize(GROSZ, rounding=ROUND_HALF_UP)


def income_group(value: Decimal, groups: Sequence[IncomeGroup]) -> IncomeGroup:
    """Return the one group whose interval (lower, upper] holds value."""
    check_groups(groups)
    matches = [group for group in groups if group.contains(value)]
    if len(matches) != 1:
        raise ValueError(ngettext("income {amount} falls in {count} income group, expected 1",
                                  "income {amount} falls in {count} income groups, expected 1",
                                  len(matches)).format(amount=number(value), count=len(matches)))
    return matches[0]


def is_counted_child(birth: date, on: date, age_limit: int) -> bool:
    """Tell whether a child counts as a family member: younger than age_limit on the date."""
    return age_on(birth, on) < age_limit
