"""Child-protection standards (SOM): intervention card and staff/parent statements."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings, Person, by_sex, place_field
from formgen.i18n import _
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

    data_urodzenia: Date | None = Field(
        default=None, title="Data urodzenia",
        description=("Data urodzenia dziecka (2024-05-03 lub 3.05.2024); puste: na dokumencie "
                     "zostaje wykropkowane miejsce (na wniosku o dofinansowanie wypoczynku "
                     "dziecka wymagana)."),
        json_schema_extra={"examples": ["2024-05-03"]})


class DatedEntry(Schema):
    """An action or meeting with its date."""

    data: Date = Field(
        title="Data",
        description=("Dzień działania lub spotkania (2026-11-12 lub 12.11.2026), między datą "
                     "przyjęcia zgłoszenia a datą sporządzenia karty."),
        json_schema_extra={"examples": ["2026-11-12"]})
    opis: LongText = Field(
        title="Opis",
        description="Opis działania lub przebiegu spotkania; może mieć kilka akapitów.",
        json_schema_extra={"examples": ["Rozmowa psychologa z opiekunką grupy."]})


class Authority(Schema):
    """Where the intervention was reported, and when."""

    nazwa: Text = Field(
        title="Nazwa organu",
        description="Organ lub instytucja, do której zgłoszono interwencję.",
        json_schema_extra={"examples": [("Sąd Rejonowy w Przykładowie, III Wydział Rodzinny "
                                         "i Nieletnich")]})
    data: Date = Field(
        title="Data interwencji",
        description=("Dzień zgłoszenia interwencji temu organowi (2026-11-18 lub 18.11.2026), "
                     "między datą przyjęcia zgłoszenia a datą sporządzenia karty."),
        json_schema_extra={"examples": ["2026-11-18"]})


class InterventionCard(Schema):
    """Karta interwencji (SOM-L Zał. 4)."""

    data_karty: Date = Field(
        title="Data sporządzenia karty",
        description=("Dzień sporządzenia karty (2026-11-20 lub 20.11.2026), nie wcześniejszy "
                     "niż data przyjęcia zgłoszenia."),
        json_schema_extra={"examples": ["2026-11-20"]})
    data_zgloszenia: Date = Field(
        title="Data przyjęcia zgłoszenia",
        description=("Dzień, w którym przyjęto zgłoszenie podejrzenia krzywdzenia dziecka "
                     "(2026-11-11 lub 11.11.2026)."),
        json_schema_extra={"examples": ["2026-11-11"]})
    dziecko: Child = Field(
        title="Dziecko",
        description="Dziecko, którego dotyczy karta: imię, nazwisko i data urodzenia.")
    podejrzany: SUSPECTS = Field(
        title="Osoba podejrzewana o krzywdzenie",
        description=("Kto jest podejrzewany: personel (członek personelu lub osoba trzecia), "
                     "nieletni (inny małoletni) albo rodzic (rodzic lub opiekun prawny); razem "
                     "z formą krzywdzenia wyznacza procedurę i listę wymaganych działań."))
    krzywdzenie: HARMS = Field(
        title="Forma krzywdzenia",
        description=("Forma krzywdzenia: przemoc_psychiczna, przemoc_fizyczna, "
                     "uszczerbek_na_zdrowiu (przemoc z uszczerbkiem na zdrowiu lub zagrożeniem "
                     "życia), wykorzystanie_seksualne albo zaniedbanie; procedury standardów nie "
                     "obejmują każdej formy przy każdej osobie podejrzewanej."))
    przyczyna: LongText = Field(
        title="Przyczyna interwencji",
        description="Co wskazuje na krzywdzenie dziecka (pkt 2 karty); może mieć kilka akapitów.",
        json_schema_extra={"examples": ["Dziecko kilkakrotnie przyszło do żłobka głodne."]})
    zawiadamiajacy: Text = Field(
        title="Osoba zgłaszająca",
        description=("Osoba zawiadamiająca o podejrzeniu krzywdzenia (pkt 3 karty): imię "
                     "i nazwisko oraz funkcja lub związek z dzieckiem."),
        json_schema_extra={"examples": ["Ewa Przykładowa, opiekunka w grupie „Motylki”"]})
    dzialania: list[DatedEntry] = Field(
        default=[], title="Działania opiekuna lub psychologa",
        description=("Działania podjęte przez opiekuna lub psychologa (pkt 4 karty), każde "
                     "z datą i opisem; puste: wykropkowane miejsce do wpisania ręcznie."))
    spotkania: list[DatedEntry] = Field(
        default=[], title="Spotkania z opiekunami dziecka",
        description=("Spotkania z opiekunami dziecka (pkt 5 karty), każde z datą i opisem; "
                     "puste: wykropkowane miejsce do wpisania ręcznie."))
    forma_interwencji: list[Literal["zawiadomienie", "wglad", "inna"]] = Field(
        default=[], title="Forma podjętej interwencji",
        description=("Zaznaczone formy interwencji (pkt 6 karty): zawiadomienie (zawiadomienie "
                     "o podejrzeniu popełnienia przestępstwa), wglad (wniosek o wgląd "
                     "w sytuację dziecka/rodziny), inna (inny rodzaj interwencji); puste: "
                     "nic nie jest zaznaczone."),
        json_schema_extra={"examples": [["zawiadomienie"], ["wglad", "inna"]]})
    inna_interwencja: LongText | None = Field(
        default=None, title="Inny rodzaj interwencji",
        description=("Jaka inna interwencja (pkt 6 karty, „Jaki?”); wymagany, gdy wśród form "
                     "interwencji jest inna."),
        json_schema_extra={"examples": ["Skierowanie rodziny do ośrodka pomocy społecznej."]})
    organy: list[Authority] = Field(
        default=[], title="Organy, do których zgłoszono interwencję",
        description=("Nazwa organu i data interwencji (pkt 7 karty); puste: wykropkowane "
                     "miejsce do wpisania ręcznie."))
    wyniki: LongText | None = Field(
        default=None, title="Wyniki interwencji",
        description=("Działania organów wymiaru sprawiedliwości, placówki lub rodziców, jeśli "
                     "placówka zna wyniki (pkt 8 karty); puste: wykropkowane linie."),
        json_schema_extra={"examples": ["Sąd wszczął postępowanie opiekuńcze."]})
    wykonane_kroki: list[Text] = Field(
        default=[], title="Wykonane działania procedury",
        description=("Kody (a, b, c…) działań z listy wymaganej przez procedurę, które już "
                     "wykonano; na karcie są zaznaczone, pozostałe zostają do wykonania."),
        json_schema_extra={"examples": [["a", "b"]]})
    sporzadzil: Text | None = Field(
        default=None, title="Sporządził(a)",
        description=("Imię i nazwisko oraz stanowisko osoby sporządzającej kartę; puste: "
                     "miejsce do wpisania ręcznie."),
        json_schema_extra={"examples": ["Maria Przykładowa, psycholog"]})


def check_intervention(card: InterventionCard, project: Project) -> Findings:
    """Dates in order, the chosen procedure exists, done steps belong to it."""
    found: Findings = []
    if card.data_zgloszenia > card.data_karty:
        found.append((("data_zgloszenia",), _("the report date is after the card's date")))
    for name in ("dzialania", "spotkania", "organy"):
        for i, entry in enumerate(getattr(card, name)):
            if not card.data_zgloszenia <= entry.data <= card.data_karty:
                found.append(((name, i, "data"), _("must fall between {first} and {last}").format(
                    first="data_zgloszenia", last="data_karty")))
    if "inna" in card.forma_interwencji and not card.inna_interwencja:
        found.append((("inna_interwencja",), _("required when forma_interwencji includes 'inna'")))
    procedure = project.procedures.get((card.podejrzany, card.krzywdzenie))
    if procedure is None:
        found.append((("krzywdzenie",), _("the standards define no procedure for '{harm}' "
                                          "when the suspect is '{suspect}'").format(
            harm=card.krzywdzenie, suspect=card.podejrzany)))
        return found
    codes = {step.code for step in procedure.steps}
    for i, code in enumerate(card.wykonane_kroki):
        if code not in codes:
            found.append((("wykonane_kroki", i), _("no step '{code}' in this procedure (steps: {steps})").format(
                code=code, steps=", ".join(sorted(codes)))))
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

    osoba: Person = Field(
        title="Osoba składająca oświadczenie",
        description=("Pracownik albo rodzic, który potwierdza zapoznanie się ze standardami: "
                     "imię, nazwisko i w razie potrzeby płeć (forma „zapoznałam/zapoznałem”)."))
    rola: Literal["pracownik", "rodzic"] = Field(
        default="pracownik", title="Rola",
        description=("Kto składa oświadczenie: pracownik (członek personelu) albo rodzic "
                     "(rodzic lub opiekun dziecka); domyślnie pracownik. W wykazie osób "
                     "zapoznanych ze standardami są tylko pracownicy."))
    stanowisko: Text | None = Field(
        default=None, title="Stanowisko",
        description=("Stanowisko pracownika, drukowane po imieniu i nazwisku oraz w wykazie "
                     "osób zapoznanych; puste: w oświadczeniu pominięte, w wykazie wykropkowane."),
        json_schema_extra={"examples": ["opiekunka dziecięca"]})
    miejscowosc: Text | None = place_field()
    data: Date | None = Field(
        default=None, title="Data oświadczenia",
        description=("Dzień podpisania oświadczenia (2026-09-01 lub 1.09.2026), w wykazie "
                     "drukowany jako data zapoznania się; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-09-01"]})


def statement_context(statement: StandardsStatement, project: Project) -> dict[str, Any]:
    """The statement's values and the verb in the person's grammatical gender."""
    sex = statement.osoba.sex
    return {"oswiadczenie": statement, "zapoznalem": by_sex(sex, "zapoznałam", "zapoznałem", "zapoznałam/em"),
            "miejscowosc": statement.miejscowosc or project.profile.adres.miejscowosc}
