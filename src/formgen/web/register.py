"""The seam to the register of issued documents (issue 11), which the page uses but does not own.

The page starts a case from an earlier one and records the documents it renders through a
`CaseRegister`. Until the register exists, `register_for` returns `NoRegister`: no earlier
cases, and every document is a draft. Connecting the register means returning an object with
these three methods from `register_for` (and nothing else in the web package changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from formgen.cases.load import Case
from formgen.project import Project


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


def register_for(project: Project) -> CaseRegister:
    """The register of the project's workspace (the one function to connect to issue 11)."""
    return NoRegister()
