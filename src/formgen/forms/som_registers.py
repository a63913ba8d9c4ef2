"""Child-protection registers made from many cases: the list of staff who read the standards."""

from __future__ import annotations

from typing import Any

from formgen.forms.common import Collection
from formgen.project import Project


def staff_list_context(register: Collection, project: Project) -> dict[str, Any]:
    """Every staff member's statement as a row of the list, in the order of the input."""
    rows = [s for s in register.pozycje if s.rola == "pracownik"]
    return {"wiersze": rows, "liczba": len(rows)}


def incident_register_context(register: Collection, project: Project) -> dict[str, Any]:
    """Every incident card as a register row, numbered in the order of reporting."""
    from formgen.forms.som_docs import EVENT_KINDS

    cards = sorted(register.pozycje, key=lambda c: (c.data_zgloszenia, c.godzina_zgloszenia or "",
                                                   c.zdarzenie.data))
    rows = [{"karta": c, "rodzaje": ", ".join(EVENT_KINDS[k] for k in c.zdarzenie.rodzaj)} for c in cards]
    years = sorted({c.data_zgloszenia.year for c in cards})
    return {"wiersze": rows, "lata": years}
