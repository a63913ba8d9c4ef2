"""Schema parts and helpers shared by forms of several regulations."""

from __future__ import annotations

from typing import Literal

from formgen.forms.types import Date, Pesel, Schema, Text
from formgen.rules.identifiers import pesel_sex

Sex = Literal["K", "M"]
Loc = tuple[str | int, ...]
Findings = list[tuple[Loc, str]]


class Person(Schema):
    """A named person; sex (K/M) from the data or from the PESEL, for grammatical gender."""

    imie: Text
    nazwisko: Text
    plec: Sex | None = None
    pesel: Pesel | None = None

    @property
    def full_name(self) -> str:
        return f"{self.imie} {self.nazwisko}"

    @property
    def sex(self) -> str | None:
        """K or M when known (explicitly, or encoded in the PESEL), else None."""
        if self.plec:
            return self.plec
        return pesel_sex(self.pesel) if self.pesel else None


class Applicant(Person):
    """The employee or pensioner who applies to the fund (shared by the ZFŚS forms of one case)."""

    adres: Text | None = None
    stanowisko: Text | None = None
    emeryt: bool = False  # a retiree or pensioner rather than a current employee
    data_urodzenia: Date | None = None


def by_sex(sex: str | None, female: str, male: str, unknown: str | None = None) -> str:
    """The gendered word form; `unknown` (default both, joined by '/') when sex is not known."""
    if sex == "K":
        return female
    if sex == "M":
        return male
    return unknown or f"{female}/{male}"
