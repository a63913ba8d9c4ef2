"""The pipeline as a library: reports, incremental builds, hand edits, one layout per document,
executors (a process pool and a Dask cluster on the loopback interface)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import formgen
from formgen.cli import cli
from tests.conftest import EXAMPLES, ROOT, count_layouts, docx_text, write

STATEMENT = """form: som-oswiadczenie
id: {id}
osoba:
  imie: Anna
  nazwisko: {nazwisko}
  plec: K
stanowisko: opiekunka
data: 2026-11-02
"""


def project_copy(tmp_path: Path) -> formgen.Project:
    """A project whose templates and data a test may change."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("examples"))
    return formgen.Project(tmp_path / "templates", tmp_path / "data")


def cases(tmp_path: Path) -> Path:
    """Three staff statements and a loan agreement, in a folder of their own."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for number, name in enumerate(["Nowak", "Lis", "Kos"], 1):
        write(folder, f"s{number}.yaml", STATEMENT.format(id=f"s-{number}", nazwisko=name))
    shutil.copy(EXAMPLES / "pozyczka-2026-001.yaml", folder)
    return folder


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.*")
            if p.name != ".formgen-state.jsonl"}


def test_build_returns_a_report_and_prints_nothing(tmp_path, capsys):
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    bad = write(tmp_path, "zly.yaml", STATEMENT.format(id="zly", nazwisko="Lis").replace("plec: K", "plec: X"))
    good = write(tmp_path, "dobry.yaml", STATEMENT.format(id="dobry", nazwisko="Nowak"))
    report = formgen.build(project, [good, bad], tmp_path / "out", options=formgen.Options(jobs=1))
    assert capsys.readouterr() == ("", "")
    assert [r.label for r in report.done] == [f"{good}:1 (dobry)", "register som-wykaz-zapoznanych (1 entry)"]
    assert [str(p) for r in report.failed for p in r.problems] == [
        f"{bad}:6: osoba.plec: must be one of 'K' or 'M', got 'X'"]
    assert sorted(p.name for p in report.written) == ["dobry.docx", "dobry.pdf", "som-wykaz-zapoznanych.docx",
                                                      "som-wykaz-zapoznanych.pdf"]
    assert not report.success


@pytest.mark.parametrize("broken", [False, True])
def test_a_register_started_with_the_cases_lists_only_the_cases_produced(tmp_path, monkeypatch, broken):
    """With workers, a register starts as if every case will be produced; it is used only if
    they are, and made again from those produced otherwise: the same bytes as one job makes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    (tmp_path / "cases").mkdir()
    for number, name in enumerate(["Nowak", "Lis", "Kos", "Wrona"], 1):
        text = STATEMENT.format(id=f"s-{number}", nazwisko=name)
        write(tmp_path / "cases", f"s{number}.yaml", text.replace("plec: K", "plec: X") if broken and number == 2 else text)
    register = Path("som-wykaz-zapoznanych") / "som-wykaz-zapoznanych.pdf"
    made = {jobs: formgen.build(project, [tmp_path / "cases"], tmp_path / f"out{jobs}",
                                options=formgen.Options(jobs=jobs)) for jobs in (1, 2)}
    assert [len(made[jobs].failed) for jobs in (1, 2)] == [int(broken)] * 2
    assert (tmp_path / "out2" / register).read_bytes() == (tmp_path / "out1" / register).read_bytes()
    listed = PdfReader(tmp_path / "out2" / register).pages[0].extract_text()
    assert ("Lis" in listed) is not broken and all(name in listed for name in ["Nowak", "Kos", "Wrona"])


def test_a_second_run_over_unchanged_cases_writes_nothing(tmp_path):
    project, folder, out = project_copy(tmp_path), cases(tmp_path), tmp_path / "out"
    first = formgen.build(project, [folder], out, options=formgen.Options(jobs=1))
    assert len(first.done) == 5 and first.skipped == 0  # four cases and the staff list
    before = stamps(out)
    again = formgen.build(formgen.Project(project.templates, project.data), [folder], out)
    assert (len(again.results), again.skipped, again.written) == (0, 5, [])
    assert stamps(out) == before


def test_a_changed_template_renders_exactly_the_cases_of_its_form(tmp_path):
    project, folder, out = project_copy(tmp_path), cases(tmp_path), tmp_path / "out"
    formgen.build(project, [folder], out, options=formgen.Options(jobs=1))
    page = project.templates / "som-oswiadczenie" / "template.html"
    page.write_text(page.read_text(encoding="utf-8").replace("oświadczam", "OŚWIADCZAM", 1), encoding="utf-8")
    again = formgen.build(formgen.Project(project.templates, project.data), [folder], out)
    assert sorted(r.key for r in again.results) == ["case:s-1", "case:s-2", "case:s-3"]
    assert again.skipped == 2  # the loan agreement, and the staff list (its entries did not change)
    assert "OŚWIADCZAM" in PdfReader(out / "som-oswiadczenie" / "s-2.pdf").pages[0].extract_text()


def test_a_changed_case_or_data_file_renders_what_depends_on_it(tmp_path):
    project, folder, out = project_copy(tmp_path), cases(tmp_path), tmp_path / "out"
    formgen.build(project, [folder], out, options=formgen.Options(jobs=1))
    write(folder, "s2.yaml", STATEMENT.format(id="s-2", nazwisko="Lisowska"))
    again = formgen.build(formgen.Project(project.templates, project.data), [folder], out)
    assert sorted(r.key for r in again.results) == ["case:s-2", "register:som-wykaz-zapoznanych"]
    params = project.data / "params" / "zfss-2026.yaml"
    params.write_text(params.read_text(encoding="utf-8") + "\n# a comment changes the file\n", encoding="utf-8")
    third = formgen.build(formgen.Project(project.templates, project.data), [folder], out)
    assert [r.key for r in third.results] == ["case:pozyczka-2026-001"]  # the only case that reads it


def test_a_hand_edited_file_is_left_alone_unless_forced(tmp_path):
    project, folder, out = project_copy(tmp_path), cases(tmp_path), tmp_path / "out"
    base = ["--templates", str(project.templates), "--data", str(project.data)]
    assert CliRunner().invoke(cli, [*base, "batch", str(folder), "-o", str(out), "-j", "1"]).exit_code == 0
    edited = out / "som-oswiadczenie" / "s-1.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # the user saved it in Word
    unchanged = CliRunner().invoke(cli, [*base, "batch", str(folder), "-o", str(out)])
    assert unchanged.exit_code == 0  # nothing to do for s-1: its inputs did not change, the edit stays
    assert unchanged.stdout.splitlines()[-1].startswith("0 cases rendered, 5 up to date")
    write(folder, "s1.yaml", STATEMENT.format(id="s-1", nazwisko="Nowakowska"))
    result = CliRunner().invoke(cli, [*base, "batch", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert (f"{folder / 's1.yaml'}:1 (s-1): {edited} was changed since formgen wrote it; left alone "
            f"(--force overwrites it)") in result.stdout.splitlines()
    assert edited.read_bytes().endswith(b"\0")
    forced = CliRunner().invoke(cli, [*base, "batch", str(folder), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and "Nowakowska" in docx_text(edited)


def test_bundles_are_skipped_when_up_to_date_but_never_when_protected(tmp_path):
    project, folder, out = project_copy(tmp_path), cases(tmp_path), tmp_path / "bundles"
    first = formgen.bundles(project, [folder], out, options=formgen.Options(jobs=1))
    assert len(first.done) == 5
    again = formgen.bundles(formgen.Project(project.templates, project.data), [folder], out)
    assert (len(again.results), again.skipped) == (0, 5)
    from formgen.bundle import Protection

    password = formgen.bundles(formgen.Project(project.templates, project.data), [folder], tmp_path / "send",
                              variant="none", protection=Protection(password="hasło"))
    again_protected = formgen.bundles(formgen.Project(project.templates, project.data), [folder], tmp_path / "send",
                                     variant="none", protection=Protection(password="hasło"))
    assert len(password.done) == len(again_protected.done) == 5 and again_protected.skipped == 0


def test_a_bundle_lays_each_document_out_once(tmp_path, monkeypatch):
    """Each document is laid out once; the bundle adds the cover and one layout of page numbers."""
    calls = count_layouts(monkeypatch)
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    report = formgen.bundles(project, [EXAMPLES / "sprawa-pozyczka-2026-003.yaml"], tmp_path,
                            options=formgen.Options(jobs=1))
    assert len(report.done) == 1 and len(calls) == 4 + 2  # four documents, the cover, the numbers
    reader = PdfReader(tmp_path / "pozyczka-2026-003.pdf")
    footers = [page.extract_text().strip().splitlines()[-1] for page in reader.pages]
    assert footers == [f"pozyczka-2026-003 strona {n} z {len(reader.pages)}"
                       for n in range(1, len(reader.pages) + 1)]


def test_a_bundle_page_draws_what_the_single_pdf_draws_but_its_number(tmp_path):
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    formgen.build(project, [EXAMPLES / "pozyczka-2026-001.yaml"], tmp_path / "files", options=formgen.Options(jobs=1))
    formgen.bundles(project, [EXAMPLES / "pozyczka-2026-001.yaml"], tmp_path / "bundles", options=formgen.Options(jobs=1))
    single = PdfReader(tmp_path / "files" / "zfss-umowa-pozyczki" / "pozyczka-2026-001.pdf")
    bundled = PdfReader(tmp_path / "bundles" / "pozyczka-2026-001.pdf")
    total = len(bundled.pages)
    for number, (alone, inside) in enumerate(zip(single.pages, bundled.pages[1:]), 1):
        text = alone.extract_text().replace(f"strona {number} z {len(single.pages)}",
                                            f"strona {number + 1} z {total}")
        assert text == inside.extract_text()


def test_one_run_gives_all_its_documents_one_time(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = formgen.Project(ROOT / "templates", ROOT / "data")
    report = formgen.build(project, [EXAMPLES / "personel.csv"], tmp_path, ("docx",), formgen.Options(jobs=2))
    times = set()
    for path in report.written:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as docx:
            core = docx.read("docProps/core.xml").decode()
        times.add(core[core.index("<dcterms:created"):core.index("</dcterms:created>")])
    assert len(report.written) == 4 and len(times) == 1


def test_a_dask_cluster_on_the_loopback_interface_renders_the_cases(tmp_path):
    distributed = pytest.importorskip("distributed", reason="Dask (formgen[dask]) is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        result = subprocess.run([sys.executable, "-m", "formgen", "--templates", str(ROOT / "templates"), "--data",
                                 str(ROOT / "data"), "batch", str(EXAMPLES / "personel.csv"), str(EXAMPLES / "pozyczka-2026-001.yaml"),
                                 "-o", str(tmp_path), "--executor", cluster.scheduler_address],
                                capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        f"5 cases rendered (registers among them: 1), 0 up to date (files written in {tmp_path}: 10), 0 failed.")
    assert "Zielińska" in docx_text(tmp_path / "som-oswiadczenie" / "oswiadczenie-2026-001.docx")
    assert len(PdfReader(tmp_path / "zfss-umowa-pozyczki" / "pozyczka-2026-001.pdf").pages) == 4


def test_an_unreachable_cluster_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed", reason="Dask (formgen[dask]) is not installed")
    result = subprocess.run([sys.executable, "-m", "formgen", "batch", str(EXAMPLES / "personel.csv"), "-o",
                             str(tmp_path), "--executor", "tcp://127.0.0.1:9"], capture_output=True, text=True,
                            check=False, timeout=120, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
