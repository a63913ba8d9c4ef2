"""Start-up time and peak memory.

Usage: python benchmarks/limits.py [CASES]   (default 1000)

- `formgen --help`: the median wall time of 10 runs (after one not counted); target <= 0.25 s.
- a batch of CASES one-page staff statements (one CSV, with their register), every core;
- `formgen bundle --per-file` of the same CSV: one bundle of CASES documents (and the register's).

For the two runs: the peak resident set size (VmHWM) of the formgen process itself and of the
largest of its worker processes (sampled from /proc every 50 ms), and the kernel's exact peak of
the largest process of the run; target: every process below 300 MB (MiB here).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import (
    Measured,
    formgen,
    fresh,
    machine,
    measure,
    median,
    numbers,
    verdict,
    write_statements,
)

HELP_TARGET = 0.25
MEMORY_TARGET = 300.0


def help_time() -> None:
    measure(formgen("--help")).check()
    times = [measure(formgen("--help")).check().seconds for _ in range(10)]
    print(f"formgen --help: {median(times):.3f} s (median of 10; {min(times):.3f}–{max(times):.3f}) "
          f"[target <= {HELP_TARGET} s: {verdict(median(times) <= HELP_TARGET)}]")


def memory(name: str, run: Measured) -> None:
    largest = max(run.largest_mib, run.main_mib, run.workers_mib)
    workers = f"{run.workers_mib:.0f} MiB (largest of {run.children})" if run.children else "none (ran in-process)"
    print(f"{name}: {run.seconds:.0f} s; peak RSS: formgen process {run.main_mib:.0f} MiB, workers {workers}, "
          f"largest process (kernel) {run.largest_mib:.0f} MiB "
          f"[target < {MEMORY_TARGET:.0f} MiB a process: {verdict(largest < MEMORY_TARGET)}]")


def main() -> None:
    count = numbers(1000)[0]
    print(f"start-up and memory; {machine()}")
    help_time()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = write_statements(work / "cases", count)
        memory(f"batch of {count} statements", measure(formgen("batch", str(csv), "-o", str(fresh(work / "b")))).check())
        memory(f"bundle --per-file of {count} statements",
               measure(formgen("bundle", "--per-file", str(csv), "-o", str(fresh(work / "p")))).check())


if __name__ == "__main__":
    main()
