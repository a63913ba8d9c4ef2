"""Survey results: counts and percentages per answer.

Each percentage is its count's share of the answers given, rounded half up to 0,1 on its own:
equal counts always show equal percentages (1 of 6 is 16,7 % wherever it occurs), and the
printed percentages may add up to 99,9 or 100,1. Forcing the sum to 100 (largest remainder)
would print 16,7 % for one answer and 16,6 % for another with the same count; the report says
instead that the percentages are rounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from formgen.i18n import _

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Tally:
    """One answer of a closed question: how many chose it and what share of the answers."""

    answer: str
    count: int
    percent: Decimal


def tally(answers: Sequence[str | None], options: Sequence[str]) -> tuple[list[Tally], int]:
    """Count each option among the answers (None = no answer); return the tallies and the blanks.

    Percentages are of the given answers, each rounded half up to one decimal.
    """
    counts = Counter(a for a in answers if a is not None)
    unknown = set(counts) - set(options)
    if unknown:
        raise ValueError(_("answers not among the options: {answers}").format(answers=", ".join(sorted(unknown))))
    given = sum(counts.values())
    blanks = len(answers) - given
    if given == 0:
        return [Tally(o, 0, Decimal("0.0")) for o in options], blanks
    return [Tally(o, counts[o], share(counts[o], given)) for o in options], blanks


def share(count: int, total: int) -> Decimal:
    """count of total in %, rounded half up to 0,1 (exact arithmetic: no binary fractions)."""
    return (Decimal(count) * 100 / Decimal(total)).quantize(TENTH, rounding=ROUND_HALF_UP)
