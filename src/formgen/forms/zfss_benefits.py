"""ZFŚS benefit applications with the committee's opinion and decision, and the subsidy table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from formgen.cases.answers import Answered, answers_of
from formgen.errors import CatalogError
from formgen.fields import Date, LongText, Money, Schema, Text
from formgen.forms.common import Applicant, Findings, by_sex, committee_field, place_field
from formgen.forms.som import Child
from formgen.forms.zfss import FamilyMember, IncomeStatement, check_income, income_context
from formgen.i18n import _, ngettext, number, quoted
from formgen.params import BenefitKind, ZfssParams
from formgen.project import Project
from formgen.rules import benefit
from formgen.rules.dates import age_on


def _min_leave(project: Project, case: Any) -> int:
    """The leave that entitles to the subsidy (§13 ust. 5), from the year's parameters."""
    return project.zfss(case.data.year).swiadczenia["wczasy"].min_dni_urlopu or 1


def _child_age_limit(project: Project, case: Any) -> int:
    """The age the child must be under when the holiday starts, from the year's parameters."""
    return project.zfss(case.data.year).swiadczenia["wypoczynek_dziecka"].wiek_dziecka_do or 18
ZERO = Decimal("0.00")


# --- Parts shared by the applications (Zał. 4–7) ---------------------------------------

class Bill(Schema):
    """A documented cost: a named invoice or bill attached to the application."""

    opis: Text = Field(
        title="Opis rachunku",
        description="Rodzaj, numer i przedmiot imiennego rachunku lub faktury.",
        json_schema_extra={"examples": ["Faktura nr 77/09/2026 za leczenie stomatologiczne"]})
    kwota: Money = Field(
        title="Kwota rachunku",
        description="Kwota rachunku lub faktury w zł (450.50 lub 450,50).",
        json_schema_extra={"examples": ["450.50"]})


class Opinion(Schema):
    """Opinia Komisji Socjalnej: grant or refuse, the amount it proposes, its members."""

    data: Date | None = Field(
        default=None, title="Data opinii",
        description=("Dzień wydania opinii przez Komisję Socjalną (2026-10-14 lub 14.10.2026), "
                     "nie wcześniejszy niż data wniosku; puste: data zostaje wykropkowana."),
        json_schema_extra={"examples": ["2026-10-14"]})
    wniosek: Literal["przyznac", "odmowic"] = Field(
        title="Wniosek komisji",
        description=("Co wnioskuje Komisja Socjalna: przyznac (przyznanie dofinansowania) albo "
                     "odmowic (nieprzyznanie); przy odmowie kwoty decyzji są zerowe."))
    kwota: Money | None = Field(  # the committee's own amount; default: computed from the bills
        default=None, title="Kwota proponowana przez komisję",
        description=("Kwota, którą komisja proponuje przyznać, w zł (600.00 lub 600,00), tylko "
                     "przy wniosku przyznac i nie większa niż limit dla grupy; puste: kwota "
                     "wyliczona z rachunków."),
        json_schema_extra={"examples": ["600.00"]})
    uzasadnienie: LongText | None = Field(
        default=None, title="Uzasadnienie opinii",
        description=("Uzasadnienie opinii komisji, może mieć kilka akapitów; puste: linie "
                     "zostają wykropkowane do wpisania ręcznie."),
        json_schema_extra={"examples": ["Trudna sytuacja materialna potwierdzona rachunkami."]})
    sklad: list[Text] = Field(
        default=[], max_length=8, title="Skład komisji",
        description=("Imiona i nazwiska członków Komisji Socjalnej podpisujących opinię, "
                     "najwyżej 8, drukowane przy miejscach na podpisy; puste: same miejsca "
                     "na podpisy."),
        json_schema_extra={"examples": [["Anna Przykładowa", "Tomasz Przykładowy"]]})


class Application(Answered):
    """What every benefit application holds: applicant, group, bills, the committee's part."""

    data: Date = Field(
        title="Data wniosku",
        description=("Dzień złożenia wniosku lub podania (2026-10-05 lub 5.10.2026); jego rok "
                     "wskazuje parametry funduszu, a jego dzień – wiek dzieci w rodzinie."),
        json_schema_extra={"examples": ["2026-10-05"]})
    miejscowosc: Text | None = place_field()
    wnioskodawca: Applicant = Field(
        title="Wnioskodawca",
        description=("Pracownik, emeryt lub rencista składający wniosek: imię, nazwisko, "
                     "stanowisko i adres zamieszkania."))
    grupa: int | None = Field(  # the income group; default: computed from `rodzina`
        default=None, title="Grupa dochodowa",
        description=("Numer grupy dochodowej wnioskodawcy według planu podziału na grupy "
                     "dochodowe (1–6 w 2026 r.), od którego zależą procent dopłaty i jej limit; "
                     "puste: grupa wyliczona z dochodów członków rodziny."),
        json_schema_extra={"examples": [2]})
    rodzina: list[FamilyMember] = Field(
        default=[], title="Członkowie rodziny",
        description=("Członkowie rodziny z dochodami brutto, jak w oświadczeniu o wysokości "
                     "dochodu; potrzebni tylko wtedy, gdy nie podano grupy dochodowej."))
    rachunki: list[Bill] = Field(
        default=[], title="Rachunki i faktury",
        description=("Imienne rachunki lub faktury dołączone do wniosku, każdy z opisem i kwotą; "
                     "z ich sumy wylicza się dopłatę (procent dla grupy, nie więcej niż limit). "
                     "Puste: kwotę podaje komisja w opinii."))
    dokumenty: list[Text] = Field(
        default=[], title="Dołączone dokumenty",
        description=("Inne dokumenty dołączone do wniosku, każdy w osobnej pozycji; puste "
                     "(i bez rachunków): miejsce zostaje wykropkowane."),
        json_schema_extra={"examples": [["zaświadczenie o pobycie w szpitalu"]]})
    opinia: Opinion | None = Field(
        default=None, title="Opinia Komisji Socjalnej",
        description=("Opinia Komisji Socjalnej: wniosek, kwota, uzasadnienie i skład; puste: "
                     "część komisji i kwoty decyzji zostają do wypełnienia ręcznie."))
    # The tax-free limit already used this year: given here, it wins over the register's sum.
    wykorzystany_limit: Money | None = Field(
        default=None, title="Wykorzystany limit zwolnienia z podatku",
        description=("Kwota świadczeń wolnych od podatku, które wnioskodawca otrzymał już "
                     "w tym roku, w zł (300.00 lub 300,00); pomniejsza roczny limit zwolnienia "
                     "przy wyliczaniu podatku. Puste: suma z rejestru (w przestrzeni roboczej), "
                     "a bez rejestru 0,00."),
        json_schema_extra={"examples": ["300.00"]})


@dataclass(frozen=True)
class Terms:
    """What the year's parameters allow this application: percentage, cap, tax treatment."""

    kind: BenefitKind
    percent: Decimal | None  # None: the bills in full
    cap: Decimal | None
    over: str  # the message for a committee's amount above the cap


TermsOf = Callable[[Any, ZfssParams, int], Terms]


def _kind(params: ZfssParams, key: str) -> BenefitKind:
    """A benefit kind of the year's parameters, or a CatalogError naming it."""
    if key not in params.swiadczenia:
        raise CatalogError(_("the {year} parameters have no benefit kind {kind} (swiadczenia)").format(
            year=params.rok, kind=quoted(key)))
    return params.swiadczenia[key]


def _by_group(params: ZfssParams, key: str, group: int) -> Terms:
    """The kind's percentage and cap for an income group."""
    kind = _kind(params, key)
    if not kind.grupy:
        raise CatalogError(_("the {year} parameters give no per-group caps for {kind}").format(
            year=params.rok, kind=quoted(key)))
    share = kind.grupy[group - 1]
    return Terms(kind, share.procent, share.maks, _("exceeds the group {group} cap of {cap} zł").format(
        group=group, cap=number(share.maks)))


def _group(case: Application, params: ZfssParams, project: Project) -> tuple[int | None, Findings]:
    """The income group: `grupa` when given, else computed from `rodzina` on the case's date."""
    count = len(params.grupy_dochodowe)
    if case.grupa is not None:
        if not 1 <= case.grupa <= count:
            message = _("no income group {group}; the {year} plan has groups 1-{count}").format(
                group=case.grupa, year=params.rok, count=count)
            return None, [(("grupa",), message)]
        return case.grupa, []
    if not case.rodzina:
        return None, [(("grupa",), _("give the income group (grupa) or the family's incomes (rodzina)"))]
    statement = IncomeStatement.model_construct(data=case.data, miejscowosc=None,
                                                rodzina=case.rodzina)
    found = check_income(statement, project)
    if found:
        return None, found
    return int(income_context(statement, project)["grupa"].number), []


def _check_opinion(case: Application, terms: Terms) -> Findings:
    """The committee's part: after the application, with bills or an amount, within the cap."""
    opinion = case.opinia
    found: Findings = []
    if opinion is None:
        return []
    if opinion.data and opinion.data < case.data:
        found.append((("opinia", "data"), _("the opinion precedes the application of {date}").format(
            date=case.data)))
    if opinion.wniosek == "odmowic":
        if opinion.kwota is not None:
            found.append((("opinia", "kwota"), _("an amount goes with wniosek: przyznac only")))
        return found
    if opinion.kwota is None and not case.rachunki:
        found.append((("opinia",),
                      _("to grant, give the bills (rachunki) or the committee's amount (kwota)")))
    if opinion.kwota is not None and terms.cap is not None and opinion.kwota > terms.cap:
        found.append((("opinia", "kwota"), terms.over))
    return found


def check_application(case: Application, project: Project, terms_of: TermsOf) -> Findings:
    """The year's parameters, the income group and the committee's part of any application."""
    try:
        params = project.zfss(case.data.year)
        group, found = _group(case, params, project)
        return found if group is None else _check_opinion(case, terms_of(case, params, group))
    except CatalogError as exc:
        return [(("data",), exc.message)]


def used_limit(case: Application) -> tuple[Decimal, str | None]:
    """The tax-free limit used this year before this benefit, and where that comes from: the
    case's own value ("podano we wniosku"), else the register's sum, else nothing known (0)."""
    if case.wykorzystany_limit is not None:
        return case.wykorzystany_limit, "podano we wniosku"
    used = answers_of(case).used_limit
    return (used.amount, used.describe()) if used else (ZERO, None)


def _amounts(case: Application, terms: Terms, params: ZfssParams) -> benefit.Award | None:
    """The decision's amounts when the committee grants; None otherwise."""
    opinion = case.opinia
    if opinion is None or opinion.wniosek != "przyznac":
        return None
    bills = sum((b.kwota for b in case.rachunki), ZERO) if case.rachunki else None
    return benefit.award(bills, terms.percent, terms.cap, committee=opinion.kwota,
                         annual_limit=params.podatek.limit_roczny,
                         used_limit=used_limit(case)[0], rate=params.podatek.stawka / 100,
                         treatment=terms.kind.podatek)


def application_context(case: Application, project: Project, terms_of: TermsOf,
                        signers: int) -> dict[str, Any]:
    """Values shared by the applications: group, terms, the decision's three amounts, signers."""
    params = project.zfss(case.data.year)
    group, _found = _group(case, params, project)
    assert group is not None  # the check has passed
    terms = terms_of(case, params, group)
    award = _amounts(case, terms, params)
    refused = case.opinia is not None and case.opinia.wniosek == "odmowic"
    blank = (ZERO,) * 3 if refused else (None,) * 3
    amounts = (award.granted, award.tax, award.payout) if award else blank
    members = case.opinia.sklad if case.opinia else []
    return {
        "wniosek": case, "opinia": case.opinia, "grupa": group, "warunki": terms,
        "wyliczenie": award,
        "decyzja": dict(zip(("przyznana", "podatek", "do_wyplaty"), amounts)),
        "rachunki_suma": sum((b.kwota for b in case.rachunki), ZERO), "podatek": params.podatek,
        "komisja": members + [None] * (max(signers, len(members)) - len(members)),
        "limit": dict(zip(("wykorzystano", "zrodlo"), used_limit(case))),
        "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc,
    }


# --- Wniosek o dofinansowanie wczasów (Zał. 4) -----------------------------------------

class HolidayApplication(Application):
    """Wniosek o dofinansowanie wczasów „pod gruszą” (ZFSS Zał. 4, §13 ust. 5)."""

    urlop_od: Date = Field(
        title="Urlop od",
        description="Pierwszy dzień urlopu wypoczynkowego (2026-07-06 lub 6.07.2026).",
        json_schema_extra={"examples": ["2026-07-06"]})
    urlop_do: Date = Field(
        title="Urlop do",
        description=("Ostatni dzień urlopu wypoczynkowego (2026-07-19 lub 19.07.2026); urlop musi "
                     "trwać co najmniej 14 kolejnych dni kalendarzowych (§13 ust. 5, liczba dni "
                     "z parametrów roku)."),
        json_schema_extra={"examples": ["2026-07-19"]})


def _holiday_terms(case: Any, params: ZfssParams, group: int) -> Terms:
    return _by_group(params, "wczasy", group)


def check_holiday(case: HolidayApplication, project: Project) -> Findings:
    """A leave of at least 14 consecutive calendar days, then the common checks."""
    days = (case.urlop_do - case.urlop_od).days + 1
    minimum = _min_leave(project, case)
    found: Findings = []
    if days < 1:
        found.append((("urlop_do",), _("the leave ends before it starts ({date})").format(date=case.urlop_od)))
    elif days < minimum:
        found.append((("urlop_do",), ngettext(
            "the leave lasts {days} days; at least {minimum} consecutive calendar days are required (§13 ust. 5)",
            "the leave lasts {days} days; at least {minimum} consecutive calendar days are required (§13 ust. 5)",
            days).format(days=days, minimum=minimum)))
    return found + check_application(case, project, _holiday_terms)


def holiday_context(case: HolidayApplication, project: Project) -> dict[str, Any]:
    """The leave's length, the applicant's gendered verb and the decision."""
    sex = case.wnioskodawca.sex
    return {**application_context(case, project, _holiday_terms, signers=5),
            "dni_urlopu": (case.urlop_do - case.urlop_od).days + 1, "min_dni": _min_leave(project, case),
            "wykorzystalem": by_sex(sex, "wykorzystałam", "wykorzystałem", "wykorzystałam/em")}


# --- Wniosek o dofinansowanie wypoczynku dziecka (Zał. 5) ------------------------------

HOLIDAY_FORMS = {"kolonia": "kolonii", "oboz": "obozie", "zimowisko": "zimowisku"}


class ChildHolidayApplication(Application):
    """Wniosek o dofinansowanie wypoczynku zorganizowanego dziecka (ZFSS Zał. 5, §12 ust. 2)."""

    dziecko: Child = Field(
        title="Dziecko",
        description=("Dziecko, którego wypoczynek ma być dofinansowany: imię, nazwisko i data "
                     "urodzenia (wymagana: dziecko musi mieć mniej niż 18 lat w dniu rozpoczęcia "
                     "wypoczynku)."))
    forma: Literal["kolonia", "oboz", "zimowisko", "inny"] = Field(
        title="Forma wypoczynku",
        description=("Forma zorganizowanego wypoczynku: kolonia, oboz (obóz), zimowisko albo "
                     "inny (inny rodzaj, opisany w polu forma_inna)."))
    forma_inna: Text | None = Field(
        default=None, title="Inny rodzaj wypoczynku",
        description=("Jaki inny rodzaj zorganizowanego wypoczynku, np. zielona szkoła; wymagany "
                     "przy formie inny, puste: wykropkowane miejsce."),
        json_schema_extra={"examples": ["zielona szkoła"]})
    wypoczynek_od: Date = Field(
        title="Wypoczynek od",
        description="Pierwszy dzień wypoczynku dziecka (2026-07-01 lub 1.07.2026).",
        json_schema_extra={"examples": ["2026-07-01"]})
    wypoczynek_do: Date | None = Field(
        default=None, title="Wypoczynek do",
        description=("Ostatni dzień wypoczynku dziecka (2026-07-14 lub 14.07.2026), nie "
                     "wcześniejszy niż pierwszy; puste: data zostaje wykropkowana."),
        json_schema_extra={"examples": ["2026-07-14"]})


def _child_terms(case: Any, params: ZfssParams, group: int) -> Terms:
    return _by_group(params, "wypoczynek_dziecka", group)


def check_child_holiday(case: ChildHolidayApplication, project: Project) -> Findings:
    """The child under the age limit when the holiday starts; the kind named when 'inny'."""
    found: Findings = []
    limit = _child_age_limit(project, case)
    birth = case.dziecko.data_urodzenia
    if birth is None:
        found.append((("dziecko", "data_urodzenia"), ngettext(
            "required: the child must be under {limit} when the holiday starts",
            "required: the child must be under {limit} when the holiday starts", limit).format(limit=limit)))
    elif birth > case.wypoczynek_od:
        found.append((("dziecko", "data_urodzenia"), _("is after the holiday's start")))
    elif (age := age_on(birth, case.wypoczynek_od)) >= limit:
        found.append((("dziecko", "data_urodzenia"), ngettext(
            "the child is {age} on {date}, the holiday's start; the limit is under {limit}",
            "the child is {age} on {date}, the holiday's start; the limit is under {limit}", age).format(
            age=age, date=case.wypoczynek_od, limit=limit)))
    if case.forma == "inny" and case.forma_inna is None:
        found.append((("forma_inna",), _("name the kind of organised holiday (forma: inny)")))
    if case.wypoczynek_do and case.wypoczynek_do < case.wypoczynek_od:
        found.append((("wypoczynek_do",), _("the holiday ends before it starts")))
    return found + check_application(case, project, _child_terms)


def child_holiday_context(case: ChildHolidayApplication, project: Project) -> dict[str, Any]:
    """The checkbox list of holiday kinds and the decision."""
    forms = [{"nazwa": name, "zaznaczono": case.forma == key}
             for key, name in HOLIDAY_FORMS.items()]
    return {**application_context(case, project, _child_terms, signers=4), "formy": forms,
            "inna": case.forma == "inny"}


# --- Podanie o zapomogę (Zał. 6) -------------------------------------------------------

EVENTS = {
    "smierc_pracownika": "śmierć pracownika", "smierc_dziecka": "śmierć dziecka",
    "smierc_malzonka": "śmierć męża lub żony", "smierc_rodzicow": "śmierć rodzica",
    "pozar_powodz": "pożar lub powódź", "kradziez": "kradzież",
    "choroba_pracownika": "długotrwała choroba pracownika",
    "choroba_czlonka_rodziny":
        "długotrwała choroba członka rodziny (dziecka, współmałżonka)",
}
Event = Literal["smierc_pracownika", "smierc_dziecka", "smierc_malzonka", "smierc_rodzicow",
                "pozar_powodz", "kradziez", "choroba_pracownika", "choroba_czlonka_rodziny"]


class GrantApplication(Application):
    """Podanie o zapomogę materialną lub losową (ZFSS Zał. 6, §21–23)."""

    zapomoga: Literal["materialna", "losowa"] = Field(
        title="Rodzaj zapomogi",
        description=("Rodzaj zapomogi: materialna (w trudnej sytuacji materialnej, jedna w roku "
                     "kalendarzowym, §23 ust. 1) albo losowa (po zdarzeniu losowym, §23 ust. 2)."))
    zdarzenie: Event | None = Field(  # the random event (losowa only)
        default=None, title="Zdarzenie losowe",
        description=("Zdarzenie, tylko przy zapomodze losowej: smierc_pracownika, smierc_dziecka, "
                     "smierc_malzonka (śmierć męża lub żony), smierc_rodzicow (śmierć rodzica), "
                     "pozar_powodz (pożar lub powódź), kradziez (kradzież), choroba_pracownika "
                     "albo choroba_czlonka_rodziny (długotrwała choroba)."))
    uzasadnienie: LongText | None = Field(
        default=None, title="Uzasadnienie",
        description=("Uzasadnienie podania: sytuacja wnioskodawcy i jej przyczyny, może mieć "
                     "kilka akapitów; puste: linie zostają wykropkowane."),
        json_schema_extra={"examples": ["Od czerwca samotnie utrzymuję dwoje dzieci."]})
    ostatnia_zapomoga: Date | None = Field(  # when the last hardship grant was given
        default=None, title="Data ostatniej zapomogi materialnej",
        description=("Dzień przyznania ostatniej zapomogi materialnej (2025-03-12 lub "
                     "12.03.2025); przy zapomodze materialnej nie może przypadać w roku wniosku. "
                     "Puste: zapomogi jeszcze nie było."),
        json_schema_extra={"examples": ["2025-03-12"]})


def _grant_terms(case: Any, params: ZfssParams, group: int) -> Terms:
    """Materialna: percentage and cap by group; losowa: the bills in full up to the event's cap."""
    if case.zapomoga == "materialna":
        return _by_group(params, "zapomoga", group)
    amount = getattr(params.zapomogi_losowe, case.zdarzenie)
    cap = amount[group - 1] if isinstance(amount, list) else amount
    kind = _kind(params, "zapomoga_losowa")
    return Terms(kind, None, cap, _("exceeds the cap of {cap} zł for {event}").format(
        cap=number(cap), event=case.zdarzenie))


def check_grant(case: GrantApplication, project: Project) -> Findings:
    """One hardship grant per calendar year (§23 ust. 1); a random grant names its event."""
    found: Findings = []
    if case.zapomoga == "losowa" and case.zdarzenie is None:
        return [(("zdarzenie",), _("a random-event grant names its event: {events}").format(events=", ".join(EVENTS)))]
    if case.zapomoga == "materialna" and case.zdarzenie is not None:
        found.append((("zdarzenie",), _("only for zapomoga: losowa")))
    last = case.ostatnia_zapomoga
    if last and last > case.data:
        found.append((("ostatnia_zapomoga",), _("is after the application's date")))
    elif last and case.zapomoga == "materialna" and last.year == case.data.year:
        message = _("a hardship grant was already given in {year} (on {date}); one per calendar year "
                    "(§23 ust. 1)").format(year=last.year, date=last)
        found.append((("ostatnia_zapomoga",), message))
    return found + check_application(case, project, _grant_terms)


def grant_context(case: GrantApplication, project: Project) -> dict[str, Any]:
    """The event's wording and the decision."""
    return {**application_context(case, project, _grant_terms, signers=3),
            "zdarzenie": EVENTS.get(case.zdarzenie or "")}


# --- Wniosek o dofinansowanie działalności kulturalno-oświatowej i sportowej (Zał. 7) ----

class CultureApplication(Application):
    """Wniosek o dofinansowanie działalności kulturalno-oświatowej i sportowej (ZFSS Zał. 7)."""

    dofinansowanie_do: LongText | None = Field(
        default=None, title="Dofinansowanie do",
        description=("Na co wnioskodawca prosi o dofinansowanie (np. karnet na basen, bilety "
                     "do teatru); puste: linie zostają wykropkowane."),
        json_schema_extra={"examples": ["karnetu na basen na III kwartał 2026 r."]})
    # Already granted to the person this quarter: given here, it wins over the register's sum.
    wykorzystano_w_kwartale: Money | None = Field(
        default=None, title="Dofinansowanie wykorzystane w kwartale",
        description=("Kwota dofinansowania, którą wnioskodawca otrzymał już w tym kwartale, w zł "
                     "(120.00 lub 120,00); pomniejsza kwartalny limit grupy. Puste: suma z rejestru "
                     "(w przestrzeni roboczej), a bez rejestru 0,00."),
        json_schema_extra={"examples": ["120.00"]})


def used_in_quarter(case: CultureApplication) -> tuple[Decimal, str | None]:
    """What the quarter has already granted the person, and where that comes from."""
    if case.wykorzystano_w_kwartale is not None:
        return case.wykorzystano_w_kwartale, "podano we wniosku"
    used = answers_of(case).used_quarter
    return (used.amount, used.describe()) if used else (ZERO, None)


def _culture_terms(case: Any, params: ZfssParams, group: int) -> Terms:
    """The group's quarterly cap less what the quarter has already granted."""
    terms = _by_group(params, "kultura_sport", group)
    assert terms.cap is not None
    used = used_in_quarter(case)[0]
    left = max(ZERO, terms.cap - used)
    return Terms(terms.kind, terms.percent, left, _(
        "exceeds the cap left this quarter, {left} zł (group {group}: {cap} zł, already granted {used} zł)").format(
        left=number(left), group=group, cap=number(terms.cap), used=number(used)))


def check_culture(case: CultureApplication, project: Project) -> Findings:
    """Within the group's quarterly cap (§24, Zał. 1 V.4): nothing to grant once it is used up."""
    found = check_application(case, project, _culture_terms)
    if found or case.opinia is None or case.opinia.wniosek != "przyznac":
        return found
    params = project.zfss(case.data.year)
    group, _found = _group(case, params, project)
    terms = _by_group(params, "kultura_sport", group or 1)
    if terms.cap is not None and used_in_quarter(case)[0] >= terms.cap:
        return [(("wykorzystano_w_kwartale",), _("the group {group} cap of {cap} zł for the quarter is used up").format(
            group=group or 1, cap=number(terms.cap)))]
    return []


def culture_context(case: CultureApplication, project: Project) -> dict[str, Any]:
    """The quarter, its cap and what is left of it, and the decision."""
    context = application_context(case, project, _culture_terms, signers=5)
    full = _by_group(project.zfss(case.data.year), "kultura_sport", context["grupa"])
    used, source = used_in_quarter(case)
    return {**context, "kwartal": (case.data.month - 1) // 3 + 1, "limit_kwartalny": full.cap,
            "kwartal_wykorzystano": {"kwota": used, "zrodlo": source}}


# --- Tabela dopłat (Zał. 2) ------------------------------------------------------------

class SubsidyTable(Schema):
    """Tabela dopłat do kolonii, obozów, zimowisk i wczasów (ZFSS Zał. 2)."""

    rok: int = Field(
        title="Rok tabeli dopłat",
        description=("Rok kalendarzowy, na który opracowano tabelę dopłat; na ten rok muszą "
                     "istnieć parametry funduszu."),
        json_schema_extra={"examples": [2026]})
    data_posiedzenia: Date = Field(
        title="Data spotkania",
        description=("Dzień spotkania przedstawicieli pracowników, na którym opracowano tabelę "
                     "(2026-01-20 lub 20.01.2026), nie później niż w roku tabeli."),
        json_schema_extra={"examples": ["2026-01-20"]})
    sklad: list[Text] = committee_field()


def check_subsidy_table(case: SubsidyTable, project: Project) -> Findings:
    """The year has parameters; the meeting is held in or before it."""
    try:
        params = project.zfss(case.rok)
        _kind(params, "wczasy"), _kind(params, "wypoczynek_dziecka")
    except CatalogError as exc:
        return [(("rok",), exc.message)]
    if case.data_posiedzenia.year > case.rok:
        return [(("data_posiedzenia",), _("the meeting is after the table's year {year}").format(year=case.rok))]
    return []


def subsidy_table_context(case: SubsidyTable, project: Project) -> dict[str, Any]:
    """The holiday pay and the holiday and children's caps per group, from the parameters."""
    params = project.zfss(case.rok)
    return {"tabela": case, "swiadczenie_urlopowe": params.swiadczenie_urlopowe,
            "wczasy": _kind(params, "wczasy").grupy,
            "dzieci": _kind(params, "wypoczynek_dziecka").grupy,
            "sklad": case.sklad + [None] * (8 - len(case.sklad))}

