"""What the benchmark scripts share: the repository root and timing a formgen command."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(*args: str) -> float:
    """Seconds one formgen command takes, in a fresh process started in the repository."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "formgen", *args], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start
