"""The register of issued documents: recording (idempotent, corrections supersede), reading
and numbering. Every statement is SQLAlchemy Core with bound parameters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from formgen.register.db import engine_for, migrate
from formgen.register.entry import Issued, PersonRef, Row
from formgen.register.schema import (
    ISSUED,
    SUPERSEDED,
    counters,
    documents,
    institutions,
    parties,
    released,
)

Outcome = Literal["nowy", "bez zmian", "korekta"]
RETRIES = 5


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Register:
    """One institution's view of a register (SQLite file or PostgreSQL database)."""

    def __init__(self, url: str, institution: str) -> None:
        self.url, self.institution = url, institution
        self.engine = engine_for(url)
        migrate(self.engine)
        self.institution_id = self._institution(institution)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    def _retrying(self, work: Any) -> Any:
        """Run `work(connection)` in a transaction; a unique-key race with another process is
        lost at most a few times: the next try sees the other's row."""
        for attempt in range(RETRIES):
            try:
                with self._transaction() as connection:
                    return work(connection)
            except IntegrityError:
                if attempt == RETRIES - 1:
                    raise
        return None  # pragma: no cover

    def _institution(self, key: str) -> int:
        def work(connection: Connection) -> int:
            found = connection.execute(select(institutions.c.id).where(institutions.c.key == key)).scalar()
            if found is not None:
                return int(found)
            return int(connection.execute(insert(institutions).values(key=key, created_at=_now())
                                          .returning(institutions.c.id)).scalar_one())
        return int(self._retrying(work))

    # --- recording ------------------------------------------------------------------------

    def record(self, item: Issued, files: dict[str, Any]) -> Outcome:
        """Record an issued document: unchanged (same content) → nothing; changed → the new
        record supersedes the earlier one, which stays."""
        def work(connection: Connection) -> Outcome:
            current = connection.execute(select(documents.c.id, documents.c.content_hash).where(
                self._mine(), documents.c.form == item.form, documents.c.case_id == item.case_id,
                documents.c.status == ISSUED)).first()
            if current is not None and current.content_hash == item.content_hash:
                return "bez zmian"
            if current is not None:
                connection.execute(update(documents).where(documents.c.id == current.id).values(status=SUPERSEDED))
            new_id = connection.execute(insert(documents).values(**self._values(item, files))
                                        .returning(documents.c.id)).scalar_one()
            if current is not None:
                connection.execute(update(documents).where(documents.c.id == current.id)
                                   .values(superseded_by=new_id))
            for person in item.guarantors:
                connection.execute(insert(parties).values(document_id=new_id, role="poreczyciel",
                                                          person_key=person.key, person_name=person.name))
            return "korekta" if current is not None else "nowy"
        return self._retrying(work)  # type: ignore[no-any-return]

    def _values(self, item: Issued, files: dict[str, Any]) -> dict[str, Any]:
        person, subject = item.person, item.subject
        return {
            "institution_id": self.institution_id, "form": item.form, "case_id": item.case_id,
            "year": item.year, "doc_date": item.doc_date, "kind": item.kind, "section": item.section,
            "number": item.number, "person_key": person.key if person else None,
            "person_name": person.name if person else None, "person_pesel": person.pesel if person else None,
            "person_birth": person.birth if person else None, "subject_key": subject.key if subject else None,
            "subject_name": subject.name if subject else None, "granted": item.granted, "tax": item.tax,
            "paid": item.paid, "paid_to": item.paid_to, "limit_used": item.limit_used, "ends_on": item.ends_on,
            "exception": item.exception, "details": json.dumps(item.details, default=str, sort_keys=True),
            "content_hash": item.content_hash, "files": json.dumps(files, sort_keys=True), "status": ISSUED,
            "recorded_at": _now(),
        }

    def mark_repaid(self, case_id: str, day: dt.date) -> int:
        """Record that the loan of a case was repaid early on `day`; the rows changed."""
        with self._transaction() as connection:
            result = connection.execute(update(documents).where(
                self._mine(), documents.c.case_id == case_id, documents.c.kind == "pozyczka",
                documents.c.status == ISSUED).values(repaid_on=day))
            return int(result.rowcount)

    # --- numbers ---------------------------------------------------------------------------

    def next_number(self, series: str, year: int) -> int:
        """The next number of a series in a year, taken: the lowest one given back (see
        `give_back`), else the one after the last taken. A number is never given twice."""
        def work(connection: Connection) -> int:
            back = self._released(series, year)
            lowest = connection.execute(select(func.min(released.c.n)).where(back)).scalar()
            if lowest is not None and connection.execute(delete(released).where(back, released.c.n == lowest)).rowcount:
                return int(lowest)  # (rowcount 0: another process took it first)
            where = self._counter(series, year)
            taken = connection.execute(update(counters).where(where).values(last=counters.c.last + 1)
                                       .returning(counters.c.last)).scalar()
            if taken is not None:
                return int(taken)
            connection.execute(insert(counters).values(institution_id=self.institution_id, series=series,
                                                       year=year, last=1))
            return 1
        return int(self._retrying(work))

    def give_back(self, series: str, year: int, numbers: list[int]) -> None:
        """Numbers taken for documents that were then not issued. The last ones of the series
        are untaken (its counter steps back); one below a number given since waits for the
        next document of the series."""
        def work(connection: Connection) -> None:
            back = self._released(series, year)
            where = self._counter(series, year)
            last = connection.execute(select(counters.c.last).where(where).with_for_update()).scalar()
            top = int(last or 0)
            waiting = set(connection.execute(select(released.c.n).where(back)).scalars())
            for n in sorted({n for n in numbers if 0 < n <= top} - waiting):  # never one not yet given
                connection.execute(insert(released).values(institution_id=self.institution_id, series=series,
                                                           year=year, n=n))
            while top > 0 and connection.execute(delete(released).where(back, released.c.n == top)).rowcount:
                top -= 1
            if last is not None and top != last:
                connection.execute(update(counters).where(where).values(last=top))
        self._retrying(work)

    def upcoming_numbers(self, series: str, year: int) -> tuple[list[int], int]:
        """What the next documents of a series would get (nothing taken): the numbers given
        back, lowest first, then those after the last taken."""
        with self._transaction() as connection:
            back = connection.execute(select(released.c.n).where(self._released(series, year))
                                      .order_by(released.c.n)).scalars().all()
            last = connection.execute(select(counters.c.last).where(self._counter(series, year))).scalar()
        return [int(n) for n in back], int(last or 0)

    def _counter(self, series: str, year: int) -> Any:
        return and_(counters.c.institution_id == self.institution_id, counters.c.series == series,
                    counters.c.year == year)

    def _released(self, series: str, year: int) -> Any:
        return and_(released.c.institution_id == self.institution_id, released.c.series == series,
                    released.c.year == year)

    # --- reading -----------------------------------------------------------------------------

    def _mine(self) -> Any:
        return documents.c.institution_id == self.institution_id

    def rows(self, *, year: int | None = None, form: str | None = None, person: str | None = None,
             kind: str | None = None, case_id: str | None = None, history: bool = False) -> list[Row]:
        """Documents, oldest first: the current ones, or with `history` the superseded too.
        `person`: a PESEL, or part of a name (letter case ignored)."""
        query = select(documents).where(self._mine())
        if not history:
            query = query.where(documents.c.status == ISSUED)
        if year is not None:
            query = query.where(documents.c.year == year)
        if form:
            query = query.where(documents.c.form == form)
        if kind:
            query = query.where(documents.c.kind == kind)
        if case_id:
            query = query.where(documents.c.case_id == case_id)
        if person:
            query = query.where((documents.c.person_pesel == person)
                                | func.lower(documents.c.person_name).contains(person.lower(), autoescape=True))
        query = query.order_by(documents.c.doc_date, documents.c.id)
        with self._transaction() as connection:
            found = connection.execute(query).mappings().all()
            guarantors = self._guarantors(connection, [r["id"] for r in found])
        return [_row(r, guarantors.get(r["id"], ())) for r in found]

    def row(self, row_id: int) -> Row | None:
        """One document by its register number."""
        with self._transaction() as connection:
            found = connection.execute(select(documents).where(self._mine(), documents.c.id == row_id)).mappings().first()
            guarantors = self._guarantors(connection, [row_id])
        return _row(found, guarantors.get(row_id, ())) if found else None

    def guaranteed_by(self, person_key: str) -> list[Row]:
        """The current loan agreements a person guarantees."""
        query = (select(documents).join(parties, parties.c.document_id == documents.c.id)
                 .where(self._mine(), documents.c.status == ISSUED, parties.c.role == "poreczyciel",
                        parties.c.person_key == person_key).order_by(documents.c.doc_date, documents.c.id))
        with self._transaction() as connection:
            found = connection.execute(query).mappings().all()
            guarantors = self._guarantors(connection, [r["id"] for r in found])
        return [_row(r, guarantors.get(r["id"], ())) for r in found]

    def person_rows(self, person_key: str) -> list[Row]:
        """The current documents that concern a person (every year)."""
        query = select(documents).where(self._mine(), documents.c.status == ISSUED,
                                        documents.c.person_key == person_key)
        with self._transaction() as connection:
            found = connection.execute(query.order_by(documents.c.doc_date, documents.c.id)).mappings().all()
        return [_row(r, ()) for r in found]

    @staticmethod
    def _guarantors(connection: Connection, ids: list[int]) -> dict[int, tuple[PersonRef, ...]]:
        if not ids:
            return {}
        found: dict[int, list[PersonRef]] = {}
        query = select(parties).where(parties.c.document_id.in_(ids), parties.c.role == "poreczyciel")
        for part in connection.execute(query.order_by(parties.c.id)).mappings():
            found.setdefault(part["document_id"], []).append(PersonRef(part["person_key"], part["person_name"]))
        return {key: tuple(value) for key, value in found.items()}


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _row(r: Any, guarantors: tuple[PersonRef, ...]) -> Row:
    person = PersonRef(r["person_key"], r["person_name"] or "", r["person_pesel"], r["person_birth"]) \
        if r["person_key"] else None
    subject = PersonRef(r["subject_key"], r["subject_name"] or "") if r["subject_key"] else None
    issued = Issued(
        form=r["form"], case_id=r["case_id"], doc_date=r["doc_date"], content_hash=r["content_hash"],
        kind=r["kind"], section=r["section"], number=r["number"], person=person, subject=subject,
        granted=_money(r["granted"]), tax=_money(r["tax"]), paid=_money(r["paid"]), paid_to=r["paid_to"],
        limit_used=_money(r["limit_used"]), ends_on=r["ends_on"], exception=r["exception"],
        guarantors=guarantors, details=json.loads(r["details"] or "{}"))
    return Row(r["id"], issued, r["status"], r["recorded_at"], json.loads(r["files"] or "{}"),
               r["repaid_on"], r["superseded_by"])
