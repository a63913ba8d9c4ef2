"""One job runner for batch and bundle: every job isolated, in this process or in a pool.

A job is a module-level function called with picklable arguments; it returns the files it
wrote. Whatever it raises becomes that job's failure (formgen's own errors as they are,
anything else as "internal error", with the traceback under --debug), and the other jobs go
on. Only a fatal write error (disk full, read-only or forbidden output folder) stops the run:
the jobs not yet started are cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formgen.errors import describe
from formgen.output import WriteError


@dataclass
class Result:
    """What one job did: the files it wrote, or why it failed."""

    label: str
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    fatal: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Job:
    """One unit of work: `call(*args)` returns the paths written."""

    label: str
    call: Callable[..., list[Path]]
    args: tuple[Any, ...]


def attempt(job: Job) -> Result:
    """Run a job; any exception becomes its failed Result."""
    try:
        return Result(job.label, job.call(*job.args))
    except WriteError as exc:
        return Result(job.label, error=exc.message, fatal=exc.fatal)
    except Exception as exc:  # noqa: BLE001 - isolation is the point: one case never stops a run
        return Result(job.label, error=describe(exc))


def run(jobs: Sequence[Job], workers: int = 1, initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (), progress: Callable[[Result], None] = lambda r: None) -> list[Result]:
    """Run every job (in `workers` processes when more than one and worth it); results in job
    order. After a fatal result, jobs not yet started are left out."""
    if not pooled(workers, len(jobs)):
        return _inline(jobs, progress)
    with ProcessPoolExecutor(workers, initializer=initializer, initargs=initargs) as pool:
        return _pooled(pool, jobs, progress)


def pooled(workers: int, jobs: int) -> bool:
    """Whether `run` uses worker processes (starting them costs more than a couple of jobs)."""
    return workers > 1 and jobs > 2


def _inline(jobs: Sequence[Job], progress: Callable[[Result], None]) -> list[Result]:
    results = []
    for job in jobs:
        results.append(attempt(job))
        progress(results[-1])
        if results[-1].fatal:
            break
    return results


def _pooled(pool: Executor, jobs: Sequence[Job], progress: Callable[[Result], None]) -> list[Result]:
    futures: list[Future[Result]] = [pool.submit(attempt, job) for job in jobs]
    results = []
    for job, future in zip(jobs, futures):
        if future.cancelled():  # left out after a fatal error
            continue
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
            result = Result(job.label, error=describe(exc))
        results.append(result)
        progress(result)
        if result.fatal:
            for pending in futures:
                pending.cancel()
    return results
