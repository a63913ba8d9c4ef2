"""A case against the register: its answers (amounts used, numbers), the entries its documents
will record, and the findings of the rules across cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from formgen.cases.answers import Answers, attach
from formgen.cases.load import Case
from formgen.errors import CatalogError
from formgen.forms.common import Findings
from formgen.project import Project
from formgen.register import rules
from formgen.register.entry import Issued
from formgen.register.facts import applicant, benefit_kind, doc_date, issued
from formgen.register.ledger import Ledger
from formgen.register.store import Register

# Documents numbered from the register: form -> (field, series, the date its year comes from).
NUMBERED = {
    "zfss-umowa-pozyczki": ("decyzja.numer", "decyzja-pozyczki", "decyzja.data"),
    "som-karta-zgloszenia": ("numer", "karta-zgloszenia", "data_zgloszenia"),
}
DEFAULT_FORMAT = "{n}/{rok}"
REPORT = "zfss-wykonanie-planu"


def _get(data: Any, path: str) -> Any:
    for name in path.split("."):
        data = getattr(data, name, None)
    return data


@dataclass
class Numbering:
    """Numbers from the register: taken for a run that issues (`take`), else only foreseen.
    What was taken is kept by case until `settle` or `give_back`, so that a document that is
    then not issued leaves no gap."""

    ledger: Ledger
    take: bool
    formats: dict[str, str] = field(default_factory=dict)
    taken: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # case id -> (series, year, n)
    _foreseen: dict[tuple[str, int], tuple[list[int], int]] = field(default_factory=dict)

    def number(self, series: str, year: int, form: str, case_id: str) -> str:
        earlier = self.ledger.current(form, case_id)
        if earlier is not None and earlier.issued.number:
            return earlier.issued.number  # the same document keeps its number
        register = self.ledger.register
        assert register is not None
        if self.take:
            n = register.next_number(series, year)
            self.taken.setdefault(case_id, []).append((series, year, n))
        else:
            key = (series, year)
            back, last = self._foreseen.get(key) or register.upcoming_numbers(series, year)
            n, self._foreseen[key] = (back[0], (back[1:], last)) if back else (last + 1, ([], last + 1))
        return self.formats.get(series, DEFAULT_FORMAT).format(n=n, rok=year)

    def settle(self, case_id: str) -> list[tuple[str, int, int]]:
        """The numbers taken for a case, no longer kept here (their documents are issued, or the
        caller gives them back later)."""
        return self.taken.pop(case_id, [])

    def give_back(self, case_id: str) -> None:
        """The case's documents are not issued: the numbers taken for them go back to the register."""
        give_back(self.ledger.register, self.settle(case_id))


def give_back(register: Register | None, numbers: list[tuple[str, int, int]]) -> None:
    """Numbers taken for documents that were then not issued, back to the register by series."""
    by_series: dict[tuple[str, int], list[int]] = {}
    for series, year, n in numbers:
        by_series.setdefault((series, year), []).append(n)
    for (series, year), ns in by_series.items():
        assert register is not None
        register.give_back(series, year, ns)


@dataclass
class Evaluation:
    """What the register says about one case."""

    findings: Findings
    answers: Answers
    entries: list[Issued]


def evaluate(case: Case, project: Project, ledger: Ledger, numbering: Numbering, when: dt.date) -> Evaluation:
    """The case's answers, entries and findings; the entries join the ledger when it passes."""
    answers = _answers(case, project, ledger, numbering, when)
    answered = replace(case, data=attach(case.data, answers), answers=answers) if answers else case
    try:
        entries = [issued(answered, form, project, when) for form in case.forms]
        findings = [f for entry in entries for f in _findings(answered, entry, project, ledger)]
    except CatalogError as exc:  # no parameters for the year: the form's own check says so
        numbering.give_back(case.id)
        return Evaluation([((), exc.message)], answers, [])
    if findings:
        numbering.give_back(case.id)  # refused: nothing is issued
    else:
        ledger.add(entries)
    return Evaluation(findings, answers, entries)


def _answers(case: Case, project: Project, ledger: Ledger, numbering: Numbering, when: dt.date) -> Answers:
    used_limit = used_quarter = None
    numbers: dict[str, str] = {}
    report: dict[str, Any] = {}
    for form in case.forms:
        data: Any = case.data_for(form)  # the form's own model: its fields are the form's
        kind = benefit_kind(form.id, data)
        if kind is not None:
            probe = Issued(form.id, case.id, doc_date(data, when), "", kind=kind,
                           person=applicant(data.wnioskodawca))
            try:
                params = project.zfss(probe.year)
            except CatalogError:
                continue
            used_limit = rules.used_limit(probe, ledger, params)
            if params.swiadczenia[kind].okres == "kwartal" if kind in params.swiadczenia else False:
                used_quarter = rules.used_in_quarter(probe, ledger)
        if form.id in NUMBERED and ledger.register is not None:
            path, series, dated = NUMBERED[form.id]
            if _get(data, path) is None:
                numbers[path] = numbering.number(series, _get(data, dated).year, form.id, case.id)
        if form.id == REPORT:
            try:
                report = rules.plan_execution(data.rok, ledger, project.zfss(data.rok))
            except CatalogError:
                continue
    return Answers(used_limit, used_quarter, numbers, report)


def _findings(case: Case, entry: Issued, project: Project, ledger: Ledger) -> Findings:
    if entry.kind in (None, "plan"):
        return []
    params = project.zfss(entry.year)
    data: Any = next(case.data_for(f) for f in case.forms if f.id == entry.form)
    if entry.kind == "pozyczka":
        return (rules.guarantors(entry, ledger, params)
                + rules.waiting_time(entry, ledger, params, data.wyjatek, ("data_umowy",))
                + rules.plan_part(entry, ledger, ("kwota",)))
    if entry.kind == "wniosek_pozyczka":
        if data.ostatnia_pozyczka_splacona is not None:  # given in the case: the form checks it
            return []
        return rules.waiting_time(entry, ledger, params, None, ("data",))
    kind = params.swiadczenia.get(entry.kind)
    if kind is None:
        return []
    who = ("dziecko",) if kind.na == "dziecko" else ("wnioskodawca",)
    return (rules.once_per_period(entry, kind, ledger, who)
            + rules.plan_part(entry, ledger, ("opinia", "kwota")))
