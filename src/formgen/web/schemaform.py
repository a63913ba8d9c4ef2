"""A form's fields as the page shows them, read from the same pydantic schema the CLI validates
with: each field's input kind, Polish label and help (the schema's `title` and `description`
when it has them, else the field's name), choices, and the fields of groups and list rows."""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from types import NoneType, UnionType
from typing import Annotated, Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from formgen import fields
from formgen.forms import som_docs

Kind = Literal["text", "longtext", "date", "time", "money", "percent", "int", "pesel", "nip", "regon",
               "krs", "account", "bool", "choice", "multichoice", "group", "list", "textlist", "raw"]

# The field types of formgen.fields are recognised by the validators they carry.
_ALIASES: list[tuple[Any, Kind]] = [
    (fields.Text, "text"), (fields.LongText, "longtext"), (fields.Date, "date"), (som_docs.Time, "time"),
    (fields.Money, "money"), (fields.Percent, "percent"), (fields.Pesel, "pesel"), (fields.Nip, "nip"),
    (fields.Regon, "regon"), (fields.Krs, "krs"), (fields.Account, "account"),
]
_BY_VALIDATOR: dict[int, Kind] = {id(meta): kind for alias, kind in _ALIASES for meta in typing.get_args(alias)[1:]}
_BY_TYPE: dict[Any, Kind] = {str: "text", dt.date: "date", Decimal: "money", int: "int", bool: "bool"}


@dataclass(frozen=True)
class Spec:
    """One field of a form: how to ask for it, and the fields inside it (groups, list rows)."""

    key: str
    kind: Kind
    label: str
    help: str = ""
    required: bool = False
    example: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label) of a choice
    children: tuple[Spec, ...] = ()  # the fields of a group, or of one row of a list
    item_kind: Kind | None = None  # a list of single values (text, date, …)
    min_rows: int = 0
    max_rows: int | None = None

    @property
    def is_list(self) -> bool:
        return self.kind in ("list", "textlist")


@lru_cache(maxsize=64)
def specs(schema: type[BaseModel]) -> tuple[Spec, ...]:
    """The fields of a schema in declaration order."""
    return tuple(spec_of(name, info) for name, info in schema.model_fields.items())


def spec_of(name: str, info: FieldInfo) -> Spec:
    """How one field of a schema is asked for."""
    kind, inner, optional = _unwrap(info.annotation, list(info.metadata))
    base = Spec(key=name, kind="raw", label=info.title or humanize(name), help=info.description or "",
                required=info.is_required() and not optional, example=_example(info))
    origin = typing.get_origin(inner)
    if origin is Literal:
        return replace(base, kind="choice", options=_options(inner))
    if origin is list:
        return _list_spec(inner, info, base)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return replace(base, kind="group", children=specs(inner))
    return replace(base, kind=kind or _BY_TYPE.get(inner, "raw"))


def _list_spec(kind: Any, info: FieldInfo, base: Spec) -> Spec:
    item = typing.get_args(kind)[0] if typing.get_args(kind) else Any
    item_kind, item_inner, _ = _unwrap(item, [])
    rows = replace(base, min_rows=_bound(info, "min_length") or 0, max_rows=_bound(info, "max_length"))
    if typing.get_origin(item_inner) is Literal:
        return replace(base, kind="multichoice", options=_options(item_inner))
    if isinstance(item_inner, type) and issubclass(item_inner, BaseModel):
        return replace(rows, kind="list", children=specs(item_inner))
    scalar = item_kind or _BY_TYPE.get(item_inner)
    if scalar is None:  # e.g. the survey's answers (mappings): carried as data, not edited
        return base
    return replace(rows, kind="textlist", item_kind=scalar)


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Kind | None, Any, bool]:
    """(the formgen field kind, the bare type, whether None is allowed) of an annotation."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, UnionType):
            args = [a for a in typing.get_args(annotation) if a is not NoneType]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return None, Any, optional
            annotation = args[0]
        elif origin is Annotated:
            metadata = [*typing.get_args(annotation)[1:], *metadata]
            annotation = typing.get_args(annotation)[0]
        else:
            break
    kind = next((_BY_VALIDATOR[id(m)] for m in metadata if id(m) in _BY_VALIDATOR), None)
    return kind, annotation, optional


def _options(literal: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), humanize(str(v))) for v in typing.get_args(literal))


def _bound(info: FieldInfo, name: str) -> int | None:
    found = [getattr(m, name) for m in info.metadata if getattr(m, name, None) is not None]
    return int(found[0]) if found else None


def _example(info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    examples = info.examples or extra.get("examples") or []
    return str(examples[0]) if isinstance(examples, list) and examples else ""


def humanize(name: str) -> str:
    """A field name as a label when the schema gives none: 'data_umowy' → 'Data umowy'."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def paths(fields: tuple[Spec, ...], data: Any, prefix: str = "") -> list[str]:
    """The dotted path of every field, group, list and row the page shows for `data`."""
    out: list[str] = []
    for spec in fields:
        path = prefix + spec.key
        out.append(path)
        value = data.get(spec.key) if isinstance(data, dict) else None
        if spec.kind == "group":
            out += paths(spec.children, value, path + ".")
        elif spec.is_list and isinstance(value, list):
            for index, row in enumerate(value):
                out.append(f"{path}.{index}")
                if spec.kind == "list":
                    out += paths(spec.children, row, f"{path}.{index}.")
    return out


def find(fields: tuple[Spec, ...], path: str) -> Spec | None:
    """The spec of a dotted path (list indexes skipped), or None."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    found: Spec | None = None
    for part in parts:
        found = next((s for s in fields if s.key == part), None)
        if found is None:
            return None
        fields = found.children
    return found
