"""Child-protection registers made from many cases: the list of staff who read the standards."""

from __future__ import annotations

from typing import Any

from formgen.forms.types import Collection
from formgen.project import Project


def staff_list_context(register: Collection, project: Project) -> dict[str, Any]:
    """Every staff member's statement as a row of the list, in the order of the input."""
    rows = [s for s in register.pozycje if s.rola == "pracownik"]
    return {"wiersze": rows, "liczba": len(rows)}
