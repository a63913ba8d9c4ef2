"""Rewrite tests/golden/ from the example cases: `python tools/refresh_golden.py`.

Renders every example case in data/examples (registers included) with the fixed clock of the
tests, and writes each document's extracted PDF and DOCX text with its page count to
tests/golden/<case-id>/<form-id>.txt; files of documents that no longer exist are removed.
Review `git diff tests/golden` before committing: every change of wording or layout shows there.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import golden  # after the repository root is on the path
from tests.rendered import examples


def main() -> int:
    written, removed = golden.refresh(list(examples().values()))
    for path in written:
        print(f"written {path.relative_to(ROOT)}")
    for path in removed:
        print(f"removed {path.relative_to(ROOT)}")
    print(f"{len(examples())} documents; {len(written)} golden files written, {len(removed)} removed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
