"""Messages in the user's language: the Polish catalog is complete, and the same problems read
right in Polish (the default), with --lang en and with an English LANG.

The rest of the suite checks the English messages (conftest sets FORMGEN_LANG=en); here each
run names its language itself, and CliRunner's `env` puts FORMGEN_LANG back afterwards (--lang
sets it for the process)."""

from __future__ import annotations

import gettext
import os
import re
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


# --- The command line in Polish (and in English with --lang en) -----------------------------

def _statements(folder: Path, count: int) -> list[Path]:
    return [write(folder, f"s{i}.yaml", STATEMENT.replace("id: s-1", f"id: s-{i}")) for i in range(1, count + 1)]


@pytest.mark.parametrize("count, polish", [(1, "Sprawdzono 1 sprawę, z problemami: 0."),
                                           (2, "Sprawdzono 2 sprawy, z problemami: 0."),
                                           (5, "Sprawdzono 5 spraw, z problemami: 0.")])
def test_the_summary_of_validate_has_polish_plurals(tmp_path, count, polish):
    paths = _statements(tmp_path, count)
    assert run(["validate", *paths]).stdout.splitlines()[-1] == polish
    assert run(["validate", *paths], "en").stdout.splitlines()[-1] == f"{count} {'case' if count == 1 else 'cases'} checked, 0 with problems."


def test_summaries_of_runs_and_the_register_have_polish_plurals(polish):
    from formgen.i18n import ngettext

    bundles = ("{count} bundle written to {folder}, {skipped} up to date, {failed} failed.",
               "{count} bundles written to {folder}, {skipped} up to date, {failed} failed.")
    assert [ngettext(*bundles, n).format(count=n, folder="build", skipped=0, failed=0) for n in (1, 2, 5)] == [
        f"Zapisano {n} {word} w folderze build, aktualne: 0, nieudane: 0."
        for n, word in ((1, "pakiet"), (2, "pakiety"), (5, "pakietów"))]
    stop = tuple(f"{{count}} {noun} complete before the stop; the rest were not written. Free space or fix the "
                 f"output folder, then run again." for noun in ("case", "cases"))
    assert [ngettext(*stop, n).format(count=n).split(";")[0] for n in (1, 2, 5)] == [
        "Przed przerwaniem ukończono 1 sprawę", "Przed przerwaniem ukończono 2 sprawy",
        "Przed przerwaniem ukończono 5 spraw"]
    documents = ("{count} document.", "{count} documents.")
    assert [ngettext(*documents, n).format(count=n) for n in (1, 2, 5, 22)] == [
        "1 dokument.", "2 dokumenty.", "5 dokumentów.", "22 dokumenty."]


def test_a_batch_summary_names_the_folder_in_polish(tmp_path):
    out = tmp_path / "wyniki"
    result = run(["batch", _statements(tmp_path, 1)[0], "-o", out, "-j", "1", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"Przygotowano dokumenty 2 spraw (w tym rejestrów: 1), aktualne: 0 (zapisane pliki: 2 w folderze {out}), "
        "nieudane: 0.")


def test_ids_naming_the_same_files_are_refused_in_polish(tmp_path):
    first = write(tmp_path, "a.yaml", STATEMENT.replace("id: s-1", "id: Kand-1"))
    second = write(tmp_path, "b.yaml", STATEMENT.replace("id: s-1", "id: kand-1"))
    args = ["batch", first, second, "-o", tmp_path / "out", "-j", "1", "--format", "docx"]
    result = run(args)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{second}:2: Identyfikator sprawy (id): identyfikator sprawy „kand-1” daje te same nazwy plików co "
        f"„Kand-1” w {first}:2 (nazwy plików nie rozróżniają wielkości liter ani znaków „-” i „.” na końcach)")
    args[-5] = tmp_path / "out-en"
    assert run(args, "en").stdout.splitlines()[0] == (
        f"{second}:2: id: case id 'kand-1' names the same files as 'Kand-1' at {first}:2 (file names ignore "
        "letter case and '-' or '.' at the ends)")


@pytest.mark.parametrize("entries, polish", [(1, "rejestr som-wykaz-zapoznanych (1 pozycja)"),
                                             (3, "rejestr som-wykaz-zapoznanych (3 pozycje)"),
                                             (12, "rejestr som-wykaz-zapoznanych (12 pozycji)")])
def test_a_register_is_named_with_polish_plurals(entries, polish, monkeypatch):
    from formgen.pipeline import register_label

    monkeypatch.setenv("FORMGEN_LANG", "pl")
    assert register_label("som-wykaz-zapoznanych", entries) == polish
    monkeypatch.setenv("FORMGEN_LANG", "en")
    assert register_label("som-wykaz-zapoznanych", entries) == (
        f"register som-wykaz-zapoznanych ({entries} {'entry' if entries == 1 else 'entries'})")


def test_a_file_edited_by_hand_is_left_alone_in_polish(tmp_path):
    (tmp_path / "sprawy").mkdir()
    [path] = _statements(tmp_path / "sprawy", 1)
    out = tmp_path / "out"
    args = ["batch", path, "-o", out, "-j", "1", "--format", "docx"]
    assert run(args).exit_code == 0
    edited = out / "som-oswiadczenie" / "s-1.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # saved again in Word
    path.write_text(STATEMENT.replace("Nowak", "Nowakowska"), encoding="utf-8")
    result = run(args)
    assert result.exit_code == 1
    assert (f"{path}:1 (s-1): plik {edited} zmieniono, odkąd zapisał go formgen; pozostawiono go bez zmian "
            "(--force go nadpisze)") in result.stdout.splitlines()


def test_an_unknown_form_gets_the_suggestion_in_polish(tmp_path):
    path = write(tmp_path, "p.yaml", "form: zfss-umowa-pozyczka\nid: p-1\n")
    assert _first_line(run(["validate", path])) == (
        f"{path}:1: Formularz (form): nieznany formularz „zfss-umowa-pozyczka”; czy chodziło o "
        "„zfss-umowa-pozyczki” lub „zfss-podanie-pozyczka”?")
    assert _first_line(run(["validate", path], "en")) == (
        f"{path}:1: form: unknown form 'zfss-umowa-pozyczka'; did you mean 'zfss-umowa-pozyczki' or "
        "'zfss-podanie-pozyczka'?")
    kind = write(tmp_path, "k.yaml", "rodzaj: pozyczk\nid: p-1\n")
    assert _first_line(run(["validate", kind])) == (
        f"{kind}:1: Rodzaj sprawy (rodzaj): nieznany rodzaj sprawy „pozyczk”; czy chodziło o „pozyczka”?")


def test_a_register_rule_names_the_earlier_document_in_polish(tmp_path):
    from tests.workspaces import holiday, make_pesel, make_workspace, person

    ws = make_workspace(tmp_path / "ws")
    ewa = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")
    first = write(ws, "w1.yaml", holiday("wczasy-1", "2026-06-12", ewa, "1000.00"))
    second = write(ws, "w2.yaml", holiday("wczasy-2", "2026-09-01", ewa, "800.00"))
    runner = CliRunner()
    base = ["--workspace", str(ws)]
    environment = {"FORMGEN_LANG": None, **NO_LOCALE}
    assert runner.invoke(cli, [*base, "render", str(first), "-o", str(ws / "out")], env=environment).exit_code == 0
    result = runner.invoke(cli, [*base, "validate", str(second)], env=environment)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{second}:4: Wnioskodawca (wnioskodawca): świadczenie „dofinansowanie wczasów pod gruszą” przyznano "
        "już tej osobie w 2026 r.: zfss-wniosek-wczasy wczasy-1 z 12.06.2026; najwyżej 1 raz w roku "
        "kalendarzowym (§12 ust. 1)")
    listed = runner.invoke(cli, [*base, "register", "list"], env=environment)
    assert listed.stderr == "1 dokument.\n"


def test_the_name_declension_warning_in_polish():
    path = EXAMPLES / "pozyczka-2026-001.yaml"
    result = run(["validate", path])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"{path}:10: Nazwisko (pozyczkobiorca.nazwisko): uwaga: odmiana przez analogię (wzór: Sadowski): "
        "dopelniacz: Jana Przykładowskiego, celownik: Janowi Przykładowskiemu, biernik: Jana Przykładowskiego, "
        "narzednik: Janem Przykładowskim, miejscownik: Janie Przykładowskim; jeśli jest niepoprawna, podaj "
        "właściwą w polu „odmiana”")
    assert run(["validate", path], "en").stdout.splitlines()[0].startswith(
        f"{path}:10: pozyczkobiorca.nazwisko: warning: declined by analogy (model: Sadowski): dopelniacz: ")


def test_a_starter_s_fixed_lines_in_polish_and_in_english(tmp_path):
    args = ["new", "som-oswiadczenie", "--schemas", tmp_path]
    polish = run(args).stdout.splitlines()
    assert polish[2:6] == [
        '# Wpisz wartości w miejsce pustych "" (pola obowiązkowe). Wiersze zaczynające się od "# "',
        '# to pola nieobowiązkowe: usuń "# " i wpisz wartość albo zostaw je tak, jak są.',
        "form: som-oswiadczenie",
        "# Identyfikator sprawy: nazwa plików wynikowych (litery, cyfry, '.', '_', '-'), np. pozyczka-2026-014."]
    assert "  # (poprawki w polu odmiana). Przykład: Jan." in polish
    english = run(args, "en").stdout.splitlines()
    assert english[2:6] == [
        '# Type the values in place of the empty "" (required fields). Lines that begin with "# "',
        '# are optional fields: remove the "# " and type a value, or leave them as they are.',
        "form: som-oswiadczenie",
        "# Case id: the name of the output files (letters, digits, '.', '_', '-'), e.g. pozyczka-2026-014."]
    # The fields' descriptions are the form's own, in Polish, in either language.
    assert "  # (poprawki w polu odmiana). Example: Jan." in english
    assert run(["new", "pozyczka", "--schemas", tmp_path]).stdout.splitlines()[1] == "# Sprawa: pozyczka"
    assert run(["new", "pozyczka", "--schemas", tmp_path], "en").stdout.splitlines()[1] == "# Case: pozyczka"


# --- Help in Polish: the texts are made when the commands are defined, so in a new process ---

def _help(*args: str, **env: str) -> list[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("FORMGEN_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    script = Path(sys.executable).parent / "formgen"
    result = subprocess.run([str(script), *args], capture_output=True, text=True, check=False,
                            env={**environment, **env}, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_formgen_help_in_polish_by_default_and_in_english_with_lang_en():
    polish = _help("--help")
    assert polish[0] == "Użycie: formgen [OPCJE] POLECENIE [ARGUMENTY]..."
    assert polish[2] == "  formgen: sprawdzone dane spraw z plików YAML/CSV jako formularze DOCX i PDF."
    assert {"Opcje:", "Polecenia:"} <= set(polish)
    assert any(line.startswith("  -h, --help") and line.endswith("Pokaż tę pomoc i zakończ.") for line in polish)
    assert any(line.startswith("  list ") and line.endswith("Wypisz formularze: identyfikator, tytuł i załącznik "
                                                               "źródłowy.") for line in polish)
    for english in (_help("--lang", "en", "--help"), _help("--lang=en", "--help"), _help("--help", LANG="en_GB.UTF-8")):
        assert english[0] == "Usage: formgen [OPTIONS] COMMAND [ARGS]..."
        assert english[2] == "  formgen: validated YAML/CSV case data to DOCX and PDF forms."
        assert {"Options:", "Commands:"} <= set(english)
    assert _help("--lang", "pl", "--help", LANG="en_GB.UTF-8")[0].startswith("Użycie:")


def test_formgen_batch_help_in_polish_and_in_english():
    polish = _help("batch", "--help")
    assert polish[0] == "Użycie: formgen batch [OPCJE] ŚCIEŻKI..."
    assert polish[2].startswith("  Przygotuj dokumenty wszystkich spraw z plików i folderów ŚCIEŻKI; sprawy z")
    assert "Opcje:" in polish
    assert any(line.startswith("  -o, --output FOLDER") and line.endswith("Folder wynikowy.  [domyślnie: build]")
               for line in polish)
    assert any(line.startswith("  -j, --jobs N") and "Liczba procesów roboczych" in line for line in polish)
    english = _help("--lang", "en", "batch", "--help")
    assert english[0] == "Usage: formgen batch [OPTIONS] PATHS..."
    assert english[2].startswith("  Render every case under PATHS; bad cases are reported and skipped")
    assert "Options:" in english
    assert any(line.startswith("  -o, --output DIRECTORY") and line.endswith("Output folder.  [default: build]")
               for line in english)


def test_every_usage_line_and_argument_is_in_polish():
    """No English placeholder is left in a usage line or in the help text that names it."""
    commands = [[], ["batch"], ["render"], ["bundle"], ["verify"], ["validate"], ["schema"], ["new"], ["init"],
                ["year"], ["register"], ["register", "show"], ["register", "export"], ["register", "repaid"],
                ["list"], ["serve"]]
    expected = {"batch": "ŚCIEŻKI...", "render": "ŚCIEŻKA", "verify": "PAKIETY...", "schema": "[FORMULARZ]",
                "new": "FORMULARZ|RODZAJ", "init": "[FOLDER]", "year": "ROK", "register show": "NUMER",
                "register export": "PLIK", "register repaid": "ID-SPRAWY"}
    english = {"OPTIONS", "COMMAND", "ARGS", "PATHS", "PATH", "BUNDLES", "FORM", "KIND", "YEAR", "NUMBER",
               "TARGET", "CASE-ID", "OUTPUT"}
    for command in commands:
        lines = _help(*command, "--help")
        usage = lines[0]
        assert usage.startswith(f"Użycie: {' '.join(['formgen', *command])} [OPCJE]"), usage
        name = " ".join(command)
        if name in expected:
            assert usage.endswith(" " + expected[name]), usage
        description = " ".join(lines[1:lines.index("Opcje:")])
        left = english & set(re.findall(r"[A-Z][A-Z-]+", usage + " " + description))
        assert not left, (command, left)


def test_usage_errors_of_click_in_polish(tmp_path):
    environment = {"FORMGEN_LANG": None, **NO_LOCALE}
    result = subprocess.run([str(Path(sys.executable).parent / "formgen"), *BASE, "validate"], capture_output=True,
                            text=True, check=False, cwd=tmp_path,
                            env={k: v for k, v in os.environ.items() if k not in environment})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Błąd: Brak argumentu 'ŚCIEŻKI...'."
    assert "Pomoc wyświetli polecenie „formgen validate --help”." in result.stderr.splitlines()


@pytest.mark.parametrize("argv, lang", [(["--lang", "en", "batch", "x"], "en"), (["--lang=pl", "--help"], "pl"),
                                        (["--lang", "pl", "--lang", "en", "list"], "en"), (["--lang", "de"], None),
                                        (["validate", "--", "--lang", "en"], None), (["--lang"], None), ([], None)])
def test_the_language_of_a_command_line_is_read_before_click_parses_it(argv, lang):
    assert i18n.command_line_language(argv) == lang
