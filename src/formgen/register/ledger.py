"""The documents the rules across cases look at: the register's current ones and those of the
run so far (in input order), a case's own earlier version left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from formgen.register.entry import Issued, Row
from formgen.register.schema import ISSUED
from formgen.register.store import Register


def _pending(item: Issued) -> Row:
    return Row(0, item, ISSUED, dt.datetime(1970, 1, 1), {})


@dataclass
class Ledger:
    """Reads the register once per question and adds what this run issues."""

    register: Register | None
    run: list[Issued] = field(default_factory=list)
    _years: dict[int, list[Row]] = field(default_factory=dict)
    _people: dict[str, list[Row]] = field(default_factory=dict)
    _guarantors: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, items: list[Issued]) -> None:
        """Documents of this run, seen by the cases after them."""
        done = {(i.form, i.case_id) for i in items}
        self.run = [i for i in self.run if (i.form, i.case_id) not in done] + items

    def _merge(self, rows: list[Row], case: tuple[str, str] | None) -> list[Row]:
        mine = {(i.form, i.case_id) for i in self.run}
        kept = [r for r in rows if (r.issued.form, r.issued.case_id) not in mine]
        merged = kept + [_pending(i) for i in self.run]
        return [r for r in merged if case is None or r.issued.case_id != case[1]]

    def year(self, year: int, case: tuple[str, str] | None = None) -> list[Row]:
        """Every current document of a year."""
        if year not in self._years:
            self._years[year] = self.register.rows(year=year) if self.register else []
        return [r for r in self._merge(self._years[year], case) if r.issued.year == year]

    def person(self, key: str, case: tuple[str, str] | None = None) -> list[Row]:
        """Every current document that concerns a person (any year)."""
        if key not in self._people:
            self._people[key] = self.register.person_rows(key) if self.register else []
        return [r for r in self._merge(self._people[key], case)
                if r.issued.person is not None and r.issued.person.key == key]

    def guaranteed(self, key: str, case: tuple[str, str] | None = None) -> list[Row]:
        """Every current loan agreement a person guarantees."""
        if key not in self._guarantors:
            self._guarantors[key] = self.register.guaranteed_by(key) if self.register else []
        return [r for r in self._merge(self._guarantors[key], case)
                if any(g.key == key for g in r.issued.guarantors)]

    def current(self, form: str, case_id: str) -> Row | None:
        """The current register record of a case's document (before this run)."""
        if self.register is None:
            return None
        rows = self.register.rows(form=form, case_id=case_id)
        return rows[-1] if rows else None
