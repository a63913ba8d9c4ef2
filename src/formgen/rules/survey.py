"""Survey results: counts and percentages per answer, percentages summing to exactly 100."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from formgen.rules.fund import split_by_weights


@dataclass(frozen=True)
class Tally:
    """One answer of a closed question: how many chose it and what share of the answers."""

    answer: str
    count: int
    percent: Decimal


def tally(answers: Sequence[str | None], options: Sequence[str]) -> tuple[list[Tally], int]:
    """Count each option among the answers (None = no answer); return the tallies and the blanks.

    Percentages are of the given answers, to one decimal, rounded so that they sum to 100.0.
    """
    counts = Counter(a for a in answers if a is not None)
    unknown = set(counts) - set(options)
    if unknown:
        raise ValueError(f"answers not among the options: {', '.join(sorted(unknown))}")
    given = sum(counts.values())
    blanks = len(answers) - given
    if given == 0:
        return [Tally(o, 0, Decimal("0.0")) for o in options], blanks
    # Tenths of a percent: split 10.00 (in hundredths) by the counts, largest remainders first.
    parts = split_by_weights(Decimal("10.00"), {o: Decimal(counts[o]) for o in options})
    return [Tally(o, counts[o], (parts[o] * 10).quantize(Decimal("0.1"))) for o in options], blanks
