"""Forgiving input, still strict: Polish spellings and any letter case of choices, ids with
Polish letters, suggestions for misspellings, spreadsheet habits (Polish column titles, a
trailing ';', numbers made of PESELs), starters that fail until filled, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from formgen.cli import cli
from tests.conftest import EXAMPLES, ROOT, docx_text, write

BASE = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]


def run(*args: str):
    return CliRunner().invoke(cli, [*BASE, *map(str, args)], catch_exceptions=False)


def loan(tmp_path, *changes: tuple[str, str], name: str = "p.yaml"):
    text = (EXAMPLES / "pozyczka-2026-001.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    return write(tmp_path, name, text)


@pytest.mark.parametrize("spelling", ["nieokreślony", "Nieokreślony", "NIEOKREŚLONY", "Nieokreslony"])
def test_a_choice_in_polish_spelling_and_any_case_is_the_canonical_one(tmp_path, spelling):
    path = loan(tmp_path, ("zatrudnienie: nieokreslony", f"zatrudnienie: {spelling}"))
    assert run("validate", path).exit_code == 0


def test_kinship_and_sex_in_polish_spelling(tmp_path):
    text = (EXAMPLES / "dochody-2026-001.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "d.yaml", text.replace("pokrewienstwo: malzonek", "pokrewienstwo: Małżonek")
                 .replace("plec: M", "plec: m"))
    assert run("validate", path).exit_code == 0


def test_a_wrong_choice_is_still_refused_with_a_suggestion(tmp_path):
    path = loan(tmp_path, ("zatrudnienie: nieokreslony", "zatrudnienie: nieokreslon"))
    result = run("validate", path)
    assert result.exit_code == 1
    assert (f"{path}:26: poreczyciele.0.zatrudnienie: must be one of 'nieokreslony' or 'okreslony', got "
            f"'nieokreslon'; did you mean 'nieokreslony'?") in result.stdout.splitlines()


def test_a_case_id_with_polish_letters_names_its_files(tmp_path):
    path = loan(tmp_path, ("id: pozyczka-2026-001", "id: pożyczka-Świątek"))
    result = run("render", path, "-o", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.stdout
    assert (tmp_path / "out" / "zfss-umowa-pozyczki" / "pożyczka-Świątek.docx").is_file()


def test_ids_that_differ_in_the_case_of_a_polish_letter_clash(tmp_path):
    loan(tmp_path, ("id: pozyczka-2026-001", "id: pożyczka-1"), name="a.yaml")
    second = loan(tmp_path, ("id: pozyczka-2026-001", "id: POŻYCZKA-1"), name="b.yaml")
    result = run("validate", tmp_path)
    assert (f"{second}:3: id: case id 'POŻYCZKA-1' names the same files as 'pożyczka-1' at {tmp_path / 'a.yaml'}:3 "
            f"(file names ignore letter case and '-' or '.' at the ends)") in result.stdout.splitlines()


def test_a_misspelled_field_is_one_problem_with_a_suggestion(tmp_path):
    path = loan(tmp_path, ('kwota: "10000.00"', 'kwtoa: "10000.00"'))
    result = run("validate", path)
    assert result.stdout.splitlines()[:-1] == [f"{path}:14: kwtoa: unknown field; did you mean 'kwota'?"]


@pytest.mark.parametrize("given, message", [
    ("zfss-umowa-pozyczka", "unknown form 'zfss-umowa-pozyczka'; did you mean 'zfss-umowa-pozyczki' or "
                            "'zfss-podanie-pozyczka'?"),
    ("oswiadczenie", "unknown form 'oswiadczenie'; did you mean 'som-oswiadczenie'?"),
    ("umowa", "unknown form 'umowa'; formgen list shows them all"),
])
def test_an_unknown_form_gets_a_suggestion_not_a_list_of_25(tmp_path, given, message):
    path = write(tmp_path, "x.yaml", f"form: {given}\nid: x\n")
    assert run("validate", path).stdout.splitlines()[0] == f"{path}:1: form: {message}"


def test_polish_column_titles_of_a_spreadsheet(tmp_path):
    path = write(tmp_path, "personel.csv", "Identyfikator;Imię;Nazwisko;Płeć;Stanowisko;\n"
                                           "s-1;Łucja;Świątek;k;pielęgniarka;\n", "cp1250")
    result = run("render", path, "--form", "som-oswiadczenie", "-o", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.stdout
    text = docx_text(tmp_path / "out" / "som-oswiadczenie" / "s-1.docx")
    assert "Łucja Świątek" in text and "zapoznałam" in text


def test_new_csv_writes_a_header_the_reader_accepts(tmp_path):
    header = run("new", "zfss-umowa-pozyczki", "--csv").stdout
    assert header.startswith("Formularz;Identyfikator sprawy;Data zawarcia umowy;Decyzja o przyznaniu pożyczki / "
                             "Numer decyzji;")
    assert "Poręczyciele 2 / Imię" in header
    path = write(tmp_path, "umowy.csv", header + "zfss-umowa-pozyczki;u-1\n")
    problems = run("validate", path).stdout.splitlines()
    assert f"{path}:2: data_umowy: required field is missing" in problems  # the columns were understood
    assert not [p for p in problems if "unknown field" in p]


def test_a_starter_fails_validation_until_filled(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "pozyczka", "-o", "sprawy/nowa.yaml")
    assert result.exit_code == 0 and result.stdout == "sprawy/nowa.yaml\n"
    text = (tmp_path / "sprawy" / "nowa.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/pozyczka.json"
    assert "rodzaj: pozyczka" in text and text.count("wnioskodawca:") == 1
    checked = run("validate", tmp_path / "sprawy" / "nowa.yaml")
    assert checked.exit_code == 1 and "must not be empty" in checked.stdout


@pytest.mark.parametrize("words, expected", [("formgen new zfss-umo", ["zfss-umowa-pozyczki"]),
                                             ("formgen new poz", ["pozyczka"]),
                                             ("formgen schema som-kar", ["som-karta-interwencji", "som-karta-zgloszenia"])])
def test_shell_completion_knows_forms_and_kinds(words, expected):
    env = dict(os.environ, COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1),
               _FORMGEN_COMPLETE="bash_complete")
    script = Path(sys.executable).parent / "formgen"  # completion is keyed to the program's name
    result = subprocess.run([str(script)], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert [line.split(",", 1)[1] for line in result.stdout.splitlines()] == expected
