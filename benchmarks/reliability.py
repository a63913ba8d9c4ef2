"""Reliability under a hard kill: N cases (5 % broken in many ways, see mixed_cases.py) in one
`formgen batch --jobs 2`, killed with SIGKILL (the whole process group) halfway, then run again.

Usage: python benchmarks/reliability.py [N]   (default 10000)

Prints, measured in one run of this script: how many cases were complete when the run was
killed and what it left behind (temporary files), then after the second run: cases complete,
files left over that no correct run would leave (must be 0), bad cases reported, and the
times of both runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, numbers
from mixed_cases import FORM, REGISTER, Expected, write_cases

from formgen.state import STATE_FILE


def start_batch(cases: Path, out: Path) -> subprocess.Popen[str]:
    """`formgen batch` in a process group of its own (so its workers can be killed with it)."""
    return subprocess.Popen([sys.executable, "-m", "formgen", "batch", str(cases), "-o", str(out), "--jobs", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def complete(out: Path, expected: Expected) -> int:
    """Good cases whose DOCX and PDF are both in place."""
    folder = out / FORM
    return sum((folder / f"{c}.docx").is_file() and (folder / f"{c}.pdf").is_file() for c in expected.good)


def leftovers(out: Path, expected: Expected) -> list[Path]:
    """Files no finished run would leave: temporary files and files of cases that are not good
    (the build state, which records what was written, is meant to stay)."""
    wanted = {out / FORM / f"{c}.{ext}" for c in expected.good for ext in ("docx", "pdf")}
    wanted |= {out / REGISTER / f"{REGISTER}.{ext}" for ext in ("docx", "pdf")}
    wanted.add(out / STATE_FILE)
    return [p for p in out.rglob("*") if p.is_file() and p not in wanted]


def kill_halfway(cases: Path, out: Path, expected: Expected) -> float:
    """Start a batch and SIGKILL its process group once half the good cases are complete."""
    start = time.perf_counter()
    process = start_batch(cases, out)
    target = len(expected.good) // 2
    while process.poll() is None and len(list((out / FORM).glob("*.pdf")) if (out / FORM).is_dir() else []) < target:
        time.sleep(0.2)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return time.perf_counter() - start


def main() -> None:
    count = numbers(10_000)[0]
    with tempfile.TemporaryDirectory() as tmp:
        cases, out = Path(tmp) / "cases", Path(tmp) / "out"
        cases.mkdir()
        expected = write_cases(cases, count)
        killed_after = kill_halfway(cases, out, expected)
        done, left = complete(out, expected), leftovers(out, expected)
        print(f"{count} cases ({len(expected.good)} good, {len(expected.bad)} broken in {len(expected.kinds)} ways)")
        print(f"killed after {killed_after:.1f} s: {done} cases complete, "
              f"{sum('.formgen-tmp-' in p.name for p in left)} temporary files left")
        start = time.perf_counter()
        rerun = start_batch(cases, out)
        stdout, _stderr = rerun.communicate()  # problems are reported on stdout
        again = time.perf_counter() - start
        reported = sum(any(line.startswith(f"{s}:{n}: ") for line in stdout.splitlines()) for s, n, _ in expected.bad)
        print(f"rerun: exit {rerun.returncode} in {again:.1f} s ({again / count * 1000:.0f} ms a case): "
              f"{complete(out, expected)} of {len(expected.good)} good cases complete, "
              f"{len(leftovers(out, expected))} files left over, {reported} of {len(expected.bad)} bad cases reported")


if __name__ == "__main__":
    main()
