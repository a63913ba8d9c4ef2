"""Schema parts and helpers shared by forms of several regulations."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from formgen.fields import Date, Pesel, Schema, Text
from formgen.i18n import _
from formgen.rules import names
from formgen.rules.identifiers import pesel_sex

Sex = Literal["K", "M"]
Loc = tuple[str | int, ...]
Findings = list[tuple[Loc, str]]


# Fields that several forms declare alike (a function each: every model gets its own FieldInfo).

def place_field() -> Any:
    """The optional place printed before the date („…, dnia”)."""
    return Field(
        default=None, title="Miejscowość",
        description=("Miejscowość drukowana przed datą („…, dnia”); puste: miejscowość "
                     "z profilu placówki."),
        json_schema_extra={"examples": ["Przykładowo"]})


def committee_field() -> Any:
    """The employees' representatives at the meeting that adopted a ZFŚS plan or table."""
    return Field(
        default=[], max_length=8, title="Przedstawiciele pracowników",
        description=("Imiona i nazwiska uczestników spotkania, najwyżej 8, drukowane po słowach "
                     "„w składzie” i przy podpisach; brakujące miejsca zostają wykropkowane."),
        json_schema_extra={"examples": [["Anna Przykładowa", "Tomasz Przykładowy"]]})


def drawn_up_on_field() -> Any:
    """The optional date an accounting document was drawn up."""
    return Field(
        default=None, title="Data sporządzenia",
        description=("Dzień sporządzenia dokumentu (2026-01-15 lub 15.01.2026); puste: "
                     "wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-01-15"]})


def drawn_up_by_field() -> Any:
    """The optional name of who drew up an accounting document, printed at the signature."""
    return Field(
        default=None, title="Sporządził(a)",
        description=("Imię i nazwisko osoby, która sporządziła dokument, drukowane przy podpisie; "
                     "może zostać puste."),
        json_schema_extra={"examples": ["Joanna Przykładowa"]})


class NameForms(Schema):
    """The full name in the grammatical cases, where the rules would print it wrong."""

    dopelniacz: Text | None = Field(  # kogo? "Jana Kowalskiego"
        default=None, title="Dopełniacz",
        description=("Imię i nazwisko w dopełniaczu (kogo? czego?), np. „Jana Kowalskiego”; "
                     "puste: forma według reguł odmiany."),
        json_schema_extra={"examples": ["Jana Przykładowskiego"]})
    celownik: Text | None = Field(  # komu? "Janowi Kowalskiemu"
        default=None, title="Celownik",
        description=("Imię i nazwisko w celowniku (komu? czemu?), np. „Janowi Kowalskiemu”; "
                     "puste: forma według reguł odmiany."),
        json_schema_extra={"examples": ["Janowi Przykładowskiemu"]})
    biernik: Text | None = Field(  # kogo? "Jana Kowalskiego"
        default=None, title="Biernik",
        description=("Imię i nazwisko w bierniku (kogo? co?), np. „Jana Kowalskiego”; "
                     "puste: forma według reguł odmiany."),
        json_schema_extra={"examples": ["Jana Przykładowskiego"]})
    narzednik: Text | None = Field(  # z kim? "Janem Kowalskim"
        default=None, title="Narzędnik",
        description=("Imię i nazwisko w narzędniku (z kim? z czym?), np. „Janem Kowalskim”; "
                     "puste: forma według reguł odmiany."),
        json_schema_extra={"examples": ["Janem Przykładowskim"]})
    miejscownik: Text | None = Field(  # o kim? "Janie Kowalskim"
        default=None, title="Miejscownik",
        description=("Imię i nazwisko w miejscowniku (o kim? o czym?), np. „Janie Kowalskim”; "
                     "puste: forma według reguł odmiany."),
        json_schema_extra={"examples": ["Janie Przykładowskim"]})


class Person(Schema):
    """A named person; sex (K/M) as given, else from the PESEL, else from the first name."""

    imie: Text = Field(
        title="Imię",
        description=("Imię osoby, tak jak ma być wydrukowane; na dokumencie program odmienia je "
                     "przez przypadki (poprawki w polu odmiana)."),
        json_schema_extra={"examples": ["Jan", "Anna"]})
    nazwisko: Text = Field(
        title="Nazwisko",
        description=("Nazwisko osoby, tak jak ma być wydrukowane; na dokumencie program odmienia "
                     "je przez przypadki (poprawki w polu odmiana)."),
        json_schema_extra={"examples": ["Przykładowski", "Przykładowska"]})
    pesel: Pesel | None = Field(
        default=None, title="Numer PESEL",
        description=("Numer PESEL: 11 cyfr z poprawną cyfrą kontrolną, w YAML najlepiej "
                     "w cudzysłowie (zero na początku nie zginie). Może zostać pusty; podany "
                     "wyznacza płeć osoby."),
        json_schema_extra={"examples": ["07231412017"]})
    plec: Sex | None = Field(
        default=None, validate_default=True, title="Płeć",
        description=("Płeć: K (kobieta) albo M (mężczyzna); decyduje o formach gramatycznych "
                     "na dokumencie, np. „zapoznałam/zapoznałem”. Puste: płeć z numeru PESEL, "
                     "a bez niego ze słownika imion; podana musi zgadzać się z numerem PESEL."),
        json_schema_extra={"examples": ["K", "M"]})
    odmiana: NameForms | None = Field(  # the name's forms by case, overriding the rules
        default=None, title="Odmiana imienia i nazwiska",
        description=("Formy imienia i nazwiska w przypadkach, które program odmienia błędnie "
                     "(np. nazwiska rzadkiego lub obcego); puste: odmiana według reguł "
                     "języka polskiego."))

    @field_validator("plec")
    @classmethod
    def _known_sex(cls, plec: Sex | None, info: ValidationInfo) -> Sex | None:
        """Check `plec` against the PESEL; when absent, take it from the PESEL or the first name."""
        pesel, first = info.data.get("pesel"), info.data.get("imie")
        encoded = pesel_sex(pesel) if pesel else None
        if plec and encoded and plec != encoded:
            raise ValueError(_("'{given}' contradicts the PESEL, which encodes '{encoded}'").format(
                given=plec, encoded=encoded))
        found = plec or encoded or (names.first_name_sex(first) if first else None)
        if found is None and first:
            raise ValueError(_("required: K or M (no PESEL, and the dictionary does not tell "
                               "the sex of this first name)"))
        return found  # type: ignore[return-value]

    @property
    def full_name(self) -> str:
        return f"{self.imie} {self.nazwisko}"

    @property
    def sex(self) -> str | None:
        """K or M: as given, from the PESEL or from the first name (None only if never validated)."""
        return self.plec

    def in_case(self, case: str) -> str:
        """The full name in a grammatical case (`narzednik`): the `odmiana` override, else the rules."""
        index = names.case_index(case)
        given = getattr(self.odmiana, case) if self.odmiana and index else None
        if given or not self.plec:
            return given or self.full_name
        return f"{self._declined('imie')[case]} {self._declined('nazwisko')[case]}"

    def _declined(self, kind: names.Kind) -> names.Declined:
        return names.decline(getattr(self, kind), self.plec, kind)  # type: ignore[arg-type]

    def name_warnings(self) -> list[tuple[str, str]]:
        """(field, message) for a name part declined by analogy, showing the forms to be printed."""
        guessed = [kind for kind in ("imie", "nazwisko") if self.plec and self._declined(kind).guessed]
        unset = [c for c in names.CASES[1:] if not getattr(self.odmiana, c, None)]
        if not guessed or not unset:
            return []
        model = self._declined(guessed[0]).model  # type: ignore[arg-type]
        forms = ", ".join(f"{case}: {self.in_case(case)}" for case in unset)
        if model:
            message = _("declined by analogy (model: {model}): {forms}; give 'odmiana' if they are wrong").format(
                model=model, forms=forms)
        else:
            message = _("declined by analogy: {forms}; give 'odmiana' if they are wrong").format(forms=forms)
        return [(guessed[0], message)]


class Applicant(Person):
    """The employee or pensioner who applies to the fund (shared by the ZFŚS forms of one case)."""

    adres: Text | None = Field(
        default=None, title="Adres zamieszkania",
        description=("Adres zamieszkania wnioskodawcy w jednym wierszu; puste: na dokumencie "
                     "zostaje wykropkowane miejsce do wpisania ręcznie."),
        json_schema_extra={"examples": ["ul. Klonowa 12 m. 4, 00-951 Przykładowo"]})
    stanowisko: Text | None = Field(
        default=None, title="Stanowisko",
        description=("Stanowisko pracy wnioskodawcy; puste: miejsce do wpisania ręcznie "
                     "(na podaniu o pożyczkę emeryt bez stanowiska ma wpisane „emeryt / "
                     "rencista”)."),
        json_schema_extra={"examples": ["opiekunka dziecięca", "księgowa"]})
    emeryt: bool = Field(  # a retiree or pensioner rather than a current employee
        default=False, title="Emeryt lub rencista",
        description=("Czy wnioskodawca jest emerytem lub rencistą, a nie czynnym pracownikiem: "
                     "true albo false (domyślnie). Oświadczenie o niepozostawaniu w zatrudnieniu "
                     "składa tylko emeryt lub rencista (§4b)."))
    data_urodzenia: Date | None = Field(
        default=None, title="Data urodzenia",
        description="Data urodzenia wnioskodawcy (1985-07-15 lub 15.07.1985); może zostać pusta.",
        json_schema_extra={"examples": ["1985-07-15"]})


def name_warnings(data: BaseModel, loc: Loc = ()) -> Findings:
    """Every person in the data whose name is declined by analogy, located at that name."""
    found: Findings = []
    if isinstance(data, Person):
        found += [((*loc, field), message) for field, message in data.name_warnings()]
    for name in type(data).model_fields:
        value = getattr(data, name, None)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, BaseModel):
                found += name_warnings(item, (*loc, name) if i is None else (*loc, name, i))
    return found


def by_sex(sex: str | None, female: str, male: str, unknown: str | None = None) -> str:
    """The gendered word form; `unknown` (default both, joined by '/') when sex is not known."""
    if sex == "K":
        return female
    if sex == "M":
        return male
    return unknown or f"{female}/{male}"


class Collection(Schema):
    """The data of a register: the typed data of every case it collects, in input order."""

    pozycje: list[Any] = Field(
        title="Pozycje rejestru",
        description=("Dane wszystkich spraw, które zbiera rejestr, w kolejności wczytania; "
                     "program wypełnia je sam z plików spraw, nie wpisuje się ich ręcznie."))
