"""Child-protection intervention procedures: steps are data (see params.InterventionProcedures),
this module only codes and selects them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import ascii_lowercase

from formgen.i18n import _, ngettext


@dataclass(frozen=True)
class Step:
    """One step of a procedure, coded 'a', 'b', 'c', … in order."""

    code: str
    text: str


@dataclass(frozen=True)
class Procedure:
    """What to do when a given person (suspect) is suspected of a given harm."""

    suspect: str
    harm: str
    title: str
    steps: tuple[Step, ...]


def make_procedure(suspect: str, harm: str, title: str, texts: list[str]) -> Procedure:
    """A procedure whose steps are coded a, b, c … in the order given (at most 26)."""
    if len(texts) > len(ascii_lowercase):
        raise ValueError(ngettext("at most {count} step (coded a to z)", "at most {count} steps (coded a to z)",
                                  len(ascii_lowercase)).format(count=len(ascii_lowercase)))
    steps = tuple(Step(code, text.strip()) for code, text in zip(ascii_lowercase, texts, strict=False))
    return Procedure(suspect=suspect, harm=harm, title=title.strip(), steps=steps)


def required_steps(
    procedures: Mapping[tuple[str, str], Procedure], suspect: str, harm: str
) -> Procedure:
    """Return the procedure for a suspect and a harm, or raise ValueError listing the known ones."""
    try:
        return procedures[(suspect, harm)]
    except KeyError:
        known = ", ".join(f"{s}/{h}" for s, h in procedures) or _("none")
        raise ValueError(
            _("no procedure for suspect '{suspect}' and harm '{harm}'; known: {known}").format(
                suspect=suspect, harm=harm, known=known)
        ) from None
