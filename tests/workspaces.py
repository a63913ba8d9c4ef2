"""Helpers for tests that work in an institution's workspace: make one, run formgen in it, and
write benefit and loan cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from formgen.cli import cli

INSTITUTION = ["--nazwa", "Gminny Ośrodek Pomocy Społecznej w Debrznie", "--ulica", "ul. Słoneczna 1",
               "--kod", "77-310", "--miejscowosc", "Debrzno", "--dyrektor", "Marek Zieliński",
               "--zfss-akt", "Zarządzenie nr 5/2026 Dyrektora", "--zfss-data", "2026-01-10",
               "--som-akt", "Zarządzenie nr 6/2026 Dyrektora", "--som-data", "2026-01-12"]


def make_workspace(folder: Path, db: str | None = None, key: str | None = None) -> Path:
    """`formgen init` with every answer given; optionally a register URL and institution key."""
    result = CliRunner().invoke(cli, ["init", str(folder), *INSTITUTION, "--rok", "2026", "-y"])
    assert result.exit_code == 0, result.output
    if db or key:
        config = folder / "formgen.yaml"
        text = config.read_text(encoding="utf-8")
        if key:
            text = text.replace(text.split("instytucja: ")[1].split("\n")[0], key)
        if db:
            text += f"rejestr: {db}\n"
        config.write_text(text, encoding="utf-8")
    return folder


def formgen(workspace: Path, *args: str) -> Result:
    """formgen in the workspace (as --workspace), output and errors as one text."""
    return CliRunner().invoke(cli, ["--workspace", str(workspace), *args], catch_exceptions=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def register_db(request: pytest.FixtureRequest) -> str | None:
    """None for the workspace's SQLite file, or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    from tests.pg import fresh_database

    server = request.getfixturevalue("postgres_server")
    return fresh_database(server, f"t{abs(hash(request.node.nodeid)) % 10**9}")


def person(first: str, last: str, pesel: str, sex: str) -> str:
    return f"""  imie: {first}
  nazwisko: {last}
  pesel: "{pesel}"
  plec: {sex}
  stanowisko: opiekunka
  adres: ul. Brzozowa 7, 77-310 Debrzno
"""


def holiday(case_id: str, day: str, who: str, bills: str, extra: str = "") -> str:
    """A holiday subsidy (Zał. 4) the committee grants, group 1 (90 % of the bills, at most 1 200 zł)."""
    return f"""form: zfss-wniosek-wczasy
id: {case_id}
data: {day}
wnioskodawca:
{who}grupa: 1
urlop_od: {day[:5]}07-01
urlop_do: {day[:5]}07-14
rachunki:
  - opis: Faktura za pobyt
    kwota: "{bills}"
opinia:
  data: {day}
  wniosek: przyznac
{extra}"""


def grant(case_id: str, day: str, who: str, amount: str, extra: str = "") -> str:
    """A hardship grant (zapomoga materialna) of the committee's amount, group 1."""
    return f"""form: zfss-podanie-zapomoga
id: {case_id}
data: {day}
wnioskodawca:
{who}grupa: 1
zapomoga: materialna
opinia:
  data: {day}
  wniosek: przyznac
  kwota: "{amount}"
{extra}"""


def guarantor(first: str, last: str, sex: str) -> str:
    return f"""  - imie: {first}
    nazwisko: {last}
    plec: {sex}
    adres: ul. Jesionowa 3, 77-310 Debrzno
    miejsce_pracy: GOPS w Debrznie
    stanowisko: referent
    zatrudnienie: nieokreslony
"""


def loan(case_id: str, day: str, borrower: str, guarantors: str, extra: str = "", months: int = 24) -> str:
    """A loan agreement of 6 000 zł granted on `day` (YYYY-MM-DD, before the 28th), the first
    installment on the 28th of that month."""
    first = f"{day[:8]}28"
    return f"""form: zfss-umowa-pozyczki
id: {case_id}
data_umowy: {day}
decyzja:
  data: {day}
pozyczkobiorca:
{borrower}kwota: "6000.00"
cel: remont mieszkania
okres_miesiecy: {months}
pierwsza_rata: {first}
poreczyciele:
{guarantors}{extra}"""


def make_pesel(year: int, month: int, day: int, serial: int, female: bool) -> str:
    """A valid PESEL for a birth date (1900-2099) and sex."""
    month_code = month + (20 if year >= 2000 else 0)
    digits = f"{year % 100:02d}{month_code:02d}{day:02d}{serial:03d}{(serial % 5) * 2 + (0 if female else 1)}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights)) % 10) % 10
    return digits + str(check)
