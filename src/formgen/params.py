"""Yearly parameters (data/params/*.yaml): every number a regulation or a year can change."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from formgen.forms.types import Money, Percent, Schema, Text
from formgen.rules.income import IncomeGroup, check_groups
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
    cele: dict[str, Text]  # the closed list of purposes (§15): key → wording
    zalaczniki: dict[str, PurposeDocuments] = {}  # §16: documents by purpose key (absent: none)
    # The application's list (Zał. 8 words it differently, in ten items); empty: §15's list.
    wniosek_cele: list[ApplicationPurpose] = []

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
