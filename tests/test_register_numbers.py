"""Numbers from the register leave no gap: a number taken for a document that is then not
issued (refused by a rule across cases, failed while rendering or writing) goes back and is
given to the next document of its series (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from formgen.register.store import Register
from formgen.workspace import load
from tests.conftest import ROOT, pdf_text
from tests.workspaces import formgen, guarantor, loan, make_pesel, make_workspace, person

EWA = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")
JAN = person("Jan", "Kowalski", make_pesel(1979, 3, 2, 456, False), "M")
OLA = person("Aleksandra", "Wiśniewska", make_pesel(1990, 1, 1, 7, True), "K")
GUARANTORS = guarantor("Halina", "Poręczna", "K") + guarantor("Piotr", "Gwarant", "M")
OTHERS = guarantor("Anna", "Lis", "K") + guarantor("Marek", "Sowa", "M")
SERIES = "decyzja-pozyczki"


def _register(ws: Path) -> Register:
    workspace = load(ws)
    return Register(workspace.db_url(), workspace.institution)


def _numbers(ws: Path) -> dict[str, str]:
    with closing(_register(ws)) as register:
        return {r.issued.case_id: r.issued.number or "" for r in register.rows(form="zfss-umowa-pozyczki")}


def _loan(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_given_back_numbers_go_to_the_next_documents_lowest_first(tmp_path: Path, register_db: str | None) -> None:
    ws = make_workspace(tmp_path / "ws", register_db)
    with closing(_register(ws)) as register:
        assert [register.next_number(SERIES, 2026) for _ in range(5)] == [1, 2, 3, 4, 5]
        register.give_back(SERIES, 2026, [4, 2])  # below the last: they wait
        assert register.upcoming_numbers(SERIES, 2026) == ([2, 4], 5)
        assert register.next_number(SERIES, 2026) == 2
        register.give_back(SERIES, 2026, [5])  # the last: the counter steps back over 5 and the waiting 4
        assert register.upcoming_numbers(SERIES, 2026) == ([], 3)
        assert [register.next_number(SERIES, 2026) for _ in range(2)] == [4, 5]
        assert register.next_number(SERIES, 2027) == 1  # each year its own series
        register.give_back(SERIES, 2026, [5, 5])  # twice the same: once
        assert register.upcoming_numbers(SERIES, 2026) == ([], 4)
        register.give_back(SERIES, 2026, [7, 0])  # never given: nothing to give back
        assert register.upcoming_numbers(SERIES, 2026) == ([], 4)


def test_numbers_taken_and_given_back_at_once_are_never_given_twice(tmp_path: Path,
                                                                     register_db: str | None) -> None:
    """Four threads (each its own connection) take 30 numbers each and give every third back:
    the numbers kept are all different and, with those waiting, are exactly 1..last."""
    ws = make_workspace(tmp_path / "ws", register_db)
    _register(ws).close()  # the tables, made once
    kept: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        register = _register(ws)
        try:
            for turn in range(30):
                n = register.next_number(SERIES, 2026)
                if turn % 3 == 2:
                    register.give_back(SERIES, 2026, [n])
                else:
                    with lock:
                        kept.append(n)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            register.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert len(kept) == 80 and len(set(kept)) == 80
    with closing(_register(ws)) as register:
        waiting, last = register.upcoming_numbers(SERIES, 2026)
    assert sorted(kept + waiting) == list(range(1, last + 1))


def test_a_loan_refused_by_a_rule_across_cases_takes_no_number(tmp_path: Path, register_db: str | None) -> None:
    ws = make_workspace(tmp_path / "ws", register_db)
    cases, out = ws / "sprawy", ws / "out"
    _loan(cases, "p1", loan("pozyczka-1", "2026-03-02", EWA, GUARANTORS))
    # Ewa again within the 24 months of §20: refused (it took a number and gave it back).
    _loan(cases, "p2", loan("pozyczka-2", "2026-04-02", EWA, GUARANTORS))
    _loan(cases, "p3", loan("pozyczka-3", "2026-05-04", JAN, GUARANTORS))
    result = formgen(ws, "batch", str(cases), "-o", str(out), "-j", "1")
    assert result.exit_code == 1 and "(§20 ust. 1)" in result.output
    assert _numbers(ws) == {"pozyczka-1": "1/2026", "pozyczka-3": "2/2026"}
    assert "Decyzją nr 2/2026 z dnia 4 maja 2026 r." in pdf_text(out / "zfss-umowa-pozyczki" / "pozyczka-3.pdf")
    # validate shows the number the next loan would get, and takes none.
    nxt = _loan(tmp_path / "next", "p4", loan("pozyczka-4", "2026-06-01", OLA, OTHERS))  # Halina and Piotr: 2 already
    checked = formgen(ws, "validate", str(nxt))
    assert checked.exit_code == 0
    assert (f"{nxt}:4: decyzja.numer: would be 3/2026 (the next free number of the register, taken when the "
            f"documents are written)") in checked.output.splitlines()
    assert formgen(ws, "render", str(nxt), "-o", str(out)).exit_code == 0
    assert _numbers(ws)["pozyczka-4"] == "3/2026"
    again = formgen(ws, "validate", str(nxt)).output.splitlines()
    assert f"{nxt}:4: decyzja.numer: keeps 3/2026, given when it was issued before" in again


def test_a_loan_whose_files_cannot_be_written_gives_its_number_back(tmp_path: Path,
                                                                    register_db: str | None) -> None:
    ws = make_workspace(tmp_path / "ws", register_db)
    cases, out = ws / "sprawy", ws / "out"
    _loan(cases, "p1", loan("pozyczka-1", "2026-03-02", EWA, GUARANTORS))
    _loan(cases, "p2", loan("pozyczka-2", "2026-04-02", JAN, GUARANTORS))
    _loan(cases, "p3", loan("pozyczka-3", "2026-05-04", OLA, OTHERS))
    blocked = out / "zfss-umowa-pozyczki" / "pozyczka-2.pdf"
    blocked.mkdir(parents=True)  # a folder where pozyczka-2's PDF goes: its files cannot be written
    result = formgen(ws, "batch", str(cases), "-o", str(out), "-j", "2")
    assert result.exit_code == 1, result.output
    assert _numbers(ws) == {"pozyczka-1": "1/2026", "pozyczka-3": "3/2026"}
    with closing(_register(ws)) as register:
        assert register.upcoming_numbers(SERIES, 2026) == ([2], 3)  # 2 waits for the next loan
    blocked.rmdir()
    assert formgen(ws, "batch", str(cases), "-o", str(out), "-j", "1").exit_code == 0
    assert _numbers(ws) == {"pozyczka-1": "1/2026", "pozyczka-2": "2/2026", "pozyczka-3": "3/2026"}
    assert "Decyzją nr 2/2026" in pdf_text(out / "zfss-umowa-pozyczki" / "pozyczka-2.pdf")


def test_a_run_stopped_by_ctrl_c_gives_its_numbers_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from formgen import pipeline
    from formgen.commands import open_project

    ws = make_workspace(tmp_path / "ws")
    cases = ws / "sprawy"
    _loan(cases, "p1", loan("pozyczka-1", "2026-03-02", EWA, GUARANTORS))
    _loan(cases, "p2", loan("pozyczka-2", "2026-04-02", JAN, OTHERS))

    def interrupted(self: object, job: object, outcome: object) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.Writer, "consume", interrupted)
    project = open_project(ws, None, None, None, quiet=True)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(project, [cases], ws / "out", options=pipeline.Options(jobs=1))
    with closing(_register(ws)) as register:
        assert register.upcoming_numbers(SERIES, 2026) == ([], 0)  # both taken, both given back


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT"])
def test_a_batch_stopped_by_a_signal_gives_back_the_numbers_of_what_it_did_not_write(tmp_path: Path,
                                                                                      stop: str) -> None:
    """`kill` (SIGTERM, a service manager stopping formgen) and Ctrl+C (SIGINT to the process
    group, its workers too) stop a run between two cases: the loans written keep their numbers
    and are recorded, the numbers taken for the others go back (recorded and waiting numbers
    are exactly 1..last), no temporary file is left, and the next run numbers the rest on."""
    ws = make_workspace(tmp_path / "ws")
    cases, out = ws / "sprawy", ws / "out"
    for i in range(1, 13):
        tag = f"{chr(97 + i)}{chr(98 + i)}"  # every borrower and guarantor another person
        borrower = person("Jan", f"Kowal{tag}", make_pesel(1970 + i, 1 + i % 12, 1 + i, i, False), "M")
        both = guarantor("Anna", f"Lis{tag}", "K") + guarantor("Piotr", f"Sowa{tag}", "M")
        _loan(cases, f"p{i:02d}", loan(f"pozyczka-{i:02d}", "2026-03-02", borrower, both))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FORMGEN_LANG": "pl"}
    command = [sys.executable, "-m", "formgen", "--workspace", str(ws), "batch", str(cases), "-o", str(out), "-j", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.glob("zfss-umowa-pozyczki/*.pdf")) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    if stop == "SIGTERM":
        run.send_signal(signal.SIGTERM)
    else:
        os.killpg(run.pid, signal.SIGINT)  # as the terminal sends Ctrl+C
    output = run.communicate(timeout=120)[0].decode()
    assert run.returncode == 1 and output.splitlines()[-1] == "Przerwano.", output
    assert "terminated abruptly" not in output and "zakończył" not in output  # no worker died of it
    with closing(_register(ws)) as register:
        waiting, last = register.upcoming_numbers(SERIES, 2026)
    recorded = sorted(int(n.split("/")[0]) for n in _numbers(ws).values())
    assert 0 < len(recorded) < 12  # stopped early
    assert sorted(recorded + waiting) == list(range(1, last + 1))
    assert len(list(out.glob("zfss-umowa-pozyczki/*.pdf"))) == len(recorded)
    assert not list(out.rglob(".formgen-tmp*"))
    again = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(int(n.split("/")[0]) for n in _numbers(ws).values()) == list(range(1, 13))
    with closing(_register(ws)) as register:
        assert register.upcoming_numbers(SERIES, 2026) == ([], 12)


PREPARE_SIGNALLED = '''
import os, signal, sys
from pathlib import Path
from formgen.register.recorder import Recorder
from formgen import cli

log = Path(sys.argv.pop(1))
prepare = Recorder.prepare

def signalled(self, key, *args):
    calls = len(log.read_text().splitlines()) if log.exists() else 0
    if calls == 2:
        os.kill(os.getpid(), signal.SIGTERM)  # while the third case is checked against the register
    found = prepare(self, key, *args)
    with log.open("a") as out:
        out.write(key + "\\n")
    return found

Recorder.prepare = signalled
sys.argv[0] = "formgen"
cli.main()
'''


def test_a_signal_while_cases_are_checked_against_the_register_stops_after_that_case(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    cases, out, log = ws / "sprawy", ws / "out", tmp_path / "prepared.txt"
    for i in range(1, 6):
        tag = f"{chr(97 + i)}{chr(98 + i)}"
        borrower = person("Jan", f"Kowal{tag}", make_pesel(1970 + i, 1 + i % 12, 1 + i, i, False), "M")
        both = guarantor("Anna", f"Lis{tag}", "K") + guarantor("Piotr", f"Sowa{tag}", "M")
        _loan(cases, f"p{i}", loan(f"pozyczka-{i}", "2026-03-02", borrower, both))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FORMGEN_LANG": "pl"}
    run = subprocess.run([sys.executable, "-c", PREPARE_SIGNALLED, str(log), "--workspace", str(ws), "batch",
                          str(cases), "-o", str(out), "-j", "1"], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 1 and run.stderr.splitlines()[-1] == "Przerwano.", run.stdout + run.stderr
    assert log.read_text().split() == ["case:pozyczka-1", "case:pozyczka-2", "case:pozyczka-3"]  # the third whole
    assert _numbers(ws) == {} and not list(out.glob("zfss-umowa-pozyczki/*"))
    with closing(_register(ws)) as register:
        assert register.upcoming_numbers(SERIES, 2026) == ([], 0)  # 1-3 taken, all given back
