"""Typing raw records with pydantic schemas and turning every failure into `file:line: field: msg`."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from formgen.cases.source import Loc, Record, dotted
from formgen.cases.yamlread import read_yaml
from formgen.errors import InputError, Problem

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        given = error.get("input")
        text = f"must be one of {allowed}, got '{given}'"
        choices = re.findall(r"'([^']*)'", str(allowed))
        return text + _did_you_mean(str(given), choices) if isinstance(given, str) else text
    msg: str = error["msg"]
    return msg.removeprefix("Value error, ")


def _did_you_mean(given: str, names: list[str]) -> str:
    """'; did you mean 'kwota'?' for the closest of the names (by letters, any case), else ''."""
    close = difflib.get_close_matches(given.casefold(), [n.casefold() for n in names], n=1, cutoff=0.6)
    if not close:
        return ""
    name = next(n for n in names if n.casefold() == close[0])
    return f"; did you mean '{name}'?"


def problems_of(exc: ValidationError, record: Record, offset: Loc = ()) -> list[Problem]:
    """One Problem per pydantic error, located at the line of its field in the record.

    An unknown field next to a missing one of a similar name is one problem, a misspelling:
    "kwtoa: unknown field; did you mean 'kwota'?" (not that, and "kwota: required field is missing").
    """
    errors = [(offset + tuple(p for p in e["loc"] if not _is_union_tag(p)), e) for e in exc.errors()]
    missing = {loc for loc, e in errors if e["type"] == "missing"}
    taken: set[Loc] = set()
    out = []
    for loc, error in errors:
        message = _message(error)
        if error["type"] == "extra_forbidden" and loc:
            siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m not in taken]
            hint = _did_you_mean(str(loc[-1]), siblings)
            if hint:
                taken.add(loc[:-1] + (hint.split("'")[1],))
            message += hint
        out.append((loc, message))
    return [Problem(str(record.file_of(loc)), record.line_of(loc), dotted(loc), message)
            for loc, message in out if loc not in taken]


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts type names (e.g. 'function-before[...]') into locations of unions.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "none"})


def parse(model: type[M], record: Record, data: Any = None) -> M:
    """Validate `data` (default: the whole record) against `model`, or raise all problems."""
    try:
        return model.model_validate(record.data if data is None else data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, record)) from None


def load_file(model: type[M], path: Path) -> M:
    """Read a YAML file and type it with `model` (profiles, parameters, procedures), then run
    the model's own cross-field `findings()`, if it has them: every problem with its line."""
    record = read_yaml(path)[0]
    typed = parse(model, record)
    findings = getattr(typed, "findings", None)
    raise_if(located(record, findings()) if findings else [])
    return typed


def at(record: Record, loc: Loc, message: str) -> Problem:
    """A problem found by a cross-field check, at the line of `loc`."""
    return Problem(str(record.file_of(loc)), record.line_of(loc), dotted(loc), message)


def located(record: Record, found: list[tuple[Loc, str]]) -> list[Problem]:
    """Locate a form check's (loc, message) findings in the record."""
    return [at(record, loc, msg) for loc, msg in found]


def raise_if(problems: list[Problem]) -> None:
    """Raise the problems as one InputError, if there are any."""
    if problems:
        raise InputError(problems)
