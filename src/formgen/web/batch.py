"""Batches from the page: the uploaded cases built by `formgen.pipeline.build` in a process of
their own (stopped at the time limit), with progress the page polls, and the results as a zip.

A batch belongs to the session that started it; its files live in a temporary folder that is
removed when the batch is dropped (an hour after it ends, or when the server stops).
"""

from __future__ import annotations

import io
import multiprocessing
import queue
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formgen.pipeline import Options, Report, build
from formgen.project import Setup
from formgen.web.settings import Limits

_CONTEXT = multiprocessing.get_context("spawn")
KEEP_SECONDS = 3600.0
STATE_FILE = ".formgen-state.jsonl"


@dataclass
class Row:
    """One case (or register) of a batch as the page lists it."""

    label: str
    ok: bool
    files: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """What a batch's process reports when it ends (picklable)."""

    rows: list[Row]
    problems: list[str]


@dataclass
class Batch:
    """One batch: its progress, then its outcome and results."""

    id: str
    owner: str
    folder: Path
    total: int = 0
    done: int = 0
    finished: float | None = None
    outcome: Outcome | None = None
    error: str | None = None
    process: Any = None

    @property
    def inputs(self) -> Path:
        return self.folder / "wejscie"

    @property
    def out(self) -> Path:
        return self.folder / "wyniki"

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def percent(self) -> int:
        return 100 if not self.running else int(100 * self.done / self.total) if self.total else 0

    def results_zip(self) -> bytes:
        """Every file the batch wrote, and its report, as a zip."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.out.rglob("*")):
                if path.is_file() and path.name != STATE_FILE and not path.name.startswith(".formgen-tmp"):
                    archive.write(path, path.relative_to(self.out).as_posix())
            archive.writestr("raport.txt", report_text(self))
        return buffer.getvalue()


def report_text(batch: Batch) -> str:
    """The per-case report as plain text (also inside the results zip)."""
    lines = []
    outcome = batch.outcome or Outcome([], [])
    lines += outcome.problems
    for row in outcome.rows:
        lines.append(f"{'OK' if row.ok else 'BŁĄD'}: {row.label}")
        lines += [f"  {m}" for m in row.messages]
        lines += [f"  → {f}" for f in row.files]
    if batch.error:
        lines.append(batch.error)
    return "\n".join(lines) + "\n"


class _Progress:
    """A pipeline Progress that tells the page's process through a queue."""

    def __init__(self, channel: Any) -> None:
        self.channel = channel

    def start(self, total: int) -> None:
        self.channel.put(("start", total))

    def advance(self) -> None:
        self.channel.put(("advance", 1))


def _run(setup: Setup, inputs: Path, out: Path, formats: tuple[str, ...], form: str | None, jobs: int,
         channel: Any) -> None:
    """The batch's process: build, then send the outcome (labels relative to the upload)."""
    try:
        report = build(setup.project(), [inputs], out, formats,
                       Options(jobs=jobs, form=form, progress=_Progress(channel)))
        channel.put(("done", outcome_of(report, inputs, out)))
    except Exception as exc:  # noqa: BLE001 - the page shows what stopped the batch
        channel.put(("error", f"Przetwarzanie przerwane: {exc}"))


def outcome_of(report: Report, inputs: Path, out: Path) -> Outcome:
    """A report as rows the page shows; paths of the temporary folder left out."""
    def clean(text: str) -> str:
        return text.replace(f"{inputs}/", "").replace(f"{out}/", "").replace(str(inputs), "")

    rows = []
    for result in report.results:
        messages = [*result.warnings, *(str(p) for p in result.problems)]
        messages += [result.error] if result.error else []
        files = [path.relative_to(out).as_posix() for path in result.written]
        rows.append(Row(clean(result.label), result.ok, files, [clean(m) for m in messages]))
    problems = [clean(str(p)) for error in report.problems for p in error.problems]
    return Outcome(rows, problems)


class Batches:
    """The page's batches, one process each."""

    def __init__(self, setup: Setup, limits: Limits) -> None:
        self.setup, self.limits = setup, limits
        self._batches: dict[str, Batch] = {}
        self._lock = threading.Lock()

    def new(self, owner: str) -> Batch:
        """A batch with an empty temporary folder for its inputs."""
        self._drop_old()
        folder = Path(tempfile.mkdtemp(prefix="formgen-web-"))
        batch = Batch(secrets.token_urlsafe(16), owner, folder)
        batch.inputs.mkdir()
        with self._lock:
            self._batches[batch.id] = batch
        return batch

    def start(self, batch: Batch, formats: tuple[str, ...], form: str | None) -> None:
        """Build the batch's inputs in a process of its own; a thread follows its progress."""
        channel = _CONTEXT.Queue()
        batch.process = _CONTEXT.Process(target=_run, daemon=True, name="formgen-batch", args=(
            self.setup, batch.inputs, batch.out, formats, form, self.limits.batch_jobs, channel))
        batch.process.start()
        threading.Thread(target=self._follow, args=(batch, channel), daemon=True).start()

    def _follow(self, batch: Batch, channel: Any) -> None:
        deadline = time.monotonic() + self.limits.batch_seconds
        while batch.running:
            try:
                kind, value = channel.get(timeout=0.5)
            except queue.Empty:
                if time.monotonic() > deadline:
                    batch.process.kill()
                    self._end(batch, error=f"Przekroczono limit czasu ({self.limits.batch_seconds:g} s).")
                elif not batch.process.is_alive():
                    self._end(batch, error="Proces przetwarzania zakończył się nieoczekiwanie.")
                continue
            if kind == "start":
                batch.total += value
            elif kind == "advance":
                batch.done += value
            else:
                self._end(batch, outcome=value if kind == "done" else None, error=value if kind == "error" else None)
        batch.process.join(5)

    @staticmethod
    def _end(batch: Batch, outcome: Outcome | None = None, error: str | None = None) -> None:
        batch.outcome, batch.error = outcome, error
        batch.finished = time.monotonic()

    def get(self, batch_id: str, owner: str) -> Batch | None:
        """The batch with this id, if it belongs to `owner`."""
        with self._lock:
            batch = self._batches.get(batch_id)
        return batch if batch is not None and secrets.compare_digest(batch.owner, owner) else None

    def discard(self, batch: Batch) -> None:
        with self._lock:
            self._batches.pop(batch.id, None)
        if batch.process is not None and batch.process.is_alive():
            batch.process.kill()
        shutil.rmtree(batch.folder, ignore_errors=True)

    def _drop_old(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [b for b in self._batches.values() if b.finished and now - b.finished > KEEP_SECONDS]
        for batch in old:
            self.discard(batch)

    def close(self) -> None:
        """Stop and remove every batch (when the server stops)."""
        with self._lock:
            batches = list(self._batches.values())
        for batch in batches:
            self.discard(batch)
