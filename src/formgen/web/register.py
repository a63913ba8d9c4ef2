"""The seam to the register of issued documents (issue 11), which the page uses but does not own.

The page starts a case from an earlier one and records the documents it renders through a
`CaseRegister`: the workspace's register (`WorkspaceRegister`), or, without a workspace,
`NoRegister`: no earlier cases, and every document is a draft.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from formgen.cases.load import Case
from formgen.output import build_time
from formgen.project import Project
from formgen.register.check import Numbering, evaluate
from formgen.register.entry import SOURCE_KEY, with_source
from formgen.register.ledger import Ledger
from formgen.register.store import Register


@dataclass(frozen=True)
class EarlierCase:
    """An earlier case as the page lists it: an opaque key and a label free of personal data."""

    key: str  # posted back (never put in a URL) to start from this case
    label: str  # e.g. "pozyczka-2026-001 · Umowa pożyczki z ZFŚS · 20.11.2026"


@dataclass(frozen=True)
class Recording:
    """What happened to rendered documents: recorded in the register, or a draft."""

    recorded: bool
    message: str  # shown on the page, in Polish


class CaseRegister(Protocol):
    """What the page needs from the register."""

    available: bool

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        """Earlier cases of these forms, newest first."""

    def case_data(self, key: str) -> dict[str, Any] | None:
        """The data of an earlier case as it was read (nested dicts, lists and strings, with
        `form`/`rodzaj` and `id`), or None when the key is unknown."""

    def record(self, case: Case, files: list[tuple[str, bytes]]) -> Recording:
        """Record the documents rendered for a case (file name and bytes of each)."""


DRAFT = ("Wersja robocza: w tym obszarze roboczym nie ma jeszcze rejestru dokumentów, "
         "więc dokumenty nie są w nim zapisywane.")


class NoRegister:
    """The register before it exists: nothing earlier, every document a draft."""

    available = False

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        return []

    def case_data(self, key: str) -> dict[str, Any] | None:
        return None

    def record(self, case: Case, files: list[tuple[str, bytes]]) -> Recording:
        return Recording(False, DRAFT)


class WorkspaceRegister:
    """The workspace's register of issued documents, as the page uses it: the earlier cases of a
    form (with the data they were made from), and the documents the page renders, recorded."""

    available = True

    def __init__(self, project: Project) -> None:
        self.project = project

    @contextmanager
    def _open(self) -> Iterator[Register]:
        link = self.project.register
        assert link is not None
        register = Register(link.url, link.institution)
        try:
            yield register
        finally:
            register.close()

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        with self._open() as register:
            rows = [row for form in form_ids for row in register.rows(form=form)]
        rows = [row for row in rows if SOURCE_KEY in row.issued.details]
        rows.sort(key=lambda row: (row.issued.doc_date, row.id), reverse=True)
        seen: set[str] = set()
        found = []
        for row in rows:
            if row.issued.case_id in seen:
                continue
            seen.add(row.issued.case_id)
            form = self.project.catalog.forms.get(row.issued.form)
            title = form.decl.short if form else row.issued.form
            found.append(EarlierCase(str(row.id), f"{row.issued.case_id} · {title} · "
                                                  f"{row.issued.doc_date.strftime('%d.%m.%Y')}"))
        return found

    def case_data(self, key: str) -> dict[str, Any] | None:
        if not key.isdigit():
            return None
        with self._open() as register:
            row = register.row(int(key))
        data = row.issued.details.get(SOURCE_KEY) if row else None
        return dict(data) if isinstance(data, dict) else None

    def record(self, case: Case, files: list[tuple[str, bytes]]) -> Recording:
        """Check the case against the register and record its documents (as a run would)."""
        link = self.project.register
        assert link is not None
        with self._open() as register:
            ledger = Ledger(register)
            numbering = Numbering(ledger, take=True, formats=dict(link.formats))
            found = evaluate(case, self.project, ledger, numbering, build_time().date())
            if found.findings:
                reasons = "; ".join(message for _, message in found.findings)
                return Recording(False, f"Nie zapisano w rejestrze: {reasons}")
            hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files}
            outcomes = [register.record(with_source(entry, case.record.data), {"folder": PAGE_FOLDER,
                                                                               "files": hashes})
                        for entry in found.entries]
        if all(outcome == "bez zmian" for outcome in outcomes):
            return Recording(True, "Dokumenty tej sprawy są już w rejestrze, bez zmian.")
        return Recording(True, "Zapisano w rejestrze dokumentów.")


PAGE_FOLDER = "strona"  # where the register says documents rendered on the page went


def register_for(project: Project) -> CaseRegister:
    """The register of the project's workspace, or none (every document a draft)."""
    if project.register is None:
        return NoRegister()
    return WorkspaceRegister(project)
