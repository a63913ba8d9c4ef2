"""Files a worker stages itself (formgen.output.spool): a local pool's bundles are written by
their workers beside their targets and renamed into place by the main process, all or none."""

from __future__ import annotations

import errno
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import formgen
from formgen import runner
from formgen.bundle import bundle_file
from formgen.cases.load import read_records
from formgen.errors import FormgenError
from formgen.output import TMP_PREFIX, Spooled, Staged, WriteError, spool
from formgen.runner import Failure, Job, Product, perform
from formgen.verify import check_bundle
from tests.conftest import EXAMPLES, ROOT


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"{TMP_PREFIX}*"))


def test_a_pooled_bundle_is_staged_by_its_worker_and_verifies(tmp_path):
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    report = formgen.bundles(project, [EXAMPLES / "personel.csv"], tmp_path, per_file=True,
                             options=formgen.Options(jobs=2))
    assert report.success, report
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "personel.pdf", "som-wykaz-zapoznanych.pdf"]
    assert _leftovers(tmp_path) == []
    assert check_bundle(tmp_path / "personel.pdf") == []
    assert (tmp_path / "personel.pdf").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_bundle_file_stages_its_pdf_where_told(tmp_path):
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    record = read_records(EXAMPLES / "zgoda-wizerunek-2026-001.yaml")[0]
    product = bundle_file(project.setup, "zgoda", [record], None, "pdf/a-3b", None,
                          formgen.pipeline.build_time(), str(tmp_path))
    (name, staged), (manifest, _data) = product.files
    assert name == "zgoda.pdf" and isinstance(staged, Spooled) and manifest == "zgoda.manifest.json"
    temporary = Path(staged.temporary)
    assert temporary.parent == tmp_path and temporary.name.startswith(TMP_PREFIX)
    assert temporary.read_bytes().startswith(b"%PDF-")
    import hashlib

    assert staged.sha256 == hashlib.sha256(temporary.read_bytes()).hexdigest()
    with pytest.raises(RuntimeError):
        product.in_memory()
    product.discard()
    assert _leftovers(tmp_path) == []


def test_a_staged_file_from_elsewhere_is_refused_and_removed(tmp_path):
    (tmp_path / "out").mkdir()
    other = spool(tmp_path / "elsewhere" / "x.pdf", b"%PDF-")
    staged = Staged()
    with pytest.raises(FormgenError, match="refusing a staged file outside"):
        staged.adopt(tmp_path / "out" / "x.pdf", Path(other.temporary))
    assert not Path(other.temporary).exists() and staged.items == []


def _spooling_job(folder: str, number: int) -> Product:
    return Product([(f"{number}.pdf", spool(Path(folder) / f"{number}.pdf", b"%PDF-1.7"))])


def test_staged_files_of_outcomes_never_written_are_removed(tmp_path):
    """A run stopped by a fatal write error leaves no staged file of the jobs that finished."""
    jobs = [Job(f"case:{n}", f"case {n}", _spooling_job, (str(tmp_path), n)) for n in range(6)]
    seen: list[str] = []

    def consume(job: Job, outcome: object) -> bool:
        seen.append(job.key)
        assert isinstance(outcome, Product)
        outcome.discard()  # as the writer does when a write fails
        return False  # stop at the first, as after a full disk

    with ThreadPoolExecutor(2) as pool:
        futures_done = runner.run(jobs, pool, consume)
    assert futures_done is False and len(seen) == 1
    assert _leftovers(tmp_path) == []


def _full_disk(folder: str) -> Product:
    raise WriteError(Path(folder) / "b.pdf", OSError(errno.ENOSPC, "No space left on device"))


def test_a_worker_that_cannot_write_stops_the_run_like_the_main_process(tmp_path):
    failure = perform(_full_disk, (str(tmp_path),))
    assert isinstance(failure, Failure) and failure.fatal
    assert failure.error == f"cannot write {tmp_path / 'b.pdf'}: No space left on device"
