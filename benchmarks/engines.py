"""formgen's DOCX+PDF per case against the raw engines on the same templates, in pairs.

Usage: python benchmarks/engines.py [LOANS] [STATEMENTS] [PAIRS]   (default 30 100 3)

For each input (LOANS loan agreements, a 4-page PDF each; STATEMENTS one-page staff statements
with their register), in turn PAIRS times: `formgen batch --jobs 1` into a new folder (reading,
validating, rendering and writing everything, start-up included), and one process of
benchmarks/raw.py calling docxtpl and WeasyPrint directly on formgen's own DOCX templates,
contexts and HTML (prepared beforehand, not timed; start-up included). Prints the time per case
of each and the median ratio; target: formgen at most 1.10x the raw engines.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import (
    LOAN,
    RAW,
    batch_one_job,
    fresh,
    in_pairs,
    machine,
    measure,
    median,
    numbers,
    prepare_raw,
    ratios,
    spread,
    verdict,
    write_copies,
    write_statements,
)

TARGET = 1.10


def compare(name: str, cases: Path, count: int, pairs: int, work: Path) -> bool:
    """Time formgen and the raw engines in turn; print the figures; whether the target is met."""
    work.mkdir(parents=True, exist_ok=True)
    inputs = work / "inputs.pickle"
    documents = prepare_raw(cases, inputs)
    runs = in_pairs(
        lambda n: batch_one_job(cases, work / f"f{n}"),
        lambda n: measure([sys.executable, str(RAW), "render", str(inputs), str(fresh(work / f"r{n}"))]).check(),
        pairs)
    ours, raw = median([a.seconds for a, _ in runs]), median([b.seconds for _, b in runs])
    ratio = ratios(runs)
    print(f"{name} ({documents} documents): formgen {ours / count * 1000:.0f} ms a case, raw docxtpl + WeasyPrint "
          f"{raw / count * 1000:.0f} ms a case; formgen / raw: {spread(ratio)}x "
          f"[target <= {TARGET}x: {verdict(median(ratio) <= TARGET)}]")
    return median(ratio) <= TARGET


def main() -> None:
    loans, statements, pairs = numbers(30, 100, 3)
    print(f"formgen against the raw engines, --jobs 1, {pairs} pairs of runs; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        compare(f"{loans} loan agreements", write_copies(LOAN, work / "loans", loans, "loan"), loans, pairs,
                work / "l")
        compare(f"{statements} staff statements", write_statements(work / "statements", statements), statements,
                pairs, work / "s")


if __name__ == "__main__":
    main()
