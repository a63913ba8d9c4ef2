"""Tests for formgen.rules.dates."""

from __future__ import annotations

from datetime import date

import pytest

from formgen.rules.dates import add_months, age_on, format_date_long, format_date_short

GENITIVE_MONTHS = [
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
]  # fmt: skip


@pytest.mark.parametrize(("month", "name"), list(enumerate(GENITIVE_MONTHS, start=1)))
def test_format_date_long_uses_genitive(month: int, name: str) -> None:
    assert format_date_long(date(2026, month, 22)) == f"22 {name} 2026 r."


def test_format_date_long_no_leading_zero() -> None:
    assert format_date_long(date(2026, 3, 5)) == "5 marca 2026 r."


@pytest.mark.parametrize(
    ("d", "expected"),
    [(date(2026, 11, 22), "22.11.2026 r."), (date(2026, 3, 5), "05.03.2026 r.")],
)
def test_format_date_short(d: date, expected: str) -> None:
    assert format_date_short(d) == expected


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(2008, 5, 10), date(2026, 5, 9), 17),
        (date(2008, 5, 10), date(2026, 5, 10), 18),
        (date(2008, 5, 10), date(2008, 5, 10), 0),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # non-leap year: not yet
        (date(2008, 2, 29), date(2026, 3, 1), 18),  # birthday counts on 1 March
        (date(2008, 2, 29), date(2028, 2, 29), 20),  # leap year: on the day itself
    ],
)
def test_age_on(birth: date, on: date, expected: int) -> None:
    assert age_on(birth, on) == expected


def test_age_on_before_birth() -> None:
    with pytest.raises(ValueError, match="before the birth date"):
        age_on(date(2020, 1, 1), date(2019, 12, 31))


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 2, 1), 35, date(2029, 1, 1)),
        (date(2026, 1, 1), -13, date(2024, 12, 1)),
    ],
)
def test_add_months(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected
