"""What the benchmark scripts share: running a command as a whole process and measuring it,
pairs of commands timed in turn, case files to run on, and how a figure is reported.

Times are wall-clock seconds of whole processes (start-up included), taken in pairs A, B, A, B …
so that a ratio compares runs made under the same load; the median ratio is reported. Memory is
the peak resident set size (VmHWM) of each process: exactly, for the largest process of a run
(the kernel's figure for the finished process tree, from wait4), and per process (the formgen
process itself and its worker processes) from samples of /proc taken every 50 ms while it runs.
Linux only.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
LOAN = EXAMPLES / "pozyczka-2026-001.yaml"  # the loan agreement: a 4-page PDF and its DOCX
FIRST_NAMES = ["Anna", "Katarzyna", "Maria", "Agnieszka", "Joanna", "Jan", "Piotr", "Tomasz", "Paweł", "Adam"]
SURNAMES = ["Nowak", "Kowalczyk", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski"]


def numbers(*defaults: int) -> list[int]:
    """The script's whole-number arguments, each default where it is not given."""
    given = sys.argv[1:]
    return [int(given[i]) if i < len(given) else default for i, default in enumerate(defaults)]


def formgen(*args: str) -> list[str]:
    """The command line of formgen run with this Python (English messages: the scripts read them)."""
    return [sys.executable, "-m", "formgen", "--lang", "en", *args]


@dataclass
class Measured:
    """One finished run of a command."""

    seconds: float
    returncode: int
    stderr: str
    largest_mib: float  # peak RSS of the largest process of the run (the kernel's figure)
    main_mib: float = 0.0  # peak RSS of the command's own process (sampled)
    workers_mib: float = 0.0  # largest peak RSS among its worker processes (sampled; 0: none)
    children: int = 0  # worker processes seen
    cpu_seconds: float = 0.0  # user + system time of the process and its waited-for children
    stdout: str = ""  # formgen's reports and summary

    def check(self) -> Measured:
        if self.returncode != 0:
            raise SystemExit(f"a benchmarked command failed ({self.returncode}):\n{self.stdout[-2000:]}"
                             f"{self.stderr[-2000:]}")
        return self


@dataclass
class _Sampler:
    """Samples the peak RSS of a process and of its descendants until told to stop."""

    pid: int
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> VmHWM in KiB
    commands: dict[int, bytes] = field(default_factory=dict)  # pid -> its command line
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            for pid in [self.pid, *_descendants(self.pid)]:
                peak = _vm_hwm(pid)
                if peak:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
                    self.commands.setdefault(pid, _command(pid))
            self.stop.wait(0.05)

    def workers(self) -> list[int]:
        """Peaks of the child processes that run the same command (a process pool's workers),
        not of helpers the libraries start (e.g. ldconfig)."""
        own = self.commands.get(self.pid)
        return [peak for pid, peak in self.peaks.items() if pid != self.pid and self.commands.get(pid) == own]


def _command(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return b""


def _vm_hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                    parents[int(name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def measure(command: Sequence[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Measured:
    """Run a command to its end; its wall time and memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = _Sampler(process.pid)
        thread = threading.Thread(target=sampler.run, daemon=True)
        thread.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop.set()
        thread.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    workers = sampler.workers()
    return Measured(seconds, process.returncode, stderr, usage.ru_maxrss / 1024,
                    sampler.peaks.get(process.pid, 0) / 1024, max(workers, default=0) / 1024, len(workers),
                    usage.ru_utime + usage.ru_stime, stdout)


def measure_together(commands: Sequence[Sequence[str]], cwd: Path = ROOT) -> Measured:
    """Start the commands at once and wait for all of them: the wall time until the last one
    ends, their CPU time added up (memory is not sampled)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        processes = [subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=err) for command in commands]
        codes, cpu = [], 0.0
        for process in processes:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            codes.append(process.returncode)
            cpu += usage.ru_utime + usage.ru_stime
        seconds = time.perf_counter() - start
        err.seek(0)
        out.seek(0)
        return Measured(seconds, max(codes, key=abs), err.read().decode("utf-8", "replace"), 0.0,
                        cpu_seconds=cpu, stdout=out.read().decode("utf-8", "replace"))


def in_pairs(first: Callable[[int], Measured], second: Callable[[int], Measured],
             pairs: int) -> list[tuple[Measured, Measured]]:
    """`pairs` runs of each, in turn (first, second, first, second …); each gets the run number."""
    return [(first(number), second(number)) for number in range(pairs)]


def ratios(runs: list[tuple[Measured, Measured]]) -> list[float]:
    """The time of the first over the second, pair by pair."""
    return [a.seconds / b.seconds for a, b in runs]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    """'1.23 (1.20–1.31)': the median and the range."""
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def verdict(met: bool) -> str:
    return "target met" if met else "TARGET NOT MET"


def fresh(folder: Path) -> Path:
    """An empty folder (removed first if it exists): every timed run writes into a new one."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def write_statements(folder: Path, count: int, name: str = "personel.csv") -> Path:
    """A staff CSV of `count` one-page staff statements (som-oswiadczenie) with common names."""
    rows = ["form,id,osoba.imie,osoba.nazwisko,osoba.plec,stanowisko,data"]
    for i in range(count):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        surname = SURNAMES[(i // len(FIRST_NAMES)) % len(SURNAMES)]
        sex = "K" if i % len(FIRST_NAMES) < 5 else "M"
        if sex == "K" and surname.endswith("ski"):
            surname = surname[:-1] + "a"
        rows.append(f"som-oswiadczenie,st-{i:05d},{first},{surname},{sex},opiekun,2026-11-02")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_copies(source: Path, folder: Path, count: int, prefix: str) -> Path:
    """`count` copies of a one-case YAML file under new ids <prefix>-00000 …"""
    text = source.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("id: "))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{prefix}-{i:05d}.yaml").write_text(text.replace(old, f"id: {prefix}-{i:05d}", 1),
                                                        encoding="utf-8")
    return folder


def machine() -> str:
    """A line naming the machine: cores this process may use, and the load when it started."""
    return f"{len(os.sched_getaffinity(0))} usable cores, load average {load()} at the start"


def load() -> str:
    """The 1-minute load average: on a shared machine, other work there takes cores too."""
    return f"{os.getloadavg()[0]:.1f}"


RAW = ROOT / "benchmarks" / "raw.py"  # the raw engines, for engines.py and libreoffice.py


def prepare_raw(cases: Path, inputs: Path) -> int:
    """The documents' contexts and HTML for the raw engines (raw.py prepare); how many documents."""
    import pickle

    measure([sys.executable, str(RAW), "prepare", str(cases), str(inputs)]).check()
    return len(pickle.loads(inputs.read_bytes()))


def batch_one_job(cases: Path, out: Path) -> Measured:
    """formgen batch --jobs 1 of the cases into a new folder `out`: the side both comparisons time."""
    return measure(formgen("batch", str(cases), "-o", str(fresh(out)), "--jobs", "1")).check()
