"""What the register answers for a case before it is rendered: amounts used earlier in the
year, numbers given from the register, the rows of a yearly report. Forms read them with
`answers_of(data)`; a value the case gives itself always wins."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, PrivateAttr

from formgen.fields import Schema


@dataclass(frozen=True)
class Used:
    """An amount used by earlier documents, and those documents ("form case-id z dd.mm.rrrr")."""

    amount: Decimal
    documents: tuple[str, ...] = ()

    def describe(self) -> str:
        """How a document says where the amount comes from."""
        if not self.documents:
            return "z rejestru: brak wcześniejszych świadczeń"
        return "z rejestru: " + "; ".join(self.documents)


@dataclass(frozen=True)
class Answers:
    """The register's answers for one case (all optional: no register, no answers)."""

    used_limit: Used | None = None  # the yearly tax-free limit used by the person's earlier benefits
    used_quarter: Used | None = None  # the quarterly cap used by earlier benefits of the kind
    numbers: dict[str, str] = field(default_factory=dict)  # "decyzja.numer" -> "3/2026"
    report: dict[str, Any] = field(default_factory=dict)  # a yearly report's figures

    def __bool__(self) -> bool:
        return bool(self.used_limit or self.used_quarter or self.numbers or self.report)


NONE = Answers()


class Answered(Schema):
    """A case schema the register can answer for (see Answers)."""

    _rejestr: Answers = PrivateAttr(default=NONE)


def answers_of(data: Any) -> Answers:
    """The answers attached to a case's data (none when there is no register)."""
    private = getattr(data, "__pydantic_private__", None) or {}
    found = private.get("_rejestr")
    return found if isinstance(found, Answers) else NONE


def attach(data: BaseModel, answers: Answers) -> BaseModel:
    """The data with the answers attached and the numbers the register gave filled in (a copy)."""
    updated = data
    for path, number in answers.numbers.items():
        updated = _set(updated, path.split("."), number)
    if updated is data:
        updated = data.model_copy()
    if "_rejestr" in type(updated).__private_attributes__:
        updated._rejestr = answers  # type: ignore[attr-defined]
    return updated


def _set(model: BaseModel, path: list[str], value: Any) -> BaseModel:
    """A copy of `model` with the field at `path` (a.b.c) set to `value`."""
    head, rest = path[0], path[1:]
    if not rest:
        return model.model_copy(update={head: value})
    child = getattr(model, head)
    return model.model_copy(update={head: _set(child, rest, value)})
