"""The web page over a workspace's register: earlier cases to start from (those recorded by a
batch and by the page itself), the documents the page renders recorded, the rules across cases
applied, and nothing recorded without a workspace."""

from __future__ import annotations

from pathlib import Path

from formgen.commands import open_project
from formgen.pipeline import collect
from formgen.web.register import NoRegister, WorkspaceRegister, register_for
from formgen.workspace import load
from tests.workspaces import formgen, holiday, make_pesel, make_workspace, person

EWA = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")


def _project(ws: Path):
    return open_project(ws, None, None, None, quiet=True)


def test_a_case_recorded_by_a_batch_is_offered_to_start_from(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "sprawy").mkdir()
    (ws / "sprawy" / "w1.yaml").write_text(holiday("wczasy-1", "2026-06-12", EWA, "1000.00"), encoding="utf-8")
    assert formgen(ws, "batch", str(ws / "sprawy"), "-o", str(ws / "build"), "-j", "1").exit_code == 0
    register = register_for(_project(ws))
    assert isinstance(register, WorkspaceRegister)
    [earlier] = register.earlier_cases(("zfss-wniosek-wczasy",))
    assert earlier.label.startswith("wczasy-1 · ") and earlier.label.endswith(" · 12.06.2026")
    data = register.case_data(earlier.key)
    assert data is not None and data["id"] == "wczasy-1" and data["wnioskodawca"]["nazwisko"] == "Nowicka"
    assert register.case_data("999999") is None and register.case_data("../x") is None


def test_documents_rendered_on_the_page_are_recorded_once_and_the_rules_apply(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    project = _project(ws)
    (ws / "w1.yaml").write_text(holiday("wczasy-1", "2026-06-12", EWA, "1000.00"), encoding="utf-8")
    (ws / "w2.yaml").write_text(holiday("wczasy-2", "2026-08-01", EWA, "800.00"), encoding="utf-8")
    cases, problems = collect(project, [ws / "w1.yaml"])
    assert not problems
    register = register_for(project)
    first = register.record(cases[0], [("wczasy-1.pdf", b"%PDF-1.7 1")])
    assert first.recorded and first.message == "Zapisano w rejestrze dokumentów."
    again = register.record(cases[0], [("wczasy-1.pdf", b"%PDF-1.7 1")])
    assert again.recorded and again.message == "Dokumenty tej sprawy są już w rejestrze, bez zmian."
    second, _ = collect(project, [ws / "w2.yaml"])
    refused = register.record(second[0], [("wczasy-2.pdf", b"%PDF-1.7 2")])
    assert not refused.recorded and refused.message.startswith("Nie zapisano w rejestrze: ")
    assert "wczasy-1" in refused.message  # the earlier document is named
    rows = formgen(ws, "register", "list").output
    assert "wczasy-1" in rows and "wczasy-2" not in rows
    assert load(ws).root == ws


def test_without_a_workspace_the_page_records_nothing(tmp_path: Path) -> None:
    from formgen.project import Project

    assert isinstance(register_for(Project()), NoRegister)
