"""The JSON API: validate and render a case posted as JSON; the OpenAPI description."""

from __future__ import annotations

import json

import pytest

from formgen.rules.identifiers import check_pesel
from tests.conftest import docx_text, pdf_text
from tests.web_server import client, example

LOAN = "zfss-umowa-pozyczki"


@pytest.fixture(scope="module")
def api():
    with client() as test_client:
        yield test_client


def loan(**changes: object) -> dict[str, object]:
    return {**example("pozyczka-2026-001.yaml"), "id": "pozyczka-api-1", **changes}


def test_forms_are_listed(api) -> None:
    forms = {f["id"]: f for f in api.get("/api/forms").json()}
    assert forms[LOAN]["annex"] == "9" and forms[LOAN]["regulation"] == "zfss"
    assert "som-wykaz-zapoznanych" not in forms  # a register is made from many cases


def test_validate_a_good_case(api) -> None:
    response = api.post(f"/api/forms/{LOAN}/validate", json=loan())
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["problems"] == []
    assert body["warnings"][0]["field"] == "pozyczkobiorca.nazwisko"  # declined by analogy


def test_validate_reports_each_problem_with_its_field(api) -> None:
    with pytest.raises(ValueError) as pesel:
        check_pesel("07231412018")
    case = loan(kwota=-5, okres_miesiecy=24)
    case["pozyczkobiorca"] = {**case["pozyczkobiorca"], "pesel": "07231412018"}  # type: ignore[dict-item]
    body = api.post(f"/api/forms/{LOAN}/validate", json=case).json()
    assert body["valid"] is False
    assert {"field": "pozyczkobiorca.pesel", "message": str(pesel.value)} in body["problems"]
    assert {"field": "kwota", "message": "must not be negative"} in body["problems"]


def test_numbers_are_read_as_the_text_they_are_written_as(api) -> None:
    body = api.post(f"/api/forms/{LOAN}/validate", content=json.dumps(loan(kwota=10000.5, okres_miesiecy=24)),
                    headers={"content-type": "application/json"}).json()
    assert body["valid"] is True
    float_tail = api.post(f"/api/forms/{LOAN}/validate", json=loan(kwota=10000.123)).json()
    assert {"field": "kwota", "message": "more than 2 decimal places: '10000.123'"} in float_tail["problems"]


def test_render_pdf_and_docx(api) -> None:
    pdf = api.post(f"/api/forms/{LOAN}/render", json=loan())
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="zfss-umowa-pozyczki-pozyczka-api-1.pdf"'
    assert "a Panem Janem Przykładowskim" in pdf_text(pdf.content)
    docx = api.post(f"/api/forms/{LOAN}/render?format=docx", json=loan())
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "Janem Przykładowskim" in docx_text(docx.content)


def test_render_refuses_an_invalid_case_with_its_problems(api) -> None:
    response = api.post(f"/api/forms/{LOAN}/render", json=loan(cel=None))
    assert response.status_code == 422
    assert response.json() == {"detail": "Sprawa ma błędy.",
                                "problems": [{"field": "cel", "message": "required field is missing"}]}


@pytest.mark.parametrize(("body", "headers", "status", "detail"), [
    (b"kwota=1", {"content-type": "application/x-www-form-urlencoded"}, 415,
     "Wyślij sprawę jako JSON (Content-Type: application/json)."),
    (b"[1, 2]", {"content-type": "application/json"}, 400, "Sprawa musi być obiektem JSON z polami formularza."),
    (b"{\"kwota\": NaN}", {"content-type": "application/json"}, 400, None),
    (b"[" * 100_000, {"content-type": "application/json"}, 400, None),
])
def test_bad_requests_are_refused_clearly(api, body: bytes, headers: dict[str, str], status: int,
                                          detail: str | None) -> None:
    response = api.post(f"/api/forms/{LOAN}/validate", content=body, headers=headers)
    assert response.status_code == status
    if detail:
        assert response.json()["detail"] == detail
    else:
        assert response.json()["detail"].startswith("To nie jest poprawny JSON")


def test_unknown_form(api) -> None:
    response = api.post("/api/forms/nie-ma/validate", json={})
    assert response.status_code == 404 and response.json()["detail"].startswith("unknown form 'nie-ma'")


def test_openapi_describes_each_forms_case(api) -> None:
    spec = api.get("/openapi.json").json()
    body = spec["paths"]["/api/forms/{form_id}/render"]["post"]["requestBody"]["content"]["application/json"]
    assert {"$ref": f"#/components/schemas/{LOAN}"} in body["schema"]["oneOf"]
    loan_schema = spec["components"]["schemas"][LOAN]
    assert loan_schema["title"] == "Umowa w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych"
    assert {"id", "kwota", "pozyczkobiorca", "poreczyciele"} <= set(loan_schema["required"])
    assert loan_schema["additionalProperties"] is False
    borrower = loan_schema["properties"]["pozyczkobiorca"]["$ref"].rsplit("/", 1)[1]
    assert "pesel" in spec["components"]["schemas"][borrower]["properties"]
    assert "validate" in spec["paths"]["/api/forms/{form_id}/validate"]["post"]["summary"].lower() or \
        spec["paths"]["/api/forms/{form_id}/validate"]["post"]["summary"].startswith("Sprawdź")


def test_the_page_renders_with_the_workspaces_own_form_and_the_sample_mark(tmp_path) -> None:
    from formgen.project import Project
    from tests.conftest import ROOT

    own = tmp_path / "templates" / "zfss-rachunek-bankowy"
    own.mkdir(parents=True)
    builtin = (ROOT / "templates" / "zfss-rachunek-bankowy" / "template.html").read_text(encoding="utf-8")
    own.joinpath("template.html").write_text(builtin.replace("</h1>", "</h1><p>Wersja własna GOPS</p>", 1),
                                             encoding="utf-8")
    case = {**example("rachunek-2026-001.yaml"), "id": "rachunek-api-1"}
    sample = Project(ROOT / "templates", ROOT / "data", overrides=tmp_path / "templates", mark="WZÓR")
    with client(project=sample) as page:
        text = pdf_text(page.post("/api/forms/zfss-rachunek-bankowy/render", json=case).content)
    assert "Wersja własna GOPS" in text
    assert "WZÓR – dokument przykładowy (dane instytucji z przykładu formgen) – nie podpisywać" in text
