"""Render processes with a time limit: a document that takes too long is stopped, not awaited.

WeasyPrint cannot be interrupted inside a thread, so every render of the page runs in one of a
few warm worker processes; a job that overruns its limit has its process killed (a new one is
started for the next job) and the request gets a clear error. Jobs are module-level functions
of picklable arguments, run through `formgen.runner.perform`, as in a batch.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from formgen.errors import FormgenError
from formgen.runner import perform

_CONTEXT = multiprocessing.get_context("spawn")  # never fork a server's threads


class RenderTimeout(FormgenError):
    """Raised when a job overran its time limit (its process was stopped)."""


class WorkerDied(FormgenError):
    """Raised when a worker process ended in the middle of a job (e.g. out of memory)."""


def _serve(conn: Connection) -> None:
    """A worker's loop: run each job it is sent and send back its outcome."""
    while True:
        try:
            call, args = conn.recv()
        except EOFError:
            return
        conn.send(perform(call, args))


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child,), daemon=True, name="formgen-render")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class RenderPool:
    """At most `size` jobs at a time, each in a warm process, each within its time limit."""

    def __init__(self, size: int) -> None:
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(max(1, size)):
            self._idle.put(None)  # started on first use
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()

    def run(self, seconds: float, call: Callable[..., Any], *args: Any) -> Any:
        """The outcome of `call(*args)` (a Product, a Failure or the function's value), or
        RenderTimeout after `seconds`."""
        worker = self._idle.get()
        try:
            worker = worker if worker is not None and worker.process.is_alive() else self._start()
            worker.conn.send((call, args))
            if not worker.conn.poll(seconds):
                self._discard(worker)
                worker = None
                raise RenderTimeout(f"Przekroczono limit czasu ({seconds:g} s): dokument nie został "
                                    f"przygotowany. Zmniejsz sprawę (np. liczbę wierszy) i spróbuj ponownie.")
            try:
                return worker.conn.recv()
            except (EOFError, OSError):
                self._discard(worker)
                worker = None
                raise WorkerDied("Proces przygotowujący dokument zakończył się nieoczekiwanie.") from None
        finally:
            self._idle.put(worker)

    def warm(self) -> None:
        """Start the workers now (each imports formgen and WeasyPrint once), not on first use."""
        taken = []
        while True:
            try:
                taken.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in taken:
            self._idle.put(worker if worker is not None and worker.process.is_alive() else self._start())

    def _start(self) -> _Worker:
        worker = _Worker()
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Stop every worker (when the server shuts down)."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
