"""The web page through FastAPI's test client: picking, filling, checking, documents, batches."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
import yaml
from pypdf import PdfReader

from formgen.rules.identifiers import check_pesel
from tests.conftest import EXAMPLES, docx_text, pdf_text
from tests.web_server import client, csrf_of, example, flat, multi

LOAN = "zfss-umowa-pozyczki"


@pytest.fixture(scope="module")
def web():
    with client() as test_client:
        yield test_client


def page(web, url: str) -> tuple[str, str]:
    response = web.get(url)
    assert response.status_code == 200, response.text
    return response.text, csrf_of(response.text)


def loan_fields(csrf: str, **changes: str) -> list[tuple[str, str]]:
    data = example("pozyczka-2026-001.yaml")
    fields = dict(flat(data))
    fields.update(changes)
    return [("_csrf", csrf), ("_forma", LOAN), *fields.items()]


def test_index_groups_forms_by_regulation_with_annex_numbers(web) -> None:
    html, _ = page(web, "/")
    assert "Regulamin Gospodarowania Zakładowym Funduszem Świadczeń Socjalnych" in html
    assert "Standardy Ochrony Małoletnich" in html
    loan = re.search(r'<span class="annex">Zał. nr 9</span>\s*<a class="title" href="/formularz/zfss-umowa-pozyczki">'
                     r'Umowa w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych</a>', html)
    assert loan, "the loan agreement is listed with its annex number"
    assert 'href="/rodzaj/pozyczka"' in html
    # A register is made from many cases: it is offered through the batch, not as a form to fill.
    assert 'href="/formularz/som-wykaz-zapoznanych"' not in html


def test_fill_page_has_an_input_per_field_each_with_its_label(web) -> None:
    html, _ = page(web, f"/formularz/{LOAN}")
    assert '<html lang="pl">' in html
    inputs = re.findall(r'<(?:input|select|textarea)[^>]* id="(f-[^"]+)"', html)
    labels = set(re.findall(r'<label for="(f-[^"]+)"', html))
    assert inputs and set(inputs) <= labels, f"inputs without a label: {set(inputs) - labels}"
    assert re.search(r'<input type="date" id="f-data_umowy" name="data_umowy"', html)
    assert re.search(r'<input type="text" id="f-pozyczkobiorca-pesel" name="pozyczkobiorca.pesel" value="" '
                     r'inputmode="numeric" maxlength="11"', html)
    assert re.search(r'<input type="text" id="f-kwota" name="kwota" value="" inputmode="decimal"', html)
    assert '<select id="f-poreczyciele-0-zatrudnienie" name="poreczyciele.0.zatrudnienie"' in html
    assert 'value="dodaj:poreczyciele"' in html and 'value="usun:poreczyciele.0"' in html
    assert '<details class="group optional" id="f-poreczyciele-0-dowod">' in html  # optional: folded


def test_live_check_puts_the_message_next_to_its_field(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    with pytest.raises(ValueError) as expected:
        check_pesel("07231412018")
    response = web.post("/wypelnij/sprawdz", data=multi(loan_fields(csrf, **{"pozyczkobiorca.pesel": "07231412018"})),
                        headers={"hx-request": "true"})
    assert response.status_code == 200
    slot = re.search(r'<p class="err" id="e-pozyczkobiorca-pesel"[^>]*hx-swap-oob="innerHTML">(.*?)</p>', response.text)
    assert slot and slot.group(1) == f"<span>{expected.value}</span>"
    assert '<p class="err" id="e-kwota" aria-live="polite" hx-swap-oob="innerHTML"></p>' in response.text
    assert "Do poprawienia: 1" in response.text


def test_live_check_holds_back_fields_not_filled_yet(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    fields = [("_csrf", csrf), ("_forma", LOAN), ("id", "x-1"), ("kwota", "10000")]
    live = web.post("/wypelnij/sprawdz", data=multi(fields), headers={"hx-request": "true"}).text
    assert re.search(r'id="e-data_umowy"[^>]*></p>', live), "an empty field is no error while typing"
    assert "nieuzupełnione pola wymagane" in live
    full = web.post("/wypelnij/sprawdz", data=multi([*fields, ("_pelne", "1")]), headers={"hx-request": "true"}).text
    assert re.search(r'id="e-data_umowy"[^>]*><span>required field is missing</span></p>', full)


def test_the_loan_schedule_and_amount_in_words_come_from_the_forms_context(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    text = web.post("/wypelnij/sprawdz", data=multi(loan_fields(csrf)), headers={"hx-request": "true"}).text
    assert "Formularz jest poprawny." in text
    assert "dziesięć tysięcy złotych 00/100" in text
    assert "24: pierwsza 457,00\u00a0zł, następne 441,00\u00a0zł" in text
    assert "Harmonogram spłat (24 rat)" in text
    assert "<td>24</td><td>10.11.2028 r.</td>" in text


def test_rows_are_added_and_removed(web) -> None:
    _, csrf = page(web, "/formularz/zfss-oswiadczenie-dochody")
    base = [("_csrf", csrf), ("_forma", "zfss-oswiadczenie-dochody"), ("id", "d-1"), ("data", "2026-11-20")]
    added = web.post("/wypelnij/wiersze", data=multi([*base, ("_akcja", "dodaj:rodzina")]), headers={"hx-request": "true"})
    assert added.status_code == 200 and added.text.startswith('<div id="pola"')
    assert 'name="rodzina.0.imie_nazwisko"' in added.text
    assert re.search(r'id="f-rodzina-0-imie_nazwisko"[^>]* autofocus', added.text), "the new row gets the focus"
    rows = [*base, ("rodzina.0.imie_nazwisko", "A"), ("rodzina.1.imie_nazwisko", "B"), ("_akcja", "usun:rodzina.0")]
    removed = web.post("/wypelnij/wiersze", data=multi(rows), headers={"hx-request": "true"}).text
    assert 'name="rodzina.0.imie_nazwisko" value="B"' in removed and "rodzina.1." not in removed
    assert re.search(r'value="dodaj:rodzina"[^>]*autofocus', removed), "after a removal the focus stays in the list"


def test_two_family_members_give_the_income_group(web) -> None:
    _, csrf = page(web, "/formularz/zfss-oswiadczenie-dochody")
    fields = [("_csrf", csrf), ("_forma", "zfss-oswiadczenie-dochody"), ("id", "d-1"), ("data", "2026-11-20"),
              ("rodzina.0.imie_nazwisko", "Anna Nowak"), ("rodzina.0.pokrewienstwo", "wnioskodawca"),
              ("rodzina.0.dochod", "9000"), ("rodzina.1.imie_nazwisko", "Jan Nowak"),
              ("rodzina.1.pokrewienstwo", "malzonek"), ("rodzina.1.dochod", "6000")]
    text = web.post("/wypelnij/sprawdz", data=multi(fields), headers={"hx-request": "true"}).text
    assert "<dt>Członkowie rodziny</dt><dd>2</dd>" in text
    assert "<dt>Dochód na osobę (miesięcznie)</dt><dd>2\u00a0500,00\u00a0zł</dd>" in text
    assert re.search(r"<dt>Grupa dochodowa</dt><dd class=\"big\">\d", text)


def test_pdf_docx_and_yaml_of_the_case(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    fields = loan_fields(csrf, id="pozyczka-web-1")
    pdf = web.post("/wypelnij/pdf", data=multi(fields))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="zfss-umowa-pozyczki-pozyczka-web-1.pdf"'
    assert pdf.headers["x-formgen-rejestr"] == "wersja-robocza"  # no register yet: a draft
    text = pdf_text(pdf.content)
    assert "UMOWA w sprawie pożyczki" in text and "Panem Janem Przykładowskim" in text
    assert "wysokości 10 000,00 zł słownie: dziesięć tysięcy złotych 00/100" in text
    docx = web.post("/wypelnij/docx", data=multi(fields))
    assert docx.status_code == 200 and "Janem Przykładowskim" in docx_text(docx.content)
    saved = web.post("/wypelnij/yaml", data=multi(fields))
    assert saved.headers["content-disposition"] == 'attachment; filename="pozyczka-web-1.yaml"'
    data = yaml.safe_load(saved.text)
    assert data["form"] == LOAN and data["pozyczkobiorca"]["pesel"] == "07231412017"
    assert data["poreczyciele"][1]["nazwisko"] == "Gwarant"


def test_bundle_of_a_case_kind(web) -> None:
    html, csrf = page(web, "/rodzaj/pozyczka")
    assert 'name="_dokumenty[]" value="zfss-umowa-pozyczki" checked' in html
    chosen = [("_dokumenty[]", form) for form in ("zfss-podanie-pozyczka", "zfss-oswiadczenie-dochody", LOAN,
                                                  "zfss-rachunek-bankowy")]
    fields = [("_csrf", csrf), ("_rodzaj", "pozyczka"), *chosen, ("id", "sprawa-web-2")]
    fields += flat({k: v for k, v in example("sprawa-pozyczka-2026-003.yaml").items() if k != "id"})
    response = web.post("/wypelnij/pakiet", data=multi(fields))
    assert response.status_code == 200, re.findall(r'class="err"[^>]*><span>.*?</p>', response.text)
    assert response.headers["content-disposition"] == 'attachment; filename="sprawa-web-2.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert [item.title for item in reader.outline] == ["Strona tytułowa", "Podanie o pożyczkę mieszkaniową", "Oświadczenie o dochodzie",
                                                      "Umowa pożyczki z ZFŚS", "Informacja o rachunku bankowym"]
    assert b"pdfaid:part" in response.content or "/OutputIntents" in reader.trailer["/Root"]


def test_an_invalid_case_gets_the_page_back_with_every_problem(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    response = web.post("/wypelnij/pdf", data=multi(loan_fields(csrf, kwota="-5")))
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert re.search(r'id="e-kwota"[^>]*><span>must not be negative</span>', response.text)
    assert 'value="-5"' in response.text  # what was typed stays


def test_preview_shows_the_pages_as_images(web) -> None:
    _, csrf = page(web, f"/formularz/{LOAN}")
    response = web.post("/wypelnij/podglad", data=multi(loan_fields(csrf)), headers={"hx-request": "true"})
    images = re.findall(r'<img class="page" src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', response.text)
    assert len(images) >= 2 and images[0][1].startswith("zfss-umowa-pozyczki: strona 1 z ")


def test_upload_a_yaml_case_fills_its_form(web) -> None:
    _, csrf = page(web, "/")
    raw = (EXAMPLES / "pozyczka-2026-001.yaml").read_bytes()
    response = web.post("/wczytaj", data={"_csrf": csrf}, files={"plik": ("dowolna-nazwa.yaml", raw, "application/yaml")})
    assert response.status_code == 200
    assert 'name="pozyczkobiorca.pesel" value="07231412017"' in response.text
    assert "Wczytano dane z pliku." in response.text and "Formularz jest poprawny." in response.text


def test_an_uploaded_yaml_cannot_make_the_server_read_a_file(web) -> None:
    _, csrf = page(web, "/")
    raw = b"form: som-ankieta\nid: a-1\ndata_ankiety: 2026-10-15\nodpowiedzi:\n  wczytaj: /etc/passwd\n"
    response = web.post("/wczytaj", data={"_csrf": csrf}, files={"plik": ("a.yaml", raw, "application/yaml")})
    assert "root:" not in response.text
    assert re.search(r'id="e-odpowiedzi"[^>]*><span>', response.text), "the include is a plain (wrong) value"


def test_batch_of_a_csv_reports_each_case_and_zips_the_results(web) -> None:
    _, csrf = page(web, "/wsadowo")
    raw = (EXAMPLES / "personel.csv").read_bytes()
    started = web.post("/wsadowo", data={"_csrf": csrf, "format_pdf": "1"},
                       files={"plik": ("staff.csv", raw, "text/csv")}, follow_redirects=False)
    assert started.status_code == 303
    url = started.headers["location"]
    deadline = time.monotonic() + 120
    while "Zakończono" not in (status := web.get(url + "/stan").text):
        assert time.monotonic() < deadline, status
        time.sleep(0.5)
    assert "gotowe 4, z błędami 0" in status or re.search(r"gotowe \d+, z błędami 0", status)
    results = web.get(url + "/wyniki.zip")
    names = zipfile.ZipFile(io.BytesIO(results.content)).namelist()
    assert "som-oswiadczenie/oswiadczenie-2026-001.pdf" in names
    assert "som-wykaz-zapoznanych/som-wykaz-zapoznanych.pdf" in names and "raport.txt" in names
    assert not any(n.endswith(".docx") for n in names)  # only PDF was asked for


def test_upload_a_case_of_several_forms_fills_them_together(web) -> None:
    _, csrf = page(web, "/")
    raw = (EXAMPLES / "sprawa-pozyczka-2026-003.yaml").read_bytes()
    response = web.post("/wczytaj", data={"_csrf": csrf}, files={"plik": ("s.yaml", raw, "application/yaml")})
    assert response.status_code == 200, re.findall(r'class="err"[^>]*><span>.*?</p>', response.text)
    hidden = re.findall(r'<input type="hidden" name="_forma" value="([^"]+)">', response.text)
    assert hidden == ["zfss-podanie-pozyczka", "zfss-oswiadczenie-dochody", LOAN, "zfss-rachunek-bankowy"]
    assert "Formularz jest poprawny." in response.text
    assert 'name="rachunek" value="PL72249000050000460012345678"' in response.text
