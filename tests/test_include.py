"""A list of a YAML case kept in a CSV beside it (`{wczytaj: file.csv}`)."""

from __future__ import annotations

from formgen.pipeline import collect
from tests.conftest import write

CASE = "form: zfss-oswiadczenie-dochody\nid: d-inc\ndata: 2026-11-20\nrodzina:\n  wczytaj: {name}\n"
FAMILY = ("imie_nazwisko;pokrewienstwo;data_urodzenia;dochod\n"
          "Anna Lis;wnioskodawca;;9000,00\n"
          "Ola Lis;dziecko;{birth};\n")


def test_rows_become_the_list(project, tmp_path):
    write(tmp_path, "rodzina.csv", FAMILY.format(birth="2016-01-02"), "cp1250")
    cases, invalid = collect(project, [write(tmp_path, "d.yaml", CASE.format(name="rodzina.csv"))])
    assert not invalid
    members = cases[0].data.rodzina
    assert [m.imie_nazwisko for m in members] == ["Anna Lis", "Ola Lis"]
    assert str(members[0].dochod) == "9000.00"


def test_errors_in_rows_name_the_csv_and_its_line(project, tmp_path):
    csv_path = write(tmp_path, "rodzina.csv", FAMILY.format(birth="31.02.2016"))
    _, invalid = collect(project, [write(tmp_path, "d.yaml", CASE.format(name="rodzina.csv"))])
    assert invalid[0].message == (
        f"{csv_path}:3: rodzina.1.data_urodzenia: not a date: '31.02.2016' (day is out of range for month)")


def test_include_must_stay_in_the_case_folder(project, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    write(tmp_path, "secret.csv", FAMILY.format(birth="2016-01-02"))
    path = write(folder, "d.yaml", CASE.format(name="../secret.csv"))
    _, invalid = collect(project, [path])
    assert invalid[0].message == f"{path}:5: rodzina.wczytaj: must name a .csv file in the case file's folder"


def test_missing_include_is_reported(project, tmp_path):
    path = write(tmp_path, "d.yaml", CASE.format(name="brak.csv"))
    _, invalid = collect(project, [path])
    assert invalid[0].message == f"{path}:5: rodzina.wczytaj: file not found: brak.csv"


def test_an_included_csv_is_not_a_case_of_its_own(project, tmp_path):
    write(tmp_path, "rodzina.csv", FAMILY.format(birth="2016-01-02"))
    write(tmp_path, "d.yaml", CASE.format(name="rodzina.csv"))
    cases, invalid = collect(project, [tmp_path])
    assert not invalid and [c.id for c in cases] == ["d-inc"]
