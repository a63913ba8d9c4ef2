"""Screenshots of every page of `formgen serve` at 1280×800 and at a phone's 390×844, to look at.

    python tools/web_screenshots.py [OUT]   # default: build/screenshots/

Starts the page on a free loopback port, fills the loan agreement from the example case (upload),
opens the preview and runs a batch of the staff CSV. Needs Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, serving

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
EXAMPLES = ROOT / "data" / "examples"


def shoot(page: Page, out: Path, name: str, full: bool = False) -> None:
    page.screenshot(path=str(out / f"{name}.png"), full_page=full)
    print(out / f"{name}.png")


def pages(page: Page, url: str, out: Path, size: str) -> None:
    page.goto(url + "/")
    shoot(page, out, f"{size}-1-formularze")
    page.goto(url + "/formularz/zfss-umowa-pozyczki")
    shoot(page, out, f"{size}-2-umowa-pusta")
    page.locator("#f-pozyczkobiorca-pesel").fill("07231412018")
    page.locator("#e-pozyczkobiorca-pesel span").wait_for()
    page.locator("#e-pozyczkobiorca-pesel").scroll_into_view_if_needed()
    shoot(page, out, f"{size}-3-umowa-blad-pesel")
    page.goto(url + "/")
    page.locator("#plik-yaml").set_input_files(str(EXAMPLES / "pozyczka-2026-001.yaml"))
    page.get_by_role("button", name="Wczytaj i wypełnij").click()
    page.locator("#stan .status.ok").wait_for()
    shoot(page, out, f"{size}-4-umowa-poprawna")
    page.locator("#wyliczenia details.schedule summary").click()
    page.locator("#wyliczenia").scroll_into_view_if_needed()
    shoot(page, out, f"{size}-5-wyliczenia")
    page.get_by_role("button", name="Podgląd PDF").click()
    page.locator("#podglad img.page").first.wait_for(timeout=30_000)
    page.locator("#podglad").scroll_into_view_if_needed()
    shoot(page, out, f"{size}-6-podglad")
    page.goto(url + "/")
    page.locator("#plik-yaml").set_input_files(str(EXAMPLES / "dochody-2026-001.yaml"))
    page.get_by_role("button", name="Wczytaj i wypełnij").click()
    page.locator("#stan .status.ok").wait_for()
    page.locator("#wyliczenia").scroll_into_view_if_needed()
    shoot(page, out, f"{size}-7-dochody")
    page.goto(url + "/rodzaj/pozyczka")
    shoot(page, out, f"{size}-8-sprawa-pozyczka")
    page.goto(url + "/wsadowo")
    shoot(page, out, f"{size}-9-wsadowo")
    page.locator("#plik").set_input_files(str(EXAMPLES / "personel.csv"))
    page.get_by_role("button", name="Przetwórz").click()
    page.get_by_text("Zakończono:").wait_for(timeout=60_000)
    shoot(page, out, f"{size}-10-wsadowo-wynik")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, serving(Path(folder) / "serve.log") as url, \
            sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height}, locale="pl-PL",
                                          is_mobile=size == "phone", has_touch=size == "phone")
            pages(context.new_page(), url, out, size)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
