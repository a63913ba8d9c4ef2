"""Social benefits fund (ZFŚS): loan agreement, income statement, fund plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from formgen.cases.answers import Answered
from formgen.errors import CatalogError
from formgen.fields import Date, LongText, Money, Percent, Schema, Text
from formgen.forms.common import Findings, Person, Sex, by_sex, committee_field, place_field
from formgen.i18n import _, number, quoted
from formgen.project import Project
from formgen.rules import fund, income, loan

# --- Umowa w sprawie pożyczki (Zał. 9) -------------------------------------------------

class Borrower(Person):
    """The employee who takes the loan."""

    adres: Text = Field(
        title="Adres zamieszkania",
        description=("Adres zamieszkania pożyczkobiorcy w jednym wierszu, drukowany w umowie "
                     "po słowach „zamieszkałym pod adresem”."),
        json_schema_extra={"examples": ["ul. Klonowa 12 m. 4, 00-951 Przykładowo"]})
    stanowisko: Text = Field(
        title="Stanowisko",
        description=("Stanowisko pożyczkobiorcy w placówce, drukowane w umowie po słowach "
                     "„zatrudnionym na stanowisku”."),
        json_schema_extra={"examples": ["konserwator"]})
    umowa_do: Date | None = Field(  # end of a fixed-term contract; None = indefinite
        default=None, title="Umowa o pracę do",
        description=("Ostatni dzień umowy o pracę na czas określony (2027-08-31 lub 31.08.2027); "
                     "ostatnia rata musi przypaść przed tym dniem (§14 ust. 3). Puste: umowa "
                     "na czas nieokreślony."),
        json_schema_extra={"examples": ["2027-08-31"]})


class IdCard(Schema):
    """An identity card as the guarantors' block asks for it."""

    numer: Text = Field(
        title="Seria i numer dowodu",
        description="Seria i numer dowodu osobistego poręczyciela, np. „ABC 123456”.",
        json_schema_extra={"examples": ["ABC 123456"]})
    wydany_przez: Text = Field(
        title="Wydany przez",
        description="Organ, który wydał dowód osobisty, np. „Prezydent Miasta Przykładowo”.",
        json_schema_extra={"examples": ["Prezydent Miasta Przykładowo"]})


class Guarantor(Person):
    """A co-worker who guarantees the loan."""

    dowod: IdCard | None = Field(
        default=None, title="Dowód osobisty",
        description=("Dowód osobisty poręczyciela: seria i numer oraz organ wydający; puste: "
                     "na dokumencie zostają wykropkowane miejsca do wpisania ręcznie."))
    adres: Text = Field(
        title="Adres zamieszkania",
        description="Adres zamieszkania poręczyciela w jednym wierszu.",
        json_schema_extra={"examples": ["ul. Jesionowa 3, 00-952 Przykładowo"]})
    miejsce_pracy: Text = Field(
        title="Miejsce pracy",
        description="Zakład pracy poręczyciela: nazwa i miejscowość.",
        json_schema_extra={"examples": ["Żłobek Miejski nr 3 w Przykładowie"]})
    stanowisko: Text = Field(
        title="Stanowisko",
        description="Stanowisko poręczyciela w jego miejscu pracy.",
        json_schema_extra={"examples": ["opiekunka dziecięca"]})
    zatrudnienie: Literal["nieokreslony", "okreslony"] = Field(
        title="Okres zatrudnienia",
        description=("Rodzaj umowy o pracę poręczyciela: nieokreslony (na czas nieokreślony) albo "
                     "okreslony (na czas określony); poręczycielem może być tylko osoba "
                     "zatrudniona na czas nieokreślony (§17 ust. 4)."))


class Decision(Schema):
    """The director's decision granting the loan; without a number, the register gives the
    next free one of the year (or a dotted line is printed, without a register)."""

    numer: Text | None = Field(
        default=None, title="Numer decyzji",
        description=("Numer decyzji Dyrektora o przyznaniu pożyczki; puste: w przestrzeni roboczej "
                     "następny wolny numer roku z rejestru."),
        json_schema_extra={"examples": ["14/ZFŚS/2026"]})
    data: Date = Field(
        title="Data decyzji",
        description=("Dzień wydania decyzji (2026-11-16 lub 16.11.2026); umowa nie może "
                     "być wcześniejsza."),
        json_schema_extra={"examples": ["2026-11-16"]})


class LoanAgreement(Answered):
    """Umowa w sprawie pożyczki z ZFŚS (ZFSS Zał. 9)."""

    data_umowy: Date = Field(
        title="Data zawarcia umowy",
        description=("Dzień zawarcia umowy (2026-11-20 lub 20.11.2026), nie wcześniejszy niż "
                     "data decyzji; jego rok wskazuje parametry pożyczki (oprocentowanie, "
                     "kwotę maksymalną)."),
        json_schema_extra={"examples": ["2026-11-20"]})
    decyzja: Decision = Field(
        title="Decyzja o przyznaniu pożyczki",
        description=("Decyzja Dyrektora, na której podstawie zawiera się umowę (§1 umowy): "
                     "numer i data."))
    pozyczkobiorca: Borrower = Field(
        title="Pożyczkobiorca",
        description=("Pracownik, emeryt lub rencista, który otrzymuje pożyczkę: imię, nazwisko, "
                     "adres zamieszkania i stanowisko."))
    kwota: Money = Field(
        title="Kwota pożyczki",
        description=("Przyznana kwota pożyczki w zł (10000.00 lub 10 000,00), większa od zera "
                     "i nie większa niż kwota maksymalna na dany rok; umowa podaje ją też "
                     "słownie."),
        json_schema_extra={"examples": ["10000.00"]})
    cel: Text = Field(
        title="Przeznaczenie pożyczki",
        description="Cel pożyczki, drukowany w umowie po słowach „z przeznaczeniem na”.",
        json_schema_extra={"examples": ["remont mieszkania (wymiana okien)"]})
    okres_miesiecy: int = Field(
        title="Okres spłaty",
        description=("Liczba miesięcy (rat), w których pożyczka zostanie spłacona: jedna "
                     "z wartości dozwolonych w danym roku (12, 24 albo 36); najwyżej trzy lata "
                     "(§17 ust. 3)."),
        json_schema_extra={"examples": [24]})
    pierwsza_rata: Date = Field(
        title="Termin pierwszej raty",
        description=("Dzień płatności pierwszej raty (2026-12-10 lub 10.12.2026); spłata zaczyna "
                     "się nie później niż miesiąc po udzieleniu pożyczki (§17 ust. 3)."),
        json_schema_extra={"examples": ["2026-12-10"]})
    potracenia_od: Date | None = Field(
        default=None, title="Potrącenia od dnia",
        description=("Dzień, od którego zakład pracy potrąca raty z wynagrodzenia pożyczkobiorcy "
                     "(§4 umowy), w formacie 2026-12-01 lub 1.12.2026; puste: dzień pierwszej "
                     "raty."),
        json_schema_extra={"examples": ["2026-12-01"]})
    poreczyciele: list[Guarantor] = Field(
        title="Poręczyciele",
        description=("Poręczyciele pożyczki: pracownicy zatrudnieni na czas nieokreślony, "
                     "tylu, ilu wymagają parametry roku (dwóch według §17 ust. 4)."))
    # §20 ust. 1: why the loan is granted before the waiting time since the last one has passed
    # ("w wyjątkowych sytuacjach"); the register keeps it with the agreement.
    wyjatek: LongText | None = Field(
        default=None, title="Uzasadnienie wyjątku",
        description=("Dlaczego pożyczkę udziela się przed upływem okresu od spłaty poprzedniej "
                     "(§20 ust. 1: „w wyjątkowych sytuacjach”); rejestr zapisuje je z umową. "
                     "Puste: obowiązuje zwykły okres oczekiwania."),
        json_schema_extra={"examples": ["pożar mieszkania w październiku 2026 r."]})


def check_loan_agreement(case: LoanAgreement, project: Project) -> Findings:
    """The loan rules of §17 and DOMAIN.md, with the year's parameters."""
    params = project.zfss(case.data_umowy.year).pozyczki
    problems = loan.check_loan(
        months=case.okres_miesiecy, granted_on=case.decyzja.data, first_due=case.pierwsza_rata,
        terms=params.terms(), contract_end=case.pozyczkobiorca.umowa_do,
        guarantors=len(case.poreczyciele), required_guarantors=params.poreczyciele, principal=case.kwota)
    found: Findings = [((*field.split("."),), msg) for field, msg in problems]
    if case.kwota <= 0:
        found.append((("kwota",), _("must be more than 0")))
    if case.kwota > params.kwota_maks:
        found.append((("kwota",), _("exceeds the year's loan limit of {amount} zł").format(
            amount=number(params.kwota_maks))))
    if case.data_umowy < case.decyzja.data:
        found.append((("data_umowy",), _("the agreement cannot precede the decision")))
    for i, guarantor in enumerate(case.poreczyciele):
        if guarantor.zatrudnienie != "nieokreslony":
            found.append((("poreczyciele", i, "zatrudnienie"),
                          _("a guarantor must be employed for an indefinite period (§17 ust. 4)")))
    return found


def loan_context(case: LoanAgreement, project: Project) -> dict[str, Any]:
    """The agreement's values with the repayment plan and the borrower's gendered words."""
    params = project.zfss(case.data_umowy.year).pozyczki
    plan = loan.plan_loan(case.kwota, case.okres_miesiecy, case.pierwsza_rata, params.terms())
    sex = case.pozyczkobiorca.sex
    words = {
        "pani_pan": by_sex(sex, "Panią", "Panem"), "pani_panu": by_sex(sex, "Pani", "Panu"),
        "zwany": by_sex(sex, "zwaną", "zwanym"), "zamieszkaly": by_sex(sex, "zamieszkałą", "zamieszkałym"),
        "zatrudniony": by_sex(sex, "zatrudnioną", "zatrudnionym"),
    }
    guarantors = [{"osoba": g, "pan_pani": by_sex(g.sex, "Panią", "Pana")} for g in case.poreczyciele]
    return {"umowa": case, "plan": plan, "slowa": words, "oprocentowanie": params.oprocentowanie_roczne,
            "poreczyciele": guarantors, "potracenia_od": case.potracenia_od or case.pierwsza_rata}


# --- Oświadczenie o wysokości dochodu (Zał. 10) ----------------------------------------

class FamilyMember(Schema):
    """One member of the household with their gross income over the period."""

    imie_nazwisko: Text = Field(
        title="Imię i nazwisko",
        description="Imię i nazwisko członka rodziny.",
        json_schema_extra={"examples": ["Jan Przykładowski"]})
    pokrewienstwo: Literal["wnioskodawca", "malzonek", "dziecko"] = Field(
        title="Stopień pokrewieństwa",
        description=("Stopień pokrewieństwa: wnioskodawca (sam wnioskodawca, dokładnie jedna "
                     "osoba), malzonek (małżonek albo małżonka) albo dziecko (własne, "
                     "współmałżonka, przysposobione lub przyjęte do rodziny zastępczej)."))
    plec: Sex | None = Field(
        default=None, title="Płeć",
        description=("Płeć: K (kobieta) albo M (mężczyzna); przy małżonku wybiera napis "
                     "„małżonka” albo „małżonek”. Puste: drukowane „małżonek(-ka)”."))
    data_urodzenia: Date | None = Field(
        default=None, title="Data urodzenia",
        description=("Data urodzenia (2015-04-02 lub 2.04.2015), wymagana dla dziecka: dziecko, "
                     "które ukończyło 18 lat, nie jest wliczane do rodziny; u innych osób może "
                     "zostać pusta."),
        json_schema_extra={"examples": ["2015-04-02"]})
    dochod: Money = Field(
        default=Decimal("0.00"), title="Dochód brutto",
        description=("Łączny dochód brutto tej osoby z ostatnich 3 miesięcy (okres z parametrów "
                     "roku) w zł, np. 7800.00 lub 7 800,00, ze składkami na ubezpieczenia "
                     "emerytalne, rentowe i chorobowe oraz ze świadczeniami takimi jak 500+; "
                     "domyślnie 0,00."),
        json_schema_extra={"examples": ["7800.00"]})
    uwagi: Text | None = Field(
        default=None, title="Uwagi",
        description="Uwagi do tej osoby, drukowane w kolumnie „Uwagi”; może zostać puste.",
        json_schema_extra={"examples": ["uczy się"]})


class IncomeStatement(Schema):
    """Oświadczenie o wysokości dochodu (ZFSS Zał. 10)."""

    data: Date = Field(
        title="Data oświadczenia",
        description=("Dzień złożenia oświadczenia (2026-11-10 lub 10.11.2026); na ten dzień "
                     "liczy się wiek dzieci, a jego rok wskazuje plan grup dochodowych."),
        json_schema_extra={"examples": ["2026-11-10"]})
    miejscowosc: Text | None = place_field()
    rodzina: list[FamilyMember] = Field(
        default=[], title="Członkowie rodziny",
        description=("Członkowie rodziny prowadzący wspólne gospodarstwo domowe: wnioskodawca, "
                     "małżonek i dzieci do lat 18, każdy z dochodem brutto; co najmniej "
                     "wnioskodawca."))


def check_income(case: IncomeStatement, project: Project) -> Findings:
    """One applicant, children with birth dates that precede the statement."""
    found: Findings = []
    if not case.rodzina:
        return [(("rodzina",), _("list the household's members (at least the applicant)"))]
    applicants = [m for m in case.rodzina if m.pokrewienstwo == "wnioskodawca"]
    if len(applicants) != 1:
        found.append((("rodzina",), _("exactly one member must be {kinship}, found {count}").format(
            kinship=quoted("wnioskodawca"), count=len(applicants))))
    for i, member in enumerate(case.rodzina):
        if member.pokrewienstwo == "dziecko" and member.data_urodzenia is None:
            found.append((("rodzina", i, "data_urodzenia"), _("required for a child")))
        if member.data_urodzenia and member.data_urodzenia > case.data:
            found.append((("rodzina", i, "data_urodzenia"), _("is after the statement's date")))
    return found


def _kinship(member: FamilyMember) -> str:
    """How the relation is printed: 'małżonka' for a woman, 'dziecko' for a child, …"""
    if member.pokrewienstwo == "malzonek":
        return by_sex(member.plec, "małżonka", "małżonek", "małżonek(-ka)")
    return member.pokrewienstwo


def income_context(case: IncomeStatement, project: Project) -> dict[str, Any]:
    """Who counts as family on the date, income per member and the income group."""
    params = project.zfss(case.data.year)
    rows: list[dict[str, Any]] = []
    for member in case.rodzina:
        counted = member.pokrewienstwo != "dziecko" or income.is_counted_child(
            member.data_urodzenia, case.data, params.dochod.wiek_dziecka)  # type: ignore[arg-type]
        rows.append({"osoba": member, "liczony": counted, "stopien": _kinship(member)})
    counted_rows = [r for r in rows if r["liczony"]]
    total = sum((r["osoba"].dochod for r in counted_rows), Decimal("0.00"))
    per_member = income.income_per_member(total, params.dochod.okres_miesiecy, len(counted_rows))
    group = income.income_group(per_member, params.groups())
    return {"oswiadczenie": case, "wiersze": rows, "liczba_czlonkow": len(counted_rows),
            "dochod_laczny": total, "dochod_na_osobe": per_member, "grupa": group,
            "okres": params.dochod.okres_miesiecy, "rok_planu": params.rok,
            "wiek_dziecka": params.dochod.wiek_dziecka,
            "miejscowosc": case.miejscowosc or project.profile.adres.miejscowosc}


# --- Plan podziału środków (Zał. 1) ----------------------------------------------------

class PartOverride(Schema):
    """A share decided by the meeting that differs from the yearly parameters."""

    klucz: Text = Field(
        title="Część funduszu",
        description=("Klucz części funduszu z parametrów roku: swiadczenia_urlopowe, wczasy, "
                     "wypoczynek_dzieci, zapomogi, kultura_sport albo pozyczki."),
        json_schema_extra={"examples": ["wczasy"]})
    procent: Percent = Field(
        title="Udział w funduszu",
        description=("Udział tej części w funduszu w procentach, od 0 do 100, np. 20 lub 12,5; "
                     "wszystkie części razem muszą dać 100 %."),
        json_schema_extra={"examples": ["12.5"]})


class FundPlan(Schema):
    """Plan podziału środków ZFŚS (ZFSS Zał. 1)."""

    rok: int = Field(
        title="Rok planu",
        description=("Rok kalendarzowy, na który przyjmuje się plan; na ten rok muszą istnieć "
                     "parametry funduszu."),
        json_schema_extra={"examples": [2026]})
    data_posiedzenia: Date = Field(
        title="Data spotkania",
        description=("Dzień spotkania przedstawicieli pracowników, na którym przyjęto plan "
                     "(2026-01-20 lub 20.01.2026), nie później niż w roku planu."),
        json_schema_extra={"examples": ["2026-01-20"]})
    sklad: list[Text] = committee_field()
    kwota_funduszu: Money = Field(
        title="Kwota funduszu",
        description=("Cała kwota Zakładowego Funduszu Świadczeń Socjalnych na rok w zł "
                     "(120000.00 lub 120 000,00), dzielona na części według udziałów."),
        json_schema_extra={"examples": ["120000.00"]})
    podzial: list[PartOverride] = Field(
        default=[], title="Zmiany podziału funduszu",
        description=("Części funduszu, którym spotkanie nadało inny udział niż parametry roku; "
                     "puste: podział z parametrów roku."))
    kwota_pozyczki: Money | None = Field(
        default=None, title="Wysokość pożyczki mieszkaniowej",
        description=("Kwota, w jakiej postanowiono przydzielać pożyczki mieszkaniowe (pkt IV "
                     "planu), w zł; puste: kwota maksymalna pożyczki z parametrów roku."),
        json_schema_extra={"examples": ["12000.00"]})


def _shares(case: FundPlan, project: Project) -> dict[str, Decimal]:
    shares = {p.klucz: p.procent for p in project.zfss(case.rok).podzial_funduszu}
    for part in case.podzial:
        shares[part.klucz] = part.procent
    return shares


def check_fund_plan(case: FundPlan, project: Project) -> Findings:
    """Known part keys, percentages summing to 100, the meeting in or before the year."""
    found: Findings = []
    try:
        known = {p.klucz for p in project.zfss(case.rok).podzial_funduszu}
    except CatalogError as exc:
        return [(("rok",), exc.message)]
    for i, part in enumerate(case.podzial):
        if part.klucz not in known:
            found.append((("podzial", i, "klucz"), _("unknown part; known: {parts}").format(
                parts=", ".join(sorted(known)))))
    total = sum(_shares(case, project).values(), Decimal(0))
    if not found and total != 100:
        found.append((("podzial",), _("the shares sum to {total} %, not 100 %").format(
            total=number(f"{total.normalize():f}"))))
    if case.data_posiedzenia.year > case.rok:
        found.append((("data_posiedzenia",), _("the meeting is after the plan's year {year}").format(year=case.rok)))
    return found


def fund_plan_context(case: FundPlan, project: Project) -> dict[str, Any]:
    """The split of the fund, section totals, income groups and the year's criteria."""
    params = project.zfss(case.rok)
    shares = _shares(case, project)
    amounts = fund.split_total(case.kwota_funduszu, shares)
    parts: list[dict[str, Any]] = [
        {"nazwa": p.nazwa, "dzial": p.dzial, "procent": shares[p.klucz], "kwota": amounts[p.klucz]}
        for p in params.podzial_funduszu]
    sections = {d: sum((p["kwota"] for p in parts if p["dzial"] == d), Decimal("0.00"))
                for d in ("socjalna", "pozyczki")}
    members = case.sklad + [None] * (8 - len(case.sklad))
    return {"plan": case, "czesci": parts, "dzialy": sections, "p": params, "grupy": params.grupy_dochodowe,
            "sklad": members, "kwota_pozyczki": case.kwota_pozyczki or params.pozyczki.kwota_maks,
            "kultura_maks": [g.maks for g in params.swiadczenia["kultura_sport"].grupy]}
