"""Yearly parameters (data/params/*.yaml): every number a regulation or a year can change."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from formgen.fields import Money, Percent, Schema, Text
from formgen.i18n import _, number, quoted
from formgen.rules.income import IncomeGroup, check_groups
from formgen.rules.intervention import Procedure, make_procedure
from formgen.rules.loan import LoanTerms


class FundPart(Schema):
    """One line of the fund plan: a share of the yearly fund."""

    klucz: Text
    nazwa: Text
    dzial: Literal["socjalna", "pozyczki"]
    procent: Percent


class GroupBound(Schema):
    """One income group as written in Zał. 3: 'do X', 'od X do Y' or 'powyżej Z'."""

    numer: int
    od: Money | None = None
    do: Money | None = None
    powyzej: Money | None = None

    def to_rule(self) -> IncomeGroup:
        """The interval (lower, upper] that the income rule works with."""
        return IncomeGroup(number=self.numer, lower=self.od if self.powyzej is None else self.powyzej,
                           upper=self.do)


class IncomeParams(Schema):
    """How income per family member is computed (Zał. 10)."""

    okres_miesiecy: int = Field(ge=1, le=12)
    wiek_dziecka: int = Field(ge=1, le=30)
    podstawa: Literal["brutto", "netto"]


class PurposeDocuments(Schema):
    """What §16 asks a loan application to attach for one purpose; kosztorys: the application
    carries the "Orientacyjny kosztorys remontu" page."""

    dokumenty: list[Text] = []
    kosztorys: bool = False


class ApplicationPurpose(Schema):
    """One item of the loan application's own purpose list (Zał. 8), worded as the annex words
    it, and the purpose of §15 it is (which decides the documents to attach)."""

    klucz: Text  # what a case gives as cel_pozyczki
    opis: Text
    cel: Text  # a key of LoanParams.cele


class LoanParams(Schema):
    """Housing loan terms (§17, §20)."""

    oprocentowanie_roczne: Percent
    metoda: Literal["flat", "interest_first", "declining"]
    jednostka_zaokraglenia: Money
    okresy: list[int]
    maks_miesiecy: int
    start_maks_miesiecy: int
    poreczyciele: int
    kwota_maks: Money
    karencja_miesiecy: int
    # Rules the register checks: how many loans one employee may guarantee at a time (§17 ust. 4)
    # and the paragraphs the messages cite; the plan's part loans are paid from.
    maks_poreczen: int = Field(default=2, ge=1)
    paragraf_poreczen: Text = "§17 ust. 4"
    paragraf_karencji: Text = "§20 ust. 1"
    czesc_planu: Text | None = None
    cele: dict[str, Text]  # the closed list of purposes (§15): key → wording
    zalaczniki: dict[str, PurposeDocuments] = {}  # §16: documents by purpose key (absent: none)
    # The application's list (Zał. 8 words it differently, in ten items); empty: §15's list.
    wniosek_cele: list[ApplicationPurpose] = []

    def findings(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Documents and application items name purposes of §15; each item once."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        unknown = sorted(set(self.zalaczniki) - set(self.cele))
        if unknown:
            found.append((("pozyczki", "zalaczniki"), _("{keys} not among pozyczki.cele").format(keys=", ".join(unknown))))
        strays = sorted({item.cel for item in self.wniosek_cele} - set(self.cele))
        if strays:
            found.append((("pozyczki", "wniosek_cele"), _("{keys} not among pozyczki.cele").format(keys=", ".join(strays))))
        keys = [item.klucz for item in self.wniosek_cele]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            found.append((("pozyczki", "wniosek_cele"), _("{keys} listed twice").format(keys=", ".join(twice))))
        return found

    def application_purposes(self) -> list[ApplicationPurpose]:
        """The purposes as the application lists them: its own list, else §15's."""
        if self.wniosek_cele:
            return list(self.wniosek_cele)
        return [ApplicationPurpose(klucz=key, opis=text, cel=key) for key, text in self.cele.items()]

    def terms(self) -> LoanTerms:
        """The rule module's view of these terms."""
        return LoanTerms(
            annual_rate=self.oprocentowanie_roczne / Decimal(100),
            method=self.metoda,
            rounding_unit=self.jednostka_zaokraglenia,
            allowed_months=tuple(self.okresy),
            max_months=self.maks_miesiecy,
            max_start_delay_months=self.start_maks_miesiecy,
        )


class GrantCap(Schema):
    """Subsidy percentage of documented bills and its cap, per income group (Zał. 1 V.1)."""

    procent: Percent
    maks: Money


class BenefitKind(Schema):
    """A kind of fund benefit: subsidy percentage and cap per income group, and how it is taxed.

    podatek: 'limit' = tax-free up to the annual limit shared by all such benefits,
    'zwolnione' = exempt without limit (children's organised holidays, random-event grants),
    'w_calosci' = taxable in full (vouchers).
    """

    nazwa: Text
    grupy: list[GrantCap] = []
    okres: Literal["rok", "kwartal", "zdarzenie"] = "rok"
    podatek: Literal["limit", "zwolnione", "w_calosci"]
    min_dni_urlopu: int | None = None  # wczasy: the leave that entitles to the subsidy (§13.5)
    wiek_dziecka_do: int | None = None  # children's holidays: the child must be under this age
    # What the register checks: at most `limit_przyznan` grants per person (or per child) in each
    # period (okres), citing `paragraf`; the fund plan's part (podzial_funduszu.klucz) it is paid from.
    limit_przyznan: int | None = Field(default=None, ge=1)
    na: Literal["osobe", "dziecko"] = "osobe"
    paragraf: Text | None = None
    czesc_planu: Text | None = None


class RandomGrants(Schema):
    """Zapomogi losowe (Zał. 1 V.2)."""

    smierc_pracownika: Money
    smierc_dziecka: Money
    smierc_malzonka: Money
    smierc_rodzicow: Money
    pozar_powodz: Money
    kradziez: Money
    choroba_pracownika: list[Money]
    choroba_czlonka_rodziny: list[Money]


class TaxParams(Schema):
    """PIT on fund benefits."""

    limit_roczny: Money
    stawka: Percent


class ZfssParams(Schema):
    """Everything the fund's regulation leaves to the yearly plan."""

    rok: int
    podzial_funduszu: list[FundPart]
    dochod: IncomeParams
    grupy_dochodowe: list[GroupBound]
    swiadczenie_urlopowe: Money
    swiadczenia: dict[str, BenefitKind]
    zapomogi_losowe: RandomGrants
    pozyczki: LoanParams
    podatek: TaxParams

    def groups(self) -> list[IncomeGroup]:
        """Income groups as intervals, checked for gaps and overlaps."""
        groups = [g.to_rule() for g in self.grupy_dochodowe]
        check_groups(groups)
        return groups

    def findings(self) -> list[tuple[tuple[str | int, ...], str]]:
        """What the file's parts must agree on: groups without gaps, shares summing to 100 %,
        documents and purposes of known loan purposes, one entry per income group."""
        try:
            count = len(self.groups())
        except ValueError as exc:
            return [(("grupy_dochodowe",), str(exc))]
        found: list[tuple[tuple[str | int, ...], str]] = []
        total = sum(part.procent for part in self.podzial_funduszu)
        if total != 100:
            found.append((("podzial_funduszu",), _("shares sum to {total} %, not 100 %").format(total=number(total))))
        found += self.pozyczki.findings()
        parts = {part.klucz for part in self.podzial_funduszu}
        for key, kind in self.swiadczenia.items():
            if kind.czesc_planu and kind.czesc_planu not in parts:
                found.append((("swiadczenia", key, "czesc_planu"), _("{part} is no part of podzial_funduszu ({parts})").format(
                    part=quoted(kind.czesc_planu), parts=", ".join(sorted(parts)))))
        if self.pozyczki.czesc_planu and self.pozyczki.czesc_planu not in parts:
            found.append((("pozyczki", "czesc_planu"), _("{part} is no part of podzial_funduszu").format(
                part=quoted(self.pozyczki.czesc_planu))))
        for key, kind in self.swiadczenia.items():
            if kind.grupy and len(kind.grupy) != count:
                found.append((("swiadczenia", key, "grupy"), _("needs one entry per income group ({count})").format(
                    count=count)))
        for name in ("choroba_pracownika", "choroba_czlonka_rodziny"):
            if len(getattr(self.zapomogi_losowe, name)) != count:
                found.append((("zapomogi_losowe", name), _("needs one entry per income group ({count})").format(
                    count=count)))
        return found


class ProcedureVariant(Schema):
    """What to do for one harm: a title and the steps, coded a, b, c … in order."""

    title: Text
    steps: list[Text] = Field(min_length=1, max_length=26)


class SuspectProcedures(Schema):
    """The procedures when a given kind of person is suspected."""

    label: Text | None = None
    variants: dict[str, ProcedureVariant] = Field(min_length=1)


class InterventionProcedures(Schema):
    """data/procedures/interwencja.yaml: who is suspected × what happened → the steps."""

    zrodlo: Text | None = None
    suspects: dict[str, SuspectProcedures] = Field(min_length=1)

    def procedures(self) -> dict[tuple[str, str], Procedure]:
        """Every (suspect, harm) procedure of the file."""
        return {(suspect, harm): make_procedure(suspect, harm, variant.title, variant.steps)
                for suspect, entry in self.suspects.items() for harm, variant in entry.variants.items()}
