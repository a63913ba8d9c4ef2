"""Child-protection documents (SOM): incident card, service notes, help plan, image consent,
candidate's statement."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from formgen.cases.answers import Answered
from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings, Loc, Person, by_sex
from formgen.forms.som import Child
from formgen.project import Project
from formgen.rules.dates import add_months

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _parse_time(value: Any) -> Any:
    """'9:05', '09.05' → '09:05'; anything else is refused."""
    if not isinstance(value, str):
        return value
    match = _TIME.match(value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"not a time: '{value.strip()}' (use 14:30)")
    return f"{int(match[1]):02d}:{match[2]}"


Time = Annotated[str, BeforeValidator(_parse_time)]  # 'HH:MM', so strings compare in time order
YesNo = Literal["tak", "nie"]


def _later(day: dt.date, time: str | None, ref_day: dt.date, ref_time: str | None) -> bool:
    """Whether (day, time) comes after (ref_day, ref_time); times count only on the same day."""
    if day != ref_day:
        return day > ref_day
    return time is not None and ref_time is not None and time > ref_time


def _born_after(child: Child, day: dt.date) -> Findings:
    """A child's birth date after the document's date, as a finding."""
    if child.data_urodzenia and child.data_urodzenia > day:
        return [(("dziecko", "data_urodzenia"), f"is after the document's date {day.isoformat()}")]
    return []


def _blank(count: int, *keys: str) -> list[dict[str, Any]]:
    """Empty table rows (every cell None, left blank) to fill by hand."""
    return [dict.fromkeys(keys) for _ in range(count)]


# --- Karta zgłoszenia zdarzenia (SOM-D Zał. 4, §14) --------------------------------------

EVENT_KINDS = {
    "przemoc_fizyczna": "przemoc fizyczna",
    "przemoc_psychiczna": "przemoc psychiczna",
    "wykorzystanie_seksualne": "wykorzystywanie seksualne",
    "zaniedbanie": "zaniedbanie",
    "obrazenia": "widoczne obrażenia na ciele dziecka",
    "zachowanie": "niepokojące, często powtarzające się zachowanie dziecka",
    "internet": "zagrożenie w sieci Internet lub kontakt z treściami szkodliwymi",
    "wizerunek": "utrwalanie lub rozpowszechnianie wizerunku dziecka bez zgody",
    "inne": "inne",
}
EventKind = Literal["przemoc_fizyczna", "przemoc_psychiczna", "wykorzystanie_seksualne",
                    "zaniedbanie", "obrazenia", "zachowanie", "internet", "wizerunek", "inne"]


class IncidentEvent(Schema):
    """What happened, when and where, as facts; the child's own words; who was present."""

    data: Date
    godzina: Time | None = None
    miejsce: Text
    rodzaj: list[EventKind] = Field(min_length=1)
    inny_rodzaj: Text | None = None
    fakty: LongText
    slowa_dziecka: LongText | None = None
    obecni: list[Text] = []


class Notice(Schema):
    """A person or authority told about the event, when and how."""

    kto: Text
    data: Date
    godzina: Time | None = None
    sposob: Text | None = None


class IncidentReport(Answered):
    """Karta zgłoszenia zdarzenia zagrażającego bezpieczeństwu małoletnich (SOM-D Zał. 4)."""

    numer: Text | None = None  # the card's number; without one, the register gives the next free one
    dziecko: Child
    zawiadamiajacy: Text  # shared with som-karta-interwencji: who reported (name, function)
    data_zgloszenia: Date  # shared with som-karta-interwencji
    godzina_zgloszenia: Time | None = None
    zdarzenie: IncidentEvent
    dzialania_natychmiastowe: list[Text] = []
    powiadomieni: list[Notice] = []
    przyjmujacy: Text | None = None
    przekazano_dyrektorowi: Date | None = None


def check_incident(card: IncidentReport, project: Project) -> Findings:
    """Event, report, notifications and hand-over in time order; 'inne' described."""
    event, day, time = card.zdarzenie, card.data_zgloszenia, card.godzina_zgloszenia
    found = _born_after(card.dziecko, event.data)
    after_report = f"is before the report (data_zgloszenia {day})"
    if event.data > day:
        found.append((("data_zgloszenia",), f"is before the event (zdarzenie.data {event.data})"))
    elif _later(event.data, event.godzina, day, time):
        found.append((("godzina_zgloszenia",),
                      f"is before the event (zdarzenie.godzina {event.godzina})"))
    for i, notice in enumerate(card.powiadomieni):
        if notice.data < day:
            found.append((("powiadomieni", i, "data"), after_report))
        elif _later(day, time, notice.data, notice.godzina):
            found.append((("powiadomieni", i, "godzina"),
                          f"is before the report (godzina_zgloszenia {time})"))
    if card.przekazano_dyrektorowi and card.przekazano_dyrektorowi < day:
        found.append((("przekazano_dyrektorowi",), after_report))
    other = ("zdarzenie", "inny_rodzaj")
    if "inne" in event.rodzaj and not event.inny_rodzaj:
        found.append((other, "required when zdarzenie.rodzaj includes 'inne'"))
    if event.inny_rodzaj and "inne" not in event.rodzaj:
        found.append((other, "given, but zdarzenie.rodzaj lacks 'inne'"))
    return found


def incident_context(card: IncidentReport, project: Project) -> dict[str, Any]:
    """The card's values, the event-kind checklist and rows for the notifications table."""
    kinds = [{"nazwa": label, "zaznaczono": key in card.zdarzenie.rodzaj}
             for key, label in EVENT_KINDS.items()]
    return {"karta": card, "rodzaje": kinds,
            "powiadomienia": card.powiadomieni or _blank(2, "kto", "data", "godzina", "sposob")}


# --- Notatka służbowa (SOM-L §3 ust. 1; SOM-D §7, §15) -----------------------------------

class ServiceNote(Schema):
    """One service note: when, where, who wrote it, about what, and who was present."""

    numer: Text | None = None
    data: Date
    godzina: Time | None = None
    miejsce: Text | None = None
    autor: Text
    stanowisko: Text | None = None
    temat: Text
    tresc: LongText
    obecni: list[Text] = []
    przekazano_dyrektorowi: Date | None = None


class ServiceNotes(Schema):
    """Notatki służbowe of one case, each printed on its own page."""

    notatki: list[ServiceNote] = Field(min_length=1)


def check_notes(case: ServiceNotes, project: Project) -> Findings:
    """Numbers not repeated; a note reaches the director on or after its date."""
    found: Findings = []
    seen: set[str] = set()
    for i, note in enumerate(case.notatki):
        if note.numer and note.numer in seen:
            found.append((("notatki", i, "numer"),
                          f"number '{note.numer}' is used by an earlier note"))
        seen.add(note.numer or "")
        if note.przekazano_dyrektorowi and note.przekazano_dyrektorowi < note.data:
            found.append((("notatki", i, "przekazano_dyrektorowi"),
                          f"is before the note's date {note.data}"))
    return found


def notes_context(case: ServiceNotes, project: Project) -> dict[str, Any]:
    """The notes and the town printed beside each note's date."""
    return {"notatki": case.notatki, "miejscowosc": project.profile.adres.miejscowosc}


# --- Plan pomocy dziecku (SOM-L §3 ust. 3–4, §4; SOM-D §8–9) -----------------------------

PLAN_AREAS = {
    "bezpieczenstwo": ("Działania zapewniające dziecku bezpieczeństwo, w tym zgłoszenie "
                       "podejrzenia krzywdzenia odpowiedniej instytucji"),
    "wsparcie": "Wsparcie, jakie placówka zaoferuje dziecku",
    "skierowanie": ("Skierowanie dziecka do specjalistycznej placówki pomocy dziecku, jeżeli "
                    "istnieje taka potrzeba"),
}


class TeamMember(Schema):
    """A person who prepared the plan."""

    imie_nazwisko: Text
    funkcja: Text | None = None


class PlanAction(Schema):
    """One planned action: its area, who is responsible and by when."""

    obszar: Literal["bezpieczenstwo", "wsparcie", "skierowanie"]
    dzialanie: Text
    odpowiedzialny: Text
    termin: Date | None = None


class HelpPlanBody(Schema):
    """The plan itself, apart from the child it is for."""

    data: Date
    zespol: list[TeamMember] = []
    opis_sytuacji: LongText | None = None
    potrzeby: LongText | None = None
    dzialania: list[PlanAction] = []
    wspolpraca_z_rodzicami: LongText | None = None
    przedstawiono_rodzicom: Date | None = None
    przeglad: Date | None = None


class HelpPlan(Schema):
    """Plan pomocy dziecku."""

    dziecko: Child
    plan_pomocy: HelpPlanBody


def check_help_plan(case: HelpPlan, project: Project) -> Findings:
    """Deadlines, review and the parents' meeting not before the plan's date."""
    plan = case.plan_pomocy
    found = _born_after(case.dziecko, plan.data)
    late = f"is before the plan's date (plan_pomocy.data {plan.data})"
    for i, action in enumerate(plan.dzialania):
        if action.termin and action.termin < plan.data:
            found.append((("plan_pomocy", "dzialania", i, "termin"), late))
    for name in ("przedstawiono_rodzicom", "przeglad"):
        value = getattr(plan, name)
        if value and value < plan.data:
            found.append((("plan_pomocy", name), late))
    return found


def help_plan_context(case: HelpPlan, project: Project) -> dict[str, Any]:
    """The plan's actions grouped by area (blank rows where an area has none), the team rows."""
    plan = case.plan_pomocy
    areas = [{"nazwa": label,
              "wiersze": [a for a in plan.dzialania if a.obszar == key]
              or _blank(2, "dzialanie", "odpowiedzialny", "termin")}
             for key, label in PLAN_AREAS.items()]
    return {"dziecko": case.dziecko, "plan": plan, "obszary": areas,
            "zespol": plan.zespol or _blank(3, "imie_nazwisko", "funkcja"),
            "miejscowosc": project.profile.adres.miejscowosc}


# --- Zgoda na wykorzystanie wizerunku (SOM-L §6, Zał. 5; SOM-D §20) ------------------------

CHANNELS = {
    "strona_internetowa": "strona internetowa placówki",
    "media_spolecznosciowe": "profile placówki w mediach społecznościowych",
    "tablice": "tablice informacyjne i gazetki w budynku placówki",
    "kronika": "kronika i albumy placówki",
    "materialy_promocyjne": ("materiały informacyjne i promocyjne placówki "
                             "(foldery, ulotki, plakaty)"),
    "media_lokalne": "prasa i media lokalne (relacje z wydarzeń placówki)",
}


class ImageChannels(Schema):
    """The parent's answer for each place of publication; absent = to be ticked by hand."""

    strona_internetowa: YesNo | None = None
    media_spolecznosciowe: YesNo | None = None
    tablice: YesNo | None = None
    kronika: YesNo | None = None
    materialy_promocyjne: YesNo | None = None
    media_lokalne: YesNo | None = None


class OtherChannel(Schema):
    """A place of publication the standard list lacks."""

    nazwa: Text
    zgoda: YesNo | None = None


class ImageConsent(Schema):
    """Zgoda rodzica na wykorzystanie wizerunku dziecka."""

    rodzic: Person
    dziecko: Child
    zgody: ImageChannels = ImageChannels()
    inne_kanaly: list[OtherChannel] = []
    po_zakonczeniu_opieki: YesNo | None = None
    cel: LongText | None = None
    obowiazuje_do: Date | None = None
    miejscowosc: Text | None = None
    data: Date | None = None


def check_image_consent(case: ImageConsent, project: Project) -> Findings:
    """The consent ends after it is given; the child was born by then."""
    if case.data is None:
        return []
    found = _born_after(case.dziecko, case.data)
    if case.obowiazuje_do and case.obowiazuje_do < case.data:
        found.append((("obowiazuje_do",), f"is before the consent's date {case.data}"))
    return found


def image_consent_context(case: ImageConsent, project: Project) -> dict[str, Any]:
    """One yes/no row per place of publication, the parent's gendered words."""
    rows = [{"nazwa": label, "zgoda": getattr(case.zgody, key)} for key, label in CHANNELS.items()]
    rows += [{"nazwa": c.nazwa, "zgoda": c.zgoda} for c in case.inne_kanaly]
    return {"zgoda": case, "kanaly": rows,
            "podpisany": by_sex(case.rodzic.sex, "podpisana", "podpisany", "podpisana/podpisany"),
            "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc}


# --- Oświadczenie kandydata (SOM-D §21; art. 21 of the act of 13 May 2016) -----------------

POLAND = {"polska", "rzeczpospolita polska", "rp"}
CANDIDATE_WORDS = {  # female, male, unknown
    "podpisany": ("podpisana", "podpisany", "podpisany/a"),
    "zamieszkiwalem": ("zamieszkiwałam", "zamieszkiwałem", "zamieszkiwałam/em"),
    "bylem": ("byłam", "byłem", "byłam/em"),
    "skazany": ("skazana", "skazany", "skazany/a"),
    "dopuscilem": ("dopuściłam", "dopuściłem", "dopuściłam/em"),
}
class CandidateParams(Schema):
    """data/procedures/kandydaci.yaml: what the law asks a candidate about."""

    lata_zamieszkania: int = Field(ge=1, le=100)  # art. 21 ust. 3: countries lived in, last N years


def residence_years(project: Project) -> int:
    """How many years back a candidate lists the countries they lived in."""
    return project.data_model(CandidateParams, "procedures/kandydaci.yaml").lata_zamieszkania


class Residence(Schema):
    """A country other than Poland the candidate lived in, with the period when known."""

    panstwo: Text
    od: Date | None = None
    do: Date | None = None


class CandidateStatement(Schema):
    """Oświadczenie kandydata: countries of residence and no conviction."""

    osoba: Person  # shared with som-oswiadczenie
    stanowisko: Text | None = None
    obywatelstwo: Text | None = None
    panstwa: list[Residence] | None = None  # None: to fill by hand; []: none ("nie dotyczy")
    bez_rejestru: list[Text] = []  # countries that issue no such information or keep no register
    miejscowosc: Text | None = None
    data: Date | None = None


def _check_residence(i: int, stay: Residence, on: dt.date | None, years: int) -> Findings:
    """One stay abroad: not Poland, in order, within the period the law asks about."""
    where: Loc = ("panstwa", i)
    found: Findings = []
    if stay.panstwo.casefold() in POLAND:
        found.append(((*where, "panstwo"), "list only countries other than Poland"))
    if stay.od and stay.do and stay.od > stay.do:
        found.append(((*where, "do"), f"is before the start of the stay ({stay.od})"))
    if on and stay.od and stay.od > on:
        found.append(((*where, "od"), f"is after the statement's date {on}"))
    if on and stay.do:
        since = add_months(on, -12 * years)
        if stay.do < since:
            found.append(((*where, "do"), (f"the stay ended before {since}, more than "
                                           f"{years} years ago; leave it out")))
    return found


def check_candidate(case: CandidateStatement, project: Project) -> Findings:
    """Stays abroad: not Poland, in order, within the law's period; 'bez_rejestru' among them."""
    found: Findings = []
    years = residence_years(project)
    for i, stay in enumerate(case.panstwa or []):
        found += _check_residence(i, stay, case.data, years)
    listed = {s.panstwo.casefold() for s in case.panstwa or []}
    for i, country in enumerate(case.bez_rejestru):
        if country.casefold() not in listed:
            found.append((("bez_rejestru", i),
                          f"'{country}' is not among the countries in panstwa"))
    return found


def candidate_context(case: CandidateStatement, project: Project) -> dict[str, Any]:
    """The statement's values, residence rows and the candidate's gendered words."""
    sex = case.osoba.sex
    words = {key: by_sex(sex, *forms) for key, forms in CANDIDATE_WORDS.items()}
    if case.panstwa is None:
        rows = _blank(2, "panstwo", "od", "do", "nie_dotyczy")
    elif case.panstwa:
        rows = [{**dict(stay), "nie_dotyczy": False} for stay in case.panstwa]
    else:
        rows = [{"panstwo": "nie dotyczy", "od": None, "do": None, "nie_dotyczy": True}]
    return {"oswiadczenie": case, "slowa": words, "wiersze": rows, "lata": residence_years(project),
            "nie_mieszkal": case.panstwa == [], "mieszkal": bool(case.panstwa),
            "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc}
