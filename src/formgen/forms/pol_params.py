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
            raise ValueError("KŚT symbol must be 1–3 digits (group, subgroup, kind), e.g. 491")
    return value


Kst = Annotated[str, BeforeValidator(_kst)]


class ThresholdParams(Schema):
    """The value thresholds of the policy (POL §3 ust. 2 pkt 6 and 13)."""

    srodek_trwaly_powyzej: _Money  # strictly above: a fixed asset, depreciated by plan
    niska_wartosc_od: _Money  # from this amount (inclusive) up to the above: a low-value asset

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

    kst: Kst
    stawka: Percent
    opis: Text


class PolicyParams(Schema):
    """The defaults: thresholds, paragraph references of the printed policy, the rate list."""

    progi: ThresholdParams
    paragrafy: dict[str, Text] = {}
    stawki: list[RateEntry]

    def rate_for(self, kst: str) -> Decimal | None:
        """The rate of the longest listed KŚT symbol that the asset's symbol starts with."""
        matches = [e for e in self.stawki if kst.startswith(e.kst)]
        return max(matches, key=lambda e: len(e.kst)).stawka if matches else None


class AdoptedPolicy(Schema):
    """An accounting policy an association adopted, in force from a year on."""

    krs: Krs
    od_roku: Year
    uchwala: Text | None = None  # the board's resolution, for the record
    progi: ThresholdParams | None = None
    paragrafy: dict[str, Text] = {}


class AdoptedPolicies(Schema):
    """data/pol/polityki.yaml."""

    polityki: list[AdoptedPolicy] = []


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
    message = (f"differ from the accounting policy the association adopted from {policy.od_roku} "
               f"({ADOPTED}: {adopted_text}); leave them out or make them agree")
    return [(loc, message)]
