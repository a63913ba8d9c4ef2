"""The institution profile (data/institution.yaml): names, address, director, regulations."""

from __future__ import annotations

from pydantic import Field, model_validator

from formgen.fields import Date, Nip, Regon, Schema, Text
from formgen.i18n import _


class Address(Schema):
    """A postal address as printed on letters."""

    ulica: Text = Field(
        title="Ulica i numer",
        description="Ulica z numerem budynku i lokalu, jak w adresie pocztowym.",
        json_schema_extra={"examples": ["ul. Rynek 3"]})
    kod: Text = Field(
        title="Kod pocztowy",
        description="Kod pocztowy w postaci 00-000.",
        json_schema_extra={"examples": ["00-952"]})
    miejscowosc: Text = Field(
        title="Miejscowość",
        description="Miejscowość (poczta) adresu, w mianowniku.",
        json_schema_extra={"examples": ["Przykładowo"]})

    def line(self) -> str:
        """One-line form: 'ul. Lipowa 5, 00-950 Przykładowo'."""
        return f"{self.ulica}, {self.kod} {self.miejscowosc}"


class Director(Schema):
    """Who signs for the institution."""

    imie_nazwisko: Text
    stanowisko: Text
    reprezentacja: Text  # as it follows "reprezentowanym przez", e.g. "Dyrektora Annę Nowak"


class Regulation(Schema):
    """An internal regulation whose annexes the forms are."""

    tytul: Text
    tytul_dopelniacz: Text  # after "Załącznik nr 4 do …"
    akt: Text  # the order that introduced it
    data: Date
    zalaczniki: dict[str, Text] = {}  # form id → this institution's annex number, if not the seed's
    # Annexes of this regulation that are not forms (number → title), e.g. the rules on publishing
    # children's images: a form may not carry their numbers.
    inne_zalaczniki: dict[str, Text] = {}
    # Named references into this regulation that forms print ("procedura_interwencji": "§ 7"):
    # each institution numbers its paragraphs differently, so no template names a paragraph.
    paragrafy: dict[str, Text] = {}

    def paragraf(self, name: str) -> str | None:
        """The paragraph a named reference points to in this regulation, or None."""
        return self.paragrafy.get(name)

    @model_validator(mode="after")
    def _distinct_annexes(self) -> Regulation:
        """Each annex number names one document."""
        numbers = list(self.zalaczniki.values())
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if twice:
            raise ValueError(_("annex numbers given to more than one form: {numbers}").format(numbers=", ".join(twice)))
        taken = sorted(set(numbers) & set(self.inne_zalaczniki))
        if taken:
            raise ValueError(_("annex numbers of other documents given to forms: {numbers}").format(
                numbers=", ".join(taken)))
        return self


class Profile(Schema):
    """The institution that issues the documents."""

    nazwa: Text
    nazwa_miejscownik: Text  # after "w": "w Żłobku Miejskim nr 3 w Przykładowie"
    nazwa_narzednik: Text  # after "pomiędzy": "Żłobkiem Miejskim nr 3 w Przykładowie"
    nazwa_dopelniacz: Text  # after "informowania": "Żłobka Miejskiego nr 3 w Przykładowie"
    zwany_dalej: Text  # "Pracodawcą": the term the agreements define, after "zwanym dalej"
    zwany_dalej_biernik: Text  # the same term as an object: "upoważnia Pracodawcę"
    adres: Address
    nip: Nip | None = None
    regon: Regon | None = None
    dyrektor: Director
    regulaminy: dict[str, Regulation]
