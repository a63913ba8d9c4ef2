"""What the register holds about one issued document, independent of the database."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class PersonRef:
    """Who a document concerns: by PESEL, else by name and birth date."""

    key: str
    name: str
    pesel: str | None = None
    birth: dt.date | None = None


def person_ref(first: str, last: str, pesel: str | None, birth: dt.date | None = None) -> PersonRef:
    """A person's register key: "pesel:…", else "osoba:<name folded>|<birth date>"."""
    name = f"{first} {last}"
    if pesel:
        return PersonRef(f"pesel:{pesel}", name, pesel, birth)
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return PersonRef(f"osoba:{folded}|{birth.isoformat() if birth else ''}", name, None, birth)


@dataclass(frozen=True)
class Issued:
    """One document as the register records it (money in Decimal, dates as dates)."""

    form: str
    case_id: str
    doc_date: dt.date
    content_hash: str
    kind: str | None = None
    section: str | None = None
    number: str | None = None
    person: PersonRef | None = None
    subject: PersonRef | None = None
    granted: Decimal | None = None
    tax: Decimal | None = None
    paid: Decimal | None = None
    paid_to: str | None = None
    limit_used: Decimal | None = None
    ends_on: dt.date | None = None
    exception: str | None = None
    guarantors: tuple[PersonRef, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.doc_date.year

    def label(self) -> str:
        """How messages name it: form, case id and date."""
        return f"{self.form} {self.case_id} z {self.doc_date.strftime('%d.%m.%Y')}"


@dataclass(frozen=True)
class Row:
    """A document as read back from the register."""

    id: int
    issued: Issued
    status: str
    recorded_at: dt.datetime
    files: dict[str, Any]
    repaid_on: dt.date | None = None
    superseded_by: int | None = None

    def label(self) -> str:
        return self.issued.label()


SOURCE_KEY = "sprawa"  # in `details`: the case's data as read, to start a new case from it


def with_source(item: Issued, data: dict[str, Any]) -> Issued:
    """The entry with the data of its case (nested strings, as read) among its details."""
    from dataclasses import replace

    return replace(item, details={**item.details, SOURCE_KEY: data})


def to_json(item: Issued) -> dict[str, Any]:
    """An entry as JSON-ready values (for the journal of a run)."""
    from dataclasses import asdict

    return json_ready(asdict(item))


def json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def from_json(body: dict[str, Any]) -> Issued:
    """An entry read back from the journal."""
    def day(value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    def money(value: Any) -> Decimal | None:
        return Decimal(value) if value is not None else None

    def person(value: Any) -> PersonRef | None:
        return PersonRef(value["key"], value["name"], value.get("pesel"), day(value.get("birth"))) if value else None

    return Issued(
        form=body["form"], case_id=body["case_id"], doc_date=day(body["doc_date"]) or dt.date.min,
        content_hash=body["content_hash"], kind=body.get("kind"), section=body.get("section"),
        number=body.get("number"), person=person(body.get("person")), subject=person(body.get("subject")),
        granted=money(body.get("granted")), tax=money(body.get("tax")), paid=money(body.get("paid")),
        paid_to=body.get("paid_to"), limit_used=money(body.get("limit_used")), ends_on=day(body.get("ends_on")),
        exception=body.get("exception"), guarantors=tuple(p for p in map(person, body.get("guarantors", [])) if p),
        details=body.get("details") or {})
