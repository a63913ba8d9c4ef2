"""Incremental builds: a re-run over unchanged cases, and a re-run after one form's template changed.

Usage: python benchmarks/incremental.py [STATEMENTS] [CONSENTS]   (default 800 200)

STATEMENTS one-page staff statements in one CSV (with the staff register made from them) and
CONSENTS image consents (som-zgoda-wizerunek), one YAML file each: 1 000 cases by default, built
with `formgen batch` (every core) into one output folder, on a copy of the templates folder.
Then, in that folder:

1. the same batch again, nothing changed: every case is up to date; target: at least 50x faster
   than the first run;
2. one line appended to the consent form's HTML template: exactly the consents are rendered
   again (not the statements, not the register); the counts are printed.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import (
    EXAMPLES,
    ROOT,
    Measured,
    formgen,
    machine,
    measure,
    numbers,
    verdict,
    write_copies,
    write_statements,
)

TARGET = 50.0
CONSENT = EXAMPLES / "zgoda-wizerunek-2026-001.yaml"


def batch(cases: Path, out: Path, templates: Path) -> Measured:
    return measure(formgen("--templates", str(templates), "batch", str(cases), "-o", str(out))).check()


def summary(run: Measured) -> str:
    """formgen's closing line: how many cases were rendered and how many were up to date."""
    return next(line for line in reversed(run.stdout.splitlines()) if "up to date" in line)


def main() -> None:
    statements, consents = numbers(800, 200)
    print(f"incremental builds of {statements + consents} cases; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        templates = work / "templates"
        shutil.copytree(ROOT / "templates", templates)
        cases = work / "cases"
        write_statements(cases, statements)
        write_copies(CONSENT, cases, consents, "consent")
        out = work / "out"
        first = batch(cases, out, templates)
        again = batch(cases, out, templates)
        speedup = first.seconds / again.seconds
        print(f"first run: {first.seconds:.1f} s ({summary(first)})")
        print(f"re-run, nothing changed: {again.seconds:.2f} s ({summary(again)}); {speedup:.0f}x faster "
              f"[target >= {TARGET:.0f}x: {verdict(speedup >= TARGET)}]")
        with (templates / "som-zgoda-wizerunek" / "template.html").open("a", encoding="utf-8") as html:
            html.write("{# touched by benchmarks/incremental.py #}\n")
        touched = batch(cases, out, templates)
        line = summary(touched)
        expected = f"{consents} case(s) rendered, {statements + 1} up to date"
        print(f"after touching som-zgoda-wizerunek/template.html: {touched.seconds:.1f} s ({line}) "
              f"[only that form's {consents} cases again: {verdict(line.startswith(expected))}]")


if __name__ == "__main__":
    main()
