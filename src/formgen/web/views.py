"""The page's Jinja environment: the same sandbox and filters as the documents, autoescaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import TypeAdapter, ValidationError

from formgen.fields import Date
from formgen.render.env import FILTERS

HERE = Path(__file__).resolve().parent
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DATE: TypeAdapter[dt.date] = TypeAdapter(Date)  # the library's reading of a date


def dom_id(path: str, prefix: str = "f") -> str:
    """An element id for a field path ('poreczyciele.0.imie' → 'f-poreczyciele-0-imie')."""
    return f"{prefix}-{path.replace('.', '-')}" if path else prefix


def iso_date(value: Any) -> str | None:
    """A date value as a date input holds it (2026-11-20), or None when it is not a date."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        day: dt.date = _DATE.validate_python(value)
    except ValidationError:
        return None
    return day.isoformat()


def iso_time(value: Any) -> str | None:
    """A time value as a time input holds it (09:05), or None."""
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def has_value(value: Any) -> bool:
    """Whether a group or list holds anything typed (an optional group opens when it does)."""
    if isinstance(value, dict):
        return any(has_value(v) for v in value.values())
    if isinstance(value, list):
        return any(has_value(v) for v in value)
    return value is not None and str(value).strip() != ""


def errors_under(errors: dict[str, list[str]], path: str) -> bool:
    """Whether any problem is shown at `path` or inside it (an optional group then opens)."""
    return any(key == path or key.startswith(path + ".") for key in errors)


def rows_of(value: Any) -> list[Any]:
    """The rows of a list field's value (nothing when it is no list)."""
    return value if isinstance(value, list) else []


def templates() -> Jinja2Templates:
    """The page templates in a sandboxed, autoescaping, strict environment."""
    env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    env.globals.update(dom_id=dom_id, iso_date=iso_date, iso_time=iso_time, has_value=has_value,
                       errors_under=errors_under, rows_of=rows_of)
    return Jinja2Templates(env=env)
