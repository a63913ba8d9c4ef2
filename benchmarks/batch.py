"""Batch scaling: `formgen batch --jobs 2` against `--jobs 1`, in pairs.

Usage: python benchmarks/batch.py [STATEMENTS] [LOANS] [PAIRS]   (default 200 60 3)

Two inputs, each run with --jobs 1 and --jobs 2 in turn (PAIRS times, each run into a new
output folder so that nothing is up to date): STATEMENTS one-page staff statements in one CSV
(with the staff register made from them), and LOANS loan agreements (a 4-page PDF each), one
YAML file each. Prints the seconds per case of each and the median speed-up of --jobs 2 over
--jobs 1; target: at least 1.85x on both.

With each pair, a third run measures what the machine itself allows: the input split in two
halves, two independent `--jobs 1` processes started at once, one per half (no coordination at
all, each with its own start-up; the statements' halves make a register each). Its speed-up over
--jobs 1 is what this machine gives two processes (for a large run, the ceiling of any
two-worker run): two processes that compute side by side also slow each other down (shared
caches and memory), which no scheduling undoes. The script prints it and how much of it
--jobs 2 reaches.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import (
    LOAN,
    Measured,
    formgen,
    fresh,
    load,
    machine,
    measure,
    measure_together,
    median,
    numbers,
    spread,
    verdict,
    write_copies,
    write_statements,
)

TARGET = 1.85


def halves(cases: Path, folder: Path) -> tuple[Path, Path]:
    """The cases split in two: a CSV file's rows (each half with the header), or a folder's files."""
    first, second = fresh(folder / "a"), fresh(folder / "b")
    if cases.is_file():
        header, *rows = cases.read_text(encoding="utf-8").splitlines()
        middle = len(rows) // 2
        for half, part in ((first, rows[:middle]), (second, rows[middle:])):
            (half / cases.name).write_text("\n".join([header, *part]) + "\n", encoding="utf-8")
        return first / cases.name, second / cases.name
    files = sorted(cases.iterdir())
    for number, path in enumerate(files):
        shutil.copy(path, (first if number < len(files) // 2 else second) / path.name)
    return first, second


def scaling(name: str, cases: Path, count: int, pairs: int, work: Path) -> bool:
    """Time --jobs 1, --jobs 2 and the two halves at once, in turn; print the figures; whether
    the target is met."""
    split = halves(cases, work / "halves")

    def batch(jobs: int, number: int) -> Measured:
        return measure(formgen("batch", str(cases), "-o", str(fresh(work / f"j{jobs}-{number}")),
                               "--jobs", str(jobs))).check()

    def together(number: int) -> Measured:
        return measure_together([formgen("batch", str(half), "-o", str(fresh(work / f"h{number}-{i}")),
                                         "--jobs", "1") for i, half in enumerate(split)]).check()

    runs = [(batch(1, n), batch(2, n), together(n)) for n in range(pairs)]
    one, two = median([a.seconds for a, _, _ in runs]), median([b.seconds for _, b, _ in runs])
    speedup = [a.seconds / b.seconds for a, b, _ in runs]
    ceiling = [a.seconds / c.seconds for a, _, c in runs]
    reached = [c.seconds / b.seconds for _, b, c in runs]
    cpu_one, cpu_two = median([a.cpu_seconds for a, _, _ in runs]), median([b.cpu_seconds for _, b, _ in runs])
    print(f"{name}: --jobs 1 {one:.1f} s ({one / count * 1000:.0f} ms a case), --jobs 2 {two:.1f} s "
          f"({two / count * 1000:.0f} ms a case); speed-up of --jobs 2: {spread(speedup)}x "
          f"[target >= {TARGET}x: {verdict(median(speedup) >= TARGET)}]")
    print(f"  two independent --jobs 1 processes on the halves at once (what the machine gives two processes): "
          f"{spread(ceiling)}x; --jobs 2 reaches {100 * median(reached):.0f} % "
          f"({100 * min(reached):.0f}–{100 * max(reached):.0f}) of it")
    print(f"  CPU time (user + system, workers included): --jobs 1 {cpu_one:.1f} s, --jobs 2 {cpu_two:.1f} s; "
          f"--jobs 2 kept {cpu_two / two:.2f} cores busy on average; load average {load()} at the end")
    return median(speedup) >= TARGET


def main() -> None:
    statements, loans, pairs = numbers(200, 60, 3)
    print(f"batch scaling, {pairs} pairs of runs; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = write_statements(work / "statements", statements)
        scaling(f"{statements} staff statements (+ their register)", csv, statements, pairs, work / "s")
        folder = write_copies(LOAN, work / "loans", loans, "loan")
        scaling(f"{loans} loan agreements", folder, loans, pairs, work / "l")


if __name__ == "__main__":
    main()
