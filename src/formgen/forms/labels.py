"""The Polish label of a field, found by its location in a case schema.

Every field of every case schema carries its label: a `title` (as the form prints it) and a
`description` (what to enter, the unit, the allowed values), and often `examples`, declared
with pydantic's `Field`. Messages, starter files and the JSON Schema read them from there.

A location is what pydantic and the form checks report: `("pozyczkobiorca", "pesel")`,
`("rodzina", 1, "dochod")`. List indexes are skipped, `Optional[...]` and unions unwrapped,
and the keys of a free-form mapping (the survey's answers) belong to the mapping's field.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from types import NoneType, UnionType
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel
from pydantic.fields import FieldInfo

Location = Sequence[str | int]
_SEQUENCES = (list, tuple, set, frozenset)


class FieldLabel(NamedTuple):
    """A field's Polish title and description."""

    title: str
    description: str


def find_field(schema: type[BaseModel], loc: Location | str) -> FieldInfo | None:
    """The field at `loc` (a tuple, or a dotted path such as "rodzina.1.dochod") in `schema`;
    None when the location names no field of it."""
    parts = tuple(loc.split(".")) if isinstance(loc, str) else tuple(loc)
    # pydantic puts type names of union members in locations, e.g. 'function-before[...]'
    parts = tuple(p for p in parts if not (isinstance(p, str) and "[" in p))
    return _resolve(schema, parts, None) if parts else None


def field_info(schema: type[BaseModel], loc: Location | str) -> FieldLabel | None:
    """(title, description) of the field at `loc`, or None when the location names no field."""
    info = find_field(schema, loc)
    if info is None:
        return None
    return FieldLabel(info.title or _last_name(loc), info.description or "")


def field_examples(schema: type[BaseModel], loc: Location | str) -> list[Any]:
    """The examples of the field at `loc` (empty when it has none or there is no such field)."""
    info = find_field(schema, loc)
    extra = info.json_schema_extra if info is not None else None
    examples = extra.get("examples") if isinstance(extra, dict) else None
    return list(examples) if isinstance(examples, list) else []


def label(schema: type[BaseModel], loc: Location | str) -> str:
    """The field's title with its code path, "Numer PESEL (pozyczkobiorca.pesel)"; the bare
    path when the location names no field."""
    path = loc if isinstance(loc, str) else ".".join(str(part) for part in loc)
    found = field_info(schema, loc)
    return f"{found.title} ({path})" if found else path


def _last_name(loc: Location | str) -> str:
    parts = loc.split(".") if isinstance(loc, str) else loc
    return next((str(p) for p in reversed(parts) if isinstance(p, str) and not p.isdigit()), "")


def _is_index(part: str | int) -> bool:
    return isinstance(part, int) or part.isdigit()


def _resolve(kind: Any, loc: tuple[str | int, ...], found: FieldInfo | None) -> FieldInfo | None:
    """Follow `loc` through the type `kind`; `found` is the field reached so far."""
    if not loc:
        return found
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Annotated:
        return _resolve(args[0], loc, found)
    if origin in (typing.Union, UnionType):
        hits = (_resolve(arg, loc, found) for arg in args if arg is not NoneType)
        return next((hit for hit in hits if hit is not None), None)
    if origin in _SEQUENCES:
        item = args[0] if args else Any
        return _resolve(item, loc[1:] if _is_index(loc[0]) else loc, found)
    if origin is dict:  # a free-form key belongs to the mapping's field; the value's follow it
        return _resolve(args[1] if len(args) == 2 else Any, loc[1:], found)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        head = loc[0]
        if _is_index(head):  # an index where no list is: not a location in this schema
            return None
        info = kind.model_fields.get(str(head))
        return None if info is None else _resolve(info.annotation, loc[1:], info)
    return None
