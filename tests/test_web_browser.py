"""The page in a real browser (Debian's Chromium driven by Playwright), as a user fills it.

Fields are found by their ids (the labels come from the schemas and may be reworded); every input
has a label tied to it (tests/test_web_pages.py checks that).

Skipped only where Chromium or Playwright is missing (CI installs both: .ci/run, formgen[test]).
After the tests, the server's log is searched for the personal data typed in: none may be there.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from formgen.project import Project
from formgen.rules.identifiers import check_pesel
from formgen.rules.income import income_group
from formgen.rules.money import format_amount
from tests.conftest import EXAMPLES, pdf_text
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, ROOT, serving

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (formgen[test])")
if not CHROMIUM.exists():
    pytest.skip(f"Chromium is not installed ({CHROMIUM}; apt-get install chromium)", allow_module_level=True)

expect = playwright.expect
TYPED = ["07231412017", "07231412018", "Przykładowski", "Poręczna", "Gwarant", "Nowakowska"]  # personal data typed in


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serving(log) as url:
        yield url, log
    text = log.read_text(encoding="utf-8")
    assert '"POST /wypelnij/sprawdz" 200' in text, "the access log was written"
    leaked = [value for value in TYPED if value in text]
    assert not leaked, f"personal data in the server log: {leaked}"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL", accept_downloads=True)
    yield context.new_page()
    context.close()


def fill_person(page, prefix: str, first: str, last: str) -> None:
    page.locator(f"#f-{prefix}-imie").fill(first)
    page.locator(f"#f-{prefix}-nazwisko").fill(last)


def test_fill_the_loan_agreement_and_download_its_pdf(page, server) -> None:
    url, _ = server
    page.goto(url + "/")
    page.get_by_role("link", name="Umowa w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych").click()
    page.get_by_label("Identyfikator sprawy").fill("pozyczka-przegladarka")
    page.locator("#f-data_umowy").fill("2026-11-20")
    page.locator("#f-decyzja-numer").fill("14/ZFŚS/2026")
    page.locator("#f-decyzja-data").fill("2026-11-16")
    fill_person(page, "pozyczkobiorca", "Jan", "Przykładowski")
    pesel = page.locator("#f-pozyczkobiorca-pesel")
    pesel.fill("07231412018")
    with pytest.raises(ValueError) as bad:
        check_pesel("07231412018")
    expect(page.locator("#e-pozyczkobiorca-pesel")).to_have_text(f"⚠ {bad.value}".removeprefix("⚠ "))
    pesel.fill("07231412017")
    expect(page.locator("#e-pozyczkobiorca-pesel")).to_have_text("")
    page.locator("#f-pozyczkobiorca-adres").fill("ul. Klonowa 12 m. 4, 00-951 Przykładowo")
    page.locator("#f-pozyczkobiorca-stanowisko").fill("konserwator")
    page.locator("#f-kwota").fill("10 000,00")
    page.locator("#f-cel").fill("remont mieszkania")
    page.locator("#f-okres_miesiecy").fill("24")
    page.locator("#f-pierwsza_rata").fill("2026-12-10")
    for index, (first, last, sex) in enumerate([("Halina", "Poręczna", "K"), ("Piotr", "Gwarant", "M")]):
        if index:
            page.locator("button[value='dodaj:poreczyciele']").click()
            expect(page.locator(f"#f-poreczyciele-{index}-imie")).to_be_focused()
        row = f"poreczyciele-{index}"
        fill_person(page, row, first, last)
        page.locator(f"#f-{row}-plec").select_option(sex)
        page.locator(f"#f-{row}-adres").fill("ul. Jesionowa 3, 00-952 Przykładowo")
        page.locator(f"#f-{row}-miejsce_pracy").fill("Żłobek Miejski nr 3 w Przykładowie")
        page.locator(f"#f-{row}-stanowisko").fill("opiekunka")
        page.locator(f"#f-{row}-zatrudnienie").select_option("nieokreslony")
    expect(page.locator("#stan")).to_contain_text("Formularz jest poprawny.", timeout=15_000)
    summary = page.locator("#wyliczenia")
    expect(summary).to_contain_text("dziesięć tysięcy złotych 00/100")
    summary.get_by_text("Harmonogram spłat (24 rat)").click()
    expect(summary.locator("tbody tr")).to_have_count(24)
    expect(summary.locator("tbody tr").last).to_contain_text("10.11.2028 r.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Pobierz PDF").click()
    assert download.value.suggested_filename == "zfss-umowa-pozyczki-pozyczka-przegladarka.pdf"
    text = pdf_text(Path(download.value.path()))
    assert "a Panem Janem Przykładowskim" in text
    assert "wysokości 10 000,00 zł słownie: dziesięć tysięcy złotych 00/100" in text


def test_two_family_members_give_the_income_group(page, server) -> None:
    url, _ = server
    page.goto(url + "/formularz/zfss-oswiadczenie-dochody")
    page.locator("#f-data").fill("2026-11-20")
    for index, (name, kin, income) in enumerate([("Anna Nowakowska", "wnioskodawca", "9000"),
                                                 ("Jan Nowakowski", "malzonek", "6000")]):
        page.locator("button[value='dodaj:rodzina']").click()
        field = page.locator(f"#f-rodzina-{index}-imie_nazwisko")
        expect(field).to_be_focused()
        page.keyboard.type(name)  # the focus is already in the new row
        page.locator(f"#f-rodzina-{index}-pokrewienstwo").select_option(kin)
        page.locator(f"#f-rodzina-{index}-dochod").fill(income)
    summary = page.locator("#wyliczenia")
    expect(summary).to_contain_text("Dochód na osobę (miesięcznie)2 500,00 zł".replace(" zł", "\u00a0zł")
                                    .replace("2 500", "2\u00a0500"), timeout=15_000)
    group = income_group(Decimal("2500.00"), Project(ROOT / "templates", ROOT / "data").zfss(2026).groups())
    assert group.lower is not None and group.upper is not None
    expected = f"{group.number} (od {format_amount(group.lower)} do {format_amount(group.upper)})"
    expect(summary.locator("dd.big")).to_have_text(expected)
    expect(page.locator("#stan")).to_contain_text("Formularz jest poprawny.")


def test_upload_a_csv_of_staff_statements_and_download_the_zip(page, server) -> None:
    url, _ = server
    page.goto(url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Przetwarzanie wsadowe").click()
    page.get_by_label("Plik (.csv, .yaml albo .zip)").set_input_files(str(EXAMPLES / "personel.csv"))
    page.get_by_role("button", name="Przetwórz").click()
    expect(page.get_by_text("Zakończono:")).to_be_visible(timeout=60_000)
    expect(page.locator("table.report tbody tr").first).to_contain_text("gotowe")
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz wyniki (ZIP)").click()
    names = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())).namelist()
    assert "som-oswiadczenie/oswiadczenie-2026-001.pdf" in names
    assert "som-oswiadczenie/oswiadczenie-2026-001.docx" in names
    assert "som-wykaz-zapoznanych/som-wykaz-zapoznanych.pdf" in names and "raport.txt" in names
