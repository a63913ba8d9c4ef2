"""Child-protection documents (SOM): incident card, service notes, help plan, image consent,
candidate's statement."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from formgen.cases.answers import Answered
from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings, Loc, Person, by_sex, place_field
from formgen.forms.som import Child
from formgen.i18n import _, ngettext, quoted
from formgen.project import Project
from formgen.rules.dates import add_months

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _parse_time(value: Any) -> Any:
    """'9:05', '09.05' → '09:05'; anything else is refused."""
    if not isinstance(value, str):
        return value
    match = _TIME.match(value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(_("not a time: '{value}' (use 14:30)").format(value=value.strip()))
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
        return [(("dziecko", "data_urodzenia"), _("is after the document's date {date}").format(date=day.isoformat()))]
    return []


def _blank(count: int, *keys: str) -> list[dict[str, Any]]:
    """Empty table rows (every cell None, left blank) to fill by hand."""
    return [dict.fromkeys(keys) for _row in range(count)]


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

    data: Date = Field(
        title="Data zdarzenia",
        description=("Dzień zdarzenia (2026-11-10 lub 10.11.2026), nie późniejszy niż dzień "
                     "przyjęcia zgłoszenia."),
        json_schema_extra={"examples": ["2026-11-10"]})
    godzina: Time | None = Field(
        default=None, title="Godzina zdarzenia",
        description="Godzina zdarzenia (14:30 lub 14.30); puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["10:15"]})
    miejsce: Text = Field(
        title="Miejsce zdarzenia",
        description="Gdzie doszło do zdarzenia, np. sala grupy, plac zabaw, szatnia.",
        json_schema_extra={"examples": ["sala grupy „Motylki”"]})
    rodzaj: list[EventKind] = Field(
        min_length=1, title="Rodzaj zdarzenia",
        description=("Co najmniej jeden rodzaj: przemoc_fizyczna, przemoc_psychiczna, "
                     "wykorzystanie_seksualne, zaniedbanie, obrazenia (widoczne obrażenia "
                     "na ciele dziecka), zachowanie (niepokojące, powtarzające się zachowanie "
                     "dziecka), internet (zagrożenie w sieci), wizerunek (wizerunek dziecka "
                     "bez zgody) albo inne (opisane w polu inny_rodzaj)."),
        json_schema_extra={"examples": [["obrazenia"], ["przemoc_psychiczna", "inne"]]})
    inny_rodzaj: Text | None = Field(
        default=None, title="Inny rodzaj zdarzenia",
        description=("Opis rodzaju zdarzenia spoza listy; podaje się go tylko wtedy, gdy "
                     "wśród rodzajów jest inne."),
        json_schema_extra={"examples": ["zostawienie dziecka bez opieki w szatni"]})
    fakty: LongText = Field(
        title="Opis zdarzenia",
        description=("Wyłącznie fakty: co się stało, kto w nim uczestniczył, co zgłaszający "
                     "widział lub słyszał, bez ocen i przypuszczeń; może mieć kilka akapitów."),
        json_schema_extra={"examples": [("Przy przebieraniu opiekunka zauważyła siniaki na "
                                         "ramieniu dziecka.")]})
    slowa_dziecka: LongText | None = Field(
        default=None, title="Wypowiedź dziecka",
        description=("Słowa dziecka zapisane dosłownie, jego własnymi słowami (na karcie "
                     "w cudzysłowie); puste: puste linie do wpisania ręcznie."),
        json_schema_extra={"examples": ["Tata się złościł."]})
    obecni: list[Text] = Field(
        default=[], title="Osoby obecne przy zdarzeniu",
        description=("Świadkowie zdarzenia, każdy w osobnej pozycji; puste: puste linie "
                     "do wpisania ręcznie."),
        json_schema_extra={"examples": [["Anna Przykładowa, opiekunka"]]})


class Notice(Schema):
    """A person or authority told about the event, when and how."""

    kto: Text = Field(
        title="Kogo powiadomiono",
        description="Osoba lub instytucja powiadomiona o zdarzeniu.",
        json_schema_extra={"examples": ["matka dziecka", "Dyrektor Żłobka"]})
    data: Date = Field(
        title="Data powiadomienia",
        description=("Dzień powiadomienia (2026-11-10 lub 10.11.2026), nie wcześniejszy niż "
                     "dzień przyjęcia zgłoszenia."),
        json_schema_extra={"examples": ["2026-11-10"]})
    godzina: Time | None = Field(
        default=None, title="Godzina powiadomienia",
        description="Godzina powiadomienia (14:30 lub 14.30); może zostać pusta.",
        json_schema_extra={"examples": ["11:00"]})
    sposob: Text | None = Field(
        default=None, title="Sposób powiadomienia",
        description="Jak powiadomiono, np. telefonicznie, osobiście, pisemnie; może zostać pusty.",
        json_schema_extra={"examples": ["telefonicznie"]})


class IncidentReport(Answered):
    """Karta zgłoszenia zdarzenia zagrażającego bezpieczeństwu małoletnich (SOM-D Zał. 4)."""

    numer: Text | None = Field(
        default=None, title="Numer karty",
        description=("Numer karty zgłoszenia w rejestrze zgłoszeń; puste: w przestrzeni roboczej "
                     "następny wolny numer roku z rejestru, bez niej wykropkowane miejsce."),
        json_schema_extra={"examples": ["3/2026"]})
    dziecko: Child = Field(
        title="Dziecko",
        description="Dziecko, którego dotyczy zgłoszenie: imię, nazwisko i data urodzenia.")
    # shared with som-karta-interwencji: who reported (name, function)
    zawiadamiajacy: Text = Field(
        title="Osoba zgłaszająca",
        description=("Imię i nazwisko oraz funkcja lub związek z dzieckiem osoby, która zgłasza "
                     "zdarzenie (pkt 2 karty)."),
        json_schema_extra={"examples": ["Ewa Przykładowa, opiekunka w grupie „Motylki”"]})
    data_zgloszenia: Date = Field(  # shared with som-karta-interwencji
        title="Data przyjęcia zgłoszenia",
        description=("Dzień przyjęcia zgłoszenia (2026-11-10 lub 10.11.2026), nie wcześniejszy "
                     "niż dzień zdarzenia."),
        json_schema_extra={"examples": ["2026-11-10"]})
    godzina_zgloszenia: Time | None = Field(
        default=None, title="Godzina przyjęcia zgłoszenia",
        description=("Godzina przyjęcia zgłoszenia (14:30 lub 14.30); puste: wykropkowane "
                     "miejsce."),
        json_schema_extra={"examples": ["10:40"]})
    zdarzenie: IncidentEvent = Field(
        title="Zdarzenie",
        description=("Co się stało, kiedy i gdzie: data, godzina, miejsce, rodzaj, opis faktów, "
                     "wypowiedź dziecka i świadkowie."))
    dzialania_natychmiastowe: list[Text] = Field(
        default=[], title="Działania podjęte niezwłocznie",
        description=("Działania podjęte niezwłocznie po zdarzeniu (pkt 9 karty), każde "
                     "w osobnej pozycji; puste: puste linie do wpisania ręcznie."),
        json_schema_extra={"examples": [["opatrzenie otarcia przez pielęgniarkę"]]})
    powiadomieni: list[Notice] = Field(
        default=[], title="Powiadomione osoby i instytucje",
        description=("Kogo, kiedy i jak powiadomiono (pkt 10 karty); puste: dwa puste wiersze "
                     "tabeli do wypełnienia ręcznie."))
    przyjmujacy: Text | None = Field(
        default=None, title="Osoba przyjmująca zgłoszenie",
        description=("Imię i nazwisko oraz stanowisko osoby, która przyjęła zgłoszenie "
                     "i wypełnia kartę (pkt 11 karty); puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["Maria Przykładowa, dyrektor"]})
    przekazano_dyrektorowi: Date | None = Field(
        default=None, title="Data przekazania karty Dyrektorowi",
        description=("Dzień przekazania karty Dyrektorowi (2026-11-10 lub 10.11.2026), nie "
                     "wcześniejszy niż dzień przyjęcia zgłoszenia; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-11-10"]})


def check_incident(card: IncidentReport, project: Project) -> Findings:
    """Event, report, notifications and hand-over in time order; 'inne' described."""
    event, day, time = card.zdarzenie, card.data_zgloszenia, card.godzina_zgloszenia
    found = _born_after(card.dziecko, event.data)
    after_report = _("is before the report (data_zgloszenia {date})").format(date=day)
    if event.data > day:
        found.append((("data_zgloszenia",), _("is before the event (zdarzenie.data {date})").format(date=event.data)))
    elif _later(event.data, event.godzina, day, time):
        found.append((("godzina_zgloszenia",),
                      _("is before the event (zdarzenie.godzina {time})").format(time=event.godzina)))
    for i, notice in enumerate(card.powiadomieni):
        if notice.data < day:
            found.append((("powiadomieni", i, "data"), after_report))
        elif _later(day, time, notice.data, notice.godzina):
            found.append((("powiadomieni", i, "godzina"),
                          _("is before the report (godzina_zgloszenia {time})").format(time=time)))
    if card.przekazano_dyrektorowi and card.przekazano_dyrektorowi < day:
        found.append((("przekazano_dyrektorowi",), after_report))
    other = ("zdarzenie", "inny_rodzaj")
    if "inne" in event.rodzaj and not event.inny_rodzaj:
        found.append((other, _("required when zdarzenie.rodzaj includes 'inne'")))
    if event.inny_rodzaj and "inne" not in event.rodzaj:
        found.append((other, _("given, but zdarzenie.rodzaj lacks 'inne'")))
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

    numer: Text | None = Field(
        default=None, title="Numer notatki",
        description=("Numer notatki, niepowtarzalny w sprawie; puste: notatka bez numeru."),
        json_schema_extra={"examples": ["4/2026"]})
    data: Date = Field(
        title="Data notatki",
        description=("Dzień notatki (2026-11-12 lub 12.11.2026), drukowany przy miejscowości "
                     "i jako data zdarzenia lub rozmowy, której notatka dotyczy."),
        json_schema_extra={"examples": ["2026-11-12"]})
    godzina: Time | None = Field(
        default=None, title="Godzina",
        description="Godzina zdarzenia lub rozmowy (14:30 lub 14.30); puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["13:30"]})
    miejsce: Text | None = Field(
        default=None, title="Miejsce",
        description="Miejsce zdarzenia lub rozmowy; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["gabinet dyrektora"]})
    autor: Text = Field(
        title="Sporządził(a)",
        description="Imię i nazwisko osoby, która sporządza notatkę.",
        json_schema_extra={"examples": ["Maria Przykładowa"]})
    stanowisko: Text | None = Field(
        default=None, title="Stanowisko",
        description="Stanowisko autora notatki, drukowane po nazwisku; może zostać puste.",
        json_schema_extra={"examples": ["psycholog"]})
    temat: Text = Field(
        title="Dotyczy",
        description="Czego dotyczy notatka, drukowane po słowie „Dotyczy:”.",
        json_schema_extra={"examples": ["rozmowy z matką dziecka"]})
    tresc: LongText = Field(
        title="Treść notatki",
        description="Treść notatki: przebieg zdarzenia lub rozmowy; może mieć kilka akapitów.",
        json_schema_extra={"examples": ["Matka dziecka poinformowała, że…"]})
    obecni: list[Text] = Field(
        default=[], title="Osoby obecne",
        description="Osoby obecne przy zdarzeniu lub rozmowie; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": [["Anna Przykładowa, opiekunka"]]})
    przekazano_dyrektorowi: Date | None = Field(
        default=None, title="Data przekazania notatki Dyrektorowi",
        description=("Dzień przekazania notatki Dyrektorowi (2026-11-12 lub 12.11.2026), nie "
                     "wcześniejszy niż data notatki; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-11-13"]})


class ServiceNotes(Schema):
    """Notatki służbowe of one case, each printed on its own page."""

    notatki: list[ServiceNote] = Field(
        min_length=1, title="Notatki służbowe",
        description=("Notatki służbowe sprawy, co najmniej jedna; każda jest drukowana "
                     "na osobnej stronie."))


def check_notes(case: ServiceNotes, project: Project) -> Findings:
    """Numbers not repeated; a note reaches the director on or after its date."""
    found: Findings = []
    seen: set[str] = set()
    for i, note in enumerate(case.notatki):
        if note.numer and note.numer in seen:
            found.append((("notatki", i, "numer"),
                          _("number {number} is used by an earlier note").format(number=quoted(note.numer))))
        seen.add(note.numer or "")
        if note.przekazano_dyrektorowi and note.przekazano_dyrektorowi < note.data:
            found.append((("notatki", i, "przekazano_dyrektorowi"),
                          _("is before the note's date {date}").format(date=note.data)))
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

    imie_nazwisko: Text = Field(
        title="Imię i nazwisko",
        description="Imię i nazwisko osoby, która opracowała plan.",
        json_schema_extra={"examples": ["Maria Przykładowa"]})
    funkcja: Text | None = Field(
        default=None, title="Funkcja, stanowisko",
        description="Funkcja w zespole lub stanowisko; może zostać puste.",
        json_schema_extra={"examples": ["psycholog"]})


class PlanAction(Schema):
    """One planned action: its area, who is responsible and by when."""

    obszar: Literal["bezpieczenstwo", "wsparcie", "skierowanie"] = Field(
        title="Obszar działań",
        description=("Obszar planu: bezpieczenstwo (działania zapewniające dziecku "
                     "bezpieczeństwo, w tym zgłoszenie podejrzenia krzywdzenia), wsparcie "
                     "(wsparcie, jakie placówka zaoferuje dziecku) albo skierowanie (skierowanie "
                     "do specjalistycznej placówki pomocy dziecku)."))
    dzialanie: Text = Field(
        title="Działanie",
        description="Co zostanie zrobione, krótko, jak w wierszu tabeli planu.",
        json_schema_extra={"examples": ["konsultacja w poradni psychologiczno-pedagogicznej"]})
    odpowiedzialny: Text = Field(
        title="Osoba odpowiedzialna",
        description="Kto odpowiada za wykonanie działania.",
        json_schema_extra={"examples": ["Maria Przykładowa, psycholog"]})
    termin: Date | None = Field(
        default=None, title="Termin realizacji",
        description=("Do kiedy działanie ma być wykonane (2026-12-15 lub 15.12.2026), nie "
                     "wcześniej niż data planu; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-12-15"]})


class HelpPlanBody(Schema):
    """The plan itself, apart from the child it is for."""

    data: Date = Field(
        title="Data planu",
        description="Dzień sporządzenia planu (2026-11-25 lub 25.11.2026).",
        json_schema_extra={"examples": ["2026-11-25"]})
    zespol: list[TeamMember] = Field(
        default=[], title="Zespół opracowujący plan",
        description=("Członkowie zespołu interwencyjnego lub osoba wyznaczona przez Dyrektora "
                     "(pkt 2 planu); puste: trzy puste wiersze do wypełnienia ręcznie."))
    opis_sytuacji: LongText | None = Field(
        default=None, title="Opis sytuacji dziecka",
        description=("Sytuacja dziecka w placówce i w rodzinie (pkt 3 planu); puste: linie "
                     "do wpisania ręcznie."),
        json_schema_extra={"examples": ["Dziecko od miesiąca jest wycofane i często płacze."]})
    potrzeby: LongText | None = Field(
        default=None, title="Rozpoznane potrzeby dziecka",
        description="Rozpoznane potrzeby dziecka (pkt 4 planu); puste: linie do wpisania ręcznie.",
        json_schema_extra={"examples": ["Poczucie bezpieczeństwa, stała opieka psychologa."]})
    dzialania: list[PlanAction] = Field(
        default=[], title="Zaplanowane działania",
        description=("Działania planu (pkt 5), każde z obszarem, osobą odpowiedzialną "
                     "i terminem; obszar bez działań ma dwa puste wiersze."))
    wspolpraca_z_rodzicami: LongText | None = Field(
        default=None, title="Zakres współpracy z rodzicami",
        description=("Zakres współpracy z rodzicami (opiekunami prawnymi) dziecka (pkt 6 planu); "
                     "puste: linie do wpisania ręcznie."),
        json_schema_extra={"examples": ["Cotygodniowe spotkania z matką dziecka."]})
    przedstawiono_rodzicom: Date | None = Field(
        default=None, title="Data przedstawienia planu rodzicom",
        description=("Dzień przedstawienia planu rodzicom (2026-11-27 lub 27.11.2026), nie "
                     "wcześniej niż data planu; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-11-27"]})
    przeglad: Date | None = Field(
        default=None, title="Termin oceny realizacji planu",
        description=("Kiedy oceni się realizację planu (2027-02-26 lub 26.02.2027), nie wcześniej "
                     "niż data planu; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2027-02-26"]})


class HelpPlan(Schema):
    """Plan pomocy dziecku."""

    dziecko: Child = Field(
        title="Dziecko",
        description="Dziecko, którego dotyczy plan pomocy: imię, nazwisko i data urodzenia.")
    plan_pomocy: HelpPlanBody = Field(
        title="Plan pomocy",
        description=("Plan pomocy dziecku: data, zespół, opis sytuacji, potrzeby, działania "
                     "i współpraca z rodzicami."))


def check_help_plan(case: HelpPlan, project: Project) -> Findings:
    """Deadlines, review and the parents' meeting not before the plan's date."""
    plan = case.plan_pomocy
    found = _born_after(case.dziecko, plan.data)
    late = _("is before the plan's date (plan_pomocy.data {date})").format(date=plan.data)
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


def _channel(title: str, where: str) -> Any:
    """The parent's yes or no to publication of the child's image in one place."""
    return Field(default=None, title=title,
                 description=(f"Zgoda na publikację wizerunku dziecka {where}: tak albo nie; puste: pola "
                              "TAK/NIE zostają do zaznaczenia ręcznie."))


class ImageChannels(Schema):
    """The parent's answer for each place of publication; absent = to be ticked by hand."""

    strona_internetowa: YesNo | None = _channel("Strona internetowa placówki", "na stronie internetowej placówki")
    media_spolecznosciowe: YesNo | None = _channel("Media społecznościowe placówki",
                                                    "w profilach placówki w mediach społecznościowych")
    tablice: YesNo | None = _channel("Tablice informacyjne i gazetki",
                                     "na tablicach informacyjnych i w gazetkach w budynku placówki")
    kronika: YesNo | None = _channel("Kronika i albumy placówki", "w kronice i albumach placówki")
    materialy_promocyjne: YesNo | None = _channel(
        "Materiały informacyjne i promocyjne",
        "w materiałach informacyjnych i promocyjnych placówki (foldery, ulotki, plakaty)")
    media_lokalne: YesNo | None = _channel("Prasa i media lokalne",
                                           "w relacjach z wydarzeń placówki w prasie i mediach lokalnych")


class OtherChannel(Schema):
    """A place of publication the standard list lacks."""

    nazwa: Text = Field(
        title="Miejsce publikacji",
        description="Miejsce publikacji wizerunku spoza listy standardowej.",
        json_schema_extra={"examples": ["kalendarz gminy na 2027 rok"]})
    zgoda: YesNo | None = Field(
        default=None, title="Zgoda",
        description=("Zgoda na publikację w tym miejscu: tak albo nie; puste: pola TAK/NIE "
                     "zostają do zaznaczenia ręcznie."))


class ImageConsent(Schema):
    """Zgoda rodzica na wykorzystanie wizerunku dziecka."""

    rodzic: Person = Field(
        title="Rodzic lub opiekun prawny",
        description=("Rodzic lub opiekun prawny, który wyraża zgodę: imię, nazwisko i w razie "
                     "potrzeby płeć (forma „podpisana/podpisany”)."))
    dziecko: Child = Field(
        title="Dziecko",
        description="Dziecko, którego dotyczy zgoda: imię, nazwisko i data urodzenia.")
    zgody: ImageChannels = Field(
        default=ImageChannels(), title="Zgody na miejsca publikacji",
        description=("Odpowiedź rodzica (tak albo nie) dla każdego miejsca publikacji z listy; "
                     "brak odpowiedzi: pola do zaznaczenia ręcznie."))
    inne_kanaly: list[OtherChannel] = Field(
        default=[], title="Inne miejsca publikacji",
        description="Miejsca publikacji spoza listy, każde z odpowiedzią rodzica.")
    po_zakonczeniu_opieki: YesNo | None = Field(
        default=None, title="Zgoda po zakończeniu opieki",
        description=("Zgoda na dalsze przechowywanie i udostępnianie materiałów z wizerunkiem "
                     "dziecka po zakończeniu opieki placówki: tak albo nie; puste: do "
                     "zaznaczenia ręcznie."))
    cel: LongText | None = Field(
        default=None, title="Cel wykorzystania wizerunku",
        description=("W jakim celu placówka wykorzysta wizerunek dziecka (§20 ust. 6); puste: "
                     "linie do wpisania ręcznie."),
        json_schema_extra={"examples": ["Dokumentowanie zajęć i wydarzeń żłobka."]})
    obowiazuje_do: Date | None = Field(
        default=None, title="Zgoda obowiązuje do",
        description=("Ostatni dzień obowiązywania zgody (2027-08-31 lub 31.08.2027), nie "
                     "wcześniejszy niż data zgody; puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["2027-08-31"]})
    miejscowosc: Text | None = place_field()
    data: Date | None = Field(
        default=None, title="Data zgody",
        description=("Dzień podpisania zgody (2026-09-01 lub 1.09.2026); puste: wykropkowane "
                     "miejsce."),
        json_schema_extra={"examples": ["2026-09-01"]})


def check_image_consent(case: ImageConsent, project: Project) -> Findings:
    """The consent ends after it is given; the child was born by then."""
    if case.data is None:
        return []
    found = _born_after(case.dziecko, case.data)
    if case.obowiazuje_do and case.obowiazuje_do < case.data:
        found.append((("obowiazuje_do",), _("is before the consent's date {date}").format(date=case.data)))
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

    lata_zamieszkania: int = Field(  # art. 21 ust. 3: countries lived in, last N years
        ge=1, le=100, title="Liczba lat zamieszkania",
        description=("Z ilu ostatnich lat kandydat wymienia państwa zamieszkania (art. 21 "
                     "ust. 3 ustawy z dnia 13 maja 2016 r.: 20), liczba od 1 do 100."),
        json_schema_extra={"examples": [20]})


def residence_years(project: Project) -> int:
    """How many years back a candidate lists the countries they lived in."""
    return project.data_model(CandidateParams, "procedures/kandydaci.yaml").lata_zamieszkania


class Residence(Schema):
    """A country other than Poland the candidate lived in, with the period when known."""

    panstwo: Text = Field(
        title="Państwo",
        description="Państwo inne niż Polska, w którym kandydat mieszkał.",
        json_schema_extra={"examples": ["Niemcy"]})
    od: Date | None = Field(
        default=None, title="Okres zamieszkiwania od",
        description=("Początek pobytu (2015-09-01 lub 1.09.2015), nie późniejszy niż data "
                     "oświadczenia; może zostać pusty."),
        json_schema_extra={"examples": ["2015-09-01"]})
    do: Date | None = Field(
        default=None, title="Okres zamieszkiwania do",
        description=("Koniec pobytu (2018-06-30 lub 30.06.2018), w ciągu ostatnich 20 lat; może "
                     "zostać pusty."),
        json_schema_extra={"examples": ["2018-06-30"]})


class CandidateStatement(Schema):
    """Oświadczenie kandydata: countries of residence and no conviction."""

    osoba: Person = Field(  # shared with som-oswiadczenie
        title="Kandydat",
        description=("Kandydat do pracy: imię, nazwisko, numer PESEL (drukowany pod nazwiskiem) "
                     "i w razie potrzeby płeć."))
    stanowisko: Text | None = Field(
        default=None, title="Stanowisko",
        description="Stanowisko, o które ubiega się kandydat; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["opiekunka dziecięca"]})
    obywatelstwo: Text | None = Field(
        default=None, title="Obywatelstwo",
        description="Obywatelstwo kandydata; puste: wykropkowane miejsce.",
        json_schema_extra={"examples": ["polskie"]})
    panstwa: list[Residence] | None = Field(  # None: to fill by hand; []: none ("nie dotyczy")
        default=None, title="Państwa zamieszkania",
        description=("Państwa inne niż Polska i państwo obywatelstwa, w których kandydat mieszkał "
                     "w ciągu ostatnich 20 lat, z okresami pobytu; pusta lista ([]): nie "
                     "mieszkał(a) („nie dotyczy”), brak pola: tabela do wypełnienia ręcznie."))
    # countries that issue no such information or keep no register
    bez_rejestru: list[Text] = Field(
        default=[], title="Państwa bez rejestru karnego",
        description=("Państwa spośród państw zamieszkania, których prawo nie przewiduje "
                     "informacji z rejestru karnego do tych celów albo które nie prowadzą "
                     "rejestru karnego."))
    miejscowosc: Text | None = place_field()
    data: Date | None = Field(
        default=None, title="Data oświadczenia",
        description=("Dzień podpisania oświadczenia (2026-08-20 lub 20.08.2026); puste: "
                     "wykropkowane miejsce."),
        json_schema_extra={"examples": ["2026-08-20"]})


def _check_residence(i: int, stay: Residence, on: dt.date | None, years: int) -> Findings:
    """One stay abroad: not Poland, in order, within the period the law asks about."""
    where: Loc = ("panstwa", i)
    found: Findings = []
    if stay.panstwo.casefold() in POLAND:
        found.append(((*where, "panstwo"), _("list only countries other than Poland")))
    if stay.od and stay.do and stay.od > stay.do:
        found.append(((*where, "do"), _("is before the start of the stay ({date})").format(date=stay.od)))
    if on and stay.od and stay.od > on:
        found.append(((*where, "od"), _("is after the statement's date {date}").format(date=on)))
    if on and stay.do:
        since = add_months(on, -12 * years)
        if stay.do < since:
            found.append(((*where, "do"), ngettext(
                "the stay ended before {date}, more than {years} years ago; leave it out",
                "the stay ended before {date}, more than {years} years ago; leave it out", years).format(
                date=since, years=years)))
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
                          _("{country} is not among the countries in panstwa").format(country=quoted(country))))
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
