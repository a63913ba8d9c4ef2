"""The register's storage: concurrent runs, crash repair, killed migrations, exports (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from formgen.pipeline import Options, build
from formgen.register.db import MIGRATIONS, current_revision, engine_for, head_revision, migrate
from formgen.register.entry import Issued, PersonRef, Row
from formgen.register.export import to_csv, to_xlsx
from formgen.register.store import Register
from formgen.workspace import load
from tests.conftest import ROOT
from tests.workspaces import formgen, holiday, make_pesel, make_workspace, person

HEADER = "form,id,osoba.imie,osoba.nazwisko,osoba.plec,stanowisko,data\n"


def _statements(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True)
    rows = "".join(f"som-oswiadczenie,osw-{n:03d},Anna,Nowak{n},K,opiekunka,2026-11-02\n" for n in numbers)
    (folder / "staff.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def _url(ws: Path) -> str:
    return load(ws).db_url()


def test_two_batch_runs_at_once_record_every_document_once(tmp_path: Path, register_db: str | None) -> None:
    ws = make_workspace(tmp_path / "ws", register_db)
    first, second = _statements(tmp_path / "a", range(1, 13)), _statements(tmp_path / "b", range(7, 19))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.Popen([sys.executable, "-m", "formgen", "--workspace", str(ws), "batch", str(folder),
                              "-o", str(tmp_path / f"out-{folder.name}"), "--jobs", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env) for folder in (first, second)]
    outputs = [run.communicate(timeout=300)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    register = Register(_url(ws), load(ws).institution)
    try:
        rows = register.rows(form="som-oswiadczenie", history=True)
        assert sorted(r.issued.case_id for r in rows) == [f"osw-{n:03d}" for n in range(1, 19)]
        assert {r.status for r in rows} == {"wydany"}
        lists = register.rows(form="som-wykaz-zapoznanych", history=True)
        assert len(lists) == 2 and sorted(r.status for r in lists) == ["wydany", "zastapiony"]
    finally:
        register.close()


def test_a_crash_between_writing_and_recording_is_repaired_by_the_next_run(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path / "ws")
    cases = ws / "sprawy"
    cases.mkdir()
    case = cases / "w1.yaml"
    case.write_text(holiday("wczasy-1", "2026-06-12", person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True),
                                                             "K"), "1000.00"), encoding="utf-8")
    out = ws / "out"
    from formgen.commands import open_project

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # the process dies after the files are in place, before the register

    with monkeypatch.context() as patch:
        patch.setattr(Register, "record", crash)
        with pytest.raises(KeyboardInterrupt):
            build(open_project(ws, None, None, None, True), [cases], out, options=Options(jobs=1))
    assert (out / "zfss-wniosek-wczasy" / "wczasy-1.pdf").is_file()
    assert (out / ".formgen-register.jsonl").is_file()
    assert formgen(ws, "register", "list").output == "0 documents.\n"
    again = formgen(ws, "batch", str(cases), "-o", str(out))
    assert again.exit_code == 0
    assert ("register: zfss-wniosek-wczasy wczasy-1 was written by an interrupted run but not recorded; "
            "recorded now") in again.output.splitlines()
    assert "0 cases rendered, 1 up to date" in again.output
    assert "wczasy-1" in formgen(ws, "register", "list").output
    assert not (out / ".formgen-register.jsonl").exists()
    # Recorded, then the file is gone: the next run into the folder says so.
    (out / "zfss-wniosek-wczasy" / "wczasy-1.pdf").unlink()
    other = ws / "inne"
    other.mkdir()
    shutil.copy(ROOT / "data" / "examples" / "rachunek-2026-001.yaml", other)
    result = formgen(ws, "batch", str(other), "-o", str(out))
    assert (f"register: zfss-wniosek-wczasy wczasy-1 z 12.06.2026 (no. 1) is recorded, but "
            f"{out.resolve() / 'zfss-wniosek-wczasy' / 'wczasy-1.pdf'} is missing") in result.output.splitlines()


SLOW_MIGRATION = '''
"""A test migration that stops half-way (it is killed there)."""
import os
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("documents", sa.Column("note", sa.Text))
    if os.environ.get("MIGRATION_MARKER"):
        Path(os.environ["MIGRATION_MARKER"]).write_text("inside")
        time.sleep(120)


def downgrade() -> None:
    op.drop_column("documents", "note")
    op.drop_table("extra")
'''


def test_a_killed_migration_leaves_the_old_schema_usable(tmp_path: Path, register_db: str | None) -> None:
    url = register_db or f"sqlite:///{tmp_path / 'rejestr.sqlite'}"
    Register(url, "gops").close()
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision(MIGRATIONS)  # the test migration comes after formgen's last one
    (scripts / "versions" / "9999_test.py").write_text(SLOW_MIGRATION.replace("{head}", str(head)), encoding="utf-8")
    marker = tmp_path / "inside"
    program = textwrap.dedent(f"""
        from pathlib import Path
        from formgen.register.db import engine_for, migrate
        migrate(engine_for({url!r}), Path({str(scripts)!r}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MIGRATION_MARKER": str(marker)}
    child = subprocess.Popen([sys.executable, "-c", program], env=env)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.1)
    assert marker.exists(), "the migration never started"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    engine = engine_for(url)
    try:
        assert current_revision(engine) == head
        tables = sa.inspect(engine).get_table_names()
        assert "extra" not in tables
        assert "note" not in {c["name"] for c in sa.inspect(engine).get_columns("documents")}
        register = Register(url, "gops")  # today's formgen works on the old schema
        item = Issued("zfss-rachunek-bankowy", "r-1", dt.date(2026, 5, 1), "h")
        assert register.record(item, {}) == "nowy"
        register.close()
        migrate(engine, scripts)  # and the migration, run again to the end, completes
        assert current_revision(engine) == "9999" and "extra" in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_the_migrations_make_the_tables_the_queries_are_written_against(tmp_path: Path) -> None:
    from formgen.register.schema import metadata

    engine = engine_for(f"sqlite:///{tmp_path / 'r.sqlite'}")
    migrate(engine)
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    assert engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


RISKY = ["=SUM(A1:A9)", "+48 600 100 200", "-2+3", "@HYPERLINK(\"x\")", "\tukryta", "\rpowrót"]


def _rows() -> list[Row]:
    rows = []
    for number, name in enumerate(RISKY, 1):
        who = PersonRef(f"osoba:{number}", name)
        item = Issued("zfss-podanie-zapomoga", f"z-{number}", dt.date(2026, 3, number), "h", kind="zapomoga",
                      person=who, granted=Decimal("800.00"), tax=Decimal("96.00"), paid=Decimal("704.00"),
                      paid_to=name)
        rows.append(Row(number, item, "wydany", dt.datetime(2026, 3, 10, 12, 0), {}))
    return rows


def test_export_neutralises_what_a_spreadsheet_would_run_as_a_formula(tmp_path: Path) -> None:
    target = tmp_path / "rejestr.xlsx"
    target.write_bytes(to_xlsx(_rows()))
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    person, amount = header.index("osoba") + 1, header.index("przyznano") + 1
    for number, name in enumerate(RISKY, 2):
        cell = sheet.cell(row=number, column=person)
        assert cell.value == name and cell.data_type == "s" and cell.quotePrefix
        assert sheet.cell(row=number, column=amount).value == 800
    lines = to_csv(_rows()).decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("nr;formularz;sprawa;data;numer")
    assert lines[1].split(";")[7] == "'=SUM(A1:A9)" and lines[1].split(";")[9] == "800,00"
    assert lines[2].split(";")[7] == "'+48 600 100 200"


def test_register_export_from_the_command_line(tmp_path: Path, register_db: str | None) -> None:
    ws = make_workspace(tmp_path / "ws", register_db)
    who = person("=HYPERLINK(\"http://x\")", "+Nowak", make_pesel(1985, 7, 15, 123, True), "K")
    case = ws / "w.yaml"
    case.write_text(holiday("wczasy-1", "2026-06-12", who, "1000.00"), encoding="utf-8")
    assert formgen(ws, "render", str(case), "-o", str(ws / "out")).exit_code == 0
    result = formgen(ws, "register", "export", str(ws / "r.xlsx"), "--year", "2026")
    assert result.exit_code == 0 and result.output == f"1 document written to {ws / 'r.xlsx'}.\n"
    sheet = load_workbook(ws / "r.xlsx").active
    row = {sheet.cell(row=1, column=c).value: sheet.cell(row=2, column=c) for c in range(1, sheet.max_column + 1)}
    assert row["osoba"].value == "=HYPERLINK(\"http://x\") +Nowak" and row["osoba"].data_type == "s"
    assert row["przyznano"].value == 900 and row["formularz"].value == "zfss-wniosek-wczasy"
    assert formgen(ws, "register", "export", str(ws / "r.csv"), "--year", "2025").output.startswith("0 documents written to")
    assert formgen(ws, "register", "export", str(ws / "r.txt")).exit_code == 1
