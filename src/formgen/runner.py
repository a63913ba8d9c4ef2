"""One job runner for batch and bundle: jobs in this process or on any executor.

A job is a module-level function of picklable arguments (the writers: formgen.files and
formgen.bundle) that returns a Product; it is run through `perform`, so whatever it raises comes back as that job's Failure and the other jobs go
on. Results are handed, as they complete, to a consumer in this process (which writes the
files); when the consumer says stop (a fatal write error: disk full, output folder read-only),
the jobs not yet started are cancelled.

The executor is any `concurrent.futures.Executor`: a local process pool, or a Dask cluster's
(`Client.get_executor()`); none runs every job here, in order. A local pool's workers can be
started before the first job (`start`) and prepare for their jobs (import and warm up the
renderers) while this process is still reading and planning the cases.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from formgen.errors import FormgenError, InputError, Problem, describe
from formgen.i18n import _
from formgen.output import Spooled, WriteError


@dataclass
class Product:
    """What a job made: files (path relative to the output folder; the bytes, or a file the
    worker staged itself beside its target, see formgen.output.spool) and where from."""

    files: list[tuple[str, bytes | Spooled]] = field(default_factory=list)
    used: list[str] = field(default_factory=list)  # data files read, relative to the data folder
    warnings: list[str] = field(default_factory=list)

    def in_memory(self) -> list[tuple[str, bytes]]:
        """The files as bytes: for a product made in this process, never staged by a worker."""
        made = [(name, data) for name, data in self.files if isinstance(data, bytes)]
        if len(made) != len(self.files):
            raise RuntimeError("a product staged by a worker has no bytes in memory")  # a programming error
        return made

    def discard(self) -> None:
        """Remove the files a worker staged for this product (when it is not written)."""
        for _name, data in self.files:
            if isinstance(data, Spooled):
                data.discard()


@dataclass
class Failure:
    """Why a job made nothing: its input problems, or an error message; `fatal` for a write
    error after which every later write fails too (a full disk)."""

    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    fatal: bool = False


def perform(call: object, args: tuple[object, ...]) -> Product | Failure:
    """Run a job function; whatever it raises becomes a Failure (picklable, unlike some errors)."""
    try:
        return call(*args)  # type: ignore[operator, no-any-return]
    except InputError as exc:
        return Failure(problems=list(exc.problems))
    except WriteError as exc:  # a file the job staged itself
        return Failure(error=describe(exc), fatal=exc.fatal)
    except Exception as exc:  # noqa: BLE001 - one job's failure stays its own
        return Failure(error=describe(exc))


def unexpected(exc: BaseException) -> Failure:
    """A failure that happened outside the job function (a worker that died)."""
    return Failure(error=describe(exc))


Outcome = Product | Failure


@dataclass(frozen=True)
class Job:
    """One unit of work: `call(*args)` returns a Product."""

    key: str  # what it makes: "case:<id>", "register:<form-id>", "bundle:<name>"
    label: str  # how messages name it: file:line (id), never personal data
    call: Callable[..., Product]
    args: tuple[Any, ...]


YOUNG_OBJECTS_BEFORE_GC = 10_000  # Python's default is 700


def fewer_collections() -> None:
    """Let the cyclic garbage collector run less often in a process that renders documents.

    Laying out a document allocates hundreds of thousands of objects: with the default threshold
    the collector ran about 60 times per 4-page loan agreement, its full runs walking every
    object the process keeps (parsed stylesheets, compiled templates, the catalog), and took
    18-28 % of the CPU time of a warm render; at 10 000 young objects, about 7 %, for a few MB
    more garbage waiting at any time. Process pool workers forked from this process inherit the
    setting (workers started otherwise, e.g. by Dask, keep Python's default).
    """
    import gc

    older, oldest = gc.get_threshold()[1:]
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_GC, older, oldest)


def usable_cores() -> int:
    """The cores this process may run on (the default of --jobs)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


Preparation = tuple[Callable[..., object], tuple[Any, ...]]  # what a worker does before its first job


class Pool(ProcessPoolExecutor):
    """A local process pool whose workers each run a preparation (`call(*args)`) before their
    first job. A failed preparation is not the worker's end: it is left to the jobs, which do
    the same work and report what fails as their own Failure."""

    def __init__(self, workers: int, preparation: Preparation | None = None) -> None:
        super().__init__(workers, initializer=_prepare, initargs=(preparation,))
        self.workers = workers
        self.started = False

    def start(self) -> None:
        """Start every worker now (each prepares, then waits for jobs), not at the first job."""
        if not self.started:
            self.started = True
            for _worker in range(self.workers):  # a worker each, whatever the start method
                try:
                    self.submit(_ready)
                except BrokenExecutor:  # a worker died already: each job reports it
                    return


PARENT_CHECK_SECONDS = 0.5


def _end_with_parent() -> None:
    """End this worker when the process that started it is gone (killed with SIGKILL, it tells
    no one): a forked worker would otherwise wait for jobs forever, an orphan holding memory."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="formgen-parent-watch", daemon=True).start()


def _prepare(preparation: Preparation | None) -> None:
    """A worker's initializer: it ends with its parent, then runs its preparation, whose failure
    is left to the jobs (raised from an initializer, it would break the pool and hide the error)."""
    # A forked worker ends when told (SIGTERM) and leaves Ctrl+C to the main process, which stops
    # the run between two jobs and then the pool.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    if preparation is None:
        return
    call, args = preparation
    try:
        call(*args)
    except Exception:  # noqa: BLE001, S110 - the jobs meet the same error and report it
        pass


def _ready() -> None:
    """The job that starts a worker."""


def start(executor: Executor | None) -> None:
    """Start a local pool's workers now, so that they prepare while this process plans; other
    executors (none, a Dask cluster's) have nothing to start."""
    if isinstance(executor, Pool):
        executor.start()


@contextmanager
def executor_for(jobs: int, address: str | None = None,
                 preparation: Preparation | None = None) -> Iterator[Executor | None]:
    """The executor of a run: a Dask cluster's at `address` (tcp://host:8786), a process pool
    of `jobs` workers (each running `preparation` first), or None (everything in this process)
    for one job."""
    if address:
        with _dask_client(address) as client:
            yield client.get_executor()
    elif jobs > 1:
        with Pool(jobs, preparation) as pool:
            try:
                yield pool
            except BaseException:  # stopped (Ctrl+C, SIGTERM, an error): the queued jobs are not started
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    else:
        yield None


@contextmanager
def _dask_client(address: str) -> Iterator[Any]:
    """A client of the Dask scheduler at `address`, or a clear error."""
    try:
        from distributed import Client
    except ImportError:
        raise FormgenError(_("--executor needs Dask: pip install 'formgen[dask]'")) from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise FormgenError(_("cannot reach the Dask scheduler at {address}: {reason}").format(
            address=address, reason=exc)) from None
    with client:
        yield client


def submit(executor: Executor, job: Job) -> Future[Outcome]:
    """Start a job on the executor; on a pool already broken (a worker died), a future that
    holds that error (the job's failure, like the others')."""
    try:
        return executor.submit(perform, job.call, job.args)
    except BrokenExecutor as exc:
        failed: Future[Outcome] = Future()
        failed.set_exception(exc)
        return failed


def outcome_of(future: Future[Outcome]) -> Outcome:
    """A submitted job's outcome (waiting for it), or the failure of a worker that died."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
        return unexpected(exc)


def run(jobs: Sequence[Job], executor: Executor | None, consume: Callable[[Job, Outcome], bool]) -> bool:
    """Run the jobs and give each outcome to `consume` as it completes; True when every job
    ran, False when `consume` stopped the run (the rest were cancelled). A single job runs here
    too, unless a local pool's workers are already started (and warmed up for it). Ctrl+C or
    SIGTERM meanwhile stops the run between two outcomes (see `on_signal`)."""
    with stop_points():
        if executor is None or (len(jobs) < 2 and not (isinstance(executor, Pool) and executor.started)):
            for job in jobs:
                outcome = perform(job.call, job.args)
                stop_point()
                if not consume(job, outcome):
                    return False
            return True
        futures: dict[Future[Outcome], Job] = {submit(executor, job): job for job in jobs}
        consumed: set[Future[Outcome]] = set()
        try:
            for future in as_completed(futures):
                stop_point()
                consumed.add(future)
                if not consume(futures[future], outcome_of(future)):
                    _drop(futures.keys() - consumed)
                    return False
        except BaseException:
            _drop(futures.keys() - consumed)
            raise
        return True


def _drop(futures: set[Future[Outcome]]) -> None:
    """Jobs whose outcomes will not be written: cancelled, or discarded when they finish."""
    for left in futures:
        left.cancel()
        left.add_done_callback(_discard)  # finished now or later, never to be written


class _Stopping:
    """Whether a run is giving outcomes to be written (`deferring`) and a stop was asked for."""

    deferring = False
    requested = False


_STOPPING = _Stopping()


def on_signal(_signum: int, _frame: object) -> None:
    """SIGINT and SIGTERM in the main process: while a run writes outcomes, the stop waits for
    the point between two of them (a case's files and its register record are never cut in
    half); a second signal, or one outside a run, stops at once (KeyboardInterrupt)."""
    if _STOPPING.deferring and not _STOPPING.requested:
        _STOPPING.requested = True
        return
    raise KeyboardInterrupt


@contextmanager
def stop_points() -> Iterator[None]:
    """A stretch of work in which Ctrl+C and SIGTERM wait for the next `stop_point()`."""
    outer = _STOPPING.deferring
    _STOPPING.deferring = True
    try:
        yield
    finally:
        _STOPPING.deferring = outer
    stop_point()  # asked for during the last outcome


def stop_point() -> None:
    """Stop here (KeyboardInterrupt) if Ctrl+C or SIGTERM came since the last point."""
    if _STOPPING.requested:
        _STOPPING.requested = False
        raise KeyboardInterrupt


def _discard(future: Future[Outcome]) -> None:
    """Remove the files a job staged itself, its outcome not being written."""
    if not future.cancelled() and future.exception() is None and isinstance(outcome := future.result(), Product):
        outcome.discard()
