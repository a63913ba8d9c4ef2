"""Dates: Polish long and short forms, age at a date and calendar-month arithmetic."""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date

from formgen.i18n import _, ngettext


@cache
def _polish() -> Locale:
    """The Polish locale, parsed once (babel parses a locale string again on every call)."""
    return Locale.parse("pl")


def format_date_long(d: date) -> str:
    """Format as '22 listopada 2026 r.' (month name in the genitive)."""
    return f"{format_date(d, 'd MMMM y', locale=_polish())} r."


def format_date_short(d: date) -> str:
    """Format as '22.11.2026 r.'."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d} r."


def age_on(birth: date, on: date) -> int:
    """Return the age in full years on a date; someone born on 29 Feb turns a year older on 1 Mar
    in non-leap years."""
    if on < birth:
        raise ValueError(_("date {date} is before the birth date {birth}").format(
            date=on.isoformat(), birth=birth.isoformat()))
    # Comparing (month, day) tuples makes (2, 28) < (2, 29) hold, so the 29 Feb birthday
    # is not yet reached on 28 Feb and is passed on 1 Mar.
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - int(before_birthday)


def add_months(d: date, n: int) -> date:
    """Move a date by n calendar months, clamping the day to the month end (31 Jan + 1 → 28 Feb)."""
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(ngettext("date out of range: {date} + {count} month",
                                  "date out of range: {date} + {count} months", n).format(
            date=d.isoformat(), count=n))
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))
