"""`validate` against the register: the rules across cases, with nothing taken or recorded."""

from __future__ import annotations

from formgen.cases.load import Case, labelled, to_case
from formgen.cases.validation import located
from formgen.errors import InputError, Problem
from formgen.i18n import _
from formgen.output import build_time
from formgen.project import Project
from formgen.register.check import Numbering, evaluate
from formgen.register.ledger import Ledger
from formgen.register.store import Register


def cross_check(project: Project, cases: list[Case]) -> tuple[list[Case], list[InputError], list[Problem]]:
    """The cases with the register's answers (numbers foreseen, not taken), the problems of
    those the rules across cases refuse (each case sees the register and the cases before it),
    and a note at each number the register would give."""
    link = project.register
    assert link is not None
    register = Register(link.url, link.institution)
    ledger = Ledger(register)
    numbering = Numbering(ledger, take=False, formats=dict(link.formats))
    today = build_time().date()
    kept, problems, notes = [], [], []
    try:
        for case in cases:
            if case.derived:
                kept.append(case)
                continue
            found = evaluate(case, project, ledger, numbering, today)
            if found.findings:
                schema = project.catalog.merged_schema(case.forms)  # messages name fields by their titles
                problems.append(InputError(labelled(located(case.record, found.findings), schema)))
                continue
            if not found.answers:
                kept.append(case)
                continue
            notes += _numbers(case, found.answers.numbers, ledger, project)
            # The form's own checks again, with what the register answered (a quarterly cap
            # used up by earlier documents, a number given).
            case.record.answers = found.answers
            try:
                kept.append(to_case(case.record, project))
            except InputError as exc:
                problems.append(exc)
    finally:
        register.close()
    return kept, problems, notes


def _numbers(case: Case, numbers: dict[str, str], ledger: Ledger, project: Project) -> list[Problem]:
    """Where a case's documents get their numbers: the one recorded for them before, or the next
    free one (taken when they are written)."""
    kept = {row.issued.number for form in case.forms if (row := ledger.current(form.id, case.id)) is not None}
    record = case.record
    notes = [Problem(str(record.path), record.line_of(tuple(field.split("."))), field,
                     _("keeps {number}, given when it was issued before").format(number=number) if number in kept
                     else _("would be {number} (the next free number of the register, taken when the documents "
                            "are written)").format(number=number))
             for field, number in numbers.items()]
    return labelled(notes, project.catalog.merged_schema(case.forms))
