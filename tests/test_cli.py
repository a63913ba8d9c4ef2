"""The command line: exit codes, exact messages, batch semantics, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from click.testing import CliRunner

from formgen.cli import cli
from tests.conftest import ROOT, docx_text, write

BASE = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]

GOOD = """form: som-oswiadczenie
id: dobry-1
osoba:
  imie: Anna
  nazwisko: Nowak
  plec: K
"""

BAD = """form: som-oswiadczenie
id: zly-1
osoba:
  imie: Jan
  pesel: "07231412018"
  plec: X
rola: dyrektor
kolor: zielony
data: 31.02.2026
"""


def run(*args: str):
    return CliRunner().invoke(cli, [*BASE, *args], catch_exceptions=False)


def test_list_shows_every_form_with_its_source():
    result = run("list")
    assert result.exit_code == 0
    line = next(l for l in result.stdout.splitlines() if l.startswith("som-oswiadczenie "))
    assert "Oświadczenie o znajomości i przestrzeganiu zasad" in line and "[SOM-L Zał. 6" in line


def test_validate_reports_every_problem_with_file_line_and_field(tmp_path):
    path = write(tmp_path, "bad.yaml", BAD)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3: osoba.nazwisko: required field is missing",
        f"{path}:5: osoba.pesel: invalid PESEL checksum",
        f"{path}:6: osoba.plec: must be one of 'K' or 'M', got 'X'",
        f"{path}:7: rola: must be one of 'pracownik' or 'rodzic', got 'dyrektor'",
        f"{path}:8: kolor: unknown field",
        f"{path}:9: data: not a date: '31.02.2026' (day is out of range for month)",
        "1 case checked, 1 with problems.",
    ]


def test_validate_passes_good_cases(tmp_path):
    result = run("validate", str(write(tmp_path, "good.yaml", GOOD)))
    assert result.exit_code == 0
    assert result.stdout == "1 case checked, 0 with problems.\n"


def test_batch_skips_a_bad_case_and_produces_the_rest(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    write(folder, "a.yaml", GOOD)
    write(folder, "b.yaml", BAD)
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 1
    assert sorted(p.name for p in (out / "som-oswiadczenie").iterdir()) == ["dobry-1.docx", "dobry-1.pdf"]
    assert result.stdout.splitlines()[-1] == (f"2 cases rendered (registers among them: 1), 0 up to date "
                                              f"(files written in {out}: 4), 1 failed.")
    assert "zapoznałam się" in docx_text(out / "som-oswiadczenie" / "dobry-1.docx")


def test_a_repeated_case_id_is_an_error_and_the_first_case_stands(tmp_path):
    """Two cases with one id would write the same files: the later one is refused."""
    folder = tmp_path / "cases"
    folder.mkdir()
    first = write(folder, "a.yaml", GOOD)
    second = write(folder, "b.yaml", GOOD.replace("imie: Anna", "imie: Beata"))
    rows = write(folder, "c.csv", "form,id,osoba.imie,osoba.nazwisko,osoba.plec\n"
                                  "som-oswiadczenie,inny-1,Ewa,Lis,K\n"
                                  "som-oswiadczenie,inny-1,Iga,Kot,K\n")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{second}:2: id: case id 'dobry-1' is already used by the case at {first}:2",
        f"{rows}:3: id: case id 'inny-1' is already used by the case at {rows}:2",
        "4 cases checked, 2 with problems.",
    ]
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in (out / "som-oswiadczenie").iterdir()) == [
        "dobry-1.docx", "dobry-1.pdf", "inny-1.docx", "inny-1.pdf"]
    assert "Anna Nowak" in docx_text(out / "som-oswiadczenie" / "dobry-1.docx")


def test_render_one_csv_file_with_form_option(tmp_path):
    path = write(tmp_path, "staff.csv", "id;osoba.imie;osoba.nazwisko\ns-1;Ewa;Lis\ns-2;Jan;Kos\n", "cp1250")
    result = run("render", str(path), "--form", "som-oswiadczenie", "-o", str(tmp_path / "o"), "--format", "docx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o" / "som-oswiadczenie").iterdir()) == ["s-1.docx", "s-2.docx"]


def test_unknown_form_is_named(tmp_path):
    path = write(tmp_path, "x.yaml", "form: nie-ma\nid: a\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:1: form: unknown form 'nie-ma'; formgen list shows them all"


def test_schema_is_json_schema_of_the_case():
    result = run("schema", "som-oswiadczenie")
    body = json.loads(result.stdout)
    assert body["required"][0] == "id" and "osoba" in body["properties"]
    assert body["anyOf"] == [{"required": ["form"]}, {"required": ["rodzaj"]}]


def test_new_prints_a_yaml_starter_with_every_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "som-oswiadczenie")
    text = result.stdout
    assert text.startswith("# yaml-language-server: $schema=schemas/som-oswiadczenie.json\n")
    assert (tmp_path / "schemas" / "som-oswiadczenie.json").is_file()
    data = yaml.safe_load(text)
    # Required fields are there, empty; optional ones are commented out.
    assert data == {"form": "som-oswiadczenie", "id": "", "osoba": {"imie": "", "nazwisko": ""}}
    lines = text.splitlines()
    for optional in ("rola", "stanowisko", "miejscowosc", "data"):
        assert f'# {optional}: ""' in lines
    assert '  # pesel: ""' in lines and '  # plec: ""' in lines
    assert "  # Imię osoby, tak jak ma być wydrukowane; na dokumencie program odmienia je przez przypadki" in lines

def test_help_does_not_import_weasyprint():
    code = ("import sys\nfrom formgen.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
            "assert 'docxtpl' not in sys.modules, 'docxtpl imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_python_dash_m_and_missing_path():
    result = subprocess.run([sys.executable, "-m", "formgen", *BASE, "validate", "nie/ma/takiego"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Path 'nie/ma/takiego' does not exist" in result.stderr
    assert "Traceback" not in result.stderr
