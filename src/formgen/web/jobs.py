"""What the page's render processes run: module-level functions of picklable arguments."""

from __future__ import annotations

import time

from formgen.cases.load import to_case
from formgen.cases.source import Record
from formgen.errors import Problem
from formgen.pipeline import check
from formgen.project import Setup


def dry_run(setup: Setup, record: Record) -> list[Problem]:
    """What `formgen validate` reports beyond the schema: every document rendered in memory."""
    project = setup.project()
    case = to_case(record, project)
    return [problem for error in check(project, [case]) for problem in error.problems]


def sleep(seconds: float) -> float:
    """A job that takes `seconds` (the tests of the time limit use it)."""
    time.sleep(seconds)
    return seconds
