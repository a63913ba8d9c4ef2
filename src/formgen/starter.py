"""A starter case for a form, generated from its schema so it never drifts from it."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

_PLACEHOLDER = {dt.date: "2026-01-31", Decimal: "0.00", int: "0", bool: "false", str: '""'}


def starter_yaml(form_id: str, model: type[BaseModel]) -> str:
    """YAML text with every field of `model`, a placeholder value and a comment."""
    lines = [f"form: {form_id}", "id: nowa-sprawa-001   # case id: letters, digits, '-', '_', '.'"]
    lines += _fields(model, 0)
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], depth: int) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        out += _field(name, info, depth)
    return out


def _field(name: str, info: FieldInfo, depth: int) -> list[str]:
    pad = "  " * depth
    kind = _strip_optional(info.annotation)
    note = "required" if info.is_required() else "optional"
    if typing.get_origin(kind) is list:
        item = typing.get_args(kind)[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            body = _fields(item, depth + 2)
            body[0] = f"{pad}  - {body[0].lstrip()}"
            return [f"{pad}{name}:   # {note}, a list", *body]
        return [f"{pad}{name}: []   # {note}, a list of {_describe(item)}"]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return [f"{pad}{name}:   # {note}", *_fields(kind, depth + 1)]
    return [f"{pad}{name}: {_value(kind)}   # {note}, {_describe(kind)}"]


def _strip_optional(kind: Any) -> Any:
    if typing.get_origin(kind) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(kind) if a is not NoneType]
        return args[0] if len(args) == 1 else kind
    if typing.get_origin(kind) is typing.Annotated:
        return typing.get_args(kind)[0]
    return kind


def _value(kind: Any) -> str:
    if typing.get_origin(kind) is typing.Literal:
        return str(typing.get_args(kind)[0])
    return _PLACEHOLDER.get(_strip_optional(kind), '""')


def _describe(kind: Any) -> str:
    kind = _strip_optional(kind)
    if typing.get_origin(kind) is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(kind))
    names = {dt.date: "date (2026-01-31 or 31.01.2026)", Decimal: "amount or number", int: "whole number",
             bool: "true or false", str: "text"}
    return names.get(kind, getattr(kind, "__name__", str(kind)))
