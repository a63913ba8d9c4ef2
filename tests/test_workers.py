"""The workers of a local pool: started while the main process plans, warmed up there, and
the main process left without the renderers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import formgen
from formgen import pipeline, runner
from tests.conftest import EXAMPLES, ROOT


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python code in a new process (formgen from this checkout), with a time limit: a
    pool that hangs fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          check=False, timeout=300, cwd=ROOT, env=env)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_main_process_of_a_pooled_batch_imports_no_renderer(tmp_path, jobs):
    """With workers, the main process reads, plans and writes; WeasyPrint, docxtpl and the
    bundle writer are imported by the workers only (with one job, by the only process)."""
    result = _run_python(f"""
        import sys
        from pathlib import Path
        import formgen
        project = formgen.Project(Path({str(ROOT / "templates")!r}), Path({str(ROOT / "data")!r}))
        report = formgen.build(project, [Path({str(EXAMPLES / "personel.csv")!r})], Path({str(tmp_path)!r}),
                               options=formgen.Options(jobs={jobs}))
        assert report.success and len(report.done) == 4, report
        heavy = ["weasyprint", "docxtpl", "docx", "fontTools", "morfeusz2", "slownie", "formgen.bundle",
                 "formgen.assemble"]
        print(" ".join(name for name in heavy if name in sys.modules))
        """)
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    if jobs == 1:
        assert {"weasyprint", "docxtpl", "morfeusz2"} <= set(imported)
    else:
        assert imported == []


def test_the_main_process_of_a_pooled_bundle_imports_no_renderer(tmp_path):
    """Bundles too: the workers lay out and write them; the main process checks the (default)
    PDF variant without WeasyPrint and imports neither it nor the bundle writer's renderers."""
    result = _run_python(f"""
        import sys
        from pathlib import Path
        import formgen
        project = formgen.Project(Path({str(ROOT / "templates")!r}), Path({str(ROOT / "data")!r}))
        report = formgen.bundles(project, [Path({str(EXAMPLES / "personel.csv")!r})], Path({str(tmp_path)!r}),
                                 options=formgen.Options(jobs=2))
        assert report.success and len(report.done) == 4, report
        print(" ".join(name for name in ["weasyprint", "docxtpl", "pypdf", "morfeusz2"] if name in sys.modules))
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_a_single_job_goes_to_the_started_workers(tmp_path):
    """One case (then its register, one job again): the workers started for it render it; the
    main process, which would otherwise import the renderers for it alone, stays without them."""
    lines = (EXAMPLES / "personel.csv").read_text(encoding="utf-8").splitlines()
    one = tmp_path / "one.csv"
    one.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    result = _run_python(f"""
        import sys
        from pathlib import Path
        import formgen
        project = formgen.Project(Path({str(ROOT / "templates")!r}), Path({str(ROOT / "data")!r}))
        report = formgen.build(project, [Path({str(one)!r})], Path({str(tmp_path / "out")!r}),
                               options=formgen.Options(jobs=2))
        assert report.success and len(report.done) == 2, report
        print(" ".join(name for name in ["weasyprint", "docxtpl", "morfeusz2"] if name in sys.modules))
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def _note_pid(folder: str) -> None:
    """A warm-up that leaves the worker's pid in the folder."""
    Path(folder, str(os.getpid())).touch()


def test_each_worker_warms_up_once_before_its_jobs(tmp_path, monkeypatch):
    seen = tmp_path / "warmed"
    seen.mkdir()
    monkeypatch.setattr(pipeline, "warm_up", lambda setup: _note_pid(str(seen)))
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    report = formgen.build(project, [EXAMPLES / "personel.csv"], tmp_path / "out", options=formgen.Options(jobs=2))
    assert report.success and len(report.done) == 4
    pids = {int(p.name) for p in seen.iterdir()}
    assert len(pids) == 2 and os.getpid() not in pids


def _failing_warm_up(setup: object) -> None:
    raise RuntimeError("the warm-up failed")


def test_a_failed_warm_up_leaves_the_jobs_to_run(tmp_path, monkeypatch):
    """What the warm-up does, a job does again (and reports, if it fails there too)."""
    monkeypatch.setattr(pipeline, "warm_up", _failing_warm_up)
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    report = formgen.build(project, [EXAMPLES / "personel.csv"], tmp_path / "out", options=formgen.Options(jobs=2))
    assert report.success and len(report.done) == 4 and len(report.written) == 8


def test_a_warm_up_that_fails_for_the_jobs_too_is_reported_by_each_job(tmp_path):
    """A data folder without the institution's profile: the warm-up fails, then every job
    fails with the error that names the file; the run ends (no worker hangs)."""
    data = tmp_path / "data"
    data.mkdir()
    project = formgen.Project(ROOT / "templates", data)
    report = formgen.build(project, [EXAMPLES / "personel.csv"], tmp_path / "out", options=formgen.Options(jobs=2))
    assert not report.success and report.written == []
    assert len(report.failed) == 3
    assert all("institution.yaml" in (r.error or "") for r in report.failed)


def test_a_worker_that_dies_while_warming_up_fails_the_jobs_and_the_run_ends(tmp_path):
    result = _run_python(f"""
        import os
        from pathlib import Path
        import formgen
        from formgen import pipeline
        pipeline.warm_up = lambda setup: os._exit(3)
        project = formgen.Project(Path({str(ROOT / "templates")!r}), Path({str(ROOT / "data")!r}))
        report = formgen.build(project, [Path({str(EXAMPLES / "personel.csv")!r})], Path({str(tmp_path)!r}),
                               options=formgen.Options(jobs=2))
        print(len(report.failed), len(report.done), report.written)
        print(report.failed[0].error)
        """)
    assert result.returncode == 0, result.stderr
    counts, error = result.stdout.splitlines()[:2]
    assert counts == "3 0 []"
    assert "terminated abruptly" in error


class _BreaksBetweenStarts(runner.Pool):
    """A pool whose first start-up job is seen failing before the next is submitted: the
    order in which a worker that dies at once breaks the pool under a busy machine."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        future = super().submit(fn, *args, **kwargs)
        if fn is runner._ready:
            future.exception(timeout=60)  # returns once the dead worker broke the pool
        return future


def test_a_pool_broken_while_its_workers_start_leaves_the_error_to_the_jobs():
    with _BreaksBetweenStarts(2, (os._exit, (3,))) as pool:
        pool.start()  # raised BrokenProcessPool on the second start-up job
        assert pool.started
        outcome = runner.outcome_of(runner.submit(pool, runner.Job("x", "a job", print, ())))
    assert isinstance(outcome, runner.Failure) and "terminated abruptly" in (outcome.error or "")


def test_a_run_with_nothing_to_parse_starts_no_worker(tmp_path, monkeypatch):
    """Workers start when an input file is to be parsed; a re-run over unchanged inputs
    parses none and starts none (a pool would cost it more than the whole run)."""
    starts = []
    monkeypatch.setattr(runner.Pool, "start", lambda pool: starts.append(pool.workers))
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    first = formgen.build(project, [EXAMPLES / "personel.csv"], tmp_path, options=formgen.Options(jobs=2))
    assert starts == [2] and len(first.done) == 4
    again = formgen.build(formgen.Project(project.templates, project.data), [EXAMPLES / "personel.csv"], tmp_path,
                          options=formgen.Options(jobs=2))
    assert starts == [2] and again.skipped == 4 and again.results == []


def test_the_pipeline_names_the_bundles_default_variant_without_importing_it():
    from formgen import bundle

    assert pipeline.DEFAULT_VARIANT == bundle.DEFAULT_VARIANT


def test_workers_end_when_their_main_process_is_killed(tmp_path):
    """SIGKILL tells the workers nothing: each watches its parent and ends when it is gone,
    instead of waiting for jobs forever."""
    import signal
    import time

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    main = subprocess.Popen([sys.executable, "-m", "formgen", "batch", str(EXAMPLES), "-o", str(tmp_path / "out"),
                             "--jobs", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for name in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{name}/stat").read_text(encoding="ascii", errors="replace")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == main.pid:
                found.append(int(name))
        return found

    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and main.poll() is None:
        workers = children()
        time.sleep(0.05)
    assert len(workers) == 2, "the pool's workers did not start"
    main.send_signal(signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 10 * runner.PARENT_CHECK_SECONDS + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # do not leave them to the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert alive == []
