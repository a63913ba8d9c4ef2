"""The seam to the register of issued documents (issue 11), which the page uses but does not own.

The page starts a case from an earlier one, checks a case against the rules across cases and
shows what the register answers for it (a decision's number, the tax-free limit already used),
and issues the documents (rendered with those answers, then recorded) through a `CaseRegister`:
the workspace's register (`WorkspaceRegister`), or, without a workspace, `NoRegister`: no
earlier cases, no answers, and every document is a draft.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from formgen.cases.answers import Answers
from formgen.cases.load import Case, labelled
from formgen.cases.source import Record
from formgen.cases.validation import located
from formgen.errors import Problem
from formgen.forms.common import Findings
from formgen.output import build_time
from formgen.project import Project
from formgen.register.check import Evaluation, Numbering, evaluate
from formgen.register.entry import SOURCE_KEY, with_source
from formgen.register.ledger import Ledger
from formgen.register.store import Register
from formgen.runner import Failure, Product


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


@dataclass(frozen=True)
class Foreseen:
    """The register's answers for a case (None: nothing to answer), or why it refuses the case."""

    answers: Answers | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Issue:
    """A case's documents made for the page: what the render gave (None when the register's
    rules refused the case, with their problems) and what the register made of them."""

    product: Product | Failure | None
    recording: Recording | None = None
    problems: list[Problem] = field(default_factory=list)


Render = Callable[[Record], Product | Failure]  # renders a case's record in a render process


class CaseRegister(Protocol):
    """What the page needs from the register."""

    available: bool

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        """Earlier cases of these forms, newest first."""

    def case_data(self, key: str) -> dict[str, Any] | None:
        """The data of an earlier case as it was read (nested dicts, lists and strings, with
        `form`/`rodzaj` and `id`), or None when the key is unknown."""

    def foresee(self, case: Case) -> Foreseen:
        """What the register would answer for a case (its numbers foreseen, nothing taken), or
        the problems of the rules across cases that refuse it."""

    def issue(self, case: Case, render: Render) -> Issue:
        """Render a case's documents with the register's answers and record them; a case the
        rules across cases refuse is not rendered."""


DRAFT = ("Wersja robocza: w tym obszarze roboczym nie ma jeszcze rejestru dokumentów, "
         "więc dokumenty nie są w nim zapisywane.")


class NoRegister:
    """The register before it exists: nothing earlier, every document a draft."""

    available = False

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        return []

    def case_data(self, key: str) -> dict[str, Any] | None:
        return None

    def foresee(self, case: Case) -> Foreseen:
        return Foreseen()

    def issue(self, case: Case, render: Render) -> Issue:
        return Issue(render(case.record), Recording(False, DRAFT))


class WorkspaceRegister:
    """The workspace's register of issued documents, as the page uses it: the earlier cases of a
    form (with the data they were made from), and the documents the page renders, recorded."""

    available = True

    def __init__(self, project: Project) -> None:
        self.project = project
        self._one_at_a_time = threading.Lock()
        self._opening = threading.Lock()
        self._register: Register | None = None

    def _opened(self) -> Register:
        """The register, opened (and its schema checked) once for the page's life: every check
        of a case asks it, and its engine keeps the connections."""
        with self._opening:
            if self._register is None:
                link = self.project.register
                assert link is not None
                self._register = Register(link.url, link.institution)
            return self._register

    def _evaluate(self, case: Case, take: bool) -> tuple[Evaluation, Numbering]:
        """The case against the register: numbers taken (`take`) or foreseen."""
        link = self.project.register
        assert link is not None
        ledger = Ledger(self._opened())
        numbering = Numbering(ledger, take=take, formats=dict(link.formats))
        return evaluate(case, self.project, ledger, numbering, build_time().date()), numbering

    def earlier_cases(self, form_ids: tuple[str, ...]) -> list[EarlierCase]:
        register = self._opened()
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
        row = self._opened().row(int(key))
        data = row.issued.details.get(SOURCE_KEY) if row else None
        return dict(data) if isinstance(data, dict) else None

    def foresee(self, case: Case) -> Foreseen:
        found, _numbering = self._evaluate(case, take=False)
        if found.findings:
            return Foreseen(problems=self._problems(case, found.findings))
        return Foreseen(found.answers or None)

    def issue(self, case: Case, render: Render) -> Issue:
        """One case at a time (the rules across cases see what the one before recorded): its
        numbers taken, its documents rendered with the register's answers, then recorded; a
        number is given back when the documents are not made."""
        with self._one_at_a_time:
            found, numbering = self._evaluate(case, take=True)
            if found.findings:
                return Issue(None, problems=self._problems(case, found.findings))
            record = replace(case.record, answers=found.answers or None)
            try:
                product = render(record)
            except BaseException:
                numbering.give_back(case.id)
                raise
            if isinstance(product, Failure):
                numbering.give_back(case.id)
                return Issue(product)
            hashes = {name: hashlib.sha256(data).hexdigest() for name, data in product.in_memory()}
            outcomes = [self._opened().record(with_source(entry, case.record.data),
                                              {"folder": PAGE_FOLDER, "files": hashes})
                        for entry in found.entries]
            numbering.settle(case.id)
        if all(outcome == "bez zmian" for outcome in outcomes):
            return Issue(product, Recording(True, "Dokumenty tej sprawy są już w rejestrze, bez zmian."))
        return Issue(product, Recording(True, "Zapisano w rejestrze dokumentów."))

    def _problems(self, case: Case, findings: Findings) -> list[Problem]:
        return labelled(located(case.record, findings), self.project.catalog.merged_schema(case.forms))


PAGE_FOLDER = "strona"  # where the register says documents rendered on the page went


def register_for(project: Project) -> CaseRegister:
    """The register of the project's workspace, or none (every document a draft)."""
    if project.register is None:
        return NoRegister()
    return WorkspaceRegister(project)
