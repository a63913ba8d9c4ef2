"""Batch throughput: N staff statements rendered to DOCX+PDF with --jobs 1 and --jobs 2.

Usage: python benchmarks/batch.py [N]   (default 40). Prints seconds per document for each
run and the ratio between them, measured in one run of this script; also the peak memory
(max RSS) of the parent process.
"""

from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path

from common import timed


def make_csv(folder: Path, count: int) -> Path:
    """A staff CSV with `count` fictional people."""
    rows = ["form,id,osoba.imie,osoba.nazwisko,osoba.plec,stanowisko,data"]
    for i in range(count):
        rows.append(f"som-oswiadczenie,bench-{i:05d},Imię{i},Nazwisko{i},{'KM'[i % 2]},opiekun,2026-11-02")
    path = folder / "staff.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def timed_batch(csv_path: Path, out: Path, jobs: int) -> float:
    """Seconds one `formgen batch` takes, in a fresh process."""
    return timed("batch", str(csv_path), "-o", str(out), "--jobs", str(jobs))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = make_csv(folder, count)
        one = timed_batch(csv_path, folder / "j1", 1)
        two = timed_batch(csv_path, folder / "j2", 2)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{count} cases (DOCX + PDF each)")
    print(f"--jobs 1: {one:.2f} s, {one / count * 1000:.0f} ms per case")
    print(f"--jobs 2: {two:.2f} s, {two / count * 1000:.0f} ms per case")
    print(f"speed-up of --jobs 2 over --jobs 1: {one / two:.2f}x")
    print(f"peak RSS of a formgen process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
