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
from formgen.i18n import _, either, ngettext, number, quoted

M = TypeVar("M", bound=BaseModel)


def _message(error: Any) -> str:
    """formgen's own message for a pydantic error, in the user's language; pydantic's English
    text only for the rare kinds not listed here."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "literal_error":
        choices = _choices(str(ctx.get("expected", "")))
        given = error.get("input")
        text = _("must be one of {allowed}, got {given}").format(allowed=either(choices), given=quoted(given))
        close = _closest(str(given), choices) if isinstance(given, str) else None
        return _did_you_mean(text, close) if close else text
    if kind in ("too_short", "too_long"):
        return _length(kind, ctx)
    fixed = _fixed_messages().get(kind)
    if fixed:
        return fixed
    bound = _bound_messages().get(kind)
    if bound:
        key = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt", "less_than": "lt"}[kind]
        return bound.format(limit=number(ctx.get(key, "")))
    if kind in ("string_too_short", "string_too_long"):
        limit = ctx.get("min_length" if kind == "string_too_short" else "max_length", 0)
        if kind == "string_too_short":
            return ngettext("String should have at least {count} character",
                            "String should have at least {count} characters", limit).format(count=limit)
        return ngettext("String should have at most {count} character",
                        "String should have at most {count} characters", limit).format(count=limit)
    msg: str = error["msg"]
    return msg.removeprefix("Value error, ")


def _fixed_messages() -> dict[str, str]:
    """The messages of pydantic's errors that carry no values (translated now, not at import)."""
    return {
        "missing": _("required field is missing"),
        "extra_forbidden": _("unknown field"),
        "string_type": _("Input should be a valid string"),
        "int_type": _("Input should be a valid integer"),
        "int_parsing": _("Input should be a valid integer, unable to parse string as an integer"),
        "int_from_float": _("Input should be a valid integer, got a number with a fractional part"),
        "float_type": _("Input should be a valid number"),
        "float_parsing": _("Input should be a valid number, unable to parse string as a number"),
        "bool_type": _("Input should be a valid boolean"),
        "bool_parsing": _("Input should be a valid boolean, unable to interpret input"),
        "decimal_type": _("Decimal input should be an integer, float, string or Decimal object"),
        "decimal_parsing": _("Input should be a valid decimal"),
        "date_type": _("Input should be a valid date"),
        "list_type": _("Input should be a valid list"),
        "dict_type": _("Input should be a valid dictionary"),
        "model_type": _("Input should be a valid dictionary"),
        "model_attributes_type": _("Input should be a valid dictionary"),
    }


def _bound_messages() -> dict[str, str]:
    return {
        "greater_than_equal": _("Input should be greater than or equal to {limit}"),
        "less_than_equal": _("Input should be less than or equal to {limit}"),
        "greater_than": _("Input should be greater than {limit}"),
        "less_than": _("Input should be less than {limit}"),
    }


def _length(kind: str, ctx: dict[str, Any]) -> str:
    """Too few or too many items of a list (or a mapping), as pydantic says it in English."""
    mapping = ctx.get("field_type") == "Dictionary"
    actual = ctx.get("actual_length")
    if kind == "too_short":
        count = ctx.get("min_length", 0)
        if mapping:
            text = ngettext("Dictionary should have at least {count} item after validation, not {actual}",
                            "Dictionary should have at least {count} items after validation, not {actual}", count)
        else:
            text = ngettext("List should have at least {count} item after validation, not {actual}",
                            "List should have at least {count} items after validation, not {actual}", count)
        return text.format(count=count, actual=actual)
    count = ctx.get("max_length", 0)
    if actual is None:  # pydantic stops counting once past the limit
        if mapping:
            text = ngettext("Dictionary should have at most {count} item after validation, not more",
                            "Dictionary should have at most {count} items after validation, not more", count)
        else:
            text = ngettext("List should have at most {count} item after validation, not more",
                            "List should have at most {count} items after validation, not more", count)
        return text.format(count=count)
    if mapping:
        text = ngettext("Dictionary should have at most {count} item after validation, not {actual}",
                        "Dictionary should have at most {count} items after validation, not {actual}", count)
    else:
        text = ngettext("List should have at most {count} item after validation, not {actual}",
                        "List should have at most {count} items after validation, not {actual}", count)
    return text.format(count=count, actual=actual)


def _choices(expected: str) -> list[str]:
    """The allowed values in pydantic's "'a', 'b' or 'c'" (or "12, 24 or 36")."""
    quoted_values = re.findall(r"'([^']*)'", expected)
    if quoted_values:
        return quoted_values
    return [part.strip() for part in re.split(r",| or ", expected) if part.strip()]


def _closest(given: str, names: list[str]) -> str | None:
    """The closest of the names to `given` (by letters, any case), or None."""
    close = difflib.get_close_matches(given.casefold(), [n.casefold() for n in names], n=1, cutoff=0.6)
    if not close:
        return None
    return next(n for n in names if n.casefold() == close[0])


def _did_you_mean(message: str, name: str) -> str:
    """The message with the suggestion: "unknown field; did you mean 'kwota'?"."""
    return _("{message}; did you mean {name}?").format(message=message, name=quoted(name))


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
            close = _closest(str(loc[-1]), siblings)
            if close:
                taken.add(loc[:-1] + (close,))
                message = _did_you_mean(message, close)
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
