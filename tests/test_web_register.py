"""The web page over a workspace's register: earlier cases to start from (those recorded by a
batch and by the page itself), the documents the page renders recorded, the rules across cases
applied, and nothing recorded without a workspace."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from formgen.cases.answers import Answers
from formgen.cases.load import Case
from formgen.cases.source import Record
from formgen.commands import open_project
from formgen.pipeline import collect
from formgen.runner import Failure, Product
from formgen.web.register import Issue, NoRegister, Recording, WorkspaceRegister, register_for
from formgen.web.settings import Settings
from formgen.workspace import load
from tests.conftest import pdf_text
from tests.web_server import client, csrf_of, flat, multi
from tests.workspaces import (
    formgen,
    grant,
    guarantor,
    holiday,
    loan,
    make_pesel,
    make_workspace,
    person,
)

EWA = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")
JAN = person("Jan", "Kowalski", make_pesel(1979, 3, 2, 456, False), "M")


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


def _issue(register: WorkspaceRegister, case: Case, made: list[Record]) -> Issue:
    """Issue a case with a render that keeps the record it was given and makes one small file."""
    def render(record: Record) -> Product:
        made.append(record)
        return Product([(f"{case.id}.pdf", b"%PDF-1.7 " + case.id.encode())], [])
    return register.issue(case, render)


def test_documents_issued_on_the_page_are_recorded_once_and_the_rules_apply(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    project = _project(ws)
    (ws / "w1.yaml").write_text(holiday("wczasy-1", "2026-06-12", EWA, "1000.00"), encoding="utf-8")
    (ws / "w2.yaml").write_text(holiday("wczasy-2", "2026-08-01", EWA, "800.00"), encoding="utf-8")
    cases, problems = collect(project, [ws / "w1.yaml"])
    assert not problems
    register = register_for(project)
    assert isinstance(register, WorkspaceRegister)
    made: list[Record] = []
    first = _issue(register, cases[0], made)
    assert first.recording == Recording(True, "Zapisano w rejestrze dokumentów.") and len(made) == 1
    again = _issue(register, cases[0], made)
    assert again.recording == Recording(True, "Dokumenty tej sprawy są już w rejestrze, bez zmian.")
    second, _ = collect(project, [ws / "w2.yaml"])
    refused = _issue(register, second[0], made)
    assert refused.problems == register.foresee(second[0]).problems
    assert refused.product is None and refused.recording is None and len(made) == 2  # not rendered
    [problem] = refused.problems
    assert problem.field == "wnioskodawca" and problem.label == "Wnioskodawca"
    assert "was already granted to this person in 2026: zfss-wniosek-wczasy wczasy-1 z 12.06.2026" in problem.message
    rows = formgen(ws, "register", "list").output
    assert "wczasy-1" in rows and "wczasy-2" not in rows
    assert load(ws).root == ws


def test_a_loan_issued_on_the_page_is_rendered_with_the_number_it_is_recorded_with(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    project = _project(ws)
    register = register_for(project)
    assert isinstance(register, WorkspaceRegister)
    texts = [loan(f"pozyczka-{n}", f"2026-0{n + 2}-02", who, guarantor("Halina", "Poręczna", "K")
                  + guarantor("Piotr", "Gwarant", "M")) for n, who in ((1, EWA), (2, JAN))]
    for n, text in enumerate(texts, 1):
        (ws / f"p{n}.yaml").write_text(text, encoding="utf-8")
    [first], _ = collect(project, [ws / "p1.yaml"])
    assert register.foresee(first).answers == Answers(numbers={"decyzja.numer": "1/2026"})  # nothing taken
    made: list[Record] = []

    def failing(record: Record) -> Failure:
        made.append(record)
        return Failure(error="the render failed")
    assert isinstance(register.issue(first, failing).product, Failure)  # its number goes back
    issued = _issue(register, first, made)
    [second], _ = collect(project, [ws / "p2.yaml"])
    assert _issue(register, second, made).recording is not None
    assert [r.answers.numbers for r in made] == [{"decyzja.numer": "1/2026"}] * 2 + [{"decyzja.numer": "2/2026"}]
    assert issued.recording == Recording(True, "Zapisano w rejestrze dokumentów.")
    listed = formgen(ws, "register", "list").output
    assert "pozyczka-1  1/2026" in listed and "pozyczka-2  2/2026" in listed


def test_without_a_workspace_the_page_records_nothing(tmp_path: Path) -> None:
    from formgen.project import Project

    assert isinstance(register_for(Project()), NoRegister)


def _post(web: Any, path: str, form_id: str, text: str) -> Any:
    data = yaml.safe_load(text)
    data.pop("form")
    html = web.get(f"/formularz/{form_id}").text
    return web.post(path, data=multi([("_csrf", csrf_of(html)), ("_forma", form_id), *flat(data)]))


def _words(html: str) -> str:
    """A page's text: its tags left out, every run of spaces one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_issues_documents_with_what_the_register_answers(tmp_path: Path) -> None:
    """Through the page: the tax on what is left of the yearly limit, the decision's number the
    register records, and a case the rules refuse shown with its problem, no file given."""
    ws = make_workspace(tmp_path / "ws")
    (ws / "sprawy").mkdir()
    (ws / "sprawy" / "w1.yaml").write_text(holiday("wczasy-1", "2026-06-12", EWA, "1400.00"), encoding="utf-8")
    assert formgen(ws, "batch", str(ws / "sprawy"), "-o", str(ws / "out"), "-j", "1").exit_code == 0
    with client(Settings(workers=1), _project(ws)) as web:
        # 1 200 zł of the 1 000 zł limit used by the holiday subsidy: all 800 zł taxed at 12 %.
        grant_case = grant("zapomoga-1", "2026-10-05", EWA, "800.00")
        checked = _words(_post(web, "/wypelnij/sprawdz", "zfss-podanie-zapomoga", grant_case).text)
        assert "Pozostały limit zwolnienia z podatku 0,00 zł Podstawa opodatkowania 800,00 zł Podatek 96,00 zł" in checked
        pdf = _post(web, "/wypelnij/pdf", "zfss-podanie-zapomoga", grant_case)
        assert pdf.status_code == 200 and pdf.headers["x-formgen-rejestr"] == "zapisano"
        text = pdf_text(pdf.content)
        assert "Przyznana kwota: 800,00 zł Podatek: 96,00 zł Do wypłaty: 704,00 zł" in text
        # A second holiday subsidy in 2026: refused, on the live check and when asked for the PDF.
        second = holiday("wczasy-2", "2026-09-01", EWA, "800.00")
        message = "was already granted to this person in 2026: zfss-wniosek-wczasy wczasy-1 z 12.06.2026"
        assert message in _post(web, "/wypelnij/sprawdz", "zfss-wniosek-wczasy", second).text
        refused = _post(web, "/wypelnij/pdf", "zfss-wniosek-wczasy", second)
        assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
        assert message in refused.text
        # A loan: the number the register gives is in the agreement.
        agreement = loan("pozyczka-1", "2026-03-02", JAN, guarantor("Halina", "Poręczna", "K")
                         + guarantor("Piotr", "Gwarant", "M"))
        foreseen = _words(_post(web, "/wypelnij/sprawdz", "zfss-umowa-pozyczki", agreement).text)
        assert "Numer decyzji 1/2026 (następny wolny w rejestrze, nadawany przy pobraniu dokumentów)" in foreseen
        pdf = _post(web, "/wypelnij/pdf", "zfss-umowa-pozyczki", agreement)
        assert "Decyzją nr 1/2026 z dnia 2 marca 2026 r." in pdf_text(pdf.content)
    listed = formgen(ws, "register", "list").output
    assert "zapomoga-1" in listed and "wczasy-2" not in listed and "pozyczka-1  1/2026" in listed


def test_the_json_api_issues_through_the_register_too(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "sprawy").mkdir()
    (ws / "sprawy" / "w1.yaml").write_text(holiday("wczasy-1", "2026-06-12", EWA, "1000.00"), encoding="utf-8")
    assert formgen(ws, "batch", str(ws / "sprawy"), "-o", str(ws / "out"), "-j", "1").exit_code == 0
    agreement = yaml.safe_load(loan("pozyczka-1", "2026-03-02", JAN, guarantor("Halina", "Poręczna", "K")
                                    + guarantor("Piotr", "Gwarant", "M")))
    second = yaml.safe_load(holiday("wczasy-2", "2026-09-01", EWA, "800.00"))
    as_json = json.loads(json.dumps(agreement, default=str)), json.loads(json.dumps(second, default=str))
    with client(Settings(workers=1), _project(ws)) as web:
        pdf = web.post("/api/forms/zfss-umowa-pozyczki/render", json=as_json[0])
        assert pdf.status_code == 200 and pdf.headers["x-formgen-rejestr"] == "zapisano"
        assert "Decyzją nr 1/2026 z dnia 2 marca 2026 r." in pdf_text(pdf.content)
        checked = web.post("/api/forms/zfss-wniosek-wczasy/validate", json=as_json[1]).json()
        refused = web.post("/api/forms/zfss-wniosek-wczasy/render", json=as_json[1])
    assert checked["valid"] is False and refused.status_code == 422
    [problem] = checked["problems"]
    assert problem["field"] == "wnioskodawca" and "wczasy-1 z 12.06.2026" in problem["message"]
    assert refused.json()["problems"] == checked["problems"]
