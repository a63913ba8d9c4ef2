"""Messages in the user's language: the Polish catalog is complete, and the same problems read
right in Polish (the default), with --lang en and with an English LANG.

The rest of the suite checks the English messages (conftest sets FORMGEN_LANG=en); here each
run names its language itself, and CliRunner's `env` puts FORMGEN_LANG back afterwards (--lang
sets it for the process)."""

from __future__ import annotations

import gettext
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from formgen import i18n
from formgen.cli import cli
from tests.conftest import EXAMPLES, ROOT, write

BASE = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]
NO_LOCALE = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}

STATEMENT = """form: som-oswiadczenie
id: s-1
osoba:
  imie: Anna
  nazwisko: Nowak
  plec: K
stanowisko: opiekunka
data: 2026-11-02
"""
HEADER = "id,osoba.imie,osoba.nazwisko,osoba.plec,osoba.pesel,stanowisko,data"


def run(args: list[str], lang: str | None = None, **env: str | None):
    """formgen with `args`; `lang` as --lang, `env` as the environment (FORMGEN_LANG restored)."""
    options = ["--lang", lang] if lang else []
    environment: dict[str, str | None] = {"FORMGEN_LANG": None, **NO_LOCALE, **env}
    return CliRunner().invoke(cli, [*BASE, *options, *map(str, args)], env=environment, catch_exceptions=False)


# --- The catalog -------------------------------------------------------------------------------

def test_every_message_of_the_code_has_a_polish_translation_and_the_mo_is_compiled():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "messages.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_catalog_names_the_polish_plural_rule():
    with (i18n.LOCALE_DIR / "pl" / "LC_MESSAGES" / "formgen.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.info()["plural-forms"] == (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
    rule = gettext.c2py(catalog.info()["plural-forms"].split("plural=")[1].rstrip(";"))
    assert [rule(n) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 102, 112, 122)] == \
        [2, 0, 1, 1, 2, 2, 2, 2, 2, 1, 2, 1, 2, 1]


def test_the_mo_file_is_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text


# --- The same problems in Polish and in English ------------------------------------------------

def _loan(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = (EXAMPLES / "pozyczka-2026-001.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp_path, "p.yaml", text)


def _statement(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = STATEMENT
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp_path, "s.yaml", text)


def _staff(tmp_path: Path, row: str) -> Path:
    return write(tmp_path, "personel.csv", f"{HEADER}\n{row}\n")


# Each case: the input (in tmp_path), the command's arguments after the path, and the first
# line of the report in Polish and in English ("{path}" stands for the input file).
Case = tuple[Callable[[Path], Path], list[str], str, str]
CASES: dict[str, Case] = {
    "missing field, named by its Polish title": (
        lambda tmp: _statement(tmp, ("  imie: Anna\n", "")), [],
        "{path}:3: Imię (osoba.imie): brak wymaganego pola",
        "{path}:3: osoba.imie: required field is missing"),
    "unknown field, with the suggestion": (
        lambda tmp: _loan(tmp, ('kwota: "10000.00"', 'kwtoa: "10000.00"')), [],
        "{path}:14: kwtoa: nieznane pole; czy chodziło o „kwota”?",
        "{path}:14: kwtoa: unknown field; did you mean 'kwota'?"),
    "wrong choice": (
        lambda tmp: _statement(tmp, ("plec: K", "plec: X")), [],
        "{path}:6: Płeć (osoba.plec): dozwolone wartości: „K” lub „M”; podano „X”",
        "{path}:6: osoba.plec: must be one of 'K' or 'M', got 'X'"),
    "wrong choice, with the suggestion": (
        lambda tmp: _loan(tmp, ("zatrudnienie: nieokreslony", "zatrudnienie: nieokreslon")), [],
        ("{path}:26: Okres zatrudnienia (poreczyciele.0.zatrudnienie): dozwolone wartości: „nieokreslony” lub "
         "„okreslony”; podano „nieokreslon”; czy chodziło o „nieokreslony”?"),
        ("{path}:26: poreczyciele.0.zatrudnienie: must be one of 'nieokreslony' or 'okreslony', got "
         "'nieokreslon'; did you mean 'nieokreslony'?")),
    "PESEL that lost its leading zero in a spreadsheet": (
        lambda tmp: _staff(tmp, "a-1,Anna,Nowak,K,7231412017,opiekunka,2026-11-02"), ["--form", "som-oswiadczenie"],
        ("{path}:2: Numer PESEL (osoba.pesel): numer PESEL musi mieć 11 cyfr (arkusz kalkulacyjny mógł usunąć "
         "zero z początku: ustaw format kolumny na tekstowy; czy chodziło o 07231412017?)"),
        ("{path}:2: osoba.pesel: PESEL must have 11 digits (a spreadsheet may have dropped its leading zero: "
         "format the column as text; was it 07231412017?)")),
    "PESEL in scientific notation": (
        lambda tmp: _staff(tmp, 'a-1,Anna,Nowak,K,"7,231412017E+09",opiekunka,2026-11-02'),
        ["--form", "som-oswiadczenie"],
        ("{path}:2: Numer PESEL (osoba.pesel): numer PESEL musi mieć 11 cyfr (arkusz kalkulacyjny zapisał "
         "liczbę w notacji naukowej: ustaw format kolumny na tekstowy i wpisz PESEL ponownie)"),
        ("{path}:2: osoba.pesel: PESEL must have 11 digits (a spreadsheet wrote the number in scientific "
         "notation: format the column as text and type the PESEL again)")),
    "ambiguous amount, showing both readings": (
        lambda tmp: _loan(tmp, ('kwota: "10000.00"', 'kwota: "16.200"')), [],
        ("{path}:14: Kwota pożyczki (kwota): niejednoznaczna kwota „16.200”: 16 200,00 zł czy 16,20 zł? "
         "Wpisz 16200, jeśli chodzi o tysiące, albo 16,20, jeśli o złote i grosze"),
        ("{path}:14: kwota: ambiguous amount '16.200': 16 200,00 zł or 16,20 zł? Write 16200 for thousands "
         "or 16,20 for złote and grosze")),
    "unterminated CSV quote": (
        lambda tmp: _staff(tmp, 'a-1,"Anna,Nowak,K,,opiekunka,2026-11-02'), ["--form", "som-oswiadczenie"],
        '{path}:2: komórka otwarta cudzysłowem w tym wierszu nie jest nigdzie zamknięta (brakuje znaku ")',
        '{path}:2: a quoted cell opened on this line is never closed (a " is missing)'),
    "encoding that cannot be told": (
        # 0xB1 0xB9 is "±ą" in cp1250 and "ąš" in ISO-8859-2: equally plausible.
        lambda tmp: _bytes(tmp, "x.csv", HEADER.encode() + b"\na-1,Anna,No\xb1\xb9k,K,,opiekunka,2026-11-02\n"),
        ["--form", "som-oswiadczenie"],
        ("{path}: nie można odczytać pliku: nie da się rozpoznać, czy plik jest w kodowaniu cp1250, czy "
         "ISO-8859-2; podaj --encoding cp1250 albo --encoding iso-8859-2"),
        ("{path}: cannot read: cannot tell whether the file is cp1250 or ISO-8859-2; give --encoding cp1250 "
         "or --encoding iso-8859-2")),
    "YAML nested too deep": (
        lambda tmp: write(tmp, "g.yaml", "form: som-oswiadczenie\nid: g\nosoba: " + "[" * 30 + "]" * 30 + "\n"), [],
        "{path}:3: zagnieżdżenie głębsze niż 20 poziomów",
        "{path}:3: nested more than 20 levels deep"),
    "colon in a YAML value": (
        lambda tmp: _statement(tmp, ("stanowisko: opiekunka", "stanowisko: opiekunka: grupa 2")), [],
        ("{path}:7: błąd składni YAML: niedozwolony dwukropek w tym miejscu (wartość zawiera „: ” — ujmij "
         'całą wartość w cudzysłów, np. cel: "remont: łazienka")'),
        ("{path}:7: YAML syntax: mapping values are not allowed here (a value holds ': ' — put the whole "
         'value in quotes, e.g. cel: "remont: łazienka")')),
    "date out of range": (
        lambda tmp: _statement(tmp, ("data: 2026-11-02", "data: 2300-11-02")), [],
        "{path}:8: Data oświadczenia (data): data 2300-11-02 wykracza poza lata 1900–2199",
        "{path}:8: data: date 2300-11-02 is outside the years 1900-2199"),
    "date that does not exist": (
        lambda tmp: _statement(tmp, ("data: 2026-11-02", "data: 31.02.2026")), [],
        ("{path}:8: Data oświadczenia (data): to nie jest poprawna data: „31.02.2026” (ten miesiąc nie ma "
         "takiego dnia)"),
        "{path}:8: data: not a date: '31.02.2026' (day is out of range for month)"),
    "invisible characters": (
        lambda tmp: _statement(tmp, ("nazwisko: Nowak", "nazwisko: Kowal\u202eakswo\u202c")), [],
        ("{path}:5: Nazwisko (osoba.nazwisko): zawiera niewidoczne znaki, które zmieniają odczyt tekstu: "
         "U+202E, U+202C"),
        ("{path}:5: osoba.nazwisko: contains invisible characters that change how the text reads: "
         "U+202E, U+202C")),
}


def _bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _first_line(result) -> str:
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize("name", list(CASES))
def test_polish_by_default(tmp_path, name):
    make, args, polish, _english = CASES[name]
    path = make(tmp_path)
    assert _first_line(run(["validate", path, *args])) == polish.format(path=path)


@pytest.mark.parametrize("name", list(CASES))
def test_polish_with_formgen_lang_and_with_lang_pl(tmp_path, name):
    make, args, polish, _english = CASES[name]
    path = make(tmp_path)
    expected = polish.format(path=path)
    assert _first_line(run(["validate", path, *args], FORMGEN_LANG="pl", LANG="en_GB.UTF-8")) == expected
    assert _first_line(run(["validate", path, *args], "pl", LANG="en_US.UTF-8")) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_english_with_lang_en(tmp_path, name):
    make, args, _polish, english = CASES[name]
    path = make(tmp_path)
    assert _first_line(run(["validate", path, *args], "en", LANG="pl_PL.UTF-8")) == english.format(path=path)


@pytest.mark.parametrize("name", list(CASES))
def test_english_with_an_english_locale(tmp_path, name):
    make, args, _polish, english = CASES[name]
    path = make(tmp_path)
    assert _first_line(run(["validate", path, *args], LANG="en_GB.UTF-8")) == english.format(path=path)


def test_lc_all_overrides_lang(tmp_path):
    make, args, polish, english = CASES["wrong choice"]
    path = make(tmp_path)
    assert _first_line(run(["validate", path, *args], LC_ALL="en_GB.UTF-8", LANG="pl_PL.UTF-8")) == \
        english.format(path=path)
    assert _first_line(run(["validate", path, *args], LC_ALL="pl_PL.UTF-8", LANG="en_GB.UTF-8")) == \
        polish.format(path=path)


def test_the_language_reaches_worker_processes(tmp_path):
    """A batch with --jobs 2 validates in worker processes: they speak the language chosen."""
    for i in range(2):
        write(tmp_path, f"s{i}.yaml", STATEMENT.replace("id: s-1", f"id: s-{i}").replace("plec: K", "plec: X"))
    result = run(["batch", tmp_path, "-o", tmp_path / "out", "--jobs", "2"], "pl")
    lines = [line for line in result.stdout.splitlines() if "osoba.plec" in line]
    assert lines == [f"{tmp_path / f's{i}.yaml'}:6: Płeć (osoba.plec): dozwolone wartości: „K” lub „M”; podano „X”"
                     for i in range(2)]


# --- Polish plurals ----------------------------------------------------------------------------

COUNTS = (1, 2, 5, 12, 22)


@pytest.fixture
def polish(monkeypatch):
    monkeypatch.setenv("FORMGEN_LANG", "pl")


def test_plurals_of_guarantors(polish):
    from datetime import date
    from decimal import Decimal

    from formgen.rules.loan import LoanTerms, check_loan

    terms = LoanTerms(Decimal("0.03"), "flat", Decimal(1), (12, 24, 36), 36, 3)

    def message(required: int) -> str:
        found = check_loan(months=24, granted_on=date(2026, 11, 16), first_due=date(2026, 12, 10), terms=terms,
                           contract_end=None, guarantors=0, required_guarantors=required)
        return dict(found)["poreczyciele"]

    assert [message(n) for n in COUNTS] == [
        "wymagany jest dokładnie 1 poręczyciel, podano 0",
        "wymagani są dokładnie 2 poręczyciele, podano 0",
        "wymaganych jest dokładnie 5 poręczycieli, podano 0",
        "wymaganych jest dokładnie 12 poręczycieli, podano 0",
        "wymagani są dokładnie 22 poręczyciele, podano 0",
    ]


def test_plurals_of_months(polish):
    from datetime import date

    from formgen.rules.loan import _start_problems

    def message(delay: int) -> str:
        return _start_problems(date(2026, 1, 15), date(2030, 1, 15), delay)[0][1]

    assert [message(n) for n in COUNTS] == [
        "spłata musi się zacząć w ciągu 1 miesiąca od dnia przyznania pożyczki (najpóźniej 2026-02-15)",
        "spłata musi się zacząć w ciągu 2 miesięcy od dnia przyznania pożyczki (najpóźniej 2026-03-15)",
        "spłata musi się zacząć w ciągu 5 miesięcy od dnia przyznania pożyczki (najpóźniej 2026-06-15)",
        "spłata musi się zacząć w ciągu 12 miesięcy od dnia przyznania pożyczki (najpóźniej 2027-01-15)",
        "spłata musi się zacząć w ciągu 22 miesięcy od dnia przyznania pożyczki (najpóźniej 2027-11-15)",
    ]


def test_plurals_of_list_items(polish):
    from formgen.cases.validation import _message

    def message(least: int) -> str:
        return _message({"type": "too_short", "msg": "",
                         "ctx": {"field_type": "List", "min_length": least, "actual_length": 0}})

    assert [message(n) for n in COUNTS] == [
        "lista musi mieć co najmniej 1 pozycję, a ma 0",
        "lista musi mieć co najmniej 2 pozycje, a ma 0",
        "lista musi mieć co najmniej 5 pozycji, a ma 0",
        "lista musi mieć co najmniej 12 pozycji, a ma 0",
        "lista musi mieć co najmniej 22 pozycje, a ma 0",
    ]


def test_plurals_of_years_and_characters(polish):
    from formgen.i18n import ngettext

    years = ("at {rate} % a year the asset would be written off over {count} year: check the rate",
             "at {rate} % a year the asset would be written off over {count} years: check the rate")
    assert [ngettext(*years, n).format(rate="2,5", count=n) for n in COUNTS] == [
        f"przy stawce 2,5 % rocznie środek byłby umarzany przez {n} {word}: sprawdź stawkę"
        for n, word in zip(COUNTS, ["rok", "lata", "lat", "lat", "lata"])]
    characters = ("text is {count} character long; the limit is {limit}",
                  "text is {count} characters long; the limit is {limit}")
    assert [ngettext(*characters, n).format(count=n, limit=2000) for n in COUNTS] == [
        f"tekst ma {n} {word}; limit wynosi 2000" for n, word in zip(COUNTS, ["znak", "znaki", "znaków", "znaków", "znaki"])]


def test_english_plurals_keep_their_two_forms(monkeypatch):
    monkeypatch.setenv("FORMGEN_LANG", "en")
    from formgen.cases.validation import _message

    assert [_message({"type": "too_short", "msg": "", "ctx": {"field_type": "List", "min_length": n,
                                                              "actual_length": 0}}) for n in (1, 2)] == [
        "List should have at least 1 item after validation, not 0",
        "List should have at least 2 items after validation, not 0"]
