"""The web layer's small parts: schema to fields, posted fields to case data, the register seam."""

from __future__ import annotations

import re
from typing import Any

import pytest

from formgen.cases.load import Case
from formgen.project import Project
from formgen.runner import Product
from formgen.web import formdata
from formgen.web.register import EarlierCase, Foreseen, Issue, Recording, Render
from formgen.web.schemaform import find, paths, specs
from tests.web_server import ROOT, client, csrf_of, example, flat, multi


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT / "templates", ROOT / "data")


def kinds(project: Project, form_id: str) -> dict[str, str]:
    def walk(fields: Any, prefix: str = "") -> dict[str, str]:
        out = {}
        for spec in fields:
            out[prefix + spec.key] = spec.kind if spec.kind != "textlist" else f"textlist:{spec.item_kind}"
            out.update(walk(spec.children, prefix + spec.key + "."))
        return out
    return walk(specs(project.catalog.get(form_id).schema))


def test_each_field_type_gets_its_input(project: Project) -> None:
    loan = kinds(project, "zfss-umowa-pozyczki")
    assert loan["data_umowy"] == "date" and loan["kwota"] == "money" and loan["okres_miesiecy"] == "int"
    assert loan["pozyczkobiorca.pesel"] == "pesel" and loan["pozyczkobiorca.plec"] == "choice"
    assert loan["poreczyciele"] == "list" and loan["poreczyciele.dowod"] == "group"
    card = kinds(project, "som-karta-zgloszenia")
    assert card["zdarzenie.rodzaj"] == "multichoice" and card["zdarzenie.godzina"] == "time"
    assert card["zdarzenie.fakty"] == "longtext" and card["zdarzenie.obecni"] == "textlist:text"
    assert kinds(project, "zfss-rachunek-bankowy")["rachunek"] == "account"
    assert kinds(project, "zfss-plan-podzialu")["podzial.procent"] == "percent"
    assert kinds(project, "zfss-oswiadczenie-niezatrudnienie")["wnioskodawca.emeryt"] == "bool"
    assert kinds(project, "som-ankieta")["odpowiedzi"] == "raw"  # answers by question code: from a file


def test_required_optional_and_row_bounds(project: Project) -> None:
    fields = specs(project.catalog.get("zfss-plan-podzialu").schema)
    sklad = find(fields, "sklad")
    assert sklad is not None and sklad.max_rows == 8 and not sklad.required
    loan = specs(project.catalog.get("zfss-umowa-pozyczki").schema)
    dowod = find(loan, "poreczyciele.3.dowod")
    assert dowod is not None and dowod.kind == "group" and not dowod.required
    assert find(loan, "poreczyciele.0.dowod.numer").required  # type: ignore[union-attr]
    assert find(loan, "nie_ma") is None


def test_paths_follow_the_rows_typed(project: Project) -> None:
    fields = specs(project.catalog.get("zfss-oswiadczenie-dochody").schema)
    found = paths(fields, {"rodzina": [{}, {"imie_nazwisko": "X"}]})
    assert {"rodzina", "rodzina.0", "rodzina.1", "rodzina.1.imie_nazwisko", "rodzina.0.dochod"} <= set(found)


def test_posted_fields_become_case_data() -> None:
    posted = [("_csrf", "t"), ("kwota", "10 000,00"), ("decyzja.numer", "1/2026"), ("decyzja.data", ""),
              ("poreczyciele.0.imie", ""), ("poreczyciele.1.imie", "Piotr"), ("sklad.0", ""),
              ("zdarzenie.rodzaj[]", ""), ("zdarzenie.rodzaj[]", "zaniedbanie"), ("inne[]", ""),
              ("_json.odpowiedzi", '[{"P1": "tak"}]')]
    assert formdata.nest(posted) == {
        "kwota": "10 000,00", "decyzja": {"numer": "1/2026"}, "poreczyciele": [{}, {"imie": "Piotr"}],
        "sklad": [""], "zdarzenie": {"rodzaj": ["zaniedbanie"]}, "inne": [], "odpowiedzi": [{"P1": "tak"}]}


@pytest.mark.parametrize("name", ["a..b", "a.", "x." * 30 + "y", "a.99999.b"])
def test_a_field_name_that_is_no_path_is_refused(name: str) -> None:
    with pytest.raises(formdata.FormDataError):
        formdata.nest([(name, "v")])


def test_rows_are_added_and_removed_by_path() -> None:
    data: dict[str, Any] = {"rodzina": [{"a": "1"}]}
    formdata.add_row(data, "rodzina", mapping=True)
    formdata.add_row(data, "sklad", mapping=False)
    assert data == {"rodzina": [{"a": "1"}, {}], "sklad": [""]}
    formdata.remove_row(data, "rodzina.0")
    assert data["rodzina"] == [{}]
    with pytest.raises(formdata.FormDataError):
        formdata.remove_row(data, "rodzina.5")


class FakeRegister:
    """A register as issue 11 will give it, to check the page's seam."""

    available = True

    def __init__(self) -> None:
        self.recorded: list[tuple[str, list[str]]] = []

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        return [EarlierCase("k-1", "pozyczka-2026-001 · Umowa pożyczki z ZFŚS")] if "zfss-umowa-pozyczki" in form_ids else []

    def case_data(self, key: str) -> dict[str, Any] | None:
        if key != "k-1":
            return None
        return {"form": "zfss-umowa-pozyczki", **example("pozyczka-2026-001.yaml"), "id": "pozyczka-2026-009"}

    def foresee(self, case: Case) -> Foreseen:
        return Foreseen()

    def issue(self, case: Case, render: Render) -> Issue:
        product = render(case.record)
        assert isinstance(product, Product)
        self.recorded.append((case.id, [name for name, _ in product.in_memory()]))
        return Issue(product, Recording(True, "zapisano"))


def test_the_register_seam_starts_a_case_and_records_its_documents() -> None:
    register = FakeRegister()
    with client() as web:
        web.app.state.web.register = register
        html = web.get("/formularz/zfss-umowa-pozyczki").text
        assert '<option value="k-1">pozyczka-2026-001 · Umowa pożyczki z ZFŚS</option>' in html
        assert "Wersja robocza" not in html
        started = web.post("/z-rejestru", data={"_csrf": csrf_of(html), "klucz": "k-1"})
        assert "Wczytano dane wcześniejszej sprawy z rejestru." in started.text
        assert re.search(r'name="id" value="pozyczka-2026-009"', started.text)
        fields = [("_csrf", csrf_of(html)), ("_forma", "zfss-umowa-pozyczki"),
                  *flat({**example("pozyczka-2026-001.yaml"), "id": "pozyczka-2026-009"})]
        pdf = web.post("/wypelnij/pdf", data=multi(fields))
        assert pdf.headers["x-formgen-rejestr"] == "zapisano"
        unknown = web.post("/z-rejestru", data={"_csrf": csrf_of(html), "klucz": "k-2"})
        assert unknown.status_code == 422 and "Nie znaleziono tej sprawy w rejestrze." in unknown.text
    assert register.recorded == [("pozyczka-2026-009", ["zfss-umowa-pozyczki/pozyczka-2026-009.pdf"])]
