"""The institution's workspace: init, discovery, the sample institution, overrides, next year."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from formgen.cli import cli
from formgen.rules.phrases import decline_phrase
from formgen.workspace import SAMPLE_NOTICE
from tests.conftest import EXAMPLES, ROOT, docx_text, pdf_text
from tests.workspaces import formgen, loan, make_pesel, make_workspace, person


def test_init_writes_the_institution_and_a_render_there_prints_its_names(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "gops")
    profile = (ws / "data" / "institution.yaml").read_text(encoding="utf-8")
    for line in ("nazwa_miejscownik: Gminnym Ośrodku Pomocy Społecznej w Debrznie",
                 "nazwa_narzednik: Gminnym Ośrodkiem Pomocy Społecznej w Debrznie",
                 "nazwa_dopelniacz: Gminnego Ośrodka Pomocy Społecznej w Debrznie",
                 "reprezentacja: Dyrektora Marka Zielińskiego", "zwany_dalej_biernik: Pracodawcę"):
        assert line in profile
    assert (ws / "data" / "params" / "zfss-2026.yaml").is_file()
    assert (ws / "data" / "procedures" / "interwencja.yaml").is_file()
    assert (ws / "rejestr.sqlite").is_file() and (ws / "README.md").is_file()
    assert (ws / "formgen.yaml").read_text(encoding="utf-8").endswith(
        "instytucja: gminny-osrodek-pomocy-spolecznej-w-debrznie\n")
    case = shutil.copy(EXAMPLES / "pozyczka-2026-001.yaml", ws / "umowa.yaml")
    result = formgen(ws, "render", str(case), "-o", str(ws / "out"))
    assert result.exit_code == 0, result.output
    assert SAMPLE_NOTICE not in result.output
    text = pdf_text(ws / "out" / "zfss-umowa-pozyczki" / "pozyczka-2026-001.pdf")
    assert "pomiędzy Gminnym Ośrodkiem Pomocy Społecznej w Debrznie" in text
    assert "reprezentowanym przez Dyrektora Marka Zielińskiego" in text
    assert "Żłobkiem Miejskim" not in text and "WZÓR" not in text
    assert "Zarządzenie nr 5/2026 Dyrektora z dnia 10 stycznia 2026 r." in text


def test_init_refuses_a_workspace_twice_and_asks_for_what_the_dictionary_cannot_decline(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "a")
    again = CliRunner().invoke(cli, ["init", str(ws), "--nazwa", "X", "--ulica", "u", "--kod", "00-001",
                                     "--miejscowosc", "M", "--dyrektor", "Jan Nowak", "-y"])
    assert again.exit_code == 1 and f"{ws} is already a formgen workspace (formgen.yaml exists)" in again.output
    odd = CliRunner().invoke(cli, ["init", str(tmp_path / "b"), "--nazwa", "Xyzzy Qwerty", "--ulica", "u",
                                   "--kod", "00-001", "--miejscowosc", "M", "--dyrektor", "Jan Nowak", "-y"])
    assert odd.exit_code == 1
    assert ("init: Nazwa w dopełniaczu (Załącznik … do Regulaminu … kogo? czego?): give it "
            "(e.g. --nazwa-dopelniacz \"…\")") in odd.output
    assert not (tmp_path / "b" / "formgen.yaml").exists()


def test_institution_names_are_declined_where_the_dictionary_is_sure() -> None:
    assert decline_phrase("Żłobek Miejski nr 3 w Przykładowie", "miejscownik") == \
        "Żłobku Miejskim nr 3 w Przykładowie"
    assert decline_phrase("Szkoła Podstawowa nr 5 im. Jana Pawła II", "narzednik") == \
        "Szkołą Podstawową nr 5 im. Jana Pawła II"
    assert decline_phrase("Gminny Ośrodek Pomocy Społecznej", "dopelniacz") == "Gminnego Ośrodka Pomocy Społecznej"
    assert decline_phrase("Przedszkole Publiczne nr 2", "miejscownik") == "Przedszkolu Publicznym nr 2"
    assert decline_phrase("Dyrektor Żłobka", "biernik", "m1") == "Dyrektora Żłobka"
    assert decline_phrase("Xyzzy Qwerty", "dopelniacz") is None
    assert decline_phrase("nr 3 Żłobek", "dopelniacz") is None


def test_the_sample_notice_is_said_once_when_a_command_runs_not_for_help(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORMGEN_HOME", raising=False)
    for args in (["batch", "--help"], ["--help"], ["register", "list", "--help"], ["batch"]):
        result = CliRunner().invoke(cli, args)
        assert SAMPLE_NOTICE not in result.output, args
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 0 and result.output.count(SAMPLE_NOTICE) == 1


def test_without_a_workspace_the_example_institution_is_used_said_and_marked(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORMGEN_HOME", raising=False)
    result = CliRunner().invoke(cli, ["render", str(EXAMPLES / "rachunek-2026-001.yaml"), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == SAMPLE_NOTICE
    text = pdf_text(tmp_path / "out" / "zfss-rachunek-bankowy" / "rachunek-2026-001.pdf")
    assert "WZÓR – dokument przykładowy (dane instytucji z przykładu formgen) – nie podpisywać" in text
    assert "Żłobka Miejskiego nr 3 w Przykładowie" in text
    assert docx_text(tmp_path / "out" / "zfss-rachunek-bankowy" / "rachunek-2026-001.docx").count("WZÓR") == 0
    from docx import Document

    header = Document(str(tmp_path / "out" / "zfss-rachunek-bankowy" / "rachunek-2026-001.docx")).sections[0].header
    assert header.paragraphs[0].text == "WZÓR – dokument przykładowy (dane instytucji z przykładu formgen) – nie podpisywać"
    assert CliRunner().invoke(cli, ["register", "list"]).output.splitlines()[-1] == \
        "this command needs a workspace (formgen init creates one; or --workspace DIR)"


def test_the_workspace_is_found_from_a_folder_inside_it_or_from_formgen_home(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path / "ws")
    inner = ws / "sprawy" / "2026"
    inner.mkdir(parents=True)
    monkeypatch.delenv("FORMGEN_HOME", raising=False)
    monkeypatch.chdir(inner)
    listed = CliRunner().invoke(cli, ["register", "list"])
    assert listed.exit_code == 0 and listed.output == "0 documents.\n"
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["register", "list"]).exit_code == 1
    monkeypatch.setenv("FORMGEN_HOME", str(ws))
    assert CliRunner().invoke(cli, ["register", "list"]).output == "0 documents.\n"


def test_a_workspace_form_overrides_the_built_in_one_of_its_id(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    own = ws / "templates" / "zfss-rachunek-bankowy"
    own.mkdir(parents=True)
    builtin = (ROOT / "templates" / "zfss-rachunek-bankowy" / "template.html").read_text(encoding="utf-8")
    assert "</h1>" in builtin
    own.joinpath("template.html").write_text(builtin.replace("</h1>", "</h1><p>Wersja własna GOPS</p>", 1),
                                             encoding="utf-8")
    cases = ws / "sprawy"
    cases.mkdir()
    for name in ("rachunek-2026-001.yaml", "niezatrudnienie-2026-001.yaml"):
        shutil.copy(EXAMPLES / name, cases / name)
    result = formgen(ws, "batch", str(cases), "-o", str(ws / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    own_text = pdf_text(ws / "out" / "zfss-rachunek-bankowy" / "rachunek-2026-001.pdf")
    assert "Wersja własna GOPS" in own_text
    assert "Gminnego Ośrodka Pomocy Społecznej w Debrznie" in own_text  # the built-in CSS and base still apply
    assert "Wersja własna" not in pdf_text(ws / "out" / "zfss-oswiadczenie-niezatrudnienie" /
                                          "niezatrudnienie-2026-001.pdf")
    # The sandbox holds for a workspace's template too.
    own.joinpath("template.html").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    bad = formgen(ws, "render", str(cases / "rachunek-2026-001.yaml"), "-o", str(ws / "out2"))
    assert bad.exit_code == 1
    assert "template error: access to attribute '__class__' of 'str' object is unsafe." in bad.output


def test_year_2027_makes_next_years_parameters_and_a_2027_loan_renders(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    case = ws / "p.yaml"
    borrower = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")
    from tests.workspaces import guarantor

    case.write_text(loan("pozyczka-2027-1", "2027-02-01", borrower,
                         guarantor("Halina", "Poręczna", "K") + guarantor("Piotr", "Gwarant", "M")), encoding="utf-8")
    before = formgen(ws, "render", str(case), "-o", str(ws / "out"))
    assert before.exit_code == 1
    assert (f"no fund parameters for 2027: {ws.resolve() / 'data' / 'params' / 'zfss-2027.yaml'} is missing "
            f"(formgen year 2027 makes it from the year before)") in before.output
    made = formgen(ws, "year", "2027")
    assert made.exit_code == 0, made.output
    lines = made.output.splitlines()
    assert lines[0] == f"wrote {ws.resolve() / 'data' / 'params' / 'zfss-2027.yaml'} (from zfss-2026.yaml); revisit:"
    assert "  - podatek.limit_roczny: 1\u00a0000,00\u00a0zł — the yearly tax-free limit of benefits " \
           "(PIT act, art. 21 ust. 1 pkt 67)" in lines
    assert any(line.startswith("  - kwota_funduszu of the 2027 fund plan") for line in lines)
    text = (ws / "data" / "params" / "zfss-2027.yaml").read_text(encoding="utf-8")
    assert "\nrok: 2027\n" in text and "for 2027." in text
    assert formgen(ws, "year", "2027").exit_code == 1
    after = formgen(ws, "render", str(case), "-o", str(ws / "out"))
    assert after.exit_code == 0, after.output
    assert "Decyzją nr 1/2027" in pdf_text(ws / "out" / "zfss-umowa-pozyczki" / "pozyczka-2027-1.pdf")


def test_data_given_without_a_workspace_keeps_the_old_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--data", str(ROOT / "data"), "validate", str(EXAMPLES / "rachunek-2026-001.yaml")])
    assert result.exit_code == 0 and SAMPLE_NOTICE not in result.output
    refused = CliRunner().invoke(cli, ["--data", str(ROOT / "data"), "--db", "sqlite:///x.sqlite", "list"])
    assert refused.exit_code == 1 and "--data/--templates work without a workspace" in refused.output
    assert os.listdir(tmp_path) == []
