"""What an association's accounting policy sets: value thresholds, rates, paragraph references.

Two data files (see README):

- data/pol/parametry.yaml: the defaults of the policy formgen prints (the seed's thresholds,
  its paragraph numbering) and the CIT act's rate list;
- data/pol/polityki.yaml (optional): the policies associations adopted, by KRS and the year
  from which each applies, with their own thresholds and paragraph numbering.

The policy in force for an association in a year is its latest adopted policy from that year
or earlier; what it does not set comes from the defaults. A change of policy looks forward:
an asset keeps the class the policy in force in the year of its acceptance gave it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from formgen.fields import Krs, Percent, Schema, Text
from formgen.fields import Money as _Money
from formgen.forms.common import Findings, Loc
from formgen.i18n import _
from formgen.project import Project
from formgen.rules import depreciation as dep
from formgen.rules.money import format_amount

Year = Annotated[int, Field(ge=1990, le=2100)]
ADOPTED = "pol/polityki.yaml"


def _kst(value: Any) -> Any:
    """A KŚT symbol as digits only ("4-91" → "491"), 1 to 3 of them."""
    if isinstance(value, str):
        value = re.sub(r"[\s./-]", "", value)
        if not re.fullmatch(r"\d{1,3}", value):
            raise ValueError(_("KŚT symbol must be 1–3 digits (group, subgroup, kind), e.g. 491"))
    return value


Kst = Annotated[str, BeforeValidator(_kst)]


class ThresholdParams(Schema):
    """The value thresholds of the policy (POL §3 ust. 2 pkt 6 and 13)."""

    srodek_trwaly_powyzej: _Money = Field(  # strictly above: a fixed asset, depreciated by plan
        title="Próg środka trwałego",
        description=("Wartość początkowa w zł, powyżej której składnik jest podstawowym środkiem "
                     "trwałym amortyzowanym według planu (np. 3500.00 lub 3 500,00)."),
        json_schema_extra={"examples": ["3500.00"]})
    niska_wartosc_od: _Money = Field(  # from this amount (inclusive) up to the above: low-value
        title="Próg niskiej wartości",
        description=("Wartość początkowa w zł, od której (włącznie) do progu środka trwałego "
                     "składnik jest środkiem trwałym o niskiej wartości, umarzanym jednorazowo; "
                     "poniżej: materiały. Nie większa niż próg środka trwałego."),
        json_schema_extra={"examples": ["2000.00"]})

    @model_validator(mode="after")
    def _ordered(self) -> ThresholdParams:
        self.rule()  # raises ValueError when the low-value threshold is above the fixed-asset one
        return self

    def rule(self) -> dep.Thresholds:
        """The rule module's view of these thresholds."""
        return dep.Thresholds(self.srodek_trwaly_powyzej, self.niska_wartosc_od)

    def text(self) -> str:
        """'powyżej 10 000,00 zł / od 2 500,00 zł', for messages and remarks."""
        return (f"powyżej {format_amount(self.srodek_trwaly_powyzej)} / "
                f"od {format_amount(self.niska_wartosc_od)}")


class RateEntry(Schema):
    """A position of the CIT act's list of annual depreciation rates."""

    kst: Kst = Field(
        title="Symbol KŚT",
        description=("Symbol Klasyfikacji Środków Trwałych: 1–3 cyfry (grupa, podgrupa, rodzaj), "
                     "z kreską lub bez, np. 491 lub 4-91."),
        json_schema_extra={"examples": ["491"]})
    stawka: Percent = Field(
        title="Roczna stawka amortyzacji",
        description="Roczna stawka amortyzacji w procentach z wykazu stawek, np. 30 lub 2,5.",
        json_schema_extra={"examples": ["30"]})
    opis: Text = Field(
        title="Opis pozycji",
        description="Nazwa pozycji wykazu stawek amortyzacyjnych.",
        json_schema_extra={"examples": ["Zespoły komputerowe"]})


class PolicyParams(Schema):
    """The defaults: thresholds, paragraph references of the printed policy, the rate list."""

    progi: ThresholdParams = Field(
        title="Progi wartości",
        description=("Domyślne progi wartości środków trwałych (w polityce z wzoru: 3 500 "
                     "i 2 000 zł)."))
    paragrafy: dict[str, Text] = Field(
        default={}, title="Odwołania do paragrafów",
        description=("Gdzie drukowana polityka rachunkowości zawiera zasady, do których odwołują "
                     "się inne dokumenty: srodki_trwale, wykaz_niskocenne, koszty_posrednie."),
        json_schema_extra={"examples": [{"srodki_trwale": "§ 3 ust. 2 pkt 6–15"}]})
    stawki: list[RateEntry] = Field(
        title="Stawki amortyzacyjne",
        description=("Pozycje wykazu rocznych stawek amortyzacyjnych według symboli KŚT; środek "
                     "trwały bierze stawkę najdłuższego symbolu, od którego zaczyna się jego KŚT."))

    def rate_for(self, kst: str) -> Decimal | None:
        """The rate of the longest listed KŚT symbol that the asset's symbol starts with."""
        matches = [e for e in self.stawki if kst.startswith(e.kst)]
        return max(matches, key=lambda e: len(e.kst)).stawka if matches else None


class AdoptedPolicy(Schema):
    """An accounting policy an association adopted, in force from a year on."""

    krs: Krs = Field(
        title="Numer KRS",
        description=("Numer KRS stowarzyszenia, które przyjęło politykę: 10 cyfr, w YAML "
                     "w cudzysłowie."),
        json_schema_extra={"examples": ["0000654321"]})
    od_roku: Year = Field(
        title="Obowiązuje od roku",
        description=("Pierwszy rok obrotowy, w którym polityka obowiązuje (od 1990 do 2100); "
                     "obowiązuje do roku, od którego obowiązuje następna."),
        json_schema_extra={"examples": [2026]})
    uchwala: Text | None = Field(  # the board's resolution, for the record
        default=None, title="Uchwała",
        description="Uchwała Zarządu, która przyjęła politykę, do ewidencji; może zostać pusta.",
        json_schema_extra={"examples": ["uchwała Zarządu z dnia 8 stycznia 2026 r."]})
    progi: ThresholdParams | None = Field(
        default=None, title="Progi wartości",
        description="Progi wartości środków trwałych z tej polityki; puste: progi domyślne.")
    paragrafy: dict[str, Text] = Field(
        default={}, title="Odwołania do paragrafów",
        description=("Gdzie ta polityka rachunkowości zawiera zasady, do których odwołują "
                     "się inne dokumenty: srodki_trwale, wykaz_niskocenne, koszty_posrednie."),
        json_schema_extra={"examples": [{"srodki_trwale": "§ 3 ust. 2 pkt 6–15"}]})


class AdoptedPolicies(Schema):
    """data/pol/polityki.yaml."""

    polityki: list[AdoptedPolicy] = Field(
        default=[], title="Przyjęte polityki rachunkowości",
        description=("Polityki rachunkowości przyjęte przez stowarzyszenia, według numeru KRS "
                     "i roku, od którego obowiązują."))


def parameters(project: Project) -> PolicyParams:
    """The defaults (data/pol/parametry.yaml), read once."""
    return project.data_model(PolicyParams, "pol/parametry.yaml")


def adopted(project: Project, krs: str, year: int) -> AdoptedPolicy | None:
    """The association's policy in force in `year`: its latest adopted from that year or earlier."""
    if not (project.data / ADOPTED).is_file():
        return None
    found = [p for p in project.data_model(AdoptedPolicies, ADOPTED).polityki
             if p.krs == krs and p.od_roku <= year]
    return max(found, key=lambda p: p.od_roku) if found else None


def thresholds(project: Project, krs: str, year: int, own: ThresholdParams | None = None) -> ThresholdParams:
    """The case's own thresholds, else those of the policy in force in `year`, else the defaults."""
    policy = adopted(project, krs, year)
    return own or (policy.progi if policy and policy.progi else parameters(project).progi)


def references(project: Project, krs: str, year: int) -> dict[str, str]:
    """Paragraph references into the association's policy: its own numbering over the defaults."""
    policy = adopted(project, krs, year)
    return {**parameters(project).paragrafy, **(policy.paragrafy if policy else {})}


def check_own_thresholds(own: ThresholdParams | None, project: Project, krs: str, year: int,
                         loc: Loc = ("progi",)) -> Findings:
    """A case's own thresholds must agree with the policy the association adopted for the year."""
    policy = adopted(project, krs, year)
    if own is None or policy is None or policy.progi is None or own == policy.progi:
        return []
    adopted_text = policy.progi.text().replace("\u00a0", " ")  # a message, not a printed form
    message = _("differ from the accounting policy the association adopted from {year} "
                "({file}: {thresholds}); leave them out or make them agree").format(
        year=policy.od_roku, file=ADOPTED, thresholds=adopted_text)
    return [(loc, message)]
