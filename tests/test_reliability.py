"""A batch never loses good work: each bad case is isolated, reported and leaves nothing behind.

Every test drives formgen from outside, through its command line (no mocks of its code).
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from formgen.cli import cli
from tests.conftest import EXAMPLES, ROOT, docx_text, write

BASE = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]

STATEMENT = """form: som-oswiadczenie
id: {id}
osoba:
  imie: {imie}
  nazwisko: {nazwisko}
  plec: K
stanowisko: opiekunka
data: 2026-11-02
"""


def run(*args: str):
    return CliRunner().invoke(cli, [*BASE, *map(str, args)], catch_exceptions=False)


def line_of(path: Path, start: str) -> int:
    """The number of the first line of a file that starts with `start` (after indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith(start))


def example(tmp_path: Path, name: str, case_id: str, *changes: tuple[str, str]) -> Path:
    """A copy of an example case with a new id and some text replaced."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    text = text.replace(f"id: {name.removesuffix('.yaml')}", f"id: {case_id}", 1)
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp_path, f"{case_id}.yaml", text)


def files_under(folder: Path) -> set[str]:
    """The documents under an output folder (its build state file left out)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and p.name != ".formgen-state.jsonl"}


# --- 1. One case never stops the run; validate finds what render would fail on ----------

def test_cases_that_crashed_the_engine_are_input_problems_and_the_rest_is_rendered(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    loan = example(cases, "pozyczka-2026-001.yaml", "maly", ('kwota: "10000.00"', 'kwota: "1.00"'))
    thousands = example(cases, "pozyczka-2026-001.yaml", "kropka", ('kwota: "10000.00"', 'kwota: "10.000"'))
    shutil.copytree(EXAMPLES / "dane", cases / "dane")
    survey = example(cases, "ankieta-2026.yaml", "daleko", ("data_ankiety: 2026-10-15", "data_ankiety: 9999-12-31"))
    candidate = example(cases, "kandydat-2026-001.yaml", "dawno", ("data: 2026-11-16", "data: 0001-01-01"))
    plan = example(cases, "plan-amortyzacji-2026.yaml", "wolno", ('stawka: "14"', 'stawka: "0.01"'))
    long_name = "Stowarzyszenie " + "Miłośników Ziemi Przykładowskiej " * 9
    named = example(cases, "plan-amortyzacji-2026.yaml", "dluga-nazwa",
                    ("nazwa: Stowarzyszenie Miłośników Ziemi Przykładowskiej", f"nazwa: {long_name.strip()}"))
    good = write(cases, "dobry.yaml", STATEMENT.format(id="dobry", imie="Anna", nazwisko="Nowak"))
    expected = [
        f"{loan}:{line_of(loan, 'kwota:')}: kwota: 1.00 over 24 months gives installments below the "
        f"rounding unit of 1.00 zł: lend at least 24.00 zł or choose fewer months",
        f"{thousands}:{line_of(thousands, 'kwota:')}: kwota: ambiguous amount '10.000': 10 000,00 zł or "
        f"10,00 zł? Write 10000 for thousands or 10,00 for złote and grosze",
        f"{survey}:4: data_ankiety: date 9999-12-31 is outside the years 1900-2199",
        f"{candidate}:{line_of(candidate, 'data: 0001')}: data: date 0001-01-01 is outside the years 1900-2199",
        f"{plan}:{line_of(plan, 'stawka:')}: srodki.1.stawka: at 0.01 % a year the asset would be "
        f"written off over 9722 years: check the rate",
    ]
    checked = run("validate", cases)
    assert checked.exit_code == 1
    assert sorted(checked.stdout.splitlines()[:-1]) == sorted(expected)
    rendered = run("batch", cases, "-o", tmp_path / "out")
    assert rendered.exit_code == 1 and "internal error" not in rendered.stdout
    assert sorted(rendered.stdout.splitlines()[:5]) == sorted(expected)
    assert rendered.stdout.splitlines()[-1].endswith("5 failed.")
    out = tmp_path / "out"
    assert (out / "som-oswiadczenie" / "dobry.pdf").is_file() and good.is_file()
    # A name longer than a DOCX property holds prints in full and is cut only in the metadata.
    docx = (out / "pol-plan-amortyzacji" / "dluga-nazwa.docx").read_bytes()
    assert long_name.strip() in docx_text(docx) and named.is_file()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "Miłośników" in core and len(core) < 2000


def test_an_unexpected_error_fails_its_case_only_and_debug_shows_the_traceback(tmp_path):
    """A broken form module (here: an HTML template that divides by zero) fails the cases of
    that form only; the message names the case; --debug adds the traceback."""
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "som-oswiadczenie" / "template.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{% block body %}", "{% block body %}{{ 1 // 0 }}", 1),
                    encoding="utf-8")
    loan = EXAMPLES / "pozyczka-2026-001.yaml"
    statement = write(tmp_path, "s.yaml", STATEMENT.format(id="s-1", imie="Anna", nazwisko="Nowak"))
    base = ["--templates", str(templates), "--data", str(ROOT / "data")]
    result = CliRunner().invoke(cli, [*base, "batch", str(statement), str(loan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert (f"{statement}:1 (s-1): internal error: ZeroDivisionError: integer division or modulo by zero "
            f"(run with --debug for details)") in result.stdout.splitlines()
    assert (tmp_path / "out" / "zfss-umowa-pozyczki" / "pozyczka-2026-001.pdf").is_file()
    assert not (tmp_path / "out" / "som-oswiadczenie").exists()
    debug = subprocess.run([sys.executable, "-m", "formgen", "--debug", *base, "validate", str(statement)],
                           capture_output=True, text=True, check=False)
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stdout
    assert "ZeroDivisionError" in debug.stdout


# --- 2, 3. Strict CSV: a bad row fails alone and never swallows the rows after it --------

HEADER = "id,osoba.imie,osoba.nazwisko,osoba.plec,stanowisko,data"


def _staff_csv(tmp_path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    return write(tmp_path, "personel.csv", "\n".join([HEADER, *rows]) + "\n", encoding)


def _rendered_ids(out: Path) -> list[str]:
    folder = out / "som-oswiadczenie"
    return sorted(p.stem for p in folder.glob("*.pdf")) if folder.is_dir() else []


def test_an_unterminated_quote_is_an_error_at_its_line_and_swallows_no_row(tmp_path):
    rows = ["a-1,Anna,Nowak,K,opiekunka,2026-11-02",
            'a-2,"Jan,Kowalski,M,kucharz,2026-11-02',
            "a-3,Ewa,Lis,K,opiekunka,2026-11-02",
            "a-4,Ola,Kos,K,opiekunka,2026-11-02"]
    path = _staff_csv(tmp_path, rows)
    result = run("batch", path, "--form", "som-oswiadczenie", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f'{path}:3: a quoted cell opened on this line is never closed (a " is missing)'
    assert _rendered_ids(tmp_path / "out") == ["a-1", "a-3", "a-4"]
    # The next person's data never reaches a-1's (or anyone's) document.
    assert "Kowalski" not in docx_text(tmp_path / "out" / "som-oswiadczenie" / "a-1.docx")


def test_a_quote_closed_rows_later_is_caught_too(tmp_path):
    rows = ["a-1,Anna,Nowak,K,opiekunka,2026-11-02",
            'a-2,"Jan,Kowalski,M,kucharz,2026-11-02',
            'a-3,Ewa,Lis,K,opiekunka,2026-11-02"',
            "a-4,Ola,Kos,K,opiekunka,2026-11-02"]
    path = _staff_csv(tmp_path, rows)
    result = run("batch", path, "--form", "som-oswiadczenie", "-o", tmp_path / "out")
    assert result.stdout.splitlines()[0] == (
        f"{path}:3: a quoted cell opened on this line is not closed where its row ends: "
        f"it runs over lines 3-4 and takes in other rows")
    assert "a-1" in _rendered_ids(tmp_path / "out") and "a-4" in _rendered_ids(tmp_path / "out")


def test_bad_rows_fail_alone_and_every_problem_is_reported(tmp_path):
    good = [f"g-{i},Anna,Nowak,K,opiekunka,2026-11-02" for i in range(40)]
    rows = [*good[:10], "x-1,Jan,Nowak,M,kucharz,2026-11-02,nadmiar", *good[10:30],
            "x-2,Jan,Nowak,M," + "k" * 140_000 + ",2026-11-02", *good[30:]]
    path = _staff_csv(tmp_path, rows)
    result = run("batch", path, "--form", "som-oswiadczenie", "-o", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:12: row has 7 cells, header has 6",
        f"{path}:33: stanowisko: text is 140000 characters long; the limit is 2000",
    ]
    assert len(list((tmp_path / "out" / "som-oswiadczenie").glob("*.docx"))) == 40


# --- 4. Bounded nesting -----------------------------------------------------------------

def test_yaml_nested_hundreds_deep_is_refused_and_the_rest_goes_on(tmp_path):
    deep = write(tmp_path, "gleboki.yaml", "form: som-oswiadczenie\nid: g\nosoba: " + "[" * 350 + "]" * 350 + "\n")
    write(tmp_path, "dobry.yaml", STATEMENT.format(id="dobry", imie="Anna", nazwisko="Nowak"))
    result = run("batch", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{deep}:3: nested more than 20 levels deep"
    assert _rendered_ids(tmp_path / "out") == ["dobry"]


def test_a_csv_header_cannot_ask_for_a_huge_list(tmp_path):
    path = write(tmp_path, "r.csv", "id,rodzina.99999999.imie_nazwisko\nx,Jan\n")
    result = run("validate", path, "--form", "zfss-oswiadczenie-dochody")
    assert result.stdout.splitlines()[0] == (
        f"{path}:1: rodzina.99999999.imie_nazwisko: list index too large in "
        f"'rodzina.99999999.imie_nazwisko' (at most 9999)")


# --- 5. Money: a separator before exactly three digits is ambiguous ----------------------

def test_16_200_is_refused_showing_both_readings(tmp_path):
    path = example(tmp_path, "dochody-2026-001.yaml", "d", ('dochod: "16200.00"', 'dochod: "16.200"'))
    result = run("validate", path)
    line = line_of(path, 'dochod: "16.200')
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}: rodzina.0.dochod: ambiguous amount '16.200': "
        f"16 200,00 zł or 16,20 zł? Write 16200 for thousands or 16,20 for złote and grosze")


# --- 6. Encodings -----------------------------------------------------------------------

POLISH_ROW = "p-1,Łucja,Świątek-Źródłowska,K,pielęgniarka,2026-11-02"


@pytest.mark.parametrize("encoding", ["iso-8859-2", "cp1250", "utf-16", "utf-8-sig"])
def test_each_encoding_is_read_right(tmp_path, encoding):
    path = _staff_csv(tmp_path, [POLISH_ROW], encoding)
    result = run("batch", path, "--form", "som-oswiadczenie", "-o", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.stdout
    assert "Łucja Świątek-Źródłowska" in docx_text(tmp_path / "out" / "som-oswiadczenie" / "p-1.docx")


def test_utf16_without_a_byte_order_mark_is_a_clear_error(tmp_path):
    path = _staff_csv(tmp_path, [POLISH_ROW], "utf-16-le")
    result = run("validate", path, "--form", "som-oswiadczenie")
    assert result.stdout.splitlines()[0] == (
        f"{path}: cannot read: the file holds NUL bytes: it looks like UTF-16 without a byte-order mark; "
        f"save it as UTF-8 or give --encoding utf-16-le")
    assert run("validate", path, "--form", "som-oswiadczenie", "--encoding", "utf-16-le").exit_code == 0


def test_an_encoding_that_cannot_be_told_asks_for_encoding(tmp_path):
    # 0xB1 0xB9 is "±ą" in cp1250 and "ąš" in ISO-8859-2: equally plausible, so no guess.
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"\nx-1,Anna,No\xb1\xb9k,K,opiekunka,2026-11-02\n")
    result = run("validate", path, "--form", "som-oswiadczenie")
    assert result.stdout.splitlines()[0] == (
        f"{path}: cannot read: cannot tell whether the file is cp1250 or ISO-8859-2; "
        f"give --encoding cp1250 or --encoding iso-8859-2")
    assert run("validate", path, "--form", "som-oswiadczenie", "--encoding", "cp1250").exit_code == 0


# --- 7. Output names never clash ----------------------------------------------------------

@pytest.mark.parametrize("first, second", [("kand-2", "kand-2-"), ("Kand-1", "kand-1"), ("a.b", "A.B.")])
def test_ids_that_name_the_same_files_are_refused_naming_both(tmp_path, first, second):
    one = write(tmp_path, "1.yaml", STATEMENT.format(id=first, imie="Anna", nazwisko="Nowak"))
    two = write(tmp_path, "2.yaml", STATEMENT.format(id=second, imie="Ewa", nazwisko="Lis"))
    result = run("bundle", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{two}:2: id: case id '{second}' names the same files as '{first}' at {one}:2 "
        f"(file names ignore letter case and '-' or '.' at the ends)")
    bundles = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert bundles == [f"{first.strip('-.')}.pdf", "som-wykaz-zapoznanych.pdf"]
    assert "Nowak" in docx_text(_attached_docx(tmp_path / "out" / f"{first.strip('-.')}.pdf"))


def _attached_docx(bundle: Path) -> bytes:
    from pypdf import PdfReader

    reader = PdfReader(bundle)
    return next(data[0] for name, data in reader.attachments.items() if name.endswith(".docx"))


def test_a_case_named_like_a_register_is_refused(tmp_path):
    path = write(tmp_path, "r.yaml", STATEMENT.format(id="som-wykaz-zapoznanych", imie="Anna", nazwisko="Nowak"))
    result = run("validate", path)
    assert result.stdout.splitlines()[0] == (
        f"{path}:2: id: case id 'som-wykaz-zapoznanych' is the name of the register "
        f"som-wykaz-zapoznanych; choose another id")


def test_a_per_file_bundle_named_like_a_windows_device_is_refused(tmp_path):
    path = write(tmp_path, "con.csv", "form,id,osoba.imie,osoba.nazwisko,osoba.plec\n"
                                      "som-oswiadczenie,c-1,Anna,Nowak,K\n")
    result = run("bundle", path, "--per-file", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{path}:2 (c-1): 'con' is a device name on Windows and cannot name a bundle: rename the file"
            in result.stdout.splitlines())
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


# --- 8. verify: --trust wants a signature; a manifest is for one file ----------------------

@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundles")
    assert run("bundle", EXAMPLES / "pozyczka-2026-001.yaml", EXAMPLES / "rachunek-2026-001.yaml",
               "-o", out).exit_code == 0
    return out


def test_trust_fails_for_an_unsigned_bundle(bundled, tmp_path):
    from tests.test_seal import make_certificate

    _, pem = make_certificate(tmp_path, "Ktoś Zaufany")
    bundle = bundled / "pozyczka-2026-001.pdf"
    assert run("verify", bundle).stdout == f"{bundle}: OK\n"
    result = run("verify", bundle, "--trust", pem)
    assert result.exit_code == 1
    assert result.stdout == (f"{bundle}: not signed: --trust needs a signed bundle (an unsigned manifest "
                             f"proves nothing about who made the file)\n")


def test_a_bundle_renamed_with_its_manifest_does_not_verify(bundled, tmp_path):
    from formgen.manifest import manifest_path

    other = bundled / "rachunek-2026-001.pdf"
    posing = tmp_path / "pozyczka-2026-001.pdf"
    shutil.copy(other, posing)
    shutil.copy(manifest_path(other), manifest_path(posing))
    result = run("verify", posing)
    assert result.exit_code == 1
    assert result.stdout == (f"{posing}: the manifest is for 'rachunek-2026-001.pdf', not for this file "
                             f"(renamed or swapped)\n")


# --- 9. All or nothing per case -------------------------------------------------------------

def test_a_case_whose_second_file_cannot_be_written_leaves_no_file_and_the_register_skips_it(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("a", "b", "c"):
        example(cases, "zgloszenie-2026-001.yaml", f"karta-{name}",
                ("zawiadamiajacy: Tomasz Wójcik", f"zawiadamiajacy: Zgłaszający {name.upper()}"))
    out = tmp_path / "out"
    (out / "som-karta-zgloszenia" / "karta-b.pdf").mkdir(parents=True)  # the PDF cannot land there
    result = run("batch", cases, "-o", out)
    assert result.exit_code == 1
    message = f"{cases / 'karta-b.yaml'}:3 (karta-b): cannot write {out / 'som-karta-zgloszenia' / 'karta-b.pdf'}"
    assert [line for line in result.stdout.splitlines() if line.startswith(message)]
    assert files_under(out) == {
        "som-karta-zgloszenia/karta-a.docx", "som-karta-zgloszenia/karta-a.pdf",
        "som-karta-zgloszenia/karta-c.docx", "som-karta-zgloszenia/karta-c.pdf",
        "som-rejestr-zgloszen/som-rejestr-zgloszen.docx", "som-rejestr-zgloszen/som-rejestr-zgloszen.pdf"}
    register = docx_text(out / "som-rejestr-zgloszen" / "som-rejestr-zgloszen.docx")
    assert "Zgłaszający A" in register and "Zgłaszający C" in register and "Zgłaszający B" not in register


def _limited_file_size(limit: int):
    def limit_writes() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_writes


def test_a_write_failing_part_way_leaves_no_file_of_the_case(tmp_path):
    """Fault injection: the process may write files of at most 36 KB; the loan agreement's
    PDF fits (32 KB), its DOCX (41 KB) does not."""
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "formgen", *BASE, "render", str(EXAMPLES / "pozyczka-2026-001.yaml"),
                             "-o", str(out)], capture_output=True, text=True, check=False,
                            preexec_fn=_limited_file_size(36_000))
    assert result.returncode == 1
    target = out / "zfss-umowa-pozyczki" / "pozyczka-2026-001.docx"
    assert (f"{EXAMPLES / 'pozyczka-2026-001.yaml'}:2 (pozyczka-2026-001): cannot write {target}: File too large"
            in result.stdout.splitlines())
    assert files_under(out) == set()


def test_a_full_disk_stops_the_run_naming_the_case_and_the_file(tmp_path):
    """A real full disk: a 200 KB tmpfs mounted in a user namespace (skipped where the machine
    does not allow one)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    cases = tmp_path / "cases"
    cases.mkdir()
    for i in range(8):
        write(cases, f"s{i}.yaml", STATEMENT.format(id=f"s-{i}", imie="Anna", nazwisko="Nowak"))
    out = tmp_path / "out"
    out.mkdir()
    # --jobs 1: the cases finish in input order, so the one that hits the full disk is the next.
    script = (f'mount -t tmpfs -o size=200k tmpfs "{out}" || exit 77; '
              f'"{sys.executable}" -m formgen {" ".join(BASE)} batch "{cases}" -o "{out}" --jobs 1; echo "exit=$?"; '
              f'cd "{out}" && find . -type f | sort')
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, check=False)
    if result.returncode == 77 or "unshare: " in result.stdout:
        pytest.skip(f"no tmpfs in a user namespace here: {result.stdout.strip()}")
    files = [line[2:] for line in result.stdout.splitlines() if line.startswith("./som-")]
    complete = {Path(f).stem for f in files}
    assert all(f"som-oswiadczenie/{c}.docx" in files and f"som-oswiadczenie/{c}.pdf" in files for c in complete)
    assert "exit=1" in result.stdout and 1 <= len(complete) < 8
    assert not [f for f in files if ".formgen-tmp-" in f]
    stop = next(line for line in result.stdout.splitlines() if line.startswith("stopped: "))
    failed = stop.split(" (", 1)[1].split(")", 1)[0]  # the case being written when the disk filled
    assert failed not in complete and not [f for f in files if Path(f).stem == failed]
    assert stop.startswith(f"stopped: {cases / f's{failed[2:]}.yaml'}:1 ({failed}): cannot write {out}/")
    assert stop.endswith("No space left on device")
    assert (f"{len(complete)} {'case' if len(complete) == 1 else 'cases'} complete before the stop; the rest were not written. "
            f"Free space or fix the output folder, then run again.") in result.stdout


def test_a_run_removes_temporary_files_left_by_a_killed_run(tmp_path):
    out = tmp_path / "out"
    folder = out / "som-oswiadczenie"
    folder.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    stale = folder / f".formgen-tmp-{dead}-x1y2z3.pdf"
    stale.write_bytes(b"%PDF-1.7 half")
    living = folder / f".formgen-tmp-{os.getpid()}-a1b2c3.pdf"  # another run still writing
    living.write_bytes(b"%PDF-1.7 busy")
    path = write(tmp_path, "s.yaml", STATEMENT.format(id="s-1", imie="Anna", nazwisko="Nowak"))
    assert run("batch", path, "-o", out).exit_code == 0
    assert not stale.exists() and living.exists()


# --- 10. Invisible characters ----------------------------------------------------------------

@pytest.mark.parametrize("name, points", [("Kowal\u202eakswo\u202c", "U+202E, U+202C"), ("No\u200bwak", "U+200B"),
                                          ("\u2066Nowak\u2069", "U+2066, U+2069")])
def test_invisible_characters_in_names_are_refused(tmp_path, name, points):
    path = write(tmp_path, "s.yaml", STATEMENT.format(id="s-1", imie="Anna", nazwisko=name))
    result = run("validate", path)
    assert result.stdout.splitlines()[0] == (
        f"{path}:5: osoba.nazwisko: contains invisible characters that change how the text reads: {points}")


# --- 11. Size limits ----------------------------------------------------------------------------

def test_a_ten_thousand_row_asset_table_fails_early_with_the_limit(tmp_path):
    rows = ["nr_inwentarzowy,nazwa,kst,data_przyjecia,wartosc_poczatkowa"]
    rows += [f"ST/{i:05d},Sprzęt {i},808,2025-03-15,{5000 + i}.00" for i in range(10_000)]
    write(tmp_path, "srodki.csv", "\n".join(rows) + "\n")
    text = (EXAMPLES / "plan-amortyzacji-2026.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "plan.yaml", text[: text.index("srodki:")] + "srodki:\n  wczytaj: srodki.csv\n")
    result = run("render", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line_of(path, 'form:')} (plan-amortyzacji-2026): form pol-plan-amortyzacji: the document would hold 10018 table "
        f"rows; the limit is 2000: split the case (or the input of a register) into smaller ones")
    assert files_under(tmp_path / "out") == set()
