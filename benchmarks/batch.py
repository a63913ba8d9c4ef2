"""Batch scaling: `formgen batch --jobs 2` against `--jobs 1`, in pairs.

Usage: python benchmarks/batch.py [STATEMENTS] [LOANS] [PAIRS]   (default 200 60 3)

Two inputs, each run with --jobs 1 and --jobs 2 in turn (PAIRS times, each run into a new
output folder so that nothing is up to date): STATEMENTS one-page staff statements in one CSV
(with the staff register made from them), and LOANS loan agreements (a 4-page PDF each), one
YAML file each. Prints the seconds per case of each and the median speed-up of --jobs 2 over
--jobs 1; target: at least 1.85x on both.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import (
    LOAN,
    formgen,
    fresh,
    in_pairs,
    load,
    machine,
    measure,
    median,
    ratios,
    spread,
    verdict,
    write_copies,
    write_statements,
)

TARGET = 1.85


def scaling(name: str, cases: Path, count: int, pairs: int, work: Path) -> bool:
    """Time --jobs 1 and --jobs 2 in turn on the cases; print the figures; whether the target is met."""
    def run(jobs: int) -> object:
        return lambda n: measure(formgen("batch", str(cases), "-o", str(fresh(work / f"j{jobs}-{n}")),
                                         "--jobs", str(jobs))).check()

    runs = in_pairs(run(1), run(2), pairs)
    one, two = median([a.seconds for a, _ in runs]), median([b.seconds for _, b in runs])
    speedup = ratios(runs)
    cpu_one, cpu_two = median([a.cpu_seconds for a, _ in runs]), median([b.cpu_seconds for _, b in runs])
    print(f"{name}: --jobs 1 {one:.1f} s ({one / count * 1000:.0f} ms a case), --jobs 2 {two:.1f} s "
          f"({two / count * 1000:.0f} ms a case); speed-up of --jobs 2: {spread(speedup)}x "
          f"[target >= {TARGET}x: {verdict(median(speedup) >= TARGET)}]")
    print(f"  CPU time (user + system, workers included): --jobs 1 {cpu_one:.1f} s, --jobs 2 {cpu_two:.1f} s; "
          f"--jobs 2 kept {cpu_two / two:.2f} cores busy on average; load average {load()} at the end")
    return median(speedup) >= TARGET


def main() -> None:
    statements = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    loans = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(f"batch scaling, {pairs} pairs of runs; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = write_statements(work / "statements", statements)
        scaling(f"{statements} staff statements (+ their register)", csv, statements, pairs, work / "s")
        folder = write_copies(LOAN, work / "loans", loans, "loan")
        scaling(f"{loans} loan agreements", folder, loans, pairs, work / "l")


if __name__ == "__main__":
    main()
