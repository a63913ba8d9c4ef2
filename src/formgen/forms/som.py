"""Child-protection standards (SOM): intervention card and staff/parent statements."""

from __future__ import annotations

from typing import Any, Literal

from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings, Person, by_sex
from formgen.project import Project

SUSPECTS = Literal["personel", "nieletni", "rodzic"]
HARMS = Literal["przemoc_psychiczna", "przemoc_fizyczna", "uszczerbek_na_zdrowiu",
                "wykorzystanie_seksualne", "zaniedbanie"]
INTERVENTIONS = {
    "zawiadomienie": "zawiadomienie o podejrzeniu popełnienia przestępstwa",
    "wglad": "wniosek o wgląd w sytuację dziecka/rodziny",
    "inna": "inny rodzaj interwencji",
}


class Child(Person):
    """The child the card is about."""

    data_urodzenia: Date | None = None


class DatedEntry(Schema):
    """An action or meeting with its date."""

    data: Date
    opis: LongText


class Authority(Schema):
    """Where the intervention was reported, and when."""

    nazwa: Text
    data: Date


class InterventionCard(Schema):
    """Karta interwencji (SOM-L Zał. 4)."""

    data_karty: Date
    data_zgloszenia: Date
    dziecko: Child
    podejrzany: SUSPECTS
    krzywdzenie: HARMS
    przyczyna: LongText
    zawiadamiajacy: Text
    dzialania: list[DatedEntry] = []
    spotkania: list[DatedEntry] = []
    forma_interwencji: list[Literal["zawiadomienie", "wglad", "inna"]] = []
    inna_interwencja: LongText | None = None
    organy: list[Authority] = []
    wyniki: LongText | None = None
    wykonane_kroki: list[Text] = []
    sporzadzil: Text | None = None


def check_intervention(card: InterventionCard, project: Project) -> Findings:
    """Dates in order, the chosen procedure exists, done steps belong to it."""
    found: Findings = []
    if card.data_zgloszenia > card.data_karty:
        found.append((("data_zgloszenia",), "the report date is after the card's date"))
    for name in ("dzialania", "spotkania", "organy"):
        for i, entry in enumerate(getattr(card, name)):
            if not card.data_zgloszenia <= entry.data <= card.data_karty:
                found.append(((name, i, "data"), "must fall between data_zgloszenia and data_karty"))
    if "inna" in card.forma_interwencji and not card.inna_interwencja:
        found.append((("inna_interwencja",), "required when forma_interwencji includes 'inna'"))
    procedure = project.procedures.get((card.podejrzany, card.krzywdzenie))
    if procedure is None:
        found.append((("krzywdzenie",), f"the standards define no procedure for '{card.krzywdzenie}' "
                                         f"when the suspect is '{card.podejrzany}'"))
        return found
    codes = {step.code for step in procedure.steps}
    for i, code in enumerate(card.wykonane_kroki):
        if code not in codes:
            found.append((("wykonane_kroki", i), f"no step '{code}' in this procedure "
                                                   f"(steps: {', '.join(sorted(codes))})"))
    return found


def intervention_context(card: InterventionCard, project: Project) -> dict[str, Any]:
    """The card's values, its checklist of required steps and the chosen intervention forms."""
    procedure = project.procedures[(card.podejrzany, card.krzywdzenie)]
    steps = [{"kod": s.code, "tresc": s.text, "wykonano": s.code in card.wykonane_kroki}
             for s in procedure.steps]
    forms = [{"klucz": k, "nazwa": v, "zaznaczono": k in card.forma_interwencji}
             for k, v in INTERVENTIONS.items()]
    return {"karta": card, "procedura": procedure, "kroki": steps, "formy": forms}


class StandardsStatement(Schema):
    """Oświadczenie o znajomości i przestrzeganiu zasad SOM (SOM-L Zał. 6, SOM-D Zał. 6)."""

    osoba: Person
    rola: Literal["pracownik", "rodzic"] = "pracownik"
    stanowisko: Text | None = None
    miejscowosc: Text | None = None
    data: Date | None = None


def statement_context(statement: StandardsStatement, project: Project) -> dict[str, Any]:
    """The statement's values and the verb in the person's grammatical gender."""
    sex = statement.osoba.sex
    return {"oswiadczenie": statement, "zapoznalem": by_sex(sex, "zapoznałam", "zapoznałem", "zapoznałam/em"),
            "miejscowosc": statement.miejscowosc or project.profile.adres.miejscowosc}
